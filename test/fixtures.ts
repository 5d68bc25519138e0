import type { FeedInput } from '../src/core/feed.js';

/** The smallest valid feed; tests copy it and break one thing at a time. */
export function minimalFeed(): FeedInput {
  return {
    version: 1,
    programme: {
      id: 'cop-test',
      title: 'CoP Test',
      organiser: 'NJi',
      contact: { name: 'Coördinator', email: 'coordinator@example.org' },
      timeZone: 'Europe/Amsterdam',
    },
    sessions: [
      {
        id: 's1',
        title: 'Bijeenkomst 1',
        start: '2020-03-02T13:00:00+01:00',
        end: '2020-03-02T17:00:00+01:00',
        location: null,
      },
    ],
  };
}

/** The demo feeds built from the source documents in shared/seeds. */
export const DEMO_FEEDS = [
  'cop-monitoring',
  'samen-leren-met-impact',
  'bindende-afspraken',
  'foodvalley-focusagenda',
  'cop-jeugdstelsel',
] as const;

export const demoFeedUrl = (name: (typeof DEMO_FEEDS)[number]) => `/demo/feeds/${name}.json`;

/** Serves `body` from a blob: URL, so a loader test needs no server route. */
export function jsonUrl(body: unknown): string {
  return URL.createObjectURL(
    new Blob([typeof body === 'string' ? body : JSON.stringify(body)], { type: 'application/json' }),
  );
}
