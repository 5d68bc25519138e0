/** Small programme feeds for the server's fault, hostile-input and privacy tests, and a folder to serve them from. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedInput } from '../../src/core/feed.js';

/**
 * A programme open for enrolment (from 2026 until 2030), teams of one to three participants,
 * `capacity` places with a waiting list, and a poll of three principles.
 */
export function openProgramme(id: string, capacity: number): FeedInput {
  return {
    version: 1,
    programme: {
      id,
      title: `Programma ${id}`,
      organiser: 'NJi',
      contact: { name: 'Secretariaat', email: 'secretariaat@example.org' },
      timeZone: 'Europe/Amsterdam',
    },
    sessions: [
      { id: 's1', title: 'Bijeenkomst', start: '2030-06-03T13:00:00+02:00', end: '2030-06-03T17:00:00+02:00' },
    ],
    principles: [
      { id: 'a', title: 'Principe A' },
      { id: 'b', title: 'Principe B' },
      { id: 'c', title: 'Principe C' },
    ],
    enrolment: {
      opens: '2026-01-01T09:00:00+01:00',
      closes: '2030-05-01T17:00:00+02:00',
      capacity,
      waitlist: true,
      contactEmail: 'secretariaat@example.org',
      team: { roles: [{ id: 'deelnemer', label: 'Deelnemer', required: true }] },
      sessionChoice: 'none',
      themeChoice: 'none',
    },
    poll: {
      id: `${id}-peiling`,
      question: 'Wat hebben we op orde?',
      principleIds: ['a', 'b', 'c'],
      scale: { min: 1, max: 5, minLabel: 'nog lang niet', maxLabel: 'helemaal op orde' },
    },
  };
}

/** A programme whose only session ended on `end`: its enrolments are due for deletion `RETENTION_DAYS` later. */
export function pastProgramme(id: string, end: string): FeedInput {
  const feed = openProgramme(id, 10);
  feed.sessions = [
    { id: 's1', title: 'Bijeenkomst', start: new Date(Date.parse(end) - 4 * 3600_000).toISOString(), end },
  ];
  feed.enrolment = {
    ...feed.enrolment!,
    opens: '2024-01-01T09:00:00+01:00',
    closes: new Date(Date.parse(end) - 7 * 86_400_000).toISOString(),
  };
  delete feed.poll;
  return feed;
}

/** Writes the feeds as `<id>.json` into a new temporary folder, for the server's FEEDS_DIR. */
export async function feedsDir(...feeds: FeedInput[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cop-feeds-'));
  for (const feed of feeds) await writeFile(join(dir, `${feed.programme.id}.json`), JSON.stringify(feed, null, 2));
  return dir;
}

/** A team member with a recognisable, unique name and address. */
export const participant = (tag: string) => ({
  roleId: 'deelnemer',
  name: `Deelnemer ${tag}`,
  organisation: `Organisatie ${tag}`,
  email: `${tag}@example.org`,
});
