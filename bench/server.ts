/**
 * The reference server under load, as its own process (as in production) on the embedded
 * database and, when a PostgreSQL URL is given, on PostgreSQL (in a throwaway database).
 */
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const FAR = { start: '2099-06-22T13:00:00+02:00', end: '2099-06-22T15:00:00+02:00' };
const programme = (id: string) => ({
  id,
  title: id,
  organiser: 'NJi',
  contact: { name: 'Bench', email: 'bench@example.org' },
  timeZone: 'Europe/Amsterdam',
});
const PRINCIPLES = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];

const FEEDS = {
  'bench-open': {
    version: 1,
    programme: programme('bench-open'),
    sessions: [{ id: 's1', title: 'S', ...FAR, location: null }],
    enrolment: {
      waitlist: true,
      capacity: 100_000,
      contactEmail: 'bench@example.org',
      endpoint: '/api/programmes/bench-open/enrolments',
    },
  },
  'bench-race': {
    version: 1,
    programme: programme('bench-race'),
    sessions: [{ id: 's1', title: 'S', ...FAR, location: null }],
    enrolment: {
      waitlist: true,
      capacity: 25,
      contactEmail: 'bench@example.org',
      endpoint: '/api/programmes/bench-race/enrolments',
    },
  },
  'bench-poll': {
    version: 1,
    programme: programme('bench-poll'),
    sessions: [{ id: 's1', title: 'S', ...FAR, location: null }],
    principles: PRINCIPLES.map((id) => ({ id, title: `Principe ${id}` })),
    poll: {
      id: 'bench-poll',
      question: 'Q?',
      principleIds: PRINCIPLES,
      scale: { min: 1, max: 5, minLabel: 'laag', maxLabel: 'hoog' },
      endpoint: '/api/polls/bench-poll/votes',
      highlightLowest: 3,
    },
  },
};

export interface ServerResult {
  database: string;
  /** Resident memory of the server process: just started on an empty data folder, started again on it, under load. */
  memoryMiB: { firstStart: number; restart: number; afterEnrolments: number; with1000Listeners: number };
  enrolments: {
    connections: number;
    seconds: number;
    requestsPerSecond: number;
    latencyMs: { p50: number; p90: number; p99: number; max: number };
    non2xx: number;
  };
  race: {
    submits: number;
    connections: number;
    places: number;
    confirmed: number;
    waitlisted: number;
    waitlistPositionsContiguous: boolean;
    other: number;
    seconds: number;
  };
  fanOut: {
    listeners: number;
    votes: number;
    votesPerSecond: number;
    toLastListenerMs: { p50: number; p95: number; p99: number };
    eventsLost: number;
  }[];
  /** PostgreSQL only: a burst of submits shared by two instances on one database. */
  burst?: {
    submits: number;
    instances: number;
    byStatus: Record<string, number>;
    serverErrors: number;
    seconds: number;
  };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const rssMiB = (child: ChildProcess) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

const percentile = (sorted: number[], p: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;

let address = 0;
/** Every request its own client address (TRUST_PROXY): the load comes from one machine, the rate limit is per visitor. */
const client = () => `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`;

/** The server as production runs it: compiled to JavaScript (`npm run build:server`), without a TypeScript loader. */
export function buildServer(): void {
  execFileSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit' });
}

/**
 * The reference server as its own process on a free port, with a throwaway data folder (or
 * `dir`, to start it again on the same data); on the bench's own feeds unless `demoFeeds` (then
 * it serves demo/feeds and the built demo pages). Run `buildServer()` first.
 */
export async function startServer(
  databaseUrl: string | undefined,
  options: { demoFeeds?: boolean; dir?: string } = {},
) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cop-bench-server-'));
  const feedsDir = options.demoFeeds ? join(process.cwd(), 'demo', 'feeds') : join(dir, 'feeds');
  if (!options.demoFeeds) {
    mkdirSync(feedsDir, { recursive: true });
    for (const [id, feed] of Object.entries(FEEDS)) writeFileSync(join(feedsDir, `${id}.json`), JSON.stringify(feed));
  }
  const port = await freePort();
  const child = spawn(process.execPath, ['build/server/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: join(dir, 'data'),
      FEEDS_DIR: feedsDir,
      TRUST_PROXY: '1',
      DATABASE_URL: databaseUrl ?? '',
      // The bench's 1,000 stream listeners all come from this machine.
      MAX_STREAMS_PER_ADDRESS: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('cop-widgets server on') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.stdout!.resume(); // request log lines: read and dropped
  /** Stops the server; its data folder is removed unless `keep`. */
  const stop = async (keep = false) => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  return { child, base: `http://127.0.0.1:${port}`, dir, stop };
}

/** RSS a moment after start, when start-up work (migrations, the first queries) has settled. */
async function settledRss(child: ChildProcess): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return rssMiB(child);
}

let serial = 0;
const person = () => {
  const n = serial++;
  return {
    roleId: 'deelnemer',
    name: `Deelnemer ${n}`,
    organisation: 'Bench',
    email: `p${n}.${process.pid}@example.org`,
  };
};

async function enrolmentLoad(base: string, seconds: number, connections: number) {
  const result = await autocannon({
    url: `${base}/api/programmes/bench-open/enrolments`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': client() },
          body: JSON.stringify({ members: [person()], consent: true }),
        }),
      },
    ],
  });
  return {
    connections,
    seconds,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
  };
}

/** POSTs JSON over the given agent's sockets and reads the JSON answer. */
function postJson(agent: Agent, url: string, headers: Record<string, string>, body: unknown) {
  return new Promise<{ status: number; body: { status?: string; position?: number } }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (chunk: string) => (text += chunk))
          .on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { status?: string } }));
      },
    );
    req.once('error', reject).end(JSON.stringify(body));
  });
}

/**
 * All submits go out at once; they share RACE_CONNECTIONS sockets, as they would behind a proxy.
 * One socket per submit (2,000) overflows the listen backlog while PGlite, which runs on the
 * server's main thread, keeps it from accepting: the kernel then resets connections, which
 * measures the machine's TCP settings rather than the server.
 */
const RACE_CONNECTIONS = 256;

async function capacityRace(base: string, submits: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: RACE_CONNECTIONS });
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: submits }, () =>
      postJson(
        agent,
        `${base}/api/programmes/bench-race/enrolments`,
        { 'x-forwarded-for': client() },
        { members: [person()], consent: true },
      ),
    ),
  ).finally(() => agent.destroy());
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const confirmed = answers.filter((a) => a.body.status === 'confirmed').length;
  const positions = answers
    .filter((a) => a.body.status === 'waitlisted')
    .map((a) => a.body.position!)
    .sort((a, b) => a - b);
  return {
    submits,
    connections: RACE_CONNECTIONS,
    places: 25,
    confirmed,
    waitlisted: positions.length,
    waitlistPositionsContiguous: positions.every((p, i) => p === i + 1),
    other: answers.length - confirmed - positions.length,
    seconds,
  };
}

/**
 * A burst of `submits` enrolments at once, shared between two server instances on one
 * PostgreSQL database, each over its own connections: more than either instance's 10 database
 * connections, so requests queue for a connection. The answer counts by status (5xx must be 0).
 */
async function burstOverTwo(bases: string[], submits: number) {
  const agents = bases.map(() => new Agent({ keepAlive: true, maxSockets: RACE_CONNECTIONS / 2 }));
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: submits }, (_, i) =>
      postJson(
        agents[i % bases.length]!,
        `${bases[i % bases.length]}/api/programmes/bench-race/enrolments`,
        { 'x-forwarded-for': client() },
        { members: [person()], consent: true },
      ),
    ),
  ).finally(() => agents.forEach((agent) => agent.destroy()));
  const byStatus: Record<string, number> = {};
  for (const { status } of answers) byStatus[status] = (byStatus[status] ?? 0) + 1;
  return {
    submits,
    instances: bases.length,
    byStatus,
    serverErrors: answers.filter((a) => a.status >= 500).length,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
}

/** Listeners on the results stream; each remembers when it saw how many participants. */
async function listen(base: string, count: number) {
  const seen: { at: number; participants: number }[][] = [];
  const controllers: AbortController[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const controller = new AbortController();
      controllers.push(controller);
      const response = await fetch(`${base}/api/polls/bench-poll/results/stream`, { signal: controller.signal });
      const log: { at: number; participants: number }[] = (seen[i] = []);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let first = () => {};
      const ready = new Promise<void>((resolve) => (first = resolve));
      void (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = buffer
              .slice(0, end)
              .split('\n')
              .find((line) => line.startsWith('data:'));
            buffer = buffer.slice(end + 2);
            if (!data) continue;
            log.push({
              at: performance.now(),
              participants: (JSON.parse(data.slice(5)) as { participants: number }).participants,
            });
            first();
          }
        }
      })();
      await ready;
    }),
  );
  return { seen, close: () => controllers.forEach((c) => c.abort()) };
}

async function fanOut(base: string, listeners: number, seconds: number, votesPerSecond: number) {
  const stream = await listen(base, listeners);
  const start = (await (await fetch(`${base}/api/polls/bench-poll/results`)).json()) as { participants: number };
  const sent: { at: number; participants: number }[] = [];
  const t0 = performance.now();
  const total = seconds * votesPerSecond;
  for (let i = 0; i < total; i++) {
    // Steady rate, one vote at a time: vote i is the (start + i + 1)th participant.
    const due = t0 + (i * 1000) / votesPerSecond;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    const at = performance.now();
    const ratings = Object.fromEntries(PRINCIPLES.map((id, k) => [id, ((i + k) % 5) + 1]));
    const response = await fetch(`${base}/api/polls/bench-poll/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client() },
      body: JSON.stringify({ participant: `bench-${process.pid}-${listeners}-${i}`.padEnd(16, '0'), ratings }),
    });
    await response.body?.cancel();
    sent.push({ at, participants: start.participants + i + 1 });
  }
  const elapsed = (performance.now() - t0) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2000)); // the last debounced update
  const toLast: number[] = [];
  let lost = 0;
  for (const vote of sent) {
    let latest = 0;
    for (const log of stream.seen) {
      const arrival = log.find((event) => event.participants >= vote.participants);
      if (!arrival) lost++;
      else latest = Math.max(latest, arrival.at - vote.at);
    }
    toLast.push(latest);
  }
  stream.close();
  toLast.sort((a, b) => a - b);
  return {
    listeners,
    votes: sent.length,
    votesPerSecond: Math.round(sent.length / elapsed),
    toLastListenerMs: { p50: percentile(toLast, 50), p95: percentile(toLast, 95), p99: percentile(toLast, 99) },
    eventsLost: lost,
  };
}

/** A throwaway database on the PostgreSQL server, so repeated runs start empty. */
async function scratchDatabase(url: string) {
  const name = `cop_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: url });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

export async function measureServer(
  postgresUrl: string | undefined,
  log: (line: string) => void,
): Promise<ServerResult[]> {
  buildServer();
  const results: ServerResult[] = [];
  for (const kind of ['pglite', ...(postgresUrl ? ['postgresql'] : [])]) {
    const scratch = kind === 'postgresql' ? await scratchDatabase(postgresUrl!) : undefined;
    log(`server on ${kind}: memory at first start and restart…`);
    const first = await startServer(scratch?.url);
    const firstStart = await settledRss(first.child);
    await first.stop(true);
    const server = await startServer(scratch?.url, { dir: first.dir });
    try {
      const restart = await settledRss(server.child);
      log(`server on ${kind}: enrolments…`);
      const enrolments = await enrolmentLoad(server.base, 8, 16);
      const afterEnrolments = rssMiB(server.child);
      log(`server on ${kind}: capacity race…`);
      const race = await capacityRace(server.base, 2000);
      log(`server on ${kind}: poll fan-out…`);
      const small = await fanOut(server.base, 100, 5, 20);
      const stream = listen(server.base, 1000);
      const with1000 = await stream.then((s) => {
        const mib = rssMiB(server.child);
        s.close();
        return mib;
      });
      const large = await fanOut(server.base, 1000, 8, 20);
      let burst: ServerResult['burst'];
      if (scratch) {
        log(`server on ${kind}: a burst of 400 over two instances…`);
        const second = await startServer(scratch.url);
        try {
          burst = await burstOverTwo([server.base, second.base], 400);
        } finally {
          await second.stop();
        }
      }
      results.push({
        database: kind,
        memoryMiB: { firstStart, restart, afterEnrolments, with1000Listeners: with1000 },
        enrolments,
        race,
        fanOut: [small, large],
        ...(burst ? { burst } : {}),
      });
    } finally {
      await server.stop();
      await scratch?.drop();
    }
  }
  return results;
}
