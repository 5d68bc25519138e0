/**
 * Storage limitation (AVG/GDPR article 5(1)(e)): enrolments hold names, organisations, e-mail
 * addresses and phone numbers, needed until the programme is over and a while after (questions,
 * certificates, the organiser's reporting). `RETENTION_DAYS` after a programme's last session
 * ends, its enrolments, their members, its idempotency records and the mail copies on disk are
 * deleted. Poll votes are kept: they hold a random token and ratings, nothing about a person.
 */
import type { Feed } from '../src/core/schema.js';
import type { Database } from './db.js';
import type { Mailer } from './mail.js';

export const DEFAULT_RETENTION_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads `RETENTION_DAYS`: unset or empty gives the default; `0` turns deletion off (the
 * organiser erases by hand); anything but a whole number of days is refused.
 */
export function parseRetentionDays(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_RETENTION_DAYS;
  if (!/^\d{1,5}$/.test(value.trim()))
    throw new Error(
      `RETENTION_DAYS must be a whole number of days (0 keeps enrolments until erased by hand), not "${value}"`,
    );
  return Number(value);
}

/** When a programme is over: the end of its last session, else its enrolment deadline. */
export function programmeEnd(feed: Feed): number | undefined {
  const ends = feed.sessions.map((s) => Date.parse(s.end));
  if (ends.length) return Math.max(...ends);
  return feed.enrolment?.closes ? Date.parse(feed.enrolment.closes) : undefined;
}

export interface PurgeResult {
  /** Enrolments deleted (their members with them). */
  enrolments: number;
  people: number;
  mails: number;
}

/**
 * Deletes the enrolments of every programme that ended more than `retentionDays` before
 * `now`. A programme whose feed is no longer served (or has neither sessions nor a deadline)
 * has no known end: its enrolments go `retentionDays` after they were made.
 */
export async function purgeExpired(
  db: Database,
  feeds: Map<string, Feed>,
  options: { retentionDays: number; now?: number; mailer?: Mailer },
): Promise<PurgeResult> {
  const result: PurgeResult = { enrolments: 0, people: 0, mails: 0 };
  if (options.retentionDays <= 0) return result;
  const now = options.now ?? Date.now();
  const keep = options.retentionDays * DAY_MS;
  const programmes = await db.query<{ id: string }>('SELECT id FROM programmes ORDER BY id');
  for (const { id } of programmes) {
    const end = feeds.get(id) && programmeEnd(feeds.get(id)!);
    if (end !== undefined && now < end + keep) continue;
    // Without a known end: only enrolments made before the cut-off.
    const madeBefore = new Date(end === undefined ? now - keep : now).toISOString();
    const deleted = await db.transaction(async (tx) => {
      // The programme's lock: no enrolment is half-way between counting places and inserting.
      await tx.query('SELECT id FROM programmes WHERE id = $1 FOR UPDATE', [id]);
      const people = await tx.query<{ n: string }>(
        'SELECT count(*) AS n FROM enrolment_members m JOIN enrolments e ON e.id = m.enrolment_id WHERE e.programme_id = $1 AND e.created_at < $2',
        [id, madeBefore],
      );
      const rows = await tx.query<{ id: string }>(
        'DELETE FROM enrolments WHERE programme_id = $1 AND created_at < $2 RETURNING id',
        [id, madeBefore],
      );
      // The places those enrolments held (their placements went with them).
      await tx.query(
        `UPDATE capacity_slots s
            SET confirmed = coalesce((SELECT sum(places) FROM placements p WHERE p.programme_id = s.programme_id AND p.capacity_key = s.capacity_key AND p.status = 'confirmed'), 0),
                waiting = (SELECT count(*) FROM placements p WHERE p.programme_id = s.programme_id AND p.capacity_key = s.capacity_key AND p.status = 'waitlisted')
          WHERE s.programme_id = $1`,
        [id],
      );
      await tx.query('DELETE FROM idempotency_keys WHERE programme_id = $1 AND created_at < $2', [id, madeBefore]);
      const ids = rows.map((row) => Number(row.id));
      const mails = await tx.query<{ id: string }>(
        'DELETE FROM outbox WHERE programme_id = $1 AND (enrolment_id = ANY($2::bigint[]) OR created_at < $3) RETURNING id',
        [id, ids, madeBefore],
      );
      return { ids, mails: mails.map((row) => Number(row.id)), people: Number(people[0]?.n ?? 0) };
    });
    result.enrolments += deleted.ids.length;
    result.people += deleted.people;
    result.mails += (await options.mailer?.forget({ mails: deleted.mails, enrolments: deleted.ids })) ?? 0;
  }
  return result;
}

/**
 * Purges now and then every hour; the timer does not keep the process alive. Failures are
 * logged by name only and retried at the next run.
 */
export function scheduleRetention(
  db: Database,
  feeds: Map<string, Feed>,
  options: { retentionDays: number; mailer?: Mailer; log: (line: string) => void; everyMs?: number },
): () => void {
  if (options.retentionDays <= 0) return () => {};
  let running = false;
  const run = () => {
    if (running) return; // the previous run is still busy: it takes what this one would
    running = true;
    void purgeExpired(db, feeds, options)
      .then(
        (done) =>
          done.enrolments > 0 &&
          options.log(
            `retention: deleted ${done.enrolments} enrolment(s) of ${done.people} people and ${done.mails} mail file(s), older than ${options.retentionDays} days after their programme`,
          ),
        (failure: Error) => options.log(`retention: purge failed (${failure.name}); retrying at the next run`),
      )
      .finally(() => (running = false));
  };
  run();
  const timer = setInterval(run, options.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
