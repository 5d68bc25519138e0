/**
 * The databases a server process runs on in the process-level tests: its embedded database in a
 * data folder, and PostgreSQL when TEST_DATABASE_URL is set (a database of its own, dropped after).
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db.js';

export interface Target {
  kind: 'pglite' | 'postgres';
  /** What the server process needs to use it. */
  env: Record<string, string>;
  /** The same database, opened by the test (for PGlite: only while no server runs on it). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

interface Target {
  kind: 'pglite' | 'postgres';
  env: Record<string, string>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function pgliteTarget(feeds: string): Promise<Target> {
  // Created by the first start; the restarts reuse it.
  const dataDir = join(feeds, 'data');
  return {
    kind: 'pglite',
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir: join(dataDir, 'pglite') }),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export async function postgresTarget(url: string): Promise<Target> {
  const name = `cop_faults_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: own.href },
    open: () => openDatabase({ url: own.href }),
    dispose: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export const targetKinds = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])] as const;

/** A target of `kind`; PGlite's data folder goes in `dir`. */
export const openTarget = (kind: (typeof targetKinds)[number], dir: string) =>
  kind === 'pglite' ? pgliteTarget(dir) : postgresTarget(process.env.TEST_DATABASE_URL!);
