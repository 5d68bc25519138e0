/** The four widgets side by side on one test page, and the valid feeds the fuzz tests start from. */
import { fixture, html } from '@open-wc/testing';
import type { FeedInput } from '../../src/core/feed.js';
import '../../src/enrolment-form/enrolment-form.js';
import '../../src/principle-poll/principle-poll.js';
import '../../src/region-map/region-map.js';
import '../../src/session-calendar/session-calendar.js';
import type { CopElement } from '../../src/shared/cop-element.js';
import { DEMO_FEEDS, demoFeedUrl, minimalFeed } from '../fixtures.js';
import { feedUrl } from '../reference-server.js';

export const TAGS = ['cop-session-calendar', 'cop-enrolment-form', 'cop-region-map', 'cop-principle-poll'] as const;

/** One element of every widget, without a feed yet, in one container on the page. */
export async function allWidgets(): Promise<CopElement[]> {
  const container = await fixture<HTMLElement>(html`<div>
    <cop-session-calendar></cop-session-calendar>
    <cop-enrolment-form></cop-enrolment-form>
    <cop-region-map></cop-region-map>
    <cop-principle-poll></cop-principle-poll>
  </div>`);
  return TAGS.map((tag) => container.querySelector<CopElement>(tag)!);
}

/** A feed that uses every part of the contract, with per-session availability as the server adds it. */
export function everythingFeed(): FeedInput {
  const feed = minimalFeed();
  feed.programme.url = 'https://www.example.org/cop';
  feed.programme.privacyUrl = 'https://www.example.org/privacy';
  feed.programme.description = 'Een programma met alles erop en eraan.';
  feed.groups = [
    { id: 'groep-1', name: 'Intervisiegroep 1' },
    { id: 'groep-2', name: 'Intervisiegroep 2' },
  ];
  feed.themes = [{ id: 'monitoring', title: 'Monitoring', description: 'Cijfers in de regio' }];
  feed.sessions = [
    {
      id: 's1',
      title: 'Startbijeenkomst',
      start: '2027-03-01T13:00:00+01:00',
      end: '2027-03-01T17:00:00+01:00',
      groupId: 'groep-1',
      themeIds: ['monitoring'],
      facilitatorIds: ['bas'],
      location: { name: 'Stadhuis', address: 'Markt 1, Ede' },
    },
    {
      id: 's2',
      title: 'Online verdieping',
      start: '2027-04-05T09:30:00+02:00',
      end: '2027-04-05T11:00:00+02:00',
      groupId: 'groep-2',
      location: { name: 'Teams', online: true, url: 'https://www.example.org/teams' },
      status: 'cancelled',
    },
  ];
  feed.facilitators = [
    {
      id: 'bas',
      name: 'Bas Bakker',
      role: 'Procesbegeleider',
      organisation: 'NJi',
      email: 'bas@example.org',
      phone: '+31 6 1234 5678',
      regions: ['JZ21', 'JZ32'],
    },
    { id: 'ilse', name: 'Ilse de Jong', regions: ['JZ05'] },
  ];
  feed.regions = [{ code: 'JZ32', label: 'Rijk van Nijmegen' }];
  feed.principles = [
    { id: 'p1', title: 'Gelijkwaardigheid' },
    { id: 'p2', title: 'Lerend systeem', description: 'Samen leren' },
  ];
  feed.enrolment = {
    opens: '2026-01-01T09:00:00+01:00',
    closes: '2027-02-20T17:00:00+01:00',
    capacity: 20,
    capacityPer: 'session',
    waitlist: true,
    contactEmail: 'aanmelden@example.org',
    team: {
      roles: [
        { id: 'gemeente', label: 'Gemeente', required: true },
        { id: 'onderwijs', label: 'Onderwijs', required: false },
      ],
    },
    sessionChoice: 'one',
    themeChoice: 'many',
  };
  feed.poll = {
    id: 'poll-alles',
    question: 'Hoe staat het ervoor?',
    principleIds: ['p1', 'p2'],
    scale: { min: 1, max: 5, minLabel: 'nog lang niet', maxLabel: 'helemaal op orde' },
    highlightLowest: 1,
    showResults: 'always',
  };
  feed.availability = {
    state: 'open',
    placesLeft: 12,
    waitlistLength: 0,
    updatedAt: '2026-11-23T12:00:00+01:00',
    sessions: {
      s1: { state: 'waitlist', placesLeft: 0, waitlistLength: 2 },
      s2: { state: 'open', placesLeft: 20, waitlistLength: 0 },
    },
  };
  return feed;
}

/** The valid feeds to break: the smallest, one with everything, the demo programmes, and two as the server serves them. */
export async function baseFeeds(): Promise<unknown[]> {
  const fetched = await Promise.all(
    [...DEMO_FEEDS.map(demoFeedUrl), feedUrl('form-open'), feedUrl('poll-always')].map(async (url) => {
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return (await response.json()) as unknown;
    }),
  );
  return [minimalFeed(), everythingFeed(), ...fetched];
}
