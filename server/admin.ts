import { createHash, timingSafeEqual } from 'node:crypto';
import { csvCell } from '../src/core/csv.js';
import type { Feed } from '../src/core/schema.js';
import type { Database, Queryable } from './db.js';
import { capacities, removeMembers } from './enrolments.js';

/**
 * Compares a bearer token in constant time: both sides are hashed first, so neither the
 * length nor the first differing byte shows in the response time.
 */
export function tokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!expected || !given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const COLUMNS = [
  'enrolment',
  'status',
  'position',
  'enrolled_at',
  'sessions',
  'group',
  'themes',
  'role',
  'name',
  'organisation',
  'job_title',
  'email',
  'phone',
  'remark',
] as const;

/**
 * Per enrolment, its status and waiting-list position: `confirmed`, `waitlisted` with its place
 * in line, or per session when places are counted per session (`b1: confirmed; b2: waitlisted`).
 */
const STATUS_SQL = `
  SELECT enrolment_id,
         CASE WHEN count(*) = 1 AND bool_and(session_id IS NULL) THEN min(status)
              ELSE string_agg(coalesce(session_id, '') || ': ' || status, '; ' ORDER BY capacity_key) END AS status,
         CASE WHEN count(*) = 1 THEN min(position)
              ELSE NULL END AS position,
         jsonb_agg(jsonb_strip_nulls(jsonb_build_object('session', session_id, 'status', status, 'position', position, 'places', places)) ORDER BY capacity_key) AS placements
    FROM placement_positions WHERE programme_id = $1 GROUP BY enrolment_id`;

/** Every member of every enrolment of a programme, one row each, in order of enrolment. */
export async function enrolmentsCsv(db: Queryable, programmeId: string): Promise<string> {
  const rows = await db.query<Record<(typeof COLUMNS)[number], unknown>>(
    `WITH placed AS (${STATUS_SQL})
     SELECT e.id AS enrolment, placed.status, placed.position, e.created_at AS enrolled_at, e.session_ids AS sessions, e.group_id AS "group",
            e.theme_ids AS themes, m.role_id AS role, m.name, m.organisation, m.job_title, m.email, m.phone, e.remark
       FROM enrolments e JOIN enrolment_members m ON m.enrolment_id = e.id LEFT JOIN placed ON placed.enrolment_id = e.id
      WHERE e.programme_id = $1 ORDER BY e.id, m.id`,
    [programmeId],
  );
  // A byte-order mark makes Excel read the file as UTF-8 (names with ë, é).
  return `\uFEFF${[COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))].join('\r\n')}\r\n`;
}

/** The organiser's view of a programme's enrolments (JSON): each team with its members and places. */
export async function enrolmentList(db: Queryable, programmeId: string) {
  return db.query(
    `WITH placed AS (${STATUS_SQL})
     SELECT e.id, e.created_at AS "enrolledAt", e.session_ids AS sessions, e.group_id AS "group", e.theme_ids AS themes, e.remark,
            placed.status, placed.position, coalesce(placed.placements, '[]') AS placements,
            (SELECT jsonb_agg(jsonb_build_object('id', m.id, 'role', m.role_id, 'name', m.name, 'organisation', m.organisation,
                                                 'jobTitle', m.job_title, 'email', m.email, 'phone', m.phone) ORDER BY m.id)
               FROM enrolment_members m WHERE m.enrolment_id = e.id) AS members
       FROM enrolments e LEFT JOIN placed ON placed.enrolment_id = e.id
      WHERE e.programme_id = $1 ORDER BY e.id`,
    [programmeId],
  );
}

/**
 * Erases one person (AVG/GDPR article 17): their member rows in every programme and every mail
 * addressed to them. An enrolment keeps its other members and gives up the person's place (a
 * waiting team moves up); one left empty is removed. Returns what the mailer must forget too:
 * the mails to them and to their teams (those listed them).
 */
export async function erasePerson(
  db: Database,
  feeds: Map<string, Feed>,
  email: string,
): Promise<{ removed: number; mailIds: number[]; enrolmentIds: number[] }> {
  const address = email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const members = await tx.query<{ id: string; programme_id: string; enrolment_id: string }>(
      'SELECT id, programme_id, enrolment_id FROM enrolment_members WHERE email = $1 ORDER BY programme_id',
      [address],
    );
    const enrolmentIds = [...new Set(members.map((m) => Number(m.enrolment_id)))];
    const mails = await tx.query<{ id: string }>(
      'SELECT id FROM outbox WHERE recipient = $1 OR enrolment_id = ANY($2::bigint[])',
      [address, enrolmentIds],
    );
    let removed = 0;
    for (const programmeId of new Set(members.map((m) => m.programme_id))) {
      const feed = feeds.get(programmeId);
      const ids = members.filter((m) => m.programme_id === programmeId).map((m) => Number(m.id));
      removed += (await removeMembers(tx, programmeId, feed ? capacities(feed) : {}, ids, false)).removed;
    }
    await tx.query('DELETE FROM outbox WHERE recipient = $1', [address]);
    return { removed, mailIds: mails.map((row) => Number(row.id)), enrolmentIds };
  });
}

/** The organiser cancels members (or a whole team) on someone's behalf; each is mailed. */
export async function cancelForParticipant(
  db: Database,
  feed: Feed,
  enrolmentId: number,
  memberIds?: readonly number[],
) {
  const members = await db.query<{ id: string }>(
    'SELECT id FROM enrolment_members WHERE enrolment_id = $1 AND programme_id = $2',
    [enrolmentId, feed.programme.id],
  );
  const ids = members.map((m) => Number(m.id)).filter((id) => !memberIds || memberIds.includes(id));
  if (members.length === 0) return undefined;
  return db.transaction((tx) => removeMembers(tx, feed.programme.id, capacities(feed), ids, true));
}

/**
 * The organiser moves a waiting team to the front of the line (in every slot it waits in), and
 * up at once where it fits. Returns whether it was waiting.
 */
export async function moveToFront(
  db: Database,
  feed: Feed,
  enrolmentId: number,
): Promise<{ waiting: boolean; promoted: number[] }> {
  return db.transaction(async (tx) => {
    const moved = await tx.query<{ capacity_key: string }>(
      `UPDATE placements p SET queued_at = (SELECT min(q.queued_at) - interval '1 millisecond' FROM placements q
                                              WHERE q.programme_id = p.programme_id AND q.capacity_key = p.capacity_key AND q.status = 'waitlisted')
        WHERE p.enrolment_id = $1 AND p.programme_id = $2 AND p.status = 'waitlisted' RETURNING p.capacity_key`,
      [enrolmentId, feed.programme.id],
    );
    const limits = capacities(feed);
    const promoted: number[] = [];
    for (const { capacity_key } of moved.sort((a, b) => a.capacity_key.localeCompare(b.capacity_key))) {
      const [row] = await tx.query<{ ids: string[] }>('SELECT cop_promote($1, $2, $3) AS ids', [
        feed.programme.id,
        capacity_key,
        limits[capacity_key] ?? null,
      ]);
      promoted.push(...(row?.ids ?? []).map(Number));
    }
    return { waiting: moved.length > 0, promoted };
  });
}

/** Mails that failed at least once and are not sent (still retrying, or given up), with why. */
export async function failingMails(db: Queryable) {
  return db.query(
    `SELECT id, kind, programme_id AS programme, enrolment_id AS enrolment, recipient, attempts, last_error AS "lastError",
            next_attempt_at AS "nextAttemptAt", failed_at AS "failedAt", created_at AS "createdAt"
       FROM outbox WHERE sent_at IS NULL AND attempts > 0 ORDER BY id`,
  );
}
