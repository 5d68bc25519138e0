/**
 * Enrolments: taking places, giving them back, and the live availability a feed shows. The work
 * that must be atomic runs in the database as one statement each (`cop_enrol`,
 * `cop_remove_members`, `cop_promote` in migrations/004), so an enrolment is one round trip
 * and holds its slot's row lock only while that statement runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { checkEnrolment, type EnrolmentRequest } from '../src/core/enrolment-request.js';
import type { FeedIssue } from '../src/core/issues.js';
import type { Feed } from '../src/core/schema.js';
import { enrolmentStatus, type EnrolmentState } from '../src/core/enrolment-status.js';
import type { Database, Queryable } from './db.js';
import { LiveHub } from './live-hub.js';

/** Every statement that changes a programme's places NOTIFYs this channel with the programme's id. */
export const AVAILABILITY_CHANNEL = 'cop_availability';

export type Placement = { status: 'confirmed' | 'waitlisted'; position?: number };

/** A slot's counts: people confirmed, teams waiting. */
export type SlotCounts = Record<string, { confirmed: number; waiting: number }>;

export type EnrolmentOutcome =
  | {
      kind: 'created';
      status: 'confirmed' | 'waitlisted';
      position?: number;
      sessions?: Record<string, Placement>;
      id?: number;
      replayed?: true;
      /** Every slot of the programme as the enrolment left it. */
      slots?: SlotCounts;
    }
  | { kind: 'refused'; reason: Exclude<EnrolmentState, 'open' | 'waitlist'> }
  | { kind: 'invalid'; issues: FeedIssue[] }
  /** The Idempotency-Key was used before with another request. */
  | { kind: 'mismatch' };

/** What a capacity is counted against: the programme, or each chosen session when places are per session. */
export interface Slot {
  key: string;
  session?: string;
  capacity: number | null;
}

/** The sessions a request chose: one (`sessionId`) or several (`sessionIds`). */
export const chosenSessions = (request: EnrolmentRequest): string[] => [
  ...new Set([...(request.sessionIds ?? []), ...(request.sessionId ? [request.sessionId] : [])]),
];

function slotsFor(feed: Feed, request: EnrolmentRequest): Slot[] {
  const capacity = feed.enrolment?.capacity ?? null;
  const sessions = chosenSessions(request);
  if (feed.enrolment?.capacityPer !== 'session' || sessions.length === 0) return [{ key: feed.programme.id, capacity }];
  // Sorted: every statement that locks several slots locks them in this order (no deadlocks).
  return sessions.sort().map((session) => ({ key: session, session, capacity }));
}

/** Each slot key of a programme with its capacity, as `cop_remove_members` and `cop_promote` need them. */
export function capacities(feed: Feed): Record<string, number | null> {
  const capacity = feed.enrolment?.capacity ?? null;
  return Object.fromEntries([[feed.programme.id, capacity], ...feed.sessions.map((s) => [s.id, capacity] as const)]);
}

/** SHA-256 in hex, as the database's `encode(sha256(…), 'hex')` writes it too. */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A cancellation token: 32 random bytes; only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = sha256;

/** JSON with every object's keys sorted, so the same request always gives the same text. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
          .join(',')}}`
      : JSON.stringify(value);

/** The request as its key remembers it: the validated fields, without the bot checks (a retry's fill time differs). */
const requestHash = (request: EnrolmentRequest) => {
  const { fillMs: _fill, website: _honeypot, ...kept } = request;
  return sha256(canonical(kept));
};

/**
 * Enrols a team: validates it against the feed, then takes its places in one statement. A
 * concurrent enrolment that took one of its addresses meanwhile makes the statement ask for a
 * second try (`cop:retry`), after which that address counts as already enrolled.
 */
export async function enrol(
  db: Database,
  feed: Feed,
  body: unknown,
  options: { idempotencyKey?: string; now?: number } = {},
): Promise<EnrolmentOutcome> {
  const checked = checkEnrolment(feed, body);
  if (!checked.success) return { kind: 'invalid', issues: checked.issues };
  const request = checked.data;
  const settings = feed.enrolment;
  const status = enrolmentStatus({ ...feed, availability: undefined }, options.now ?? Date.now());
  if (!settings || !status) return { kind: 'refused', reason: 'closed' };
  if (status.state !== 'open')
    return { kind: 'refused', reason: status.state as 'closed' | 'not-yet-open' | 'cancelled' };

  const call = {
    programme: feed.programme.id,
    key: options.idempotencyKey ?? null,
    hash: requestHash(request),
    waitlist: settings.waitlist,
    slots: slotsFor(feed, request),
    members: request.members.map((member) => {
      const token = newToken();
      return {
        role: member.roleId,
        name: member.name,
        organisation: member.organisation,
        jobTitle: member.jobTitle ?? null,
        email: member.email.toLowerCase(),
        phone: member.phone ?? null,
        token,
        tokenHash: tokenHash(token),
      };
    }),
    sessionIds: chosenSessions(request),
    groupId: request.groupId ?? null,
    themeIds: request.themeIds ?? [],
    remark: request.remark ?? null,
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const [row] = await db.query<{ outcome: EnrolmentOutcome }>('SELECT cop_enrol($1::jsonb) AS outcome', [
        JSON.stringify(call),
      ]);
      return row!.outcome;
    } catch (failure) {
      const { message, code } = failure as Error & { code?: string };
      if (message.includes('cop:full')) return { kind: 'refused', reason: 'full' };
      // Another enrolment took one of the addresses meanwhile, or (never seen, but PostgreSQL may
      // choose so) a deadlock or serialisation victim: the statement changed nothing; run it again.
      const again = message.includes('cop:retry') || code === '40P01' || code === '40001';
      if (!again || attempt >= 3) throw failure;
    }
  }
}

/**
 * Removes members (by id) from one programme; their places go back and waiting teams move up
 * (where `capacities` knows the slot). `notify`: each removed member is mailed that it happened.
 */
export async function removeMembers(
  db: Queryable,
  programmeId: string,
  capacities: Record<string, number | null>,
  memberIds: readonly number[],
  notify: boolean,
): Promise<{ removed: number; enrolments: number[]; promoted: number[] }> {
  if (memberIds.length === 0) return { removed: 0, enrolments: [], promoted: [] };
  const [row] = await db.query<{ result: { removed: number; enrolments: number[]; promoted: number[] } }>(
    'SELECT cop_remove_members($1::jsonb) AS result',
    [JSON.stringify({ programme: programmeId, members: memberIds, capacities, notify })],
  );
  return row!.result;
}

/** Moves waiting teams up wherever the feed's capacity now leaves room (a capacity raised in the feed). */
export async function promoteWaiting(db: Queryable, feeds: Map<string, Feed>): Promise<number[]> {
  const promoted: number[] = [];
  for (const feed of feeds.values()) {
    if (!feed.enrolment) continue;
    const slots = await db.query<{ capacity_key: string }>(
      'SELECT capacity_key FROM capacity_slots WHERE programme_id = $1 AND waiting > 0 ORDER BY capacity_key',
      [feed.programme.id],
    );
    const limits = capacities(feed);
    for (const { capacity_key } of slots) {
      const [row] = await db.query<{ ids: number[] }>('SELECT cop_promote($1, $2, $3) AS ids', [
        feed.programme.id,
        capacity_key,
        limits[capacity_key] ?? null,
      ]);
      promoted.push(...(row?.ids ?? []).map(Number));
    }
  }
  return promoted;
}

/** The live `availability` the server adds to a feed it serves: one query for all its slots. */
export async function availability(
  db: Queryable,
  feed: Feed,
  now = Date.now(),
): Promise<NonNullable<Feed['availability']> | undefined> {
  if (!feed.enrolment) return undefined;
  const rows = await db.query<{ capacity_key: string; confirmed: number; waiting: number }>(
    'SELECT capacity_key, confirmed, waiting FROM capacity_slots WHERE programme_id = $1',
    [feed.programme.id],
  );
  return availabilityOf(feed, Object.fromEntries(rows.map((row) => [row.capacity_key, row])), now);
}

/** Availability from a programme's slot counts (as `availability` reads them, or as an enrolment returns them). */
export function availabilityOf(
  feed: Feed,
  slots: SlotCounts,
  now: number,
): NonNullable<Feed['availability']> | undefined {
  const settings = feed.enrolment;
  if (!settings) return undefined;
  const byDate = enrolmentStatus({ ...feed, availability: undefined }, now)!.state;
  const counts = (key: string) => {
    const { confirmed = 0, waiting = 0 } = slots[key] ?? {};
    const placesLeft = settings.capacity === undefined ? null : Math.max(0, settings.capacity - confirmed);
    const state: EnrolmentState =
      byDate !== 'open' ? byDate : placesLeft === 0 || waiting > 0 ? (settings.waitlist ? 'waitlist' : 'full') : 'open';
    return { state, placesLeft, waitlistLength: waiting };
  };
  const sessions =
    settings.capacityPer === 'session'
      ? Object.fromEntries(feed.sessions.map((s) => [s.id, counts(s.id)] as const))
      : undefined;
  return {
    ...counts(feed.programme.id),
    updatedAt: new Date(now).toISOString(),
    ...(sessions ? { sessions } : {}),
    stream: `/api/programmes/${encodeURIComponent(feed.programme.id)}/availability/stream`,
  };
}

/** Live places and waiting lists of every programme, for the availability stream. */
export class AvailabilityHub extends LiveHub<NonNullable<Feed['availability']>> {
  constructor(db: Database, feeds: Map<string, Feed>, now: () => number = Date.now) {
    super(db, AVAILABILITY_CHANNEL, async (programmeId) => {
      const feed = feeds.get(programmeId);
      return feed && availability(db, feed, now());
    });
  }
}
