import { widgetMessages } from './index.js';

/** <cop-session-calendar>'s own texts in Dutch, the default; English is in calendar.en.ts. */
export const calendar = {
  label: (programme: string) => `Bijeenkomsten van ${programme}`,
  view: 'Weergave',
  list: 'Lijst',
  month: 'Maand',
  filters: 'Bijeenkomsten filteren',
  group: 'Groep',
  allGroups: 'Alle groepen',
  theme: 'Thema',
  allThemes: "Alle thema's",
  hidePast: 'Afgelopen bijeenkomsten verbergen',
  location: 'Locatie',
  online: 'Online',
  joinOnline: 'Deelnemen (online)',
  cancelled: 'Geannuleerd',
  past: 'Afgelopen',
  facilitators: 'Begeleiding',
  themes: "Thema's",
  addToCalendar: 'Toevoegen aan agenda',
  addToCalendarFor: (title: string) => `Toevoegen aan agenda: ${title}`,
  downloadIcs: 'Agendabestand (.ics) voor Apple, Outlook en andere',
  google: 'Google Agenda',
  outlook: 'Outlook.com',
  addSeries: (name: string) => `Alle bijeenkomsten van ${name} in uw agenda (.ics)`,
  enrol: 'Aanmelden',
  enrolFor: (title: string) => `Aanmelden voor ${title}`,
  noSessions: 'Er zijn nog geen bijeenkomsten gepland.',
  noMatch: 'Geen bijeenkomsten voor deze keuze.',
  allPast: 'Alle bijeenkomsten zijn voorbij.',
  previousMonth: 'Vorige maand',
  nextMonth: 'Volgende maand',
  today: 'Vandaag',
  count: (count: number) => (count === 1 ? '1 bijeenkomst' : `${count} bijeenkomsten`),
  monthSummary: (month: string, count: number) => `${month}: ${count === 0 ? 'geen bijeenkomsten' : count === 1 ? '1 bijeenkomst' : `${count} bijeenkomsten`}`,
  sessionsOn: (day: string) => `Bijeenkomsten op ${day}`,
  noneOnDay: 'Geen bijeenkomsten op deze dag.',
  gridHelp: 'Gebruik de pijltoetsen om door de dagen te gaan en Enter om een dag te kiezen.',
};

/** Dutch bundled with the widget; English fetched only when one of these widgets speaks it. */
export const calendarMessages = widgetMessages({ calendar }, () => import('./calendar.en.js'));
