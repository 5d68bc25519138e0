/**
 * Storybook has no reference server: this stands in for the poll API (see server/app.ts and
 * server/polls.ts) — votes, a participant's own vote, results with the lowest N marked, and the
 * results stream — so every state of `<cop-principle-poll>` can be seen and tried.
 */
import type { PollSettings } from '../../src/core/schema.js';
import type { PollResults } from '../../src/principle-poll/results.js';

/** How the mock answers a vote. */
export type VoteAnswer = 'stored' | 'server-error' | 'offline' | 'slow';
/** How the mock's results stream behaves: `down` fails (the widget polls), `offline` fails everything. */
export type StreamState = 'live' | 'down' | 'offline';

export interface MockPollOptions {
  /** Other participants' votes already in: `count` people rating around the given means. */
  votes?: { count: number; means: number[] };
  /** This browser voted before, with these ratings. */
  mine?: Record<string, number>;
  closed?: boolean;
  /** The organiser hides the results until they reveal them. */
  hidden?: boolean;
  /** The presenter view is signed in with the mock's admin token (`storybook`). */
  signedIn?: boolean;
  /** Someone in the room votes every few seconds while the results are open. */
  room?: boolean;
  answer?: VoteAnswer;
  stream?: StreamState;
}

interface State {
  poll: PollSettings;
  votes: Map<string, Record<string, number>>;
  closed: boolean;
  hidden: boolean;
  answer: VoteAnswer;
  stream: StreamState;
}

let state: State | undefined;
const listeners = new Set<MockEventSource>();
let room: ReturnType<typeof setInterval> | undefined;

/** A fixed pseudo-random sequence, so a story looks the same every time. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** A plausible rating near `mean`: mostly one either side, now and then two. */
function ratingNear(mean: number, poll: PollSettings, next: () => number): number {
  const spread = (next() + next() + next()) / 3 - 0.5; // roughly bell-shaped, −0.5…0.5
  return Math.min(poll.scale.max, Math.max(poll.scale.min, Math.round(mean + spread * 3.2)));
}

/** The admin token the mock accepts, as the reference server accepts its ADMIN_TOKEN. */
export const MOCK_ADMIN_TOKEN = 'storybook';

function results(s: State, reveal = false): PollResults {
  const { poll } = s;
  if (s.hidden && !reveal)
    return { pollId: poll.id, closed: s.closed, hidden: true, participants: s.votes.size, principles: [] };
  const principles = poll.principleIds.map((id) => {
    const distribution = Array.from({ length: poll.scale.max - poll.scale.min + 1 }, () => 0);
    for (const vote of s.votes.values()) if (vote[id] !== undefined) distribution[vote[id] - poll.scale.min]! += 1;
    const count = distribution.reduce((a, b) => a + b, 0);
    const sum = distribution.reduce((total, n, i) => total + n * (i + poll.scale.min), 0);
    return { id, count, mean: count ? Math.round((sum / count) * 100) / 100 : null, distribution, lowest: false };
  });
  // As the server does: the n lowest means, ties with the n-th included.
  const n = poll.highlightLowest ?? 0;
  const rated = principles.filter((p) => p.mean !== null).sort((a, b) => a.mean! - b.mean!);
  if (n > 0 && rated.length > n) for (const p of rated) p.lowest = p.mean! <= rated[n - 1]!.mean!;
  return { pollId: poll.id, closed: s.closed, hidden: s.hidden, participants: s.votes.size, principles };
}

const publish = () => listeners.forEach((source) => source.send());

/** Sets up the mock for one poll; call it from a story's loader with the feed's poll. */
export function mockPoll(poll: PollSettings, options: MockPollOptions = {}): void {
  const next = random(7);
  const votes = new Map<string, Record<string, number>>();
  for (let i = 0; i < (options.votes?.count ?? 0); i++) {
    // About one in ten skips a principle, as people do when they do not know.
    const vote = Object.fromEntries(
      poll.principleIds.flatMap((id, j) =>
        next() < 0.1 ? [] : [[id, ratingNear(options.votes!.means[j] ?? 3, poll, next)]],
      ),
    );
    votes.set(`room-${i}`, vote);
  }
  const key = `cop-principle-poll:${poll.id}:participant`;
  if (options.mine) {
    const token = 'storybook-participant-0001';
    localStorage.setItem(key, token);
    votes.set(token, options.mine);
  } else {
    localStorage.removeItem(key);
  }
  if (options.signedIn) sessionStorage.setItem('cop-principle-poll:admin-token', MOCK_ADMIN_TOKEN);
  else sessionStorage.removeItem('cop-principle-poll:admin-token');
  state = {
    poll,
    votes,
    closed: options.closed ?? false,
    hidden: options.hidden ?? false,
    answer: options.answer ?? 'stored',
    stream: options.stream ?? 'live',
  };
  clearInterval(room);
  room = undefined;
  if (options.room) {
    let extra = 0;
    room = setInterval(() => {
      if (!state || state.closed || extra >= 40 || listeners.size === 0) return;
      const means = options.votes?.means ?? [];
      state.votes.set(
        `late-${extra++}`,
        Object.fromEntries(poll.principleIds.map((id, j) => [id, ratingNear(means[j] ?? 3, poll, next)])),
      );
      publish();
    }, 4000);
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const realFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  const admin = /\/api\/admin\/polls\/([^/]+)(?:\/(open|close|hide|reveal|reset))?$/.exec(url.pathname);
  if (admin && state && admin[1] === state.poll.id)
    return presenter(state, admin[2], new Headers(init?.headers).get('Authorization'));
  const match = /\/api\/polls\/([^/]+)\/(votes|votes\/([^/]+)|results)$/.exec(url.pathname);
  const s = state;
  if (!match || !s || match[1] !== s.poll.id) return realFetch(input, init);
  if (s.stream === 'offline') throw new TypeError('Failed to fetch');
  if (match[2] === 'results') return json(200, results(s));
  if (match[3]) return json(200, { ratings: s.votes.get(match[3]) ?? {} });
  // POST …/votes
  await wait(s.answer === 'slow' ? 60_000 : 500);
  if (s.answer === 'offline') throw new TypeError('Failed to fetch');
  if (s.answer === 'server-error') return new Response('Bad gateway', { status: 502 });
  if (s.closed) return json(409, { error: 'closed' });
  const body = JSON.parse(String(init?.body)) as { participant: string; ratings: Record<string, number | null> };
  const replaced = s.votes.has(body.participant);
  s.votes.set(
    body.participant,
    Object.fromEntries(Object.entries(body.ratings).filter((entry): entry is [string, number] => entry[1] !== null)),
  );
  setTimeout(publish, 100);
  return json(replaced ? 200 : 201, { status: replaced ? 'replaced' : 'stored' });
};

/** The presenter routes (server/routes/presenter.ts): the full results, and the organiser's controls. */
async function presenter(s: State, action: string | undefined, authorization: string | null): Promise<Response> {
  await wait(300);
  if (authorization !== `Bearer ${MOCK_ADMIN_TOKEN}`) return json(401, { error: 'unauthorised' });
  if (action === 'open' || action === 'close') s.closed = action === 'close';
  if (action === 'hide' || action === 'reveal') s.hidden = action === 'hide';
  if (action === 'reset') [s.votes, s.closed] = [new Map(), false];
  if (action) setTimeout(publish, 100);
  return json(200, results(s, true));
}

/** The results stream: the current results on connect and after every vote, or an error when down. */
class MockEventSource extends EventTarget {
  constructor(readonly url: string) {
    super();
    if (!state || state.stream !== 'live') {
      setTimeout(() => this.dispatchEvent(new Event('error')), 50);
      return;
    }
    listeners.add(this);
    setTimeout(() => this.send(), 50);
  }

  send(): void {
    if (state) this.dispatchEvent(new MessageEvent('results', { data: JSON.stringify(results(state)) }));
  }

  close(): void {
    listeners.delete(this);
  }
}

const RealEventSource = window.EventSource;
window.EventSource = function (url: string | URL, init?: EventSourceInit) {
  return /\/api\/polls\//.test(String(url)) ? new MockEventSource(String(url)) : new RealEventSource(url, init);
} as unknown as typeof EventSource;
