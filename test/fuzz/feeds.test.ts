import { expect, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import {
  clearFeedCache,
  FeedError,
  formatPath,
  issueText,
  parseFeed,
  type Feed,
  type FeedInput,
} from '../../src/core/feed.js';
import { enrolmentStatus } from '../../src/core/enrolment-status.js';
import type { CopElement } from '../../src/shared/cop-element.js';
import type { Lang } from '../../src/core/messages.js';
import { jsonUrl, minimalFeed } from '../fixtures.js';
import { feedUrl } from '../reference-server.js';
import { mutatedFeed, PROTOTYPE_NAMES } from './mutations.js';
import { guardPage, type PageGuard } from './page-guard.js';
import { allWidgets, baseFeeds, everythingFeed } from './widgets.js';
import { WAIT } from '../waits.js';

/** How many feeds each test breaks; the totals are printed at the end of the file. */
const PARSED = 3_000;
const RENDERED = 100; // each through all four widgets
const RENDERED_VALID = 150; // of the feeds the first test found still valid: the widgets' own code gets the odd ones
const SERVED = 25; // each through all four widgets, from a URL

const ERROR_TITLE: Record<Lang, string> = {
  nl: 'Dit onderdeel kan niet worden getoond',
  en: 'This part cannot be shown',
};
/** A message line longer than this would bury the page; ids and paths are short. */
const MAX_LINE = 400;

/** Mutated feeds the schema still accepts (an id renamed to "constructor", an optional field gone…). */
const stillValid: string[] = [];

const counts = { parsed: 0, parsedValid: 0, rendered: 0, renderedValid: 0, served: 0, errorsShown: 0 };

/** What the schema says about `data`: the feed, or the error the visitor should see. */
function verdict(data: unknown): { feed: Feed } | { error: FeedError } {
  try {
    return { feed: parseFeed(data) };
  } catch (error) {
    // Anything but a schema error (a TypeError from a rule, say) is a crash, and fails here.
    if (!(error instanceof FeedError) || error.kind !== 'schema') throw error;
    return { error };
  }
}

/** No object in the parsed feed carries a `__proto__` of its own or a foreign prototype (plain checks: this runs on every node). */
function assertPlain(value: unknown, path = 'feed'): void {
  if (Array.isArray(value)) value.forEach((item, i) => assertPlain(item, `${path}[${i}]`));
  else if (value && typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`${path} has a foreign prototype`);
    if (Object.hasOwn(value, '__proto__')) throw new Error(`${path} has an own __proto__`);
    for (const [key, item] of Object.entries(value)) assertPlain(item, `${path}.${key}`);
  }
}

/** Every line a visitor would read is short text without "undefined" or "[object Object]". */
function assertReadable(error: FeedError): void {
  if (error.issues.length === 0) throw new Error('a schema error without issues');
  for (const lang of ['nl', 'en'] as const) {
    for (const line of error.describe(lang)) {
      if (typeof line !== 'string' || /undefined|\[object |^\s*$/.test(line))
        throw new Error(`an unreadable message: ${line}`);
      if (line.length > MAX_LINE) throw new Error(`a message of ${line.length} characters: ${line.slice(0, 200)}…`);
    }
  }
}

/** The widget shows the programme, or a readable error in its language naming the first wrong field. */
async function expectShown(
  el: CopElement,
  expected: ReturnType<typeof verdict>,
  lang: Lang,
  errors?: number,
): Promise<void> {
  await el.updateComplete;
  const root = el.shadowRoot!;
  const alert = root.querySelector('.state--error');
  if ('feed' in expected) {
    expect(el.feedState.status, `${el.localName} did not take a valid feed`).to.equal('ready');
    expect(alert, `${el.localName} shows an error for a valid feed`).to.equal(null);
    expect(root.querySelector('section, form, div, p'), `${el.localName} rendered nothing`).to.not.equal(null);
    return;
  }
  const [first] = expected.error.issues;
  expect(el.feedState.status, el.localName).to.equal('error');
  expect(alert?.getAttribute('role'), `${el.localName} has no alert`).to.equal('alert');
  const text = alert!.textContent!.replace(/\s+/g, ' ');
  expect(text).to.contain(ERROR_TITLE[lang]);
  expect(text, `${el.localName} does not name the field`).to.contain(
    `${formatPath(first!.path)} ${issueText(first!, lang)}`,
  );
  if (errors !== undefined) expect(errors, `${el.localName} fired no cop-feed-error`).to.equal(1);
}

describe('fuzzed feeds', () => {
  let bases: unknown[];
  let guard: PageGuard;

  before(async () => {
    bases = await baseFeeds();
    guard = guardPage();
  });

  after(() => {
    guard.stop();
    localStorage.clear();
    sessionStorage.clear();
    console.log(
      `feeds fuzzed: ${counts.parsed} validated (${counts.parsedValid} still valid), ` +
        `${counts.rendered} rendered in all four widgets (${counts.renderedValid} valid), ${counts.served} served from a URL; ` +
        `${counts.errorsShown} error messages checked on screen`,
    );
  });

  afterEach(() => clearFeedCache());

  it(`rejects ${PARSED} malformed feeds with a FeedError naming each field in Dutch and English, and never crashes`, function () {
    // A few seconds on an idle machine; room for a busy CI runner.
    this.timeout(60_000);
    fc.assert(
      fc.property(mutatedFeed(bases), (text) => {
        const result = verdict(JSON.parse(text));
        counts.parsed += 1;
        if ('feed' in result) {
          counts.parsedValid += 1;
          stillValid.push(text);
          assertPlain(result.feed);
        } else assertReadable(result.error);
        guard.assertClean(text.slice(0, 2_000));
      }),
      { numRuns: PARSED, includeErrorInReport: true },
    );
    // Most mutations break the feed; some (an optional field removed, an id renamed) leave it valid.
    expect(counts.parsedValid)
      .to.be.above(0)
      .and.below(PARSED / 2);
  });

  it(`shows ${RENDERED} malformed feeds and ${RENDERED_VALID} odd but valid ones in every widget as the programme or a readable error, in Dutch or English`, async function () {
    this.timeout(60_000);
    const widgets = await allWidgets();
    const errors = new Map<EventTarget, number>();
    for (const el of widgets) el.addEventListener('cop-feed-error', () => errors.set(el, (errors.get(el) ?? 0) + 1));
    const show = async (text: string, lang: Lang) => {
      const expected = verdict(JSON.parse(text));
      for (const el of widgets) {
        errors.set(el, 0);
        el.lang = lang;
        el.feed = JSON.parse(text) as Feed;
        await el.updateComplete;
        await expectShown(el, expected, lang, errors.get(el)!);
      }
      counts.rendered += 1;
      if ('feed' in expected) counts.renderedValid += 1;
      else counts.errorsShown += widgets.length;
      guard.assertClean(text.slice(0, 2_000));
    };
    await fc.assert(fc.asyncProperty(mutatedFeed(bases), fc.constantFrom<Lang>('nl', 'en'), show), {
      numRuns: RENDERED,
      includeErrorInReport: true,
    });
    for (const [index, text] of stillValid.slice(0, RENDERED_VALID).entries())
      await show(text, index % 2 ? 'en' : 'nl');
    // Requests a widget started for the last feeds (poll results) settle without a word to the page.
    await new Promise((resolve) => setTimeout(resolve, 300));
    guard.assertClean();
  });

  it(`says the same for ${SERVED} malformed feeds served from a URL, and for files that are not JSON`, async () => {
    const widgets = await allWidgets();
    const notJson = ['', '{', '{"version": 1,', '<!doctype html><h1>502 Bad Gateway</h1>', "{'version': 1}", '\u0000'];
    const texts = [...fc.sample(mutatedFeed(bases), SERVED), ...notJson];
    for (const [index, text] of texts.entries()) {
      const url = jsonUrl(text);
      const lang: Lang = index % 2 ? 'en' : 'nl';
      let expected: ReturnType<typeof verdict> | undefined;
      try {
        expected = verdict(JSON.parse(text));
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
      for (const el of widgets) {
        el.lang = lang;
        el.feed = undefined;
        el.src = url;
        await el.updateComplete;
        await waitUntil(
          () => el.feedState.status === 'ready' || el.feedState.status === 'error',
          `${el.localName} kept loading`,
          { ...WAIT, interval: 5 },
        );
        if (expected) {
          await expectShown(el, expected, lang);
        } else {
          await el.updateComplete;
          expect(el.feedState.status === 'error' && el.feedState.error.kind).to.equal('json');
          const alert = el.shadowRoot!.querySelector('[role="alert"]')!.textContent!;
          expect(alert)
            .to.contain(ERROR_TITLE[lang])
            .and.contain(lang === 'nl' ? 'is geen geldige JSON' : 'is not valid JSON');
        }
      }
      URL.revokeObjectURL(url);
      counts.served += 1;
      guard.assertClean(text.slice(0, 2_000));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    guard.assertClean();
  });
  it('takes ids named like Object.prototype members ("constructor", "toString" …) as plain ids', async () => {
    const widgets = await allWidgets();
    for (const name of PROTOTYPE_NAMES) {
      // The first session, group, theme, facilitator, principle, team role and the poll all get the name.
      const feed: FeedInput = everythingFeed();
      feed.sessions[0] = { ...feed.sessions[0]!, id: name, groupId: name, themeIds: [name], facilitatorIds: [name] };
      feed.groups![0]!.id = name;
      feed.themes![0]!.id = name;
      feed.facilitators![0]!.id = name;
      feed.principles![0]!.id = name;
      feed.poll = { ...feed.poll!, id: name, principleIds: [name, 'p2'] };
      feed.enrolment!.team!.roles[0]!.id = name;
      // Counted per session, but the server has no count for this one yet: the programme's count holds.
      delete feed.availability!.sessions!.s1;
      const parsed = parseFeed(feed);
      expect(enrolmentStatus(parsed, Date.parse('2026-06-01T12:00:00Z'), name), name).to.include({
        state: 'open',
        placesLeft: 12,
      });
      for (const el of widgets) {
        el.lang = 'nl';
        el.feed = feed;
        await el.updateComplete;
        expect(el.feedState.status, `${el.localName} with id ${name}`).to.equal('ready');
        expect(el.shadowRoot!.textContent, `${el.localName} with id ${name}`).to.not.match(
          /undefined|\[object |function /,
        );
      }
      const [calendar, form, map, poll] = widgets.map((el) => el.shadowRoot!.textContent!);
      expect(calendar).to.contain('Startbijeenkomst').and.contain('Intervisiegroep 1');
      expect(form).to.contain('Gemeente');
      expect(map).to.contain('Bas Bakker');
      expect(poll).to.contain('Hoe staat het ervoor?');
      guard.assertClean(name);
    }
  });
  it('names a malformed id once, briefly, without repeating it in reference or duplicate messages', () => {
    const huge = 'x'.repeat(100_000);
    const feed = minimalFeed();
    feed.groups = [
      { id: huge, name: 'Groep' },
      { id: huge, name: 'Nog een groep' },
    ];
    feed.sessions[0]!.groupId = huge;
    const error = verdict(feed);
    if (!('error' in error)) throw new Error('the feed was accepted');
    assertReadable(error.error);
    expect(error.error.describe('en').slice(1)).to.deep.equal([
      'groups[0].id is not a valid id: use letters, digits, - and _ (at most 64 characters)',
      'groups[1].id is not a valid id: use letters, digits, - and _ (at most 64 characters)',
      'sessions[0].groupId is not a valid id: use letters, digits, - and _ (at most 64 characters)',
    ]);
  });

  it('reaches the poll’s server for a feed from a blob: URL, whose relative endpoint then means this page', async () => {
    const feed = (await (await fetch(feedUrl('poll-always'), { cache: 'no-store' })).json()) as unknown;
    const [, , , poll] = await allWidgets();
    poll!.src = jsonUrl(feed);
    await waitUntil(
      () => poll!.shadowRoot!.querySelector('.results'),
      'the poll showed no results from the server',
      WAIT,
    );
    expect(poll!.shadowRoot!.querySelector('form legend')?.textContent).to.equal(
      'Gezamenlijke ambitie en doorleefde visie',
    );
    guard.assertClean();
  });
});
