import type { FeedInput } from '../../src/core/feed.js';

/** CoP Monitoring exactly as its 2020 announcement says: five Mondays 13.00–17.00, location "nnb". */
export function copMonitoring2020(): FeedInput {
  const mondays = ['2020-03-02', '2020-04-06', '2020-05-18', '2020-06-08', '2020-09-07'];
  return {
    version: 1,
    programme: {
      id: 'cop-monitoring',
      title: 'CoP Monitoring',
      organiser: 'NJi',
      contact: { name: 'Lieke Salomé', email: 'cop-monitoring@example.org' },
      timeZone: 'Europe/Amsterdam',
    },
    sessions: mondays.map((day, i) => {
      const offset = day < '2020-03-29' ? '+01:00' : '+02:00';
      return {
        id: `bijeenkomst-${i + 1}`,
        title: `Bijeenkomst ${i + 1}`,
        start: `${day}T13:00:00${offset}`,
        end: `${day}T17:00:00${offset}`,
        location: null,
        facilitatorIds: ['lieke', 'marianne'],
      };
    }),
    facilitators: [
      { id: 'lieke', name: 'Lieke Salomé', regions: [] },
      { id: 'marianne', name: 'Marianne Hooijsma', regions: [] },
    ],
  };
}

/** "Samen leren met impact" (2024): three intervision groups with their own series, a network dinner, closed. */
export function samenLeren2024(): FeedInput {
  const series: Record<string, string[]> = {
    'groep-1': ['2024-06-24', '2024-08-28', '2024-10-07'],
    'groep-2': ['2024-06-12', '2024-08-26', '2024-10-02'],
    'groep-3': ['2024-06-19', '2024-10-09'],
  };
  const sessions = Object.entries(series).flatMap(([groupId, days]) =>
    days.map((day, i) => ({
      id: `${groupId}-${i + 1}`,
      title: `Intervisiegesprek ${i + 1}`,
      start: `${day}T14:00:00+02:00`,
      end: `${day}T16:30:00+02:00`,
      groupId,
    })),
  );
  sessions.push({
    id: 'netwerkdiner',
    title: 'Netwerkdiner leden AvJ',
    start: '2024-07-01T17:30:00+02:00',
    end: '2024-07-01T21:00:00+02:00',
    location: { name: 'Regio Utrecht' },
  } as never);
  return {
    version: 1,
    programme: {
      id: 'samen-leren',
      title: 'Samen leren met impact',
      organiser: 'AvJ en NJi',
      contact: { name: 'AvJ', email: 'avj@example.org' },
      timeZone: 'Europe/Amsterdam',
    },
    groups: [1, 2, 3].map((n) => ({ id: `groep-${n}`, name: `Intervisiegroep ${n}` })),
    sessions,
    enrolment: { closes: '2024-05-01T17:00:00+02:00', waitlist: false, contactEmail: 'avj@example.org' },
  };
}
