/**
 * The embedded database, opened lean. PGlite's defaults suit a browser tab more than a server
 * that runs for months: 128 MB of shared buffers (our tables fit in a few), and on first start a
 * second WebAssembly instance that runs initdb and whose memory stays with the process. So a
 * new data folder is created by a short-lived child process, and the server opens it with
 * 16 MB of shared buffers and optimised WebAssembly code only (see `npm run bench` for the RSS).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import type { PGlite as PGliteType } from '@electric-sql/pglite';

const run = promisify(execFile);

/** Settings on top of PGlite's own start parameters (`-c name=value`). */
const LEAN_SETTINGS = ['shared_buffers=16MB', 'wal_buffers=1MB', 'temp_buffers=1MB'];

export interface PgliteOptions {
  /** Without a folder: in memory (tests that need a database of their own). */
  dataDir?: string;
  /** fsync WAL and data files (PostgreSQL's default); off is PGlite's default. See docs/security.md. */
  fsync: boolean;
}

export async function openPgliteInstance(options: PgliteOptions): Promise<PGliteType> {
  // V8 compiles WebAssembly twice by default (a quick tier, then optimised code for hot
  // functions, both kept): optimised code only is as fast for PGlite and 30–45 MiB smaller.
  v8.setFlagsFromString('--no-liftoff');
  const { PGlite } = await import('@electric-sql/pglite');
  if (options.dataDir && !existsSync(join(options.dataDir, 'PG_VERSION'))) await createInChild(options.dataDir);
  // PGlite starts with `-F` (fsync off). Turning it on is not enough: its Node file system makes
  // fdatasync() a no-op, so the WAL is opened with O_SYNC instead (open_datasync), and each commit
  // reaches the disk before it is acknowledged.
  const durable = ['-c', 'fsync=on', '-c', 'wal_sync_method=open_datasync'];
  const startParams = [
    ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
    ...(options.fsync ? durable : ['-c', 'fsync=off']),
    ...LEAN_SETTINGS.flatMap((setting) => ['-c', setting]),
  ];
  return PGlite.create({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), startParams });
}

/** Runs initdb for a new data folder in a process of its own, whose memory goes when it exits. */
async function createInChild(dataDir: string): Promise<void> {
  const module = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(process.argv[1]); const pg = await PGlite.create({ dataDir: process.argv[2] }); await pg.close();`;
  try {
    await run(process.execPath, ['--input-type=module', '-e', script, module, dataDir], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (failure) {
    const { stderr } = failure as { stderr?: string };
    throw new Error(
      `Creating the embedded database in ${dataDir} failed: ${stderr?.trim().split('\n').slice(-3).join(' ') || (failure as Error).message}`,
    );
  }
}
