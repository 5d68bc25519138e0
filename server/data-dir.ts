/**
 * The embedded database's folder: checked before anything is written to it, so a start-up
 * failure names the folder, the errno and the fix (not PGlite's "undefined"), and locked for
 * the life of the process, since two processes on one PGlite folder each believe they own it
 * and lose each other's writes.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

const MiB = 1024 * 1024;
/** A new database takes about 40 MiB (one 16 MiB WAL segment, the catalogue); an existing one grows by WAL segments. */
const NEEDED_FIRST_START = 64 * MiB;
const NEEDED_RESTART = 32 * MiB;
/** Below this a running embedded database is about to fail writes: `/healthz` says so first. */
const NEEDED_RUNNING = 16 * MiB;

export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

/** What to do about each errno a folder can give, said to an operator. */
function explain(dir: string, what: string, failure: NodeJS.ErrnoException): DataDirError {
  const fixes: Record<string, string> = {
    EACCES: 'give the user that runs the server write access to it, or set DATA_DIR to a folder it may write',
    EPERM: 'give the user that runs the server write access to it, or set DATA_DIR to a folder it may write',
    EROFS: 'the file system is mounted read-only: mount it read-write, or set DATA_DIR to a writable folder',
    ENOSPC: 'the disk is full: free some space, or set DATA_DIR to a folder on another disk',
    EDQUOT: 'the disk quota is used up: free some space or raise the quota',
    ENOTDIR: 'part of the path is a file, not a folder: remove it or choose another DATA_DIR',
    EEXIST: 'a file stands where the folder should be: remove it or choose another DATA_DIR',
  };
  const code = failure.code ?? 'unknown error';
  const fix = fixes[code] ?? 'check the folder, or set DATA_DIR to another one';
  return new DataDirError(`DATA_DIR ${dir}: cannot ${what} (${code}): ${fix}.`);
}

/**
 * Creates the folder if needed and proves it takes a file and has room for the database.
 * `firstStart`: no database in it yet, so it needs room for a new one.
 */
export function checkDataDir(dir: string, firstStart: boolean): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (failure) {
    throw explain(dir, 'create the folder', failure as NodeJS.ErrnoException);
  }
  const probe = join(dir, `.write-check-${process.pid}`);
  try {
    writeFileSync(probe, 'cop-widgets');
    unlinkSync(probe);
  } catch (failure) {
    throw explain(dir, 'write to the folder', failure as NodeJS.ErrnoException);
  }
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  const needed = firstStart ? NEEDED_FIRST_START : NEEDED_RESTART;
  if (free < needed) {
    throw new DataDirError(
      `DATA_DIR ${dir}: only ${(free / MiB).toFixed(1)} MiB free, and the embedded database needs at least ${needed / MiB} MiB ${firstStart ? 'to be created' : 'to keep writing'} (ENOSPC): free some space, or set DATA_DIR to a folder on another disk.`,
    );
  }
}

/** Rejects (ENOSPC) when the folder's disk is nearly full; `/healthz` turns 503 before writes fail. */
export function checkRoom(dir: string): void {
  const { bavail, bsize } = statfsSync(dir);
  if (bavail * bsize < NEEDED_RUNNING) {
    throw Object.assign(new DataDirError(`DATA_DIR ${dir}: less than ${NEEDED_RUNNING / MiB} MiB free`), {
      code: 'ENOSPC',
    });
  }
}

interface Holder {
  pid: number;
  host: string;
  started: string;
  /** The process's start time in clock ticks since boot (Linux), to tell a reused pid apart. */
  bootTicks?: string;
}

/** Field 22 of /proc/<pid>/stat: when the process started; undefined off Linux or when gone. */
function bootTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined; // gone, or half-written by a process that died: not a holder
  }
}

/** Whether the process that wrote the lock still runs. On another host we cannot tell, so yes. */
function alive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false; // an earlier life of this pid (a container's pid 1)
  try {
    process.kill(holder.pid, 0);
  } catch (failure) {
    if ((failure as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = bootTicks(holder.pid);
  return !(holder.bootTicks && now && now !== holder.bootTicks); // the pid was given to another process
}

function inUse(dir: string, file: string, holder: Holder): DataDirError {
  const elsewhere = holder.host !== hostname();
  return new DataDirError(
    `DATA_DIR ${dir} is in use by another cop-widgets server (process ${holder.pid} on ${holder.host}, started ${holder.started}). ` +
      `Two servers on one embedded database lose each other's enrolments: stop that one first, give this one its own DATA_DIR, ` +
      `or run several instances on PostgreSQL (DATABASE_URL).` +
      (elsewhere ? ` If ${holder.host} no longer runs it, delete ${file}.` : ''),
  );
}

/**
 * Takes the folder's lock for the life of this process: `server.lock` created exclusively,
 * holding this process's id, host and start time. A lock left by a process that is gone (killed with SIGKILL, a
 * crash) is moved aside with one atomic rename, so of two servers starting at once only one
 * takes it over. Returns the function that gives it back (also run at exit).
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'server.lock');
  const mine: Holder = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    bootTicks: bootTicks(process.pid),
  };
  // Written beside it, then linked into place: the lock file appears whole or not at all, so a
  // lock without content is never taken for a live holder's (link fails if the file exists).
  const draft = `${file}.${process.pid}.tmp`;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    try {
      writeFileSync(draft, JSON.stringify(mine));
      try {
        linkSync(draft, file);
      } finally {
        unlinkSync(draft);
      }
    } catch (failure) {
      if ((failure as NodeJS.ErrnoException).code !== 'EEXIST')
        throw explain(dir, 'create its lock file', failure as NodeJS.ErrnoException);
      const holder = readHolder(file);
      if (holder && alive(holder)) throw inUse(dir, file, holder);
      const aside = `${file}.stale-${process.pid}`;
      try {
        renameSync(file, aside);
      } catch {
        continue; // another process moved it first: look again
      }
      const moved = readHolder(aside);
      if (moved && alive(moved)) {
        // A live server took the lock between our look and our move: give it back.
        try {
          linkSync(aside, file);
        } finally {
          unlinkSync(aside);
        }
        throw inUse(dir, file, moved);
      }
      unlinkSync(aside);
      continue;
    }
    const release = () => {
      if (readHolder(file)?.pid === process.pid) unlinkSync(file);
      process.off('exit', release);
    };
    process.on('exit', release);
    return release;
  }
  throw new DataDirError(
    `DATA_DIR ${dir}: could not take its lock (${file}) after 10 tries; another server keeps starting on it.`,
  );
}
