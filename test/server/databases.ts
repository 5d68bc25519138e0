/**
 * The databases every storage test runs against: embedded PGlite always, and PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Each suite gets a database of its own, dropped after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db.js';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  open(): Promise<Database>;
  /** Removes what `open` created. */
  dispose(): Promise<void>;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ kind: 'pglite', open: () => openDatabase({}), dispose: async () => {} }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `cop_test_${randomBytes(6).toString('hex')}`;
    let created = false;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    list.push({
      kind: 'postgres',
      async open() {
        if (!created) {
          await admin(`CREATE DATABASE ${name}`);
          created = true;
        }
        const own = new URL(url);
        own.pathname = `/${name}`;
        return openDatabase({ url: own.href });
      },
      async dispose() {
        if (created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    });
  }
  return list;
}
