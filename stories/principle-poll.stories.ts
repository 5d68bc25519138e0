import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { FeedInput, PollSettings } from '../src/core/schema.js';
import '../src/principle-poll/principle-poll.js';
import { mockPoll, type MockPollOptions } from './support/mock-poll-server.js';
import { vote } from './support/play.js';

interface Args {
  src: string;
  lang: 'nl' | 'en';
  mode: 'vote' | 'results' | 'presenter';
  sort: 'feed' | 'mean';
  feed?: object;
  now?: number;
}

/**
 * A live rating of the programme's guiding principles, from the demo feeds. Storybook has no
 * reference server, so a mock answers the votes and streams the results (see
 * stories/support/mock-poll-server.ts): its data are made up, 50 votes around plausible means.
 * Each story sets the mock up in its loader; vote in a story to see the results arrive.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Principle poll',
  component: 'cop-principle-poll',
  args: { src: 'feeds/foodvalley-focusagenda.json', lang: 'nl', mode: 'vote', sort: 'feed' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en'] },
    mode: { control: 'inline-radio', options: ['vote', 'results', 'presenter'] },
    sort: { control: 'inline-radio', options: ['feed', 'mean'] },
  },
  render: (args, { loaded }) => {
    const feed = (loaded as { feed?: object }).feed ?? args.feed;
    return html`<cop-principle-poll src=${feed ? nothing : args.src} .feed=${feed} lang=${args.lang} mode=${args.mode} sort=${args.sort} .now=${args.now}></cop-principle-poll>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

type Feed = FeedInput & { poll?: PollSettings };

/**
 * Loads a demo feed, lets the story change it, and sets up the mock server for its poll.
 * The `bindende-afspraken` feed has seven principles but no poll: `withSevenPrinciples` adds one.
 */
const pollLoader =
  (name: string, options: MockPollOptions, change: (feed: Feed) => Feed = (feed) => feed) =>
  async (): Promise<{ feed: object }> => {
    const feed = change((await (await fetch(`feeds/${name}.json`)).json()) as Feed);
    if (feed.poll) mockPoll(feed.poll, options);
    return { feed };
  };

const withSevenPrinciples = (feed: Feed): Feed => ({
  ...feed,
  poll: {
    id: 'bindende-afspraken-principes',
    question: 'Hoe goed passen we de zeven werkprincipes al toe?',
    principleIds: (feed.principles ?? []).map((p) => p.id),
    scale: { min: 1, max: 5, minLabel: 'nog lang niet', maxLabel: 'helemaal op orde' },
    highlightLowest: 3,
    showResults: 'always',
    endpoint: '/api/polls/bindende-afspraken-principes',
  },
});

/** 50 people, means as a room of municipalities and schools might give them. */
const FIFTY_VOTES = { count: 50, means: [3.8, 3.1, 2.4, 3.5, 2.2, 2.9, 3.6, 2.7] };

/** FoodValley: "Welke leidende principes hebben we al op orde?" Results appear after voting. */
export const Voting: Story = { loaders: [pollLoader('foodvalley-focusagenda', { votes: FIFTY_VOTES })] };

export const VotingInEnglish: Story = { ...Voting, args: { lang: 'en' } };

/** The visitor voted before (their token is in localStorage): their ratings are filled in, to change. */
export const PreviousVote: Story = {
  loaders: [
    pollLoader('foodvalley-focusagenda', {
      votes: FIFTY_VOTES,
      mine: { 'kind-centraal': 4, thuisnabij: 3, 'een-plan': 2, effectgericht: 1 },
    }),
  ],
};

const SOME_RATINGS = { 'kind-centraal': 4, thuisnabij: 3, 'een-plan': 'skip', gelijkwaardig: 2 } as const;

/** Just voted: the confirmation, and the results live below it. */
export const Submitted: Story = {
  ...Voting,
  play: ({ canvasElement }) => vote(canvasElement, SOME_RATINGS, '#done-title'),
};

/** Voted again from the same browser: the new ratings replace the old ones ("Uw stem is gewijzigd"). */
export const Revoted: Story = {
  ...PreviousVote,
  play: ({ canvasElement }) => vote(canvasElement, { 'een-plan': 4 }, '#done-title'),
};

/**
 * Seven principles, 50 votes, results visible before voting (`showResults: "always"`) and
 * the three lowest marked; someone in the room votes every few seconds.
 */
export const ResultsWithFiftyVotes: Story = {
  args: { src: 'feeds/bindende-afspraken.json' },
  loaders: [pollLoader('bindende-afspraken', { votes: FIFTY_VOTES, room: true }, withSevenPrinciples)],
};

export const SortedByMean: Story = { ...ResultsWithFiftyVotes, args: { sort: 'mean' } };

/** The voting page as phones in the room reach it: the projector shows it as a QR code and a link. */
const withJoinUrl = (feed: Feed): Feed => ({
  ...withSevenPrinciples(feed),
  poll: { ...withSevenPrinciples(feed).poll!, joinUrl: 'https://www.regiofoodvalley.nl/stem' },
});

/**
 * `mode="results"`: the projector in the room, 16:9 — every principle on one screen, the
 * lowest marked, the QR code to join, live; F or the button for full screen.
 */
export const Projector: Story = {
  args: { mode: 'results', sort: 'mean' },
  loaders: [pollLoader('bindende-afspraken', { votes: FIFTY_VOTES, room: true }, withJoinUrl)],
};

/** Before anyone voted: a call to scan the code, "0 stemmen", the principles without empty bars. */
export const ProjectorEmpty: Story = {
  args: { mode: 'results' },
  loaders: [pollLoader('bindende-afspraken', {}, withJoinUrl)],
};

/** The organiser hid the results: the room sees how many voted, not the scores. */
export const ProjectorHidden: Story = {
  args: { mode: 'results' },
  loaders: [pollLoader('bindende-afspraken', { votes: FIFTY_VOTES, hidden: true }, withJoinUrl)],
};

/** Voting closed, results still hidden: the moment before the reveal. */
export const ProjectorClosed: Story = {
  args: { mode: 'results' },
  loaders: [pollLoader('bindende-afspraken', { votes: FIFTY_VOTES, closed: true, hidden: true }, withJoinUrl)],
};

/** Closed and revealed: the final results on the screen, lowest first. */
export const ProjectorRevealed: Story = {
  args: { mode: 'results', sort: 'mean' },
  loaders: [pollLoader('bindende-afspraken', { votes: FIFTY_VOTES, closed: true }, withJoinUrl)],
};

/** `mode="presenter"`: the organiser's controls ask for the admin token first (the mock's is `storybook`). */
export const PresenterSignIn: Story = {
  args: { mode: 'presenter' },
  loaders: [pollLoader('bindende-afspraken', { votes: FIFTY_VOTES }, withJoinUrl)],
};

/** Signed in: open/close voting, hide/reveal the results, start again; a preview and the downloads. */
export const Presenter: Story = {
  args: { mode: 'presenter' },
  loaders: [pollLoader('bindende-afspraken', { votes: FIFTY_VOTES, signedIn: true, room: true }, withJoinUrl)],
};

/** Voting closed and the results hidden from the room: the organiser still sees them. */
export const PresenterClosedHidden: Story = {
  args: { mode: 'presenter' },
  loaders: [
    pollLoader('bindende-afspraken', { votes: FIFTY_VOTES, signedIn: true, closed: true, hidden: true }, withJoinUrl),
  ],
};

/** "Opnieuw beginnen" asks first: all votes would be removed. */
export const PresenterConfirmReset: Story = {
  ...Presenter,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('cop-principle-poll')!;
    const find = () =>
      [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Opnieuw beginnen');
    while (!find()) await new Promise((resolve) => setTimeout(resolve, 50));
    find()!.click();
    while (!el.shadowRoot!.querySelector('.presenter__confirm'))
      await new Promise((resolve) => setTimeout(resolve, 50));
  },
};

export const ProjectorInEnglish: Story = { ...Projector, args: { mode: 'results', lang: 'en' } };

/** The stream is down: the widget fetches the results every 10 s and says so; it retries the stream with backoff. */
export const StreamDown: Story = {
  loaders: [pollLoader('bindende-afspraken', { votes: FIFTY_VOTES, stream: 'down' }, withSevenPrinciples)],
};

/** Neither the stream nor the results answer (no network): said plainly, retried. */
export const Offline: Story = {
  loaders: [pollLoader('bindende-afspraken', { votes: FIFTY_VOTES, stream: 'offline' }, withSevenPrinciples)],
};

/** Closed by the organiser: final results only. */
export const Closed: Story = {
  loaders: [pollLoader('foodvalley-focusagenda', { votes: FIFTY_VOTES, closed: true })],
};

/** Past the feed's `closes`: final results only. */
export const ClosedByDate: Story = {
  args: { now: Date.parse('2027-06-01T12:00:00+02:00') },
  loaders: [
    pollLoader('foodvalley-focusagenda', { votes: FIFTY_VOTES }, (feed) => ({
      ...feed,
      poll: { ...feed.poll!, closes: '2027-05-28T12:00:00+02:00' },
    })),
  ],
};

/** Sending fails with a 5xx: the choices stay, "Opnieuw proberen". */
export const ServerError: Story = {
  loaders: [pollLoader('foodvalley-focusagenda', { answer: 'server-error' })],
  play: ({ canvasElement }) => vote(canvasElement, SOME_RATINGS, '.error[role="alert"]'),
};

/** Sending fails without a network: the choices stay. */
export const SendOffline: Story = {
  loaders: [pollLoader('foodvalley-focusagenda', { answer: 'offline' })],
  play: ({ canvasElement }) => vote(canvasElement, SOME_RATINGS, '.error[role="alert"]'),
};

/** The busy state: the answer takes a minute. */
export const Busy: Story = {
  loaders: [pollLoader('foodvalley-focusagenda', { answer: 'slow' })],
  play: ({ canvasElement }) => vote(canvasElement, SOME_RATINGS, 'button[aria-disabled="true"]'),
};

/** No endpoint in the feed (static hosting): voting and results are unavailable, and it says so. */
export const NoEndpoint: Story = {
  loaders: [
    pollLoader('foodvalley-focusagenda', {}, (feed) => ({ ...feed, poll: { ...feed.poll!, endpoint: undefined } })),
  ],
};

/** A programme without a poll. */
export const NoPoll: Story = { args: { src: 'feeds/cop-monitoring.json' } };

export const FeedError: Story = { args: { src: 'feeds/does-not-exist.json' } };

/** The chart's tokens: bar colours and sizes, and the "aandachtspunt" colour. */
export const Themed: Story = {
  ...ResultsWithFiftyVotes,
  render: (args, { loaded }) => html`<cop-principle-poll
    style="--cop-principle-poll-bar-color: #7a3e9d; --cop-principle-poll-bar-block-size: 1.25rem; --cop-principle-poll-distribution-color: #7a3e9d; --cop-principle-poll-lowest-color: #a4000f; --cop-font-family: Georgia, serif"
    .feed=${(loaded as { feed: object }).feed}
    lang=${args.lang}
  ></cop-principle-poll>`,
};
