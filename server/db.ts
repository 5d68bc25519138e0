/**
 * One small interface over the two databases the server runs on: PGlite (embedded Postgres,
 * data in a folder; the default, so `npm start` needs nothing installed) and PostgreSQL (pg
 * driver, when DATABASE_URL is set). The SQL is the same; only connecting differs.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkRoom } from './data-dir.js';
import { openPgliteInstance } from './pglite.js';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onMessage` for every NOTIFY on `channel`, from this process or any other on the
   * same database; after a lost connection is restored it calls `onMessage(undefined)`, since
   * messages may have been missed meanwhile. Resolves to a function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string | undefined) => void): Promise<() => Promise<void>>;
  /** Rejects when the database does not take writes (full disk, read-only): `/healthz` says 503. */
  checkWrites(): Promise<void>;
  close(): Promise<void>;
}

const CHECK_WRITES =
  'INSERT INTO health_checks (id, checked_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET checked_at = now()';

/** NOTIFY inside a transaction is delivered when it commits, so listeners never see a rolled-back vote. */
export const notify = (tx: Queryable, channel: string, payload: string) =>
  tx.query('SELECT pg_notify($1, $2)', [channel, payload]);

export interface DatabaseOptions {
  /** PostgreSQL's connection string; without it, the embedded database. */
  url?: string;
  /** The embedded database's folder (checked and locked by data-dir.ts); without it, in memory. */
  dataDir?: string;
  /** The embedded database fsyncs its writes (default on). */
  fsync?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.url ? await openPostgres(options.url) : await openPglite(options);
  await migrate(db);
  return db;
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const pg = await openPgliteInstance({ dataDir: options.dataDir, fsync: options.fsync ?? true });
  return {
    kind: 'pglite',
    query: async (sql, params) => (await pg.query(sql, params)).rows as never,
    // PGlite has one connection: transactions queue behind each other, which is what we need.
    transaction: (work) =>
      pg.transaction((tx) => work({ query: async (sql, params) => (await tx.query(sql, params)).rows as never })),
    listen: async (channel, onMessage) => pg.listen(channel, (payload) => onMessage(payload)),
    async checkWrites() {
      await pg.query(CHECK_WRITES);
      // That row fits in pages PGlite already has; a new enrolment needs the file to grow.
      if (options.dataDir) checkRoom(options.dataDir);
    },
    close: () => pg.close(),
  };
}

/**
 * bigint (ids, counts) as a JavaScript number, as PGlite gives it: our ids and counts stay far
 * below 2^53, and one shape of answer from both databases keeps the code free of conversions.
 */
const parseInt8AsNumber = (types: typeof import('pg').types) => (oid: number, format?: 'text' | 'binary') =>
  oid === types.builtins.INT8 && format !== 'binary'
    ? (value: string) => Number(value)
    : types.getTypeParser(oid, format as 'text');

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // A connection attempt gives up after 5 s, so a request (and /healthz) answers while the database is away.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    types: { getTypeParser: parseInt8AsNumber(pg.types) },
  });
  // A dropped idle connection must not crash the process; the pool opens a new one.
  pool.on('error', (error) => console.error(`database: idle connection lost (${error.message})`));
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    listen: (channel, onMessage) => listenPostgres(url, channel, onMessage),
    checkWrites: async () => void (await pool.query(CHECK_WRITES)),
    close: () => pool.end(),
  };
}

/** LISTEN on a connection of its own, reconnecting with backoff when PostgreSQL goes away. */
async function listenPostgres(url: string, channel: string, onMessage: (payload: string | undefined) => void) {
  const { default: pg } = await import('pg');
  let client: InstanceType<typeof pg.Client> | undefined;
  let stopped = false;
  let delay = 250;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => message.channel === channel && onMessage(message.payload));
    next.on('error', () => reconnect(next));
    await next.connect();
    await next.query(`LISTEN "${channel.replace(/"/g, '')}"`);
    client = next;
    delay = 250;
  };
  const reconnect = (lost: InstanceType<typeof pg.Client>) => {
    if (stopped || client !== lost) return;
    client = undefined;
    void lost.end().catch(() => {});
    const attempt = () => {
      if (stopped) return;
      connect().then(
        () => onMessage(undefined),
        () => {
          delay = Math.min(delay * 2, 10_000);
          setTimeout(attempt, delay);
        },
      );
    };
    setTimeout(attempt, delay);
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * A migration file's statements: split where a line ends in `;`, except inside a dollar-quoted
 * function body (`$$ … $$`), whose own statements end lines too.
 */
export function statements(sql: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const line of sql.split('\n')) {
    current += `${line}\n`;
    quoted = (line.match(/\$\$/g)?.length ?? 0) % 2 === 1 ? !quoted : quoted;
    if (!quoted && /;\s*$/.test(line)) {
      parts.push(current.trim().replace(/;$/, ''));
      current = '';
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts.filter((part) => part.replace(/^\s*--.*$/gm, '').trim());
}

/** Applies every `NNN_name.sql` not applied yet, in order, in one transaction. */
export async function migrate(db: Database): Promise<void> {
  const files = (await readdir(MIGRATIONS)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  // Reading first: a database that is up to date is not written to, so the server also starts
  // on one that refuses writes (a read-only replica, a full disk) and says so on /healthz.
  const [known] = await db.query<{ table: string | null }>("SELECT to_regclass('schema_migrations')::text AS table");
  if (known?.table) {
    const applied = new Set(
      (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    if (files.every((file) => applied.has(Number.parseInt(file, 10)))) return;
  }
  await db.transaction(async (tx) => {
    // Two server processes starting on one PostgreSQL must not both migrate: the lock comes
    // first, even before creating the bookkeeping table (that too races otherwise).
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(727274)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    for (const file of files) {
      const version = Number.parseInt(file, 10);
      if (applied.has(version)) continue;
      const sql = await readFile(new URL(file, `file://${MIGRATIONS}`), 'utf8');
      for (const statement of statements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file]);
    }
  });
}
