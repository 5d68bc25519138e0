import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/enrolment-form/enrolment-form.js';
import '../src/session-calendar/session-calendar.js';
import { answerEnrolmentsWith, type MockAnswer } from './support/mock-enrolment-server.js';
import { sendEmptyEnrolment, sendEnrolment, until } from './support/play.js';

interface Args {
  src: string;
  lang: 'nl' | 'en';
  session: string;
  answer: MockAnswer;
  now?: number;
  feed?: object;
  prefill?: object;
  /** What the visitor typed before a reload, as the form keeps it in sessionStorage. */
  draft?: { programmeId: string; value: object };
}

/**
 * Inline sign-up as a team, from the demo feeds. Storybook has no reference server, so a mock
 * answers the enrolment as the real one would: pick its answer in the `answer` control and send
 * the form. Each visitor's draft is kept in sessionStorage until the server confirms.
 */
function renderForm(args: Args) {
  answerEnrolmentsWith(args.answer);
  sessionStorage.clear();
  if (args.draft)
    sessionStorage.setItem(`cop-enrolment-draft:${args.draft.programmeId}`, JSON.stringify(args.draft.value));
  return html`<cop-enrolment-form
    src=${args.feed ? nothing : args.src}
    .feed=${args.feed}
    lang=${args.lang}
    session=${args.session || nothing}
    .prefill=${args.prefill ?? {}}
    .now=${args.now}
  ></cop-enrolment-form>`;
}

const meta: Meta<Args> = {
  title: 'Widgets/Enrolment form',
  component: 'cop-enrolment-form',
  args: { src: 'feeds/bindende-afspraken.json', lang: 'nl', session: '', answer: 'confirmed' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en'] },
    answer: {
      control: 'select',
      options: ['confirmed', 'waitlisted', 'per-session', 'invalid', 'server-error', 'offline', 'slow'],
    },
  },
  render: (args, { loaded }) => renderForm({ ...args, ...(loaded as { feed?: object }) }),
};
export default meta;

type Story = StoryObj<Args>;

/** Loads a demo feed and changes it, for states the feed files do not have on their own. */
const feedLoader =
  (name: string, change: (feed: Record<string, unknown>) => Record<string, unknown>) =>
  async (): Promise<{ feed: object }> => ({
    feed: change((await (await fetch(`feeds/${name}.json`)).json()) as Record<string, unknown>),
  });

const withAvailability =
  (state: string, placesLeft: number | null, waitlistLength = 0) =>
  (feed: Record<string, unknown>) => ({
    ...feed,
    availability: { state, placesLeft, waitlistLength, updatedAt: '2026-11-23T10:00:00+01:00' },
  });

/** CoP Bindende afspraken: a duo from municipality and education, youth care optional, one theme. */
export const Open: Story = {};

export const InEnglish: Story = { args: { lang: 'en' } };

/** As the reference server serves it, with 3 places left. */
export const FewPlacesLeft: Story = {
  loaders: [feedLoader('bindende-afspraken', withAvailability('open', 3))],
};

export const FullWithWaitingList: Story = {
  args: { answer: 'waitlisted' },
  loaders: [feedLoader('bindende-afspraken', withAvailability('waitlist', 0, 2))],
};

export const FullWithoutWaitingList: Story = {
  loaders: [feedLoader('foodvalley-focusagenda', withAvailability('full', 0))],
};

/** Before `opens` (1 November 2026). */
export const NotYetOpen: Story = { args: { now: Date.parse('2026-10-01T12:00:00+02:00') } };

/** After `closes` (8 June 2027). */
export const Closed: Story = { args: { now: Date.parse('2027-06-09T12:00:00+02:00') } };

export const Cancelled: Story = {
  loaders: [
    feedLoader('bindende-afspraken', (feed) => ({
      ...feed,
      programme: { ...(feed.programme as object), status: 'cancelled' },
    })),
  ],
};

/** One person per enrolment (no team roles), for CoP Monitoring. */
export const OnePerson: Story = { args: { src: 'feeds/cop-monitoring.json' } };

/** FoodValley: the visitor chooses one of the sessions. */
export const ChooseASession: Story = { args: { src: 'feeds/foodvalley-focusagenda.json' } };

/** A page about one session: `session="…"` fixes it, and the choice is not shown. */
export const OneSessionPage: Story = {
  args: { src: 'feeds/foodvalley-focusagenda.json', session: 'werksessie-20-mei' },
};

/** `.prefill` fills in the organisation, e.g. on a municipality's own page. */
export const Prefilled: Story = { args: { prefill: { gemeente: { organisation: 'Gemeente Ede' } } } };

/** A visitor fills in the form and sends it; the mock server answers `answer`; the story shows `outcome` (a selector). */
const sent = (answer: MockAnswer, outcome: string): Story => ({
  args: { answer },
  play: ({ canvasElement }) => sendEnrolment(canvasElement, outcome),
});

/** Sent and stored: what happens next, the sessions as `.ics`, focus on the confirmation. */
export const Confirmed: Story = sent('confirmed', '[part="confirmation"]');

/** Sent while the programme is full: "U komt op de wachtlijst, plaats 3". */
export const Waitlisted: Story = { ...FullWithWaitingList, ...sent('waitlisted', '[part="confirmation"]') };

/** Sent with nothing filled in: a summary at the top that links to each field, and each message at its field. */
export const ValidationErrors: Story = {
  play: ({ canvasElement }) => sendEmptyEnrolment(canvasElement),
};

/** The server refuses a field (422) with its path and rule: the message stands at the field, in the visitor's language. */
export const ServerFieldError: Story = sent('invalid', '#summary');

/** FoodValley with places per session and several sessions to choose: checkboxes instead of radio buttons. */
export const SeveralSessions: Story = {
  loaders: [
    feedLoader('foodvalley-focusagenda', (feed) => ({
      ...feed,
      enrolment: { ...(feed.enrolment as object), sessionChoice: 'many', capacityPer: 'session' },
    })),
  ],
};

/** Both sessions chosen and sent: a place in one, the waiting list for the other, said per session. */
export const SeveralSessionsSent: Story = {
  ...SeveralSessions,
  args: { answer: 'per-session' },
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('cop-enrolment-form')!;
    await until(() => form.shadowRoot?.querySelector('input[name="session"]'), 'the session choice');
    for (const box of form.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="session"]'))
      if (!box.checked) box.click();
    await sendEnrolment(canvasElement, '[part="confirmation"]');
  },
};

/** A 5xx: a clear message, everything typed still there, "Opnieuw proberen". */
export const ServerError: Story = sent('server-error', '.failure');

/** No network: the same, and "Opnieuw proberen" sends the same enrolment (one Idempotency-Key). */
export const Offline: Story = sent('offline', '.failure');

/** The busy state: the answer takes a minute (the form gives up after 20 s and says so). */
export const Busy: Story = sent('slow', 'button[aria-disabled="true"]');

/** Back after a reload (or a crash): the draft from sessionStorage, and a note that it was kept. */
export const DraftRestored: Story = {
  args: {
    draft: {
      programmeId: 'bindende-afspraken',
      value: {
        members: {
          gemeente: { name: 'Anouk de Vries', organisation: 'Gemeente Ede', email: 'gemeente@example.org' },
          onderwijs: { name: 'Sem Jansen', organisation: 'Samenwerkingsverband Ede' },
        },
        remark: 'Wij nemen graag een casus mee.',
      },
    },
  },
};

/** No endpoint (static hosting): the form prepares an e-mail to the organiser. */
export const ByEmail: Story = {
  loaders: [
    feedLoader('bindende-afspraken', (feed) => ({
      ...feed,
      enrolment: { ...(feed.enrolment as object), endpoint: undefined },
    })),
  ],
};

export const FeedError: Story = { args: { src: 'feeds/does-not-exist.json' } };

/** "Aanmelden" in the calendar chooses the session in the form and moves focus there. */
export const WithTheCalendar: Story = {
  args: { src: 'feeds/foodvalley-focusagenda.json' },
  render: (args) => html`<cop-session-calendar src=${args.src}></cop-session-calendar>
    <cop-enrolment-form src=${args.src}></cop-enrolment-form>`,
};
