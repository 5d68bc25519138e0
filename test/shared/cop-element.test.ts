import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { clearFeedCache, type Feed } from '../../src/core/feed.js';
import { CopElement } from '../../src/shared/cop-element.js';
import { demoFeedUrl, jsonUrl, minimalFeed } from '../fixtures.js';
import { WAIT } from '../waits.js';

/** The smallest widget: shows the programme's title once the feed is ready. */
class TitleWidget extends CopElement {
  protected override renderFeed(feed: Feed) {
    return litHtml`<p>${feed.programme.title}</p>`;
  }
}
TitleWidget.define('cop-test-title');

const shadowText = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function captureWarnings() {
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  return { warnings, restore: () => (console.warn = original) };
}

describe('CopElement', () => {
  afterEach(() => clearFeedCache());

  describe('define()', () => {
    it('registers a free tag', () => {
      expect(customElements.get('cop-test-title')).to.equal(TitleWidget);
    });

    it('never throws when the tag is taken, and warns only for another class', () => {
      const capture = captureWarnings();
      try {
        expect(() => TitleWidget.define('cop-test-title')).not.to.throw();
        expect(capture.warnings).to.have.length(0);
        class OtherVersion extends CopElement {
          static override version = '9.9.9';
        }
        expect(() => OtherVersion.define('cop-test-title')).not.to.throw();
        expect(customElements.get('cop-test-title')).to.equal(TitleWidget);
        expect(capture.warnings).to.have.length(1);
        expect(capture.warnings[0]).to.contain('<cop-test-title> is already defined');
      } finally {
        capture.restore();
      }
    });

    it('warns instead of throwing for a name the browser refuses', () => {
      const capture = captureWarnings();
      try {
        class Invalid extends CopElement {}
        expect(() => Invalid.define('notvalid')).not.to.throw();
        expect(capture.warnings[0]).to.contain('<notvalid> could not be registered');
      } finally {
        capture.restore();
      }
    });
  });

  it('renders the feed given as a property', async () => {
    const el = await fixture<TitleWidget>(html`<cop-test-title .feed=${minimalFeed()}></cop-test-title>`);
    expect(shadowText(el)).to.equal('CoP Test');
  });

  it('loads the feed named by src, saying it is loading meanwhile', async () => {
    const el = await fixture<TitleWidget>(
      html`<cop-test-title src=${demoFeedUrl('bindende-afspraken')}></cop-test-title>`,
    );
    expect(el.shadowRoot!.querySelector('[role="status"]')?.textContent).to.equal('Bezig met laden…');
    await waitUntil(() => el.feedState.status === 'ready', 'the feed did not load', WAIT);
    expect(shadowText(el)).to.equal('CoP Bindende afspraken voor Onderwijs, Jeugd en Zorg');
  });

  it('shows an invalid feed as a readable, accessible error and fires cop-feed-error', async () => {
    const el = document.createElement('cop-test-title') as TitleWidget;
    const bad = {
      ...minimalFeed(),
      sessions: [{ id: 's1', title: 'Kapot', start: 'morgen', end: '2020-03-02T17:00:00+01:00' }],
    };
    el.src = jsonUrl(bad);
    const errorEvent = oneEvent(el, 'cop-feed-error');
    document.body.append(el);
    try {
      const { detail } = await errorEvent;
      expect(detail.error.kind).to.equal('schema');
      await el.updateComplete;
      const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent).to.contain('Dit onderdeel kan niet worden getoond');
      expect(alert.textContent).to.contain('Het programma bevat een fout:');
      expect(alert.textContent).to.contain('sessions[0].start is geen datum en tijd met tijdzone');
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
    }
  });

  it('caps a long list of problems and counts the rest', async () => {
    const sessions = Array.from({ length: 14 }, (_, i) => ({ id: `s${i}` }));
    const el = await fixture<TitleWidget>(
      html`<cop-test-title .feed=${{ ...minimalFeed(), sessions }}></cop-test-title>`,
    );
    const items = [...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent?.trim());
    // 14 sessions × (title, start, end) missing = 42 problems: 10 shown, 32 counted.
    expect(items).to.have.length(11);
    expect(items.at(-1)).to.equal('en nog 32 fouten');
  });

  it('speaks English with lang="en" on the element or an ancestor', async () => {
    const wrapper = await fixture(
      html`<div lang="en-GB"><cop-test-title .feed=${{ version: 2 }}></cop-test-title></div>`,
    );
    const el = wrapper.querySelector<TitleWidget>('cop-test-title')!;
    await el.updateComplete;
    expect(shadowText(el)).to.contain('This part cannot be shown');
    expect(shadowText(el)).to.contain('version must be one of: 1');
    el.lang = 'nl';
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Dit onderdeel kan niet worden getoond');
  });

  it('offers to try again after a network error, and recovers', async () => {
    const original = window.fetch;
    let failing = true;
    window.fetch = (input, init) => (failing ? Promise.reject(new TypeError('offline')) : original(input, init));
    try {
      const el = await fixture<TitleWidget>(
        html`<cop-test-title src=${demoFeedUrl('cop-monitoring')}></cop-test-title>`,
      );
      await waitUntil(() => el.feedState.status === 'error', 'no error state', WAIT);
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Controleer de internetverbinding');
      await expect(el).to.be.accessible();
      failing = false;
      el.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => el.feedState.status === 'ready', 'the feed did not load', WAIT);
      await el.updateComplete;
      expect(shadowText(el)).to.equal('CoP Monitoring');
    } finally {
      window.fetch = original;
    }
  });

  it('says so when it was given no feed at all', async () => {
    const el = await fixture<TitleWidget>(html`<cop-test-title></cop-test-title>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain('Er is geen programma opgegeven');
  });

  it('fires its events out of the shadow root, typed', async () => {
    class Emitter extends CopElement {
      fire() {
        return this.emit('cop-feed-error', { error: undefined as never, src: 'x' });
      }
    }
    Emitter.define('cop-test-emitter');
    const outer = await fixture(html`<section><cop-test-emitter></cop-test-emitter></section>`);
    const el = outer.querySelector('cop-test-emitter') as Emitter;
    setTimeout(() => el.fire());
    const event = await oneEvent(outer, 'cop-feed-error');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.src).to.equal('x');
  });
});
