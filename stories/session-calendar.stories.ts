import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/session-calendar/session-calendar.js';
import { until } from './support/play.js';

interface Args {
  src: string;
  lang: 'nl' | 'en';
  view: 'list' | 'month';
  group: string;
  theme: string;
  'hide-past': boolean;
  'enrol-handled': boolean;
  now?: number;
  feed?: object;
}

/**
 * The programme's sessions from the demo feeds. Sessions are shown in Europe/Amsterdam time
 * whatever the visitor's zone; "Aanmelden" hands a session to a `<cop-enrolment-form>` for the
 * same programme on the page.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Session calendar',
  component: 'cop-session-calendar',
  args: {
    src: 'feeds/cop-monitoring.json',
    lang: 'nl',
    view: 'list',
    group: '',
    theme: '',
    'hide-past': false,
    'enrol-handled': false,
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en'] },
    view: { control: 'inline-radio', options: ['list', 'month'] },
  },
  render: (args) => html`<cop-session-calendar
    src=${args.feed ? nothing : args.src}
    .feed=${args.feed}
    lang=${args.lang}
    view=${args.view}
    group=${args.group}
    theme=${args.theme}
    ?hide-past=${args['hide-past']}
    ?enrol-handled=${args['enrol-handled']}
    .now=${args.now}
  ></cop-session-calendar>`,
};
export default meta;

type Story = StoryObj<Args>;

/** CoP Monitoring: five Mondays 13.00–17.00, location not yet known ("Locatie volgt"). */
export const AgendaList: Story = {};

export const InEnglish: Story = { args: { lang: 'en' } };

/** Three intervision groups, each with its own series, and a network dinner 17.30–21.00. */
export const SeveralGroups: Story = { args: { src: 'feeds/samen-leren-met-impact.json' } };

/** An evening: the network dinner, 17.30–21.00, the first session left once the June meetings are over. */
export const EveningSession: Story = {
  args: { src: 'feeds/samen-leren-met-impact.json', now: Date.parse('2027-06-25T12:00:00+02:00'), 'hide-past': true },
};

/** A session on the Sunday summer time starts (28 March 2027): 10.00–12.00 in Amsterdam, whatever the visitor's zone. */
export const AcrossDaylightSaving: Story = {
  args: {
    feed: {
      version: 1,
      programme: {
        id: 'zomertijd',
        title: 'CoP Zomertijd',
        organiser: 'NJi',
        contact: { name: 'NJi', email: 'cop@example.org' },
        timeZone: 'Europe/Amsterdam',
      },
      sessions: [
        {
          id: 'voor',
          title: 'Laatste bijeenkomst in wintertijd',
          start: '2027-03-21T10:00:00+01:00',
          end: '2027-03-21T12:00:00+01:00',
          location: { name: 'Utrecht, NJi', address: 'Catharijnesingel 47' },
        },
        {
          id: 'op',
          title: 'Bijeenkomst op de dag van de klokwissel',
          start: '2027-03-28T10:00:00+02:00',
          end: '2027-03-28T12:00:00+02:00',
          location: { name: 'Utrecht, NJi' },
        },
      ],
    },
    now: Date.parse('2027-03-01T12:00:00+01:00'),
  },
};

/** A page that embeds one group's series: `group="groep-2"`. */
export const FilteredToOneGroup: Story = { args: { src: 'feeds/samen-leren-met-impact.json', group: 'groep-2' } };

export const FilteredByTheme: Story = { args: { src: 'feeds/bindende-afspraken.json', theme: 'next-step' } };

export const MonthView: Story = { args: { view: 'month' } };

export const MonthViewInEnglish: Story = { args: { view: 'month', lang: 'en' } };

/** Partway through the programme: past sessions are muted and marked "Afgelopen". */
export const PastSessionsMuted: Story = { args: { now: Date.parse('2027-05-20T12:00:00+02:00') } };

export const PastSessionsHidden: Story = { args: { now: Date.parse('2027-05-20T12:00:00+02:00'), 'hide-past': true } };

/**
 * Enrolment open with the deadline; one session online with a link. "Aanmelden" shows because
 * the page handles it (`enrol-handled`); otherwise only with an enrolment form on the page.
 */
export const EnrolmentOpen: Story = {
  args: { src: 'feeds/bindende-afspraken.json', now: Date.parse('2027-01-10T12:00:00+01:00'), 'enrol-handled': true },
};

/** Enrolment open, but no form on the page and nothing handling "Aanmelden": no button that does nothing. */
export const EnrolmentOpenWithoutForm: Story = {
  args: { src: 'feeds/bindende-afspraken.json', now: Date.parse('2027-01-10T12:00:00+01:00') },
};

/** The month grid with a day's sessions below it; a cut-off title reads in full on hover and on focus (here: focus). */
export const MonthWithDayPanel: Story = {
  args: {
    src: 'feeds/bindende-afspraken.json',
    view: 'month',
    now: Date.parse('2027-01-10T12:00:00+01:00'),
    'enrol-handled': true,
  },
  play: async ({ canvasElement }) => {
    const root = await until(
      () => canvasElement.querySelector('cop-session-calendar')?.shadowRoot?.querySelector('.month-nav')?.parentNode,
      'the month',
    );
    // On a phone the month is a list (the calendar's own box under 560 px), without a grid to focus.
    if (canvasElement.getBoundingClientRect().width < 560) return;
    // The chosen day once the grid has it: it can come a render after the navigation.
    const day = await until(
      () => (root.getRootNode() as ShadowRoot).querySelector<HTMLElement>('.day--busy[aria-selected="true"]'),
      'the chosen day',
    );
    // As by keyboard, with the focus ring: the same picture whatever the visitor did before.
    day.focus({ focusVisible: true } as FocusOptions);
  },
};

const liveAvailability = (state: string, placesLeft: number | null, waitlistLength = 0) => ({
  version: 1,
  programme: {
    id: 'bindende-afspraken',
    title: 'CoP Bindende afspraken',
    organiser: 'Met Andere Ogen en NJi',
    contact: { name: 'Marloes', email: 'cop@example.org' },
    timeZone: 'Europe/Amsterdam',
  },
  sessions: [
    {
      id: 'b1',
      title: 'Schurende wetgeving in de praktijk',
      start: '2027-06-22T13:00:00+02:00',
      end: '2027-06-22T15:00:00+02:00',
      location: { name: 'Online', online: true, url: 'https://www.example.org/teams' },
    },
    {
      id: 'b2',
      title: "Kennisdeling voor de 'next step'",
      start: '2027-09-28T13:00:00+02:00',
      end: '2027-09-28T15:00:00+02:00',
      location: null,
    },
  ],
  enrolment: { closes: '2027-06-08T17:00:00+02:00', capacity: 25, waitlist: true, contactEmail: 'cop@example.org' },
  availability: { state, placesLeft, waitlistLength, updatedAt: '2027-01-10T12:00:00+01:00' },
});

/** The reference server says how many places are left. */
export const PlacesLeft: Story = {
  args: { feed: liveAvailability('open', 3), now: Date.parse('2027-01-10T12:00:00+01:00'), 'enrol-handled': true },
};

export const FullWithWaitingList: Story = {
  args: {
    feed: liveAvailability('waitlist', 0, 4),
    now: Date.parse('2027-01-10T12:00:00+01:00'),
    'enrol-handled': true,
  },
};

/** "Aanmelden voor deze serie gesprekken is helaas niet meer mogelijk." */
export const EnrolmentClosed: Story = { args: { src: 'feeds/samen-leren-met-impact.json' } };

export const CancelledSession: Story = {
  args: {
    feed: {
      ...liveAvailability('open', 12),
      sessions: [
        {
          id: 'b1',
          title: 'Schurende wetgeving in de praktijk',
          start: '2027-06-22T13:00:00+02:00',
          end: '2027-06-22T15:00:00+02:00',
          status: 'cancelled',
        },
        {
          id: 'b2',
          title: "Kennisdeling voor de 'next step'",
          start: '2027-09-28T13:00:00+02:00',
          end: '2027-09-28T15:00:00+02:00',
          location: null,
        },
      ],
    },
  },
};

export const NoSessionsYet: Story = { args: { feed: { ...liveAvailability('open', 25), sessions: [] } } };

export const Loading: Story = {
  render: (args) =>
    html`<cop-session-calendar lang=${args.lang} .feedState=${{ status: 'loading' }}></cop-session-calendar>`,
};

/** An invalid feed names each problem; the page around it keeps working. */
export const InvalidFeed: Story = {
  args: {
    feed: {
      ...liveAvailability('open', 3),
      sessions: [
        { id: 'b1', title: 'Omgedraaid', start: '2027-06-22T15:00:00+02:00', end: '2027-06-22T13:00:00+02:00' },
      ],
    },
  },
};

export const FeedUnreachable: Story = { args: { src: 'feeds/bestaat-niet.json' } };

/** 320 px wide: the month view falls back to a list of the month. */
export const NarrowMonth: Story = {
  args: { view: 'month' },
  decorators: [(story) => html`<div style="max-width: 320px">${story()}</div>`],
};

/** On a page that opts into dark mode (`color-scheme: dark`). */
export const DarkPage: Story = {
  args: { view: 'month' },
  decorators: [(story) => html`<div style="color-scheme: dark; background: #121212; padding: 1rem">${story()}</div>`],
};
