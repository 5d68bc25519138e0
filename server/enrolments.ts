import { checkEnrolment, type EnrolmentRequest } from '../src/feed/enrolment-request.js';
import type { FeedIssue } from '../src/feed/issues.js';
import type { Feed } from '../src/feed/schema.js';
import { enrolmentStatus, type EnrolmentState } from '../src/shared/enrolment-status.js';
import type { Database, Queryable } from './db.js';

export type EnrolmentOutcome =
  | { kind: 'created'; status: 'confirmed' | 'waitlisted'; position?: number; id: number; replayed?: true }
  | { kind: 'refused'; reason: Exclude<EnrolmentState, 'open' | 'waitlist'> }
  | { kind: 'invalid'; issues: FeedIssue[] };

/** What an enrolment counts against: the programme, or its session when places are per session. */
function capacityKey(feed: Feed, request: EnrolmentRequest): string {
  return feed.enrolment?.capacityPer === 'session' && request.sessionId ? request.sessionId : feed.programme.id;
}

async function takenPlaces(tx: Queryable, programmeId: string, key: string) {
  const [row] = await tx.query<{ confirmed: string; waitlisted: string }>(
    `SELECT coalesce(sum(places) FILTER (WHERE status = 'confirmed'), 0) AS confirmed,
            count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted
       FROM enrolments WHERE programme_id = $1 AND capacity_key = $2`,
    [programmeId, key],
  );
  return { confirmed: Number(row?.confirmed ?? 0), waitlisted: Number(row?.waitlisted ?? 0) };
}

/**
 * Enrols a team. Enrolments for one programme run one at a time behind a row lock, so the
 * count of places and the insert that depends on it can never interleave: capacity is never
 * exceeded, however many requests arrive at once.
 */
export async function enrol(
  db: Database,
  feed: Feed,
  body: unknown,
  options: { idempotencyKey?: string; now?: number; onCreated?: (request: EnrolmentRequest, outcome: Extract<EnrolmentOutcome, { kind: 'created' }>) => void } = {},
): Promise<EnrolmentOutcome> {
  const now = options.now ?? Date.now();
  const checked = checkEnrolment(feed, body);
  if (!checked.success) return { kind: 'invalid', issues: checked.issues };
  const request = checked.data;
  const outcome = await store(db, feed, request, now, options.idempotencyKey);
  // After the commit, and only for a new enrolment (not a replayed answer): e.g. the confirmation mail.
  if (outcome.kind === 'created' && !outcome.replayed) options.onCreated?.(request, outcome);
  return outcome;
}

async function store(db: Database, feed: Feed, request: EnrolmentRequest, now: number, idempotencyKey: string | undefined): Promise<EnrolmentOutcome> {
  const settings = feed.enrolment;
  const status = enrolmentStatus({ ...feed, availability: undefined }, now);
  if (!settings || !status) return { kind: 'refused', reason: 'closed' };
  if (status.state !== 'open') return { kind: 'refused', reason: status.state as 'closed' | 'not-yet-open' | 'cancelled' };

  const programmeId = feed.programme.id;
  const key = capacityKey(feed, request);
  const places = request.members.length;
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO programmes (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [programmeId]);
    await tx.query('SELECT id FROM programmes WHERE id = $1 FOR UPDATE', [programmeId]);
    // Behind the lock, so a retry racing its original waits for it and then gets its answer.
    if (idempotencyKey) {
      const [earlier] = await tx.query<{ body: EnrolmentOutcome }>('SELECT body FROM idempotency_keys WHERE programme_id = $1 AND key = $2', [programmeId, idempotencyKey]);
      if (earlier) return earlier.body.kind === 'created' ? { ...earlier.body, replayed: true } : earlier.body;
    }
    const outcome = await place(tx, feed, request, key, places);
    if (idempotencyKey) {
      await tx.query('INSERT INTO idempotency_keys (programme_id, key, body) VALUES ($1, $2, $3)', [programmeId, idempotencyKey, JSON.stringify(outcome)]);
    }
    return outcome;
  });
}

/** Inside the programme's lock: refuses a taken e-mail address, else confirms or waitlists. */
async function place(tx: Queryable, feed: Feed, request: EnrolmentRequest, key: string, places: number): Promise<EnrolmentOutcome> {
  const programmeId = feed.programme.id;
  const settings = feed.enrolment!;

  const emails = request.members.map((m) => m.email.toLowerCase());
  const taken = await tx.query<{ email: string }>('SELECT email FROM enrolment_members WHERE programme_id = $1 AND email = ANY($2)', [programmeId, emails]);
  if (taken.length) {
    const already = new Set(taken.map((row) => row.email));
    return {
      kind: 'invalid',
      issues: emails.flatMap((email, i) => (already.has(email) ? [{ path: ['members', i, 'email'], key: 'alreadyEnrolled', args: [] } satisfies FeedIssue] : [])),
    };
  }

  const counts = await takenPlaces(tx, programmeId, key);
  const fits = settings.capacity === undefined || counts.confirmed + places <= settings.capacity;
  // Once anyone waits, newcomers queue behind them even if a small team would still fit.
  const confirmed = fits && counts.waitlisted === 0;
  if (!confirmed && !settings.waitlist) return { kind: 'refused', reason: 'full' };

  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO enrolments (programme_id, capacity_key, session_id, group_id, theme_ids, remark, status, places)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [programmeId, key, request.sessionId ?? null, request.groupId ?? null, request.themeIds ?? [], request.remark || null, confirmed ? 'confirmed' : 'waitlisted', places],
  );
  const id = Number(row!.id);
  for (const member of request.members) {
    await tx.query(
      `INSERT INTO enrolment_members (enrolment_id, programme_id, role_id, name, organisation, job_title, email, phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, programmeId, member.roleId, member.name, member.organisation, member.jobTitle || null, member.email.toLowerCase(), member.phone || null],
    );
  }
  return confirmed ? { kind: 'created', status: 'confirmed', id } : { kind: 'created', status: 'waitlisted', position: counts.waitlisted + 1, id };
}

/** The live `availability` the server adds to a feed it serves. */
export async function availability(db: Queryable, feed: Feed, now = Date.now()): Promise<NonNullable<Feed['availability']> | undefined> {
  const settings = feed.enrolment;
  if (!settings) return undefined;
  const counts = async (key: string) => {
    const { confirmed, waitlisted } = await takenPlaces(db, feed.programme.id, key);
    const placesLeft = settings.capacity === undefined ? null : Math.max(0, settings.capacity - confirmed);
    const byDate = enrolmentStatus({ ...feed, availability: undefined }, now)!.state;
    const state: EnrolmentState =
      byDate !== 'open' ? byDate : placesLeft === 0 || waitlisted > 0 ? (settings.waitlist ? 'waitlist' : 'full') : 'open';
    return { state, placesLeft, waitlistLength: waitlisted };
  };
  const sessions =
    settings.capacityPer === 'session' ? Object.fromEntries(await Promise.all(feed.sessions.map(async (s) => [s.id, await counts(s.id)] as const))) : undefined;
  return { ...(await counts(feed.programme.id)), updatedAt: new Date(now).toISOString(), ...(sessions ? { sessions } : {}) };
}
