import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { minimalFeed } from '../fixtures.js';
import { WAIT } from '../waits.js';

/**
 * Classic zod compiles a fast object parser with `new Function`, after probing once whether it
 * may; under a host page's `script-src 'self'` (no 'unsafe-eval') that probe is blocked and
 * reported as a `securitypolicyviolation`, which the page's CSP reporting would count against
 * us. zod/mini (what src/feed uses) has no such parser, so nothing needs configuring: this file
 * proves it. The page gets such a policy before anything of ours (or zod) is imported, then
 * loads every widget and validates feeds: no eval may be attempted. The last test shows that
 * the same check does see classic zod's probe.
 *
 * Nothing in this file imports zod or a widget statically: the policy must be in force before
 * the modules are evaluated, so they are loaded with `import()` after it is set.
 */
const violations: SecurityPolicyViolationEvent[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(event));

before(() => {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  // The test runner's own page script is inline, so 'unsafe-inline' stays; eval is what is refused.
  meta.content = "script-src 'self' 'unsafe-inline'";
  document.head.append(meta);
});

const evalViolations = () =>
  violations.filter((v) => v.blockedURI === 'eval' || v.violatedDirective.startsWith('script-src'));

describe('under a Content-Security-Policy without unsafe-eval', () => {
  it('refuses eval on this page, so the check below can see an attempt', async () => {
    expect(() => new Function('return 1')).to.throw(EvalError);
    await waitUntil(() => evalViolations().length > 0, 'the policy reported no violation for new Function', WAIT);
    violations.length = 0;
  });

  it('loads every widget and validates feeds without attempting eval', async function () {
    // The first import of every widget compiles the whole module graph on the test server.
    this.timeout(30_000);
    const feedModule = await import('../../src/core/feed.js');
    await Promise.all([
      import('../../src/session-calendar/session-calendar.js'),
      import('../../src/enrolment-form/enrolment-form.js'),
      import('../../src/region-map/region-map.js'),
      import('../../src/principle-poll/principle-poll.js'),
    ]);
    const feed = feedModule.parseFeed(minimalFeed());
    expect(feed.sessions[0]!.title).to.equal('Bijeenkomst 1');
    expect(() => feedModule.parseFeed({ ...minimalFeed(), version: 2 })).to.throw(feedModule.FeedError);
    const el = await fixture(html`<cop-session-calendar .feed=${minimalFeed()}></cop-session-calendar>`);
    await waitUntil(() => el.shadowRoot?.textContent?.includes('Bijeenkomst 1'), 'the calendar did not render', WAIT);
    // Violations are reported asynchronously: give them a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      evalViolations().map((v) => `${v.violatedDirective} ${v.blockedURI} ${v.sourceFile}:${v.lineNumber}`),
    ).to.deep.equal([]);
  });

  it('would see it if a schema were built with classic zod, which probes for eval', async () => {
    violations.length = 0;
    const classic = await import('zod');
    expect(classic.object({ title: classic.string() }).parse({ title: 'Bijeenkomst' })).to.deep.equal({
      title: 'Bijeenkomst',
    });
    await waitUntil(() => evalViolations().length > 0, 'classic zod probed without a violation being seen', WAIT);
  });
});
