/**
 * Runs inside headless Chromium (bundled by bench/browser.ts): each scenario returns the
 * milliseconds one run took, from handing over the data to a laid-out widget.
 */
import { parseFeed, type FeedInput } from '../src/core/feed.js';
import '../src/principle-poll/principle-poll.js';
import '../src/session-calendar/session-calendar.js';
import '../src/region-map/region-map.js';
import jeugdstelsel from '../demo/feeds/cop-jeugdstelsel.json';
import type { CopSessionCalendar } from '../src/session-calendar/session-calendar.component.js';
import { BENCH_POLL_ID, PRINCIPLES, pollResults } from './poll-results.js';

/**
 * Stands in for the browser's EventSource, which the poll looks up on `window` each time it
 * connects: the bench pushes `results` messages into the stream the widget opened, the way
 * the reference server's Server-Sent Events arrive, one message per task.
 */
class BenchEventSource extends EventTarget {
  static current: BenchEventSource | undefined;
  readonly url: string;
  readyState = 1;
  constructor(url: string | URL) {
    super();
    this.url = String(url);
    BenchEventSource.current = this;
  }
  close(): void {
    this.readyState = 2;
    if (BenchEventSource.current === this) BenchEventSource.current = undefined;
  }
}
window.EventSource = BenchEventSource as unknown as typeof EventSource;

const pollFeed = {
  version: 1,
  programme: {
    id: 'bench-poll',
    title: 'Bench poll',
    organiser: 'NJi',
    contact: { name: 'Coördinator', email: 'bench@example.org' },
    timeZone: 'Europe/Amsterdam',
  },
  sessions: [],
  principles: PRINCIPLES.map((id) => ({
    id,
    title: `Principe ${id}`,
    description: 'Wat dit principe in de praktijk betekent.',
  })),
  // bench/browser.ts answers GET /api/polls/bench-poll/results with pollResults(0).
  poll: {
    id: BENCH_POLL_ID,
    question: 'Hoe staan we ervoor?',
    principleIds: PRINCIPLES,
    scale: { min: 1, max: 5, minLabel: 'nog lang niet', maxLabel: 'helemaal op orde' },
    endpoint: `/api/polls/${BENCH_POLL_ID}`,
    highlightLowest: 3,
  },
} as FeedInput;

/** A programme with `count` sessions: three groups, two themes, weekly from March 2030. */
export function syntheticFeed(count: number): FeedInput {
  const start = Date.parse('2030-03-04T13:00:00+01:00');
  return {
    version: 1,
    programme: {
      id: `bench-${count}`,
      title: `Bench ${count}`,
      organiser: 'NJi',
      contact: { name: 'Coördinator', email: 'bench@example.org' },
      timeZone: 'Europe/Amsterdam',
    },
    groups: [1, 2, 3].map((n) => ({ id: `groep-${n}`, name: `Intervisiegroep ${n}` })),
    themes: [
      { id: 'wetgeving', title: 'Schurende wetgeving' },
      { id: 'next-step', title: 'Next step' },
    ],
    sessions: Array.from({ length: count }, (_, i) => {
      const at = start + Math.floor(i / 3) * 7 * 86_400_000 + (i % 3) * 3_600_000;
      return {
        id: `s${i}`,
        title: `Bijeenkomst ${i + 1}`,
        start: new Date(at).toISOString(),
        end: new Date(at + 2 * 3_600_000).toISOString(),
        location: i % 4 === 0 ? null : { name: 'Huis van de Stad', address: 'Stationsplein 1, Utrecht' },
        groupId: `groep-${(i % 3) + 1}`,
        themeIds: [i % 2 ? 'wetgeving' : 'next-step'],
      };
    }),
  } as FeedInput;
}

const settle = async (el: HTMLElement & { updateComplete: Promise<unknown> }) => {
  await el.updateComplete;
  // Reading layout makes the browser style and lay out what was rendered: part of the cost.
  el.shadowRoot!.firstElementChild?.getBoundingClientRect();
};

const scenarios = {
  /** zod validation of the whole feed only. */
  async validate(count: number): Promise<number> {
    const feed = syntheticFeed(count);
    const t0 = performance.now();
    parseFeed(JSON.parse(JSON.stringify(feed)));
    return performance.now() - t0;
  },
  /** Validation plus first render of the agenda list. */
  async calendar(count: number): Promise<number> {
    const feed = syntheticFeed(count);
    const el = document.createElement('cop-session-calendar') as CopSessionCalendar;
    const t0 = performance.now();
    el.feed = feed;
    document.body.append(el);
    await settle(el);
    const ms = performance.now() - t0;
    // A feed the widget refused would time the error message, not the calendar.
    if (el.shadowRoot!.querySelectorAll('article').length < Math.min(count, 20))
      throw new Error('the calendar did not render its first cards');
    el.remove();
    return ms;
  },
  /** Until every card of a long list is on the page (the list renders in chunks, a frame each). */
  async calendarComplete(count: number): Promise<number> {
    const el = document.createElement('cop-session-calendar') as CopSessionCalendar;
    const t0 = performance.now();
    el.feed = syntheticFeed(count);
    document.body.append(el);
    await settle(el);
    while (el.shadowRoot!.querySelectorAll('article').length < count) {
      await new Promise(requestAnimationFrame);
      await settle(el);
    }
    const ms = performance.now() - t0;
    el.remove();
    return ms;
  },
  /** The map's first render once the geometry has arrived (it is fetched once per page, before this runs). */
  async map(width: number): Promise<number> {
    const el = document.createElement('cop-region-map') as HTMLElement & {
      feed: unknown;
      updateComplete: Promise<unknown>;
    };
    el.style.inlineSize = `${width}px`;
    const t0 = performance.now();
    el.feed = jeugdstelsel;
    document.body.append(el);
    while ((el.shadowRoot?.querySelectorAll('svg path').length ?? 0) < 42) await new Promise(requestAnimationFrame);
    el.shadowRoot!.firstElementChild?.getBoundingClientRect();
    const ms = performance.now() - t0;
    el.remove();
    return ms;
  },
  /**
   * The projector view of the poll receiving `count` live results messages: each is parsed,
   * rendered and laid out before the next arrives, until the last one is on the screen.
   */
  async pollUpdates(count: number): Promise<number> {
    const el = document.createElement('cop-principle-poll') as HTMLElement & {
      feed: unknown;
      updateComplete: Promise<unknown>;
    };
    el.setAttribute('mode', 'results');
    el.feed = pollFeed;
    document.body.append(el);
    const participantsShown = () => el.shadowRoot?.querySelector('.participants')?.textContent ?? '';
    while (!BenchEventSource.current || !participantsShown()) await new Promise(requestAnimationFrame);
    const source = BenchEventSource.current;
    const messages = Array.from({ length: count }, (_, i) => JSON.stringify(pollResults(i + 1)));
    const t0 = performance.now();
    for (const data of messages) {
      source.dispatchEvent(new MessageEvent('results', { data }));
      await settle(el);
    }
    const ms = performance.now() - t0;
    if (!participantsShown().startsWith(`${count} `))
      throw new Error(`the poll shows "${participantsShown()}" after ${count} updates`);
    el.remove();
    return ms;
  },
  /** One step to the next month in the month grid (median of 24 steps). */
  async monthStep(count: number): Promise<number> {
    const el = document.createElement('cop-session-calendar') as CopSessionCalendar;
    el.setAttribute('view', 'month');
    el.style.inlineSize = '900px';
    el.feed = syntheticFeed(count);
    document.body.append(el);
    await settle(el);
    const steps: number[] = [];
    for (let i = 0; i < 24; i++) {
      const next = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.month-nav button')][1]!;
      const t0 = performance.now();
      next.click();
      await settle(el);
      steps.push(performance.now() - t0);
    }
    el.remove();
    return steps.sort((a, b) => a - b)[steps.length >> 1]!;
  },
};

export type Scenario = keyof typeof scenarios;
(window as unknown as { bench: typeof scenarios }).bench = scenarios;
