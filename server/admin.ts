import { createHash, timingSafeEqual } from 'node:crypto';
import type { Database, Queryable } from './db.js';

/**
 * Compares a bearer token in constant time: both sides are hashed first, so neither the
 * length nor the first differing byte shows in the response time.
 */
export function tokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!expected || !given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A cell as text, quoted; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const COLUMNS = ['enrolment', 'status', 'enrolled_at', 'session', 'group', 'themes', 'role', 'name', 'organisation', 'job_title', 'email', 'phone', 'remark'] as const;

/** Every member of every enrolment of a programme, one row each, in order of enrolment. */
export async function enrolmentsCsv(db: Queryable, programmeId: string): Promise<string> {
  const rows = await db.query<Record<(typeof COLUMNS)[number], unknown>>(
    `SELECT e.id AS enrolment, e.status, e.created_at AS enrolled_at, e.session_id AS session, e.group_id AS "group",
            e.theme_ids AS themes, m.role_id AS role, m.name, m.organisation, m.job_title, m.email, m.phone, e.remark
       FROM enrolments e JOIN enrolment_members m ON m.enrolment_id = e.id
      WHERE e.programme_id = $1 ORDER BY e.id, m.id`,
    [programmeId],
  );
  // A byte-order mark makes Excel read the file as UTF-8 (names with ë, é).
  return `\uFEFF${[COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))].join('\r\n')}\r\n`;
}

/**
 * Erases one person (AVG/GDPR article 17): their member rows in every programme. An enrolment
 * keeps its other members and gives up the person's place; one left empty is removed.
 */
export async function erasePerson(db: Database, email: string): Promise<{ removed: number; enrolmentIds: number[] }> {
  return db.transaction(async (tx) => {
    const removed = await tx.query<{ enrolment_id: string }>('DELETE FROM enrolment_members WHERE email = $1 RETURNING enrolment_id', [email.trim().toLowerCase()]);
    for (const { enrolment_id } of removed) {
      await tx.query(
        `UPDATE enrolments SET places = (SELECT count(*) FROM enrolment_members WHERE enrolment_id = $1) WHERE id = $1
           AND EXISTS (SELECT 1 FROM enrolment_members WHERE enrolment_id = $1)`,
        [enrolment_id],
      );
      await tx.query('DELETE FROM enrolments WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM enrolment_members WHERE enrolment_id = $1)', [enrolment_id]);
    }
    return { removed: removed.length, enrolmentIds: removed.map((row) => Number(row.enrolment_id)) };
  });
}
