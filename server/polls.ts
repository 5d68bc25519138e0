import type { FeedIssue } from '../src/core/issues.js';
import type { Feed, PollSettings } from '../src/core/schema.js';
import { checkVote, type PollResults, type PrincipleResult } from '../src/core/vote-request.js';
import { notify, type Database, type Queryable } from './db.js';
import { LiveHub } from './live-hub.js';

export const VOTES_CHANNEL = 'cop_poll_votes';

export type { PollResults, PrincipleResult };

export type VoteOutcome =
  { kind: 'stored'; replaced: boolean } | { kind: 'closed' } | { kind: 'invalid'; issues: FeedIssue[] };

/** The programme whose poll has this id, with the poll. */
export function findPoll(feeds: Map<string, Feed>, pollId: string): { feed: Feed; poll: PollSettings } | undefined {
  for (const feed of feeds.values()) if (feed.poll?.id === pollId) return { feed, poll: feed.poll };
  return undefined;
}

/** Past the feed's `closes`: voting has ended whatever the organiser does. */
export const closedByDate = (poll: PollSettings, now: number) =>
  poll.closes !== undefined && now >= Date.parse(poll.closes);

/** What the organiser set: voting closed (at the feed's time, or by hand), results hidden. */
export async function pollState(
  db: Queryable,
  poll: PollSettings,
  now: number,
): Promise<{ closed: boolean; hidden: boolean }> {
  const [row] = await db.query<{ closed_at: string | null; results_hidden: boolean }>(
    'SELECT closed_at, results_hidden FROM polls WHERE id = $1',
    [poll.id],
  );
  return { closed: closedByDate(poll, now) || Boolean(row?.closed_at), hidden: row?.results_hidden ?? false };
}

/** Stores a participant's ratings, replacing their earlier vote, and tells every listener. */
export async function vote(db: Database, poll: PollSettings, body: unknown, now = Date.now()): Promise<VoteOutcome> {
  const checked = checkVote(poll, body);
  if (!checked.success) return { kind: 'invalid', issues: checked.issues };
  if ((await pollState(db, poll, now)).closed) return { kind: 'closed' };
  const { participant } = checked.data;
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO polls (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [poll.id]);
    const removed = await tx.query('DELETE FROM votes WHERE poll_id = $1 AND participant = $2 RETURNING principle_id', [
      poll.id,
      participant,
    ]);
    for (const [principleId, rating] of checked.ratings) {
      await tx.query('INSERT INTO votes (poll_id, participant, principle_id, rating) VALUES ($1, $2, $3, $4)', [
        poll.id,
        participant,
        principleId,
        rating,
      ]);
    }
    await notify(tx, VOTES_CHANNEL, poll.id);
    return { kind: 'stored', replaced: removed.length > 0 };
  });
}

/** A participant's own ratings, so they can see and change their vote. */
export async function ratingsOf(db: Queryable, pollId: string, participant: string): Promise<Record<string, number>> {
  const rows = await db.query<{ principle_id: string; rating: number }>(
    'SELECT principle_id, rating FROM votes WHERE poll_id = $1 AND participant = $2',
    [pollId, participant],
  );
  return Object.fromEntries(rows.map((r) => [r.principle_id, r.rating]));
}

/**
 * The results now. While the organiser hides them, everyone but the organiser (`reveal`) gets
 * the number of participants only: no principle's figures leave the server.
 */
export async function results(
  db: Queryable,
  poll: PollSettings,
  now = Date.now(),
  reveal = false,
): Promise<PollResults> {
  const state = await pollState(db, poll, now);
  const [people] = await db.query<{ n: string }>(
    'SELECT count(DISTINCT participant) AS n FROM votes WHERE poll_id = $1',
    [poll.id],
  );
  const summary = { pollId: poll.id, ...state, participants: Number(people?.n ?? 0) };
  if (state.hidden && !reveal) return { ...summary, principles: [] };
  const rows = await db.query<{ principle_id: string; rating: number; n: string }>(
    'SELECT principle_id, rating, count(*) AS n FROM votes WHERE poll_id = $1 GROUP BY principle_id, rating',
    [poll.id],
  );
  const size = poll.scale.max - poll.scale.min + 1;
  const principles = poll.principleIds.map((id): PrincipleResult => {
    const distribution = Array.from({ length: size }, () => 0);
    for (const row of rows) if (row.principle_id === id) distribution[row.rating - poll.scale.min] = Number(row.n);
    const count = distribution.reduce((a, b) => a + b, 0);
    const sum = distribution.reduce((total, n, i) => total + n * (i + poll.scale.min), 0);
    return { id, count, mean: count ? Math.round((sum / count) * 100) / 100 : null, distribution, lowest: false };
  });
  markLowest(principles, poll.highlightLowest ?? 0);
  return { ...summary, principles };
}

/**
 * Marks the `n` lowest means; a principle tied with the n-th lowest is marked too. Until more
 * than `n` principles have ratings nothing is marked: "lowest" needs something to be lower than.
 */
export function markLowest(principles: PrincipleResult[], n: number): void {
  const rated = principles.filter((p) => p.mean !== null).sort((a, b) => a.mean! - b.mean!);
  if (n <= 0 || rated.length <= n) return;
  const threshold = rated[Math.min(n, rated.length) - 1]!.mean!;
  for (const p of rated) p.lowest = p.mean! <= threshold;
}

export type PresenterAction = 'open' | 'close' | 'hide' | 'reveal' | 'reset';

/** What each action sets; `reset` also removes every vote (and keeps results hidden if they were). */
const ACTIONS: Record<PresenterAction, string> = {
  open: 'closed_at = NULL',
  close: 'closed_at = now()',
  hide: 'results_hidden = true',
  reveal: 'results_hidden = false',
  reset: 'closed_at = NULL',
};

/**
 * The organiser's controls. Each tells every open view (LISTEN/NOTIFY, any server process) in
 * the same transaction, so the room follows within the hub's interval.
 */
export async function presenterAction(db: Database, pollId: string, action: PresenterAction): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO polls (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [pollId]);
    if (action === 'reset') await tx.query('DELETE FROM votes WHERE poll_id = $1', [pollId]);
    await tx.query(`UPDATE polls SET ${ACTIONS[action]} WHERE id = $1`, [pollId]);
    await notify(tx, VOTES_CHANNEL, pollId);
  });
}

/** The longest a timer may wait (setTimeout's limit is 2^31 − 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Live results of every poll, for the results stream. A poll also closes by itself at its
 * feed's `closes`: nobody votes then, so no NOTIFY comes; each process wakes its own listeners.
 */
export class ResultsHub extends LiveHub<PollResults> {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    db: Database,
    private readonly feeds: Map<string, Feed>,
    intervalMs = 100,
    private readonly clock: () => number = Date.now,
  ) {
    super(
      db,
      VOTES_CHANNEL,
      async (pollId) => {
        const found = findPoll(feeds, pollId);
        return found && results(db, found.poll, clock());
      },
      intervalMs,
    );
  }

  override async start(): Promise<void> {
    await super.start();
    for (const feed of this.feeds.values())
      if (feed.poll?.closes) this.#closeAt(feed.poll.id, Date.parse(feed.poll.closes));
  }

  override async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await super.stop();
  }

  #closeAt(pollId: string, at: number): void {
    const wait = at - this.clock();
    if (wait < 0) return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        // Woken early by the timer's limit: wait the rest; else tell the listeners it closed.
        if (this.clock() < at) this.#closeAt(pollId, at);
        else this.refresh(pollId);
      },
      Math.min(wait + 1, MAX_TIMER_MS),
    );
    timer.unref?.();
    this.#timers.add(timer);
  }
}
