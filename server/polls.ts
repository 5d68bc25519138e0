import type { FeedIssue } from '../src/feed/issues.js';
import type { Feed, PollSettings } from '../src/feed/schema.js';
import { checkVote, type PollResults, type PrincipleResult } from '../src/feed/vote-request.js';
import { notify, type Database, type Queryable } from './db.js';

export const VOTES_CHANNEL = 'cop_poll_votes';

export type { PollResults, PrincipleResult };

export type VoteOutcome = { kind: 'stored'; replaced: boolean } | { kind: 'closed' } | { kind: 'invalid'; issues: FeedIssue[] };

/** The programme whose poll has this id, with the poll. */
export function findPoll(feeds: Map<string, Feed>, pollId: string): { feed: Feed; poll: PollSettings } | undefined {
  for (const feed of feeds.values()) if (feed.poll?.id === pollId) return { feed, poll: feed.poll };
  return undefined;
}

async function isClosed(db: Queryable, poll: PollSettings, now: number): Promise<boolean> {
  if (poll.closes && now >= Date.parse(poll.closes)) return true;
  const [row] = await db.query<{ closed_at: string | null }>('SELECT closed_at FROM polls WHERE id = $1', [poll.id]);
  return Boolean(row?.closed_at);
}

/** Stores a participant's ratings, replacing their earlier vote, and tells every listener. */
export async function vote(db: Database, poll: PollSettings, body: unknown, now = Date.now()): Promise<VoteOutcome> {
  const checked = checkVote(poll, body);
  if (!checked.success) return { kind: 'invalid', issues: checked.issues };
  if (await isClosed(db, poll, now)) return { kind: 'closed' };
  const { participant } = checked.data;
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO polls (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [poll.id]);
    const removed = await tx.query('DELETE FROM votes WHERE poll_id = $1 AND participant = $2 RETURNING principle_id', [poll.id, participant]);
    for (const [principleId, rating] of checked.ratings) {
      await tx.query('INSERT INTO votes (poll_id, participant, principle_id, rating) VALUES ($1, $2, $3, $4)', [poll.id, participant, principleId, rating]);
    }
    await notify(tx, VOTES_CHANNEL, poll.id);
    return { kind: 'stored', replaced: removed.length > 0 };
  });
}

/** A participant's own ratings, so they can see and change their vote. */
export async function ratingsOf(db: Queryable, pollId: string, participant: string): Promise<Record<string, number>> {
  const rows = await db.query<{ principle_id: string; rating: number }>('SELECT principle_id, rating FROM votes WHERE poll_id = $1 AND participant = $2', [pollId, participant]);
  return Object.fromEntries(rows.map((r) => [r.principle_id, r.rating]));
}

export async function results(db: Queryable, poll: PollSettings, now = Date.now()): Promise<PollResults> {
  const rows = await db.query<{ principle_id: string; rating: number; n: string }>(
    'SELECT principle_id, rating, count(*) AS n FROM votes WHERE poll_id = $1 GROUP BY principle_id, rating',
    [poll.id],
  );
  const [people] = await db.query<{ n: string }>('SELECT count(DISTINCT participant) AS n FROM votes WHERE poll_id = $1', [poll.id]);
  const size = poll.scale.max - poll.scale.min + 1;
  const principles = poll.principleIds.map((id): PrincipleResult => {
    const distribution = Array.from({ length: size }, () => 0);
    for (const row of rows) if (row.principle_id === id) distribution[row.rating - poll.scale.min] = Number(row.n);
    const count = distribution.reduce((a, b) => a + b, 0);
    const sum = distribution.reduce((total, n, i) => total + n * (i + poll.scale.min), 0);
    return { id, count, mean: count ? Math.round((sum / count) * 100) / 100 : null, distribution, lowest: false };
  });
  markLowest(principles, poll.highlightLowest ?? 0);
  return { pollId: poll.id, closed: await isClosed(db, poll, now), participants: Number(people?.n ?? 0), principles };
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

export async function closePoll(db: Database, pollId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO polls (id, closed_at) VALUES ($1, now()) ON CONFLICT (id) DO UPDATE SET closed_at = now()', [pollId]);
    await notify(tx, VOTES_CHANNEL, pollId);
  });
}

/** Removes every vote and opens the poll again. */
export async function resetPoll(db: Database, pollId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM votes WHERE poll_id = $1', [pollId]);
    await tx.query('UPDATE polls SET closed_at = NULL WHERE id = $1', [pollId]);
    await notify(tx, VOTES_CHANNEL, pollId);
  });
}

type Subscriber = (results: PollResults) => void;

/**
 * Fans results out to every live listener of this process. Whichever process stored a vote,
 * its NOTIFY reaches all; each process then computes a poll's results once for all its
 * listeners, at most every `intervalMs`, so a burst of votes costs a few queries, not one per
 * vote per listener.
 */
export class ResultsHub {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();
  #stop: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Database,
    private readonly feeds: Map<string, Feed>,
    private readonly intervalMs = 100,
  ) {}

  async start(): Promise<void> {
    this.#stop = await this.db.listen(VOTES_CHANNEL, (pollId) => {
      // undefined: the connection was restored and messages may be lost; refresh every poll.
      for (const id of pollId === undefined ? this.#subscribers.keys() : [pollId]) this.#schedule(id);
    });
  }

  async stop(): Promise<void> {
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    await this.#stop?.();
  }

  subscribe(pollId: string, subscriber: Subscriber): () => void {
    let set = this.#subscribers.get(pollId);
    if (!set) this.#subscribers.set(pollId, (set = new Set()));
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      // Only this set: a later wave of listeners may already have a new one under the same poll.
      if (set.size === 0 && this.#subscribers.get(pollId) === set) this.#subscribers.delete(pollId);
    };
  }

  get listeners(): number {
    let n = 0;
    for (const set of this.#subscribers.values()) n += set.size;
    return n;
  }

  #schedule(pollId: string): void {
    if (!this.#subscribers.has(pollId) || this.#pending.has(pollId)) return;
    this.#pending.set(
      pollId,
      setTimeout(() => {
        this.#pending.delete(pollId);
        const found = findPoll(this.feeds, pollId);
        if (!found) return;
        results(this.db, found.poll).then(
          (latest) => this.#subscribers.get(pollId)?.forEach((send) => send(latest)),
          (error: Error) => console.error(`poll results for ${pollId} failed: ${error.message}`),
        );
      }, this.intervalMs),
    );
  }
}
