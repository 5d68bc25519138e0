/**
 * Faults: the server killed with SIGKILL in the middle of a stream of enrolments and votes, then
 * started again on the same data. Whatever was acknowledged (a 2xx received) must be stored,
 * whole, and capacity must still be exact: on PGlite (DATA_DIR) and on PostgreSQL. And
 * PostgreSQL stopped hard and started again under a running server.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Database } from '../../server/db.js';
import { feedsDir, openProgramme, participant } from './feeds.js';
import { freePort, startServer, type RunningServer } from './process.js';
import { sseReader } from './sse.js';
import { openTarget, targetKinds, type Target } from './targets.js';

const execFileAsync = promisify(execFile);

const CAPACITY = 20;
const KILLS = 3;
const PROGRAMME = 'storing';
const POLL = `${PROGRAMME}-peiling`;
const WORKERS = 12;

interface Sent {
  enrolments: { emails: string[]; status: string; position?: number }[];
  /** Per participant: every ballot sent in order, and the index of the last acknowledged one. */
  votes: Map<string, { ballots: Record<string, number>[]; acked: number }>;
  acknowledged: number;
}

/** Sends enrolments and votes from several clients at once until `stop()`; records what was acknowledged. */
function stream(server: RunningServer, sent: Sent, run: string) {
  let stopped = false;
  let n = 0;
  const worker = async (w: number) => {
    while (!stopped) {
      const i = n++;
      // Each request its own client address (TRUST_PROXY): the rate limits are not what is tested here.
      const headers = { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.${w}.${i >> 8}.${i & 255}` };
      try {
        if (i % 2 === 0) {
          const size = 1 + (i % 3);
          const emails = Array.from({ length: size }, (_, m) => `${run}-${i}-${m}`);
          const response = await fetch(`${server.url}/api/programmes/${PROGRAMME}/enrolments`, {
            method: 'POST',
            headers: { ...headers, 'Idempotency-Key': `${run}-key-${i}` },
            body: JSON.stringify({ members: emails.map(participant), consent: true }),
          });
          if (response.status !== 201) throw new Error(`enrolment answered ${response.status}`);
          const answer = (await response.json()) as { status: string; position?: number };
          sent.enrolments.push({ emails: emails.map((e) => `${e}@example.org`), ...answer });
        } else {
          // Every other voter votes again at once: the second ballot replaces the first.
          const voter = `${run}-voter-${i}`.padEnd(16, '0');
          const entry = { ballots: [] as Record<string, number>[], acked: -1 };
          sent.votes.set(voter, entry);
          for (let b = 0; b < (i % 4 === 1 ? 2 : 1); b += 1) {
            const ballot = { a: 1 + ((i + b) % 5), b: 1 + ((i >> 1) % 5), c: 1 + ((i >> 2) % 5) };
            entry.ballots.push(ballot);
            const response = await fetch(`${server.url}/api/polls/${POLL}/votes`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ participant: voter, ratings: ballot }),
            });
            if (response.status !== 201 && response.status !== 200) throw new Error(`vote answered ${response.status}`);
            await response.body?.cancel();
            entry.acked = b;
          }
        }
        sent.acknowledged += 1;
      } catch (failure) {
        // The server killed under this request: it was not acknowledged. Anything else is a fault.
        if (!stopped) load.failure = failure as Error;
        return;
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
  const load = {
    failure: undefined as Error | undefined,
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
    },
  };
  return load;
}

const kill = async (server: RunningServer) => {
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGKILL');
  await exited;
};

/** Compares the database with what was acknowledged; returns how many acknowledged items are missing or wrong. */
async function verify(db: Database, sent: Sent): Promise<{ found: number; lost: number }> {
  let found = 0;
  let lost = 0;
  const members = await db.query<{ email: string; enrolment_id: string; status: string; position: number | null }>(
    `SELECT m.email, m.enrolment_id, p.status, p.position
       FROM enrolment_members m JOIN placement_positions p ON p.enrolment_id = m.enrolment_id WHERE m.programme_id = $1`,
    [PROGRAMME],
  );
  const byEmail = new Map(members.map((m) => [m.email, m]));
  for (const enrolment of sent.enrolments) {
    const rows = enrolment.emails.map((email) => byEmail.get(email));
    const first = rows[0];
    const whole =
      first !== undefined &&
      rows.every((row) => row?.enrolment_id === first.enrolment_id) &&
      members.filter((m) => m.enrolment_id === first.enrolment_id).length === enrolment.emails.length &&
      first.status === enrolment.status &&
      (enrolment.status !== 'waitlisted' || Number(first.position) === enrolment.position);
    if (whole) found += 1;
    else lost += 1;
  }
  const votes = await db.query<{ participant: string; principle_id: string; rating: number }>(
    'SELECT participant, principle_id, rating FROM votes WHERE poll_id = $1',
    [POLL],
  );
  for (const [voter, { ballots, acked }] of sent.votes) {
    if (acked < 0) continue;
    const stored = Object.fromEntries(
      votes.filter((v) => v.participant === voter).map((v) => [v.principle_id, v.rating]),
    );
    // The acknowledged ballot, or a later one that was stored just before the kill.
    if (ballots.slice(acked).some((ballot) => JSON.stringify(ballot) === JSON.stringify(stored))) found += 1;
    else lost += 1;
  }
  return { found, lost };
}

/** Nothing half-written, counters equal to what they count, capacity exact, the waiting list without gaps or doubles. */
async function assertConsistent(db: Database): Promise<void> {
  const [incomplete] = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM placements p WHERE places <> (SELECT count(*) FROM enrolment_members m WHERE m.enrolment_id = p.enrolment_id)',
  );
  assert.equal(Number(incomplete!.n), 0, 'every team holds as many places as it has members');
  const [orphans] = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM enrolment_members m WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.id = m.enrolment_id)',
  );
  assert.equal(Number(orphans!.n), 0, 'no member without an enrolment');
  const [counts] = await db.query<{
    confirmed: string;
    counted: string;
    waiting: string;
    counted_waiting: string;
    smallest_waiting: string | null;
  }>(
    `SELECT s.confirmed, s.waiting,
            (SELECT coalesce(sum(places), 0) FROM placements WHERE programme_id = $1 AND status = 'confirmed') AS counted,
            (SELECT count(*) FROM placements WHERE programme_id = $1 AND status = 'waitlisted') AS counted_waiting,
            (SELECT min(places) FROM placements WHERE programme_id = $1 AND status = 'waitlisted') AS smallest_waiting
       FROM capacity_slots s WHERE s.programme_id = $1`,
    [PROGRAMME],
  );
  assert.equal(Number(counts!.confirmed), Number(counts!.counted), 'the places counter equals the confirmed places');
  assert.equal(
    Number(counts!.waiting),
    Number(counts!.counted_waiting),
    'the waiting counter equals the waiting teams',
  );
  assert.ok(Number(counts!.confirmed) <= CAPACITY, `${counts!.confirmed} confirmed people for ${CAPACITY} places`);
  assert.ok(Number(counts!.waiting) > 0, 'the stream filled the programme and reached the waiting list');
  assert.ok(
    Number(counts!.smallest_waiting) > CAPACITY - Number(counts!.confirmed),
    'no waiting team fits in the free places (it would have moved up)',
  );
  const positions = await db.query<{ position: number }>(
    "SELECT position FROM placement_positions WHERE programme_id = $1 AND status = 'waitlisted' ORDER BY position",
    [PROGRAMME],
  );
  assert.deepEqual(
    positions.map((p) => Number(p.position)),
    Array.from({ length: positions.length }, (_, i) => i + 1),
    'waiting positions 1…n',
  );
  const [votesWithoutPoll] = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM votes v WHERE NOT EXISTS (SELECT 1 FROM polls p WHERE p.id = v.poll_id)',
  );
  assert.equal(Number(votesWithoutPoll!.n), 0);
}

/** Every acknowledged member's mail, once: the .eml files in the server's mail folder, by recipient. */
async function assertMailedOnce(mailDir: string, sent: Sent): Promise<void> {
  const files = (await readdir(mailDir)).filter((file) => file.endsWith('.eml'));
  const byRecipient = new Map<string, number>();
  for (const file of files) {
    const to = /^To: .*<([^>]+)>/m.exec(await readFile(join(mailDir, file), 'utf8'))?.[1];
    if (to) byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
  }
  const members = sent.enrolments.flatMap((e) => e.emails);
  assert.deepEqual(
    members.filter((email) => byRecipient.get(email) !== 1),
    [],
    `${members.length} acknowledged members, ${files.length} mails`,
  );
  assert.deepEqual(
    [...byRecipient].filter(([, n]) => n > 1),
    [],
    'no mail twice',
  );
}

for (const kind of targetKinds) {
  describe(`the server killed with SIGKILL under load, on ${kind}`, () => {
    let feeds: string;
    let target: Target;
    before(async () => {
      feeds = await feedsDir(openProgramme(PROGRAMME, CAPACITY));
      target = await openTarget(kind, feeds);
    });
    after(async () => {
      await target.dispose();
      await rm(feeds, { recursive: true, force: true });
    });

    it(`loses no acknowledged enrolment, vote or mail over ${KILLS} kills, sends no mail twice, and leaves nothing half-written`, async (t) => {
      const sent: Sent = { enrolments: [], votes: new Map(), acknowledged: 0 };
      // One data folder for every start, also on PostgreSQL: the mails are written there.
      const dataDir = join(feeds, 'data');
      const env = { DATA_DIR: dataDir, ...target.env, FEEDS_DIR: feeds, TRUST_PROXY: '1' };
      for (let round = 0; round < KILLS; round += 1) {
        const server = await startServer(env);
        const load = stream(server, sent, `k${round}-${randomBytes(3).toString('hex')}`);
        // Kill at a different moment each round, once requests are well under way.
        const killAt = sent.acknowledged + 20 + round * 7;
        while (sent.acknowledged < killAt && !load.failure) await new Promise((resolve) => setTimeout(resolve, 5));
        // No new requests from here on; those in flight are cut off by the kill.
        const stopped = load.stop();
        await kill(server);
        await stopped;
        if (load.failure) throw load.failure;
      }
      // Started once more on the same data, it answers and takes new enrolments.
      const server = await startServer(env);
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      const feed = (await (await fetch(`${server.url}/api/programmes/${PROGRAMME}/feed`)).json()) as {
        availability: { placesLeft: number; state: string };
      };
      assert.equal(feed.availability.state, 'waitlist');
      // The mails owed from before the kills go out now (each row once, whoever sent it last).
      const owed = async () => {
        const db = kind === 'postgres' ? await target.open() : undefined;
        try {
          return db
            ? Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0]!.n)
            : undefined;
        } finally {
          await db?.close();
        }
      };
      for (let i = 0; i < 100 && (await owed()) !== 0 && kind === 'postgres'; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      await server.stop(); // a graceful stop sends what is still due

      const db = await target.open();
      try {
        await assertConsistent(db);
        const { found, lost } = await verify(db, sent);
        const acknowledged = sent.enrolments.length + [...sent.votes.values()].filter((v) => v.acked >= 0).length;
        t.diagnostic(
          `${kind}: ${KILLS} kills survived; ${sent.enrolments.length} enrolments and ${acknowledged - sent.enrolments.length} voters acknowledged, ${found} found, ${lost} lost`,
        );
        assert.equal(found, acknowledged);
        assert.equal(lost, 0);
        const [unsent] = await db.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
        assert.equal(Number(unsent!.n), 0, 'every mail in the outbox sent');
        await assertMailedOnce(join(dataDir, 'mail'), sent);
      } finally {
        await db.close();
      }
    });
  });
}

/**
 * A PostgreSQL cluster of this test's own on a free port, so it can be stopped hard and started
 * again without touching the shared server other tests use. As root it runs as `postgres`.
 */
async function privateCluster() {
  const bin = join('/usr/lib/postgresql', (await readdir('/usr/lib/postgresql')).sort().at(-1)!, 'bin');
  const dir = await mkdtemp(join(tmpdir(), 'cop-pg-cluster-'));
  const port = await freePort();
  const asOwner = (command: string, args: string[]) =>
    process.getuid?.() === 0
      ? execFileAsync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : execFileAsync(join(bin, command), args);
  if (process.getuid?.() === 0) await execFileAsync('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  await asOwner('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = (...args: string[]) =>
    asOwner('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', ...args]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => pgCtl('start'),
    /** As after a crash or power cut: no shutdown checkpoint, connections dropped at once. */
    crash: () => pgCtl('stop', '-m', 'immediate'),
    async dispose() {
      await pgCtl('stop', '-m', 'immediate').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with `promise`, or fails naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe(
  'PostgreSQL restarted under the server',
  { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set (no PostgreSQL tests)' },
  () => {
    let cluster: Awaited<ReturnType<typeof privateCluster>>;
    let feeds: string;
    let server: RunningServer;
    before(async () => {
      cluster = await privateCluster();
      await cluster.start();
      feeds = await feedsDir(openProgramme(PROGRAMME, CAPACITY));
      server = await startServer({ DATABASE_URL: cluster.url, FEEDS_DIR: feeds });
    });
    after(async () => {
      await server?.stop();
      await cluster?.dispose();
      await rm(feeds, { recursive: true, force: true });
    });

    it('reports the outage on /healthz, keeps running, reconnects, and the results stream resumes', async () => {
      const vote = (voter: string) =>
        fetch(`${server.url}/api/polls/${POLL}/votes`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ participant: voter, ratings: { a: 4 } }),
        });
      const health = async () => (await fetch(`${server.url}/healthz`)).status;
      const events = sseReader<{ participants: number }>(await fetch(`${server.url}/api/polls/${POLL}/results/stream`));
      const nextParticipants = async (expected: number) => {
        for (;;)
          if ((await within(events.next(), 15_000, `results with ${expected} participants`)).participants === expected)
            return;
      };
      await nextParticipants(0);
      assert.equal((await vote('voter-before-restart')).status, 201);
      await nextParticipants(1);

      await cluster.crash();
      await until('/healthz answering 503', async () => (await health()) === 503);
      const refused = await vote('voter-while-down-00');
      assert.equal(refused.status, 503);
      assert.equal(
        ((await refused.json()) as { message: { nl: string } }).message.nl,
        'De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.',
      );

      await cluster.start();
      await until('/healthz answering 200', async () => (await health()) === 200);
      assert.equal(server.process.exitCode, null, 'the server process is still running');
      // A vote after the restart reaches the listener that was open all along…
      assert.equal((await vote('voter-after-restart')).status, 201);
      await nextParticipants(2);
      // …and a new one.
      const fresh = sseReader<{ participants: number }>(await fetch(`${server.url}/api/polls/${POLL}/results/stream`));
      assert.equal((await within(fresh.next(), 15_000, 'a new stream')).participants, 2);
      await Promise.all([events.cancel(), fresh.cancel()]);
      // Failures were logged as one line each (no stack traces, no row values).
      assert.doesNotMatch(server.output(), /^\s+at /m);
    });
  },
);
