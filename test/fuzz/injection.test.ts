import { expect, waitUntil } from '@open-wc/testing';
import { clearFeedCache, FeedError, parseFeed, type FeedInput } from '../../src/core/feed.js';
import type { CopElement } from '../../src/shared/cop-element.js';
import { feedUrl } from '../reference-server.js';
import { guardPage, type PageGuard } from './page-guard.js';
import { allWidgets, everythingFeed } from './widgets.js';
import { WAIT } from '../waits.js';

declare global {
  interface Window {
    /** What every payload below would set if it ran. */
    copInjected?: unknown;
  }
}

/** Markup, script and template syntax in feed text; each would set window.copInjected if it ever ran. */
const PAYLOADS = [
  '<img src=x onerror="window.copInjected=1">',
  '<script>window.copInjected=2</script>',
  '</style><img src=x onerror=window.copInjected=3>',
  '"><svg onload=window.copInjected=4>',
  `'><iframe srcdoc="<script>parent.copInjected=5</script>"></iframe>`,
  'javascript:window.copInjected=6',
  '<a href="javascript:window.copInjected=7">klik hier</a>',
  '${window.copInjected=8}',
  '{{constructor.constructor("window.copInjected=9")()}}',
  '<!--<img src=x onerror=window.copInjected=10>-->',
  '<style>*{display:none}</style><b>vet</b> &lt;b&gt; &amp;',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.copInjected=11>',
];

/** Every field of the feed a visitor reads as text. */
const TEXT_KEYS = new Set([
  'title',
  'organiser',
  'description',
  'name',
  'address',
  'role',
  'organisation',
  'label',
  'question',
  'minLabel',
  'maxLabel',
]);

/** A copy of `feed` with every readable text replaced by `payload`. */
function withText(feed: unknown, payload: string): FeedInput {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [
          key,
          TEXT_KEYS.has(key) && typeof value === 'string' ? payload : walk(value),
        ]),
      );
    }
    return node;
  };
  return walk(feed) as FeedInput;
}

/** Elements that would run or load something, event-handler attributes, and links with another scheme than ours. */
function activeContent(root: ShadowRoot): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (/^(script|img|iframe|object|embed|frame|math|template)$/.test(element.localName))
      found.push(`<${element.localName}>`);
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) found.push(`${element.localName}[${attribute.name}]`);
    }
    const href = element.getAttribute('href');
    if (href !== null && !/^(https?:|mailto:|tel:|blob:|#)/i.test(href))
      found.push(`${element.localName}[href=${href}]`);
  }
  return found;
}

const shown = (el: CopElement) => el.shadowRoot!.textContent!;

describe('feed text with HTML or script', () => {
  let guard: PageGuard;
  let pollFeed: unknown;

  before(async () => {
    guard = guardPage();
    // The poll from the reference server: results always visible, so its principle titles show twice.
    pollFeed = await (await fetch(feedUrl('poll-always'), { cache: 'no-store' })).json();
  });

  after(() => {
    guard.stop();
    localStorage.clear();
    sessionStorage.clear();
    clearFeedCache();
  });

  for (const payload of PAYLOADS) {
    it(`shows ${JSON.stringify(payload)} as text in every widget and runs nothing`, async () => {
      const widgets = await allWidgets();
      const [calendar, form, map, poll] = widgets as [CopElement, CopElement, CopElement, CopElement];
      for (const el of [calendar, form, map]) el.feed = withText(everythingFeed(), payload);
      poll.feed = withText(pollFeed, payload);
      for (const el of widgets) await el.updateComplete;
      await waitUntil(() => poll.shadowRoot!.querySelector('.results'), 'the poll showed no results', WAIT);
      // Open what the visitor can open: the calendar's add-to-calendar panel and the map's first region.
      calendar.shadowRoot!.querySelector<HTMLElement>('details.add summary')!.click();
      await waitUntil(() => map.shadowRoot!.querySelector('[data-code="JZ21"]'), 'the map was not drawn', WAIT);
      map.shadowRoot!.querySelector<SVGElement>('[data-code="JZ21"]')!.focus();
      for (const el of widgets) await el.updateComplete;
      // Long enough for an <img src=x> to fail to load and fire its onerror.
      await new Promise((resolve) => setTimeout(resolve, 150));

      // The calendar links come in a chunk of their own, fetched when the panel first opens.
      await waitUntil(
        () => calendar.shadowRoot!.querySelector('.add__options a[href^="https://calendar.google.com"]'),
        'the add-to-calendar panel did not open',
        WAIT,
      );
      expect(map.shadowRoot!.querySelector('.panel')!.textContent, 'the map panel shows no facilitator').to.contain(
        payload,
      );
      for (const el of widgets) {
        expect(el.feedState.status, el.localName).to.equal('ready');
        expect(shown(el), `${el.localName} does not show the text literally`).to.contain(payload);
        expect(activeContent(el.shadowRoot!), el.localName).to.deep.equal([]);
      }
      expect(window.copInjected, 'a payload ran').to.equal(undefined);
      expect(
        document.querySelectorAll('img, iframe, script:not([src])').length,
        'something landed in the page',
      ).to.equal(document.querySelectorAll('script:not([src])').length);
      guard.assertClean(payload);
    });
  }
});

/** Every link or endpoint in the feed, and how to put a value there. */
const URL_FIELDS: { path: string; kind: 'link' | 'endpoint'; set: (feed: FeedInput, value: string) => void }[] = [
  { path: 'programme.url', kind: 'link', set: (f, v) => (f.programme.url = v) },
  { path: 'programme.privacyUrl', kind: 'link', set: (f, v) => (f.programme.privacyUrl = v) },
  {
    path: 'sessions[1].location.url',
    kind: 'link',
    set: (f, v) => (f.sessions[1]!.location = { name: 'Teams', online: true, url: v }),
  },
  { path: 'enrolment.endpoint', kind: 'endpoint', set: (f, v) => (f.enrolment!.endpoint = v) },
  { path: 'poll.endpoint', kind: 'endpoint', set: (f, v) => (f.poll!.endpoint = v) },
];

/** Ways to smuggle a script or foreign document in through a URL: case, whitespace, control characters, entities, encodings. */
const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  '\tjavascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  'java\u0000script:alert(1)',
  '\u0001javascript:alert(1)',
  '\u00a0javascript:alert(1)',
  '\u200bjavascript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'javascript&colon;alert(1)',
  '%6Aavascript:alert(1)',
  'javascript://example.org/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  ' data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'blob:https://evil.example/0b5e6c1a',
  'file:///etc/passwd',
  'ftp://example.org/feed',
  'https:evil.example',
  'https:/evil.example',
  '//evil.example/api',
  '/\\evil.example/api',
  '\\\\evil.example\\api',
  'tel:+31612345678',
];

const refusal = (kind: 'link' | 'endpoint', lang: 'nl' | 'en') =>
  ({
    link: {
      nl: 'moet een link zijn die begint met https://, http:// of mailto:',
      en: 'must be a link starting with https://, http:// or mailto:',
    },
    endpoint: {
      nl: 'moet een http(s)-adres zijn of een pad zoals /api/…',
      en: 'must be an http(s) address or a path such as /api/…',
    },
  })[kind][lang];

function problems(feed: FeedInput): { nl: string[]; en: string[] } {
  try {
    parseFeed(feed);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    return { nl: error.describe('nl').slice(1), en: error.describe('en').slice(1) };
  }
  return { nl: [], en: [] };
}

describe('links and endpoints in the feed', () => {
  const base = () => {
    const feed = everythingFeed();
    feed.enrolment!.endpoint = '/api/programmes/cop-test/enrolments';
    feed.poll!.endpoint = '/api/polls/poll-alles';
    return feed;
  };

  it(`refuses ${HOSTILE_URLS.length} script, data and disguised URLs in every link and endpoint, naming the field`, () => {
    expect(() => parseFeed(base()), 'the base feed').not.to.throw();
    let tried = 0;
    for (const field of URL_FIELDS) {
      for (const url of HOSTILE_URLS) {
        const feed = base();
        field.set(feed, url);
        const found = problems(feed);
        expect(found.nl, `${field.path} = ${JSON.stringify(url)}`).to.deep.equal([
          `${field.path} ${refusal(field.kind, 'nl')}`,
        ]);
        expect(found.en).to.deep.equal([`${field.path} ${refusal(field.kind, 'en')}`]);
        tried += 1;
      }
    }
    expect(tried).to.equal(URL_FIELDS.length * HOSTILE_URLS.length);
  });

  it('takes https, http and mailto links, and http(s) or same-server endpoints', () => {
    const fine = {
      link: [
        'https://www.nji.nl/cop',
        'HTTP://example.org',
        'mailto:cop@example.org',
        'mailto:cop@example.org?subject=Aanmelden',
      ],
      endpoint: [
        'https://api.example.org/enrol',
        '/api/programmes/cop-test/enrolments',
        './enrolments',
        '../api/polls/p',
      ],
    };
    for (const field of URL_FIELDS) {
      for (const url of fine[field.kind]) {
        const feed = base();
        field.set(feed, url);
        expect(problems(feed).en, `${field.path} = ${url}`).to.deep.equal([]);
      }
    }
  });

  it('refuses e-mail addresses that would add headers or a script to a mailto: link', () => {
    for (const email of [
      'a@example.org?bcc=iedereen@example.org',
      'javascript:alert(1)//@example.org',
      'a@example.org\nBcc: b@example.org',
      '<a@example.org>',
      'a@example.org&body=x',
    ]) {
      const feed = base();
      feed.programme.contact.email = email;
      feed.enrolment!.contactEmail = email;
      feed.facilitators![0]!.email = email;
      expect(problems(feed).en, email).to.deep.equal([
        'programme.contact.email is not a valid e-mail address',
        'facilitators[0].email is not a valid e-mail address',
        'enrolment.contactEmail is not a valid e-mail address',
      ]);
    }
  });

  it('makes a tel: link of a facilitator’s phone number from its digits only, and refuses other characters', async () => {
    const [, , map] = await allWidgets();
    map!.feed = everythingFeed();
    map!.setAttribute('view', 'list');
    await waitUntil(() => map!.shadowRoot!.querySelector('a[href^="tel:"]'), 'no phone link in the list', WAIT);
    expect(map!.shadowRoot!.querySelector('a[href^="tel:"]')!.getAttribute('href')).to.equal('tel:+31612345678');
    for (const phone of ['javascript:alert(1)', '+31 6 1234 5678;ext=<b>', '06-12345678\n']) {
      const feed = everythingFeed();
      feed.facilitators![0]!.phone = phone;
      expect(problems(feed).nl, phone).to.deep.equal(['facilitators[0].phone is geen geldig telefoonnummer']);
    }
  });
});
