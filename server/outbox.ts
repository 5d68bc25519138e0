/**
 * Sends the mails in the outbox, a batch at a time: claimed in a transaction (on PostgreSQL with
 * FOR UPDATE SKIP LOCKED, so several instances each take different rows and rows whose sender
 * died are free again at once), sent, and marked sent in that transaction. A failure
 * counts an attempt and waits (30 s, doubling, up to an hour) before the next; after
 * MAX_ATTEMPTS the row is marked failed and the organiser sees it (GET /api/admin/outbox).
 * Rows sent but not marked (a crash between the two) are sent again: the .eml file has the
 * row's name and is overwritten, and over SMTP the Message-ID repeats.
 */
import type { Feed } from '../src/core/schema.js';
import type { Database, Queryable } from './db.js';
import { composeMail, type MailFacts, type MailKind, type Mailer } from './mail.js';

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_S = 30;
const LONGEST_RETRY_S = 3600;

/** Mails claimed and sent together; after a crash at most this many are sent again. */
const BATCH = 10;

interface OutboxRow {
  id: string;
  kind: MailKind;
  programme_id: string;
  enrolment_id: string | null;
  recipient: string;
  payload: { name?: string; token?: string };
  attempts: number;
  enrolled: boolean;
  session_ids: string[];
  team: MailFacts['team'];
  placements: MailFacts['placements'];
}

/** An error as the organiser may read it: its code or name and the first line of its message. */
const describe = (failure: unknown) => {
  const { name, code, message } = failure as Error & { code?: string };
  return `${code ?? name}: ${String(message ?? '').split('\n')[0]}`.slice(0, 300);
};

export class OutboxWorker {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  #again = false;

  constructor(
    private readonly db: Database,
    private readonly feeds: Map<string, Feed>,
    private readonly mailer: Mailer,
    private readonly options: {
      /** Where the cancellation pages are (PUBLIC_URL), e.g. https://cop.example.org. */
      publicUrl: string;
      intervalMs?: number;
      /** The wait before the first retry (30 s); it doubles with each failure, up to an hour. */
      firstRetryS?: number;
      log?: (line: string) => void;
    },
  ) {}

  start(): void {
    this.#stopped = false;
    this.wake();
  }

  /** Looks at the outbox now (after an enrolment in this process) rather than at the next interval. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#stopped) return;
      if (this.#again) {
        this.#again = false;
        this.wake();
      } else this.#timer = setTimeout(() => this.wake(), this.options.intervalMs ?? 1_000);
    });
  }

  /**
   * Stops sending; resolves when the mail being sent is sent. `drain`: first send every mail that
   * is due (a graceful stop, within its deadline), so a stopped demo leaves no mail unsent.
   */
  async stop(options: { drain?: boolean } = {}): Promise<void> {
    const wasRunning = !this.#stopped;
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    if (options.drain && wasRunning) await this.flush();
  }

  /** Sends every mail that is due now, whether the worker runs or not. */
  async flush(): Promise<void> {
    await this.#running;
    await this.#drain(true);
  }

  /** Sends due rows one by one until none is left (or the worker stops, unless `toTheEnd`). */
  async #drain(toTheEnd = false): Promise<void> {
    try {
      while ((toTheEnd || !this.#stopped) && (await this.#sendBatch())) {
        // next row
      }
    } catch (failure) {
      // The database is away: try again at the next interval.
      this.options.log?.(`outbox: ${describe(failure)}`);
    }
  }

  /** Claims, sends and marks a batch of due rows; false when there was none. */
  async #sendBatch(): Promise<boolean> {
    const work = async (q: Queryable) => {
      // The rows with what their mails say, in one query: the team, the chosen sessions and where
      // the team stands in each slot now. Earliest due first, in the order of outbox_due, so the
      // LIMIT stops the index scan (ordered by id, every due row was read and sorted per batch).
      const rows = await q.query<OutboxRow>(
        `SELECT o.id, o.kind, o.programme_id, o.enrolment_id, o.recipient, o.payload, o.attempts,
                e.id IS NOT NULL AS enrolled, coalesce(e.session_ids, '{}') AS session_ids,
                (SELECT coalesce(jsonb_agg(jsonb_build_object('name', m.name, 'organisation', m.organisation) ORDER BY m.id), '[]')
                   FROM enrolment_members m WHERE m.enrolment_id = o.enrolment_id) AS team,
                (SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object('session', p.session_id, 'status', p.status, 'position', p.position))
                                 ORDER BY p.capacity_key), '[]')
                   FROM placement_positions p WHERE p.enrolment_id = o.enrolment_id) AS placements
           FROM outbox o LEFT JOIN enrolments e ON e.id = o.enrolment_id
          WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= now()
          ORDER BY o.next_attempt_at, o.id LIMIT ${BATCH} FOR UPDATE OF o SKIP LOCKED`,
      );
      const sent: { id: string; note: string | null }[] = [];
      for (const row of rows) {
        try {
          sent.push({ id: row.id, note: (await this.#deliver(row)) ?? null });
        } catch (failure) {
          await this.#failed(q, row, failure);
        }
      }
      if (sent.length) {
        await q.query(
          `UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = done.note, payload = payload - 'token'
             FROM (SELECT unnest($1::bigint[]) AS id, unnest($2::text[]) AS note) AS done WHERE outbox.id = done.id`,
          [sent.map((row) => row.id), sent.map((row) => row.note)],
        );
      }
      return rows.length > 0;
    };
    // PGlite has one connection: holding a transaction while mails are sent would stall every
    // request, and there is no other process to race with. PostgreSQL: the rows stay locked.
    return this.db.kind === 'postgres' ? this.db.transaction(work) : work(this.db);
  }

  /** Counts a failed attempt, and sets the next one (or gives up). */
  async #failed(q: Queryable, row: OutboxRow, failure: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const wait = Math.min(LONGEST_RETRY_S, (this.options.firstRetryS ?? FIRST_RETRY_S) * 2 ** (attempts - 1));
    await q.query(
      `UPDATE outbox SET attempts = $2::integer, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::float8),
              failed_at = CASE WHEN $2::integer >= $5::integer THEN now() END WHERE id = $1`,
      [row.id, attempts, describe(failure), wait, MAX_ATTEMPTS],
    );
    // The mail and the programme, never the address.
    this.options.log?.(
      `outbox: mail ${row.id} (${row.kind}, ${row.programme_id}) failed, attempt ${attempts}: ${(failure as Error).name}`,
    );
  }

  /** Writes and sends the row's mail; returns why it was skipped instead, if it was. */
  async #deliver(row: OutboxRow): Promise<string | undefined> {
    const feed = this.feeds.get(row.programme_id);
    if (!feed) return 'skipped: the programme is no longer served';
    const aboutPlace = row.kind === 'confirmed' || row.kind === 'waitlisted' || row.kind === 'promoted';
    if (aboutPlace && !row.enrolled) return 'skipped: cancelled before the mail went out';
    const content = composeMail({
      kind: row.kind,
      feed,
      name: row.payload.name ?? '',
      team: row.team,
      sessionIds: row.session_ids,
      placements: row.placements,
      ...(row.payload.token ? { cancelUrl: `${this.options.publicUrl}/afmelden/${row.payload.token}` } : {}),
    });
    await this.mailer.deliver({
      id: Number(row.id),
      to: { name: row.payload.name ?? '', address: row.recipient },
      ...content,
    });
    return undefined;
  }
}
