/**
 * The server as an attacker and as an operator would try it, over real sockets on real
 * processes: deep bodies, a second process on one data folder, spoofed proxy headers, limits
 * across instances, SIGTERM under load, slow clients, start-up on a full, read-only or wrong
 * folder, a disk that fills while running.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { parseFeed } from '../../src/core/feed.js';
import { createApp } from '../../server/app.js';
import { openDatabase, type Database } from '../../server/db.js';
import { clientAddress, parseTrustedHops } from '../../server/http/client-address.js';
import { ResultsHub } from '../../server/polls.js';
import { cdnCacheControl } from '../../server/routes/static-files.js';
import { feedsDir, openProgramme, participant } from './feeds.js';
import { startServer, type RunningServer } from './process.js';
import { openTarget, targetKinds, type Target } from './targets.js';

const PROGRAMME = 'hard';
const ENROL = `/api/programmes/${PROGRAMME}/enrolments`;
const TOKEN = 'hardening-test-admin-token-0123456789abcdef';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(request: Promise<Response>): Promise<{ ms: number; status: number; body: string }> {
  const started = performance.now();
  const response = await request;
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
}

/** Posts JSON with a client address of its own (the server trusts one proxy in these tests). */
const post = (server: RunningServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** Resolves with the server's exit code and output when it refuses to start. */
async function refusedStart(
  env: Record<string, string>,
  options: { prefix?: string[] } = {},
): Promise<{ code: number; output: string }> {
  try {
    const server = await startServer(env, options);
    await server.stop();
  } catch (failure) {
    const { code, output } = failure as { code?: number; output?: string };
    if (output === undefined) throw failure;
    return { code: code ?? -1, output };
  }
  throw new Error('the server started');
}

/** Polls until `check` holds, for at most `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let feeds: string;
before(async () => {
  feeds = await feedsDir(openProgramme(PROGRAMME, 100_000));
});
after(async () => {
  await rm(feeds, { recursive: true, force: true });
});

describe('bodies and addresses', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ FEEDS_DIR: feeds, TRUST_PROXY: '1', ADMIN_TOKEN: TOKEN });
  });
  after(async () => server.stop());

  it('answers a 16,000-deep body with a 4xx in milliseconds, and /healthz keeps answering meanwhile', async () => {
    const deep = `${'['.repeat(16_000)}${']'.repeat(16_000)}`;
    const deepMs: number[] = [];
    const healthMs: number[] = [];
    for (let round = 0; round < 7; round += 1) {
      const [refused, health] = await Promise.all([
        timed(post(server, ENROL, deep, { 'X-Forwarded-For': `198.51.100.${round}` })),
        timed(fetch(`${server.url}/healthz`)),
      ]);
      assert.equal(refused.status, 400);
      assert.equal(JSON.parse(refused.body).error, 'too-deep');
      assert.match(JSON.parse(refused.body).message.nl, /dieper genest dan 32 niveaus/);
      assert.equal(health.status, 200);
      deepMs.push(refused.ms);
      healthMs.push(health.ms);
    }
    // Before the depth limit the same body took 21 s, and /healthz waited 20.6 s behind it.
    assert.ok(median(deepMs) < 100, `deep body answered in ${median(deepMs).toFixed(1)} ms (median)`);
    assert.ok(median(healthMs) < 100, `/healthz answered in ${median(healthMs).toFixed(1)} ms (median) meanwhile`);
  });

  it('reads the client from the right of X-Forwarded-For, so a spoofed left part does not escape the limits', async () => {
    // nginx's $proxy_add_x_forwarded_for: whatever the client sent, then the address nginx saw.
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const response = await post(server, ENROL, {}, { 'X-Forwarded-For': `203.0.113.${i}, 192.0.2.77` });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    assert.deepEqual(
      statuses,
      [...Array(30).fill(422), ...Array(10).fill(429)],
      '30 enrolments a minute per client, however the header starts',
    );
    const admin: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      const response = await fetch(`${server.url}/api/admin/programmes/${PROGRAMME}/enrolments.csv`, {
        headers: { Authorization: `Bearer wrong-${i}`, 'X-Forwarded-For': `203.0.113.${i}, 192.0.2.78` },
      });
      admin.push(response.status);
      await response.body?.cancel();
    }
    assert.deepEqual(
      admin,
      [...Array(10).fill(401), ...Array(5).fill(429)],
      'ten wrong admin tokens a minute per client',
    );
    // Another client behind the same proxy is not held back.
    assert.equal((await post(server, ENROL, {}, { 'X-Forwarded-For': '203.0.113.1, 192.0.2.79' })).status, 422);
  });
});

describe('one embedded database, one process', () => {
  it('refuses a second process on the same DATA_DIR, naming the folder and the other process, and takes over after a kill -9', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cop-lock-'));
    const first = await startServer({ FEEDS_DIR: feeds, DATA_DIR: dataDir });
    try {
      const second = await refusedStart({ FEEDS_DIR: feeds, DATA_DIR: dataDir });
      assert.equal(second.code, 1);
      assert.match(
        second.output,
        new RegExp(`DATA_DIR ${dataDir} is in use by another cop-widgets server \\(process ${first.process.pid} on `),
      );
      assert.match(
        second.output,
        /stop that one first, give this one its own DATA_DIR, or run several instances on PostgreSQL/,
      );
      assert.equal((await fetch(`${first.url}/healthz`)).status, 200, 'the first keeps running');
      const exited = new Promise((resolve) => first.process.once('exit', resolve));
      first.process.kill('SIGKILL');
      await exited;
      // The lock left behind belongs to a process that is gone: the next start takes it over.
      const third = await startServer({ FEEDS_DIR: feeds, DATA_DIR: dataDir });
      assert.equal((await fetch(`${third.url}/healthz`)).status, 200);
      await third.stop();
      assert.deepEqual(
        (await readdir(dataDir)).filter((name) => name.startsWith('server.lock')),
        [],
        'a stopped server gives its lock back',
      );
    } finally {
      if (first.process.exitCode === null) first.process.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

if (process.env.TEST_DATABASE_URL) {
  describe('two instances on one PostgreSQL', () => {
    let target: Target;
    let servers: RunningServer[];
    before(async () => {
      target = await openTarget('postgres', feeds);
      servers = [];
      for (let i = 0; i < 2; i += 1)
        servers.push(await startServer({ ...target.env, FEEDS_DIR: feeds, TRUST_PROXY: '1', ADMIN_TOKEN: TOKEN }));
    });
    after(async () => {
      for (const server of servers) await server.stop();
      await target.dispose();
    });

    it('share the rate limits and the admin lockout: a client gets 30 enrolments a minute in all, not 30 from each', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) {
        const response = await post(servers[i % 2]!, ENROL, {}, { 'X-Forwarded-For': '192.0.2.90' });
        statuses.push(response.status);
        await response.body?.cancel();
      }
      const allowed = statuses.filter((status) => status === 422).length;
      // The bucket refills at half a request a second: a slow run may earn one more.
      assert.ok(allowed >= 30 && allowed <= 31, `${allowed} of 40 let through by two instances`);
      assert.equal(statuses.filter((status) => status === 429).length, 40 - allowed);
      const admin: number[] = [];
      for (let i = 0; i < 14; i += 1) {
        const response = await fetch(`${servers[i % 2]!.url}/api/admin/programmes/${PROGRAMME}/enrolments.csv`, {
          headers: { Authorization: 'Bearer wrong', 'X-Forwarded-For': '192.0.2.91' },
        });
        admin.push(response.status);
        await response.body?.cancel();
      }
      assert.deepEqual(admin.slice(0, 10), Array(10).fill(401));
      assert.deepEqual(new Set(admin.slice(10)), new Set([429]));
    });

    it('turns /healthz to 503 when the database stops taking writes, and back', async () => {
      const name = new URL(target.env.DATABASE_URL!).pathname.slice(1);
      const admin = new URL(process.env.TEST_DATABASE_URL!);
      const sql = (statement: string) => execFileSync('psql', [admin.href, '-qc', statement]);
      sql(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      // New connections read the setting: a server started now gets read-only connections only.
      const readOnly = await startServer({ ...target.env, FEEDS_DIR: feeds });
      try {
        const health = await fetch(`${readOnly.url}/healthz`);
        assert.equal(health.status, 503);
        assert.equal((await health.json()).status, 'unavailable');
        const refused = await post(readOnly, ENROL, { members: [participant('alleen-lezen')], consent: true });
        assert.equal(refused.status, 503);
        assert.ok(Number(refused.headers.get('Retry-After')) >= 1);
        assert.equal(
          (await refused.json()).message.nl,
          'De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.',
        );
      } finally {
        sql(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
        await readOnly.stop();
      }
    });
  });
}

for (const kind of targetKinds) {
  describe(`SIGTERM under load, on ${kind}`, () => {
    let target: Target;
    before(async () => {
      target = await openTarget(kind, await mkdtemp(join(tmpdir(), 'cop-stop-')));
    });
    after(async () => target.dispose());

    it('gives every request an answer (no 5xx) and writes every mail it owes before it exits', async () => {
      const server = await startServer({ ...target.env, FEEDS_DIR: feeds, TRUST_PROXY: '1' });
      const acknowledged: string[] = [];
      const statuses = new Map<number, number>();
      let networkErrors = 0;
      let serial = 0;
      let stopped = false;
      const client = async (c: number) => {
        while (!stopped) {
          const n = serial++;
          const members = [participant(`stop-${c}-${n}-a`), participant(`stop-${c}-${n}-b`)];
          try {
            const response = await post(
              server,
              ENROL,
              { members, consent: true },
              { 'X-Forwarded-For': `10.1.${c}.${n & 255}` },
            );
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            await response.body?.cancel();
            if (response.status === 201) acknowledged.push(...members.map((m) => m.email));
          } catch {
            // Refused at connect once the server stopped listening: not acknowledged, nothing lost.
            networkErrors += 1;
            if (server.process.exitCode !== null) return;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      };
      const clients = Array.from({ length: 16 }, (_, c) => client(c));
      await eventually(async () => acknowledged.length >= 40);
      const exited = new Promise<number>((resolve) => server.process.once('exit', (code) => resolve(code ?? -1)));
      server.process.kill('SIGTERM');
      const code = await exited;
      stopped = true;
      await Promise.all(clients);
      assert.equal(code, 0, server.output());
      const failures = [...statuses].filter(([status]) => status >= 500);
      assert.deepEqual(
        failures,
        [],
        `answers by status: ${JSON.stringify([...statuses])}, ${networkErrors} refused connections`,
      );
      const mails = await Promise.all(
        (await readdir(join(server.dataDir, 'mail'))).map((file) =>
          readFile(join(server.dataDir, 'mail', file), 'utf8'),
        ),
      );
      const addressed = new Map<string, number>();
      for (const mail of mails) {
        const to = /^To: .*<([^>]+)>/m.exec(mail)?.[1];
        if (to) addressed.set(to, (addressed.get(to) ?? 0) + 1);
      }
      const missing = acknowledged.filter((email) => addressed.get(email) !== 1);
      assert.deepEqual(missing, [], `${acknowledged.length} acknowledged members, ${mails.length} mails`);
      assert.match(server.output(), /SIGTERM: stopping/);
      await server.stop();
    });
  });
}

describe('slow and greedy clients', () => {
  let server: RunningServer;
  const port = () => Number(new URL(server.url).port);
  before(async () => {
    server = await startServer({
      FEEDS_DIR: feeds,
      HEADERS_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '2000',
      MAX_CONNECTIONS_PER_ADDRESS: '30',
      MAX_STREAMS_PER_ADDRESS: '3',
    });
  });
  after(async () => server.stop());

  /** Opens a socket that sends `parts` one at a time, `everyMs` apart; resolves with what it got and when it closed. */
  function dribble(parts: string[], everyMs: number): Promise<{ ms: number; received: string }> {
    return new Promise((resolve) => {
      const started = performance.now();
      let received = '';
      const socket: Socket = connect(port(), '127.0.0.1');
      let i = 0;
      const timer = setInterval(() => {
        if (i < parts.length && !socket.destroyed) socket.write(parts[i++]!);
      }, everyMs);
      socket.on('data', (chunk) => (received += chunk));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ ms: performance.now() - started, received });
      });
    });
  }

  it('cuts bodies and headers that arrive too slowly at the configured timeouts', async () => {
    const head = `POST ${ENROL} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`;
    const slowBodies = Array.from({ length: 20 }, () => dribble([head, ...'{"members":[]'.split('')], 300));
    const slowHeaders = Array.from({ length: 5 }, () =>
      dribble(['GET /healthz HTTP/1.1\r\n', ...Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: 1\r\n`)], 300),
    );
    const bodies = await Promise.all(slowBodies);
    const headers = await Promise.all(slowHeaders);
    for (const { ms, received } of bodies) {
      // The request timeout (2 s), checked every second; Node's default would hold it 300 s.
      assert.ok(ms >= 1_500 && ms < 6_000, `a slow body was cut after ${Math.round(ms)} ms`);
      assert.match(received, /^HTTP\/1\.1 408/);
    }
    for (const { ms } of headers) assert.ok(ms < 5_000, `slow headers were cut after ${Math.round(ms)} ms`);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'and everyone else is still served');
  });

  it('caps open connections and live result streams per address with a clear 429', async () => {
    const idle = await Promise.all(
      Array.from(
        { length: 30 },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(port(), '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    try {
      const over = await dribble([], 1000);
      assert.match(over.received, /^HTTP\/1\.1 429 Too Many Requests/);
      assert.match(over.received, /"too-many-connections"/);
    } finally {
      for (const socket of idle) socket.destroy();
    }
    await eventually(async () => (await fetch(`${server.url}/healthz`).catch(() => undefined))?.status === 200);
    const stream = `${server.url}/api/polls/${PROGRAMME}-peiling/results/stream`;
    const open = await Promise.all(Array.from({ length: 3 }, () => fetch(stream)));
    assert.deepEqual(
      open.map((response) => response.status),
      [200, 200, 200],
    );
    const fourth = await fetch(stream);
    assert.equal(fourth.status, 429);
    assert.equal((await fourth.json()).error, 'too-many-streams');
    await open[0]!.body!.cancel();
    await eventually(async () => {
      const again = await fetch(stream);
      if (again.status === 200) await again.body!.cancel();
      else await again.body?.cancel();
      return again.status === 200;
    });
    for (const response of open.slice(1)) await response.body!.cancel();
  });
});

describe('start-up that explains itself', () => {
  /** Starts the server on a fresh tmpfs of `size` (mounted `ro` or `rw`) in a mount namespace of its own. */
  const onTmpfs = async (size: string, mode: 'ro' | 'rw', control = '-') => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cop-tmpfs-'));
    return { dataDir, prefix: ['unshare', '-rm', 'sh', 'test/server/tmpfs-server.sh', dataDir, size, mode, control] };
  };

  it('names the folder, the errno and the fix when DATA_DIR is a file', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cop-notdir-'));
    const file = join(parent, 'data');
    await writeFile(file, 'not a folder');
    const { code, output } = await refusedStart({ FEEDS_DIR: feeds, DATA_DIR: join(file, 'sub') });
    assert.equal(code, 1);
    assert.match(
      output,
      new RegExp(`DATA_DIR ${file}/sub: cannot create the folder \\((ENOTDIR|EEXIST)\\): .*(a file|is a file)`),
    );
    await rm(parent, { recursive: true, force: true });
  });

  it('names the folder, the errno and the fix on a read-only disk', async () => {
    const { dataDir, prefix } = await onTmpfs('16m', 'ro');
    const { code, output } = await refusedStart({ FEEDS_DIR: feeds, DATA_DIR: dataDir }, { prefix });
    assert.equal(code, 1);
    assert.match(
      output,
      new RegExp(`DATA_DIR ${dataDir}: cannot write to the folder \\(EROFS\\): the file system is mounted read-only`),
    );
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to create a database on a disk without room for it, saying how much there is and how much it needs', async () => {
    const { dataDir, prefix } = await onTmpfs('8m', 'rw');
    const { code, output } = await refusedStart({ FEEDS_DIR: feeds, DATA_DIR: dataDir }, { prefix });
    assert.equal(code, 1);
    assert.match(
      output,
      new RegExp(
        `DATA_DIR ${dataDir}: only 8\\.0 MiB free, and the embedded database needs at least 64 MiB to be created \\(ENOSPC\\)`,
      ),
    );
    assert.doesNotMatch(output, /undefined/);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('turns /healthz to 503 and enrolments to a bilingual 503 when the disk fills while running, and recovers when it has room again', async () => {
    const control = join(await mkdtemp(join(tmpdir(), 'cop-control-')), 'fifo');
    execFileSync('mkfifo', [control]);
    const { dataDir, prefix } = await onTmpfs('120m', 'rw', control);
    const server = await startServer(
      { FEEDS_DIR: feeds, DATA_DIR: dataDir, ADMIN_TOKEN: TOKEN, TRUST_PROXY: '1' },
      { prefix },
    );
    const health = async () => (await fetch(`${server.url}/healthz`)).status;
    try {
      assert.equal(await health(), 200);
      assert.equal((await post(server, ENROL, { members: [participant('voor-vol')], consent: true })).status, 201);
      await writeFile(control, 'fill\n');
      await eventually(async () => (await health()) === 503);
      // Writes that fit in pages the database already has still succeed; the first that needs
      // the disk to grow gets a 503 that says to come back, and nothing half-written.
      const acknowledged: string[] = [];
      let refused: Response | undefined;
      for (let i = 0; i < 400 && !refused; i += 1) {
        const member = participant(`schijf-vol-${i}`);
        const response = await post(
          server,
          ENROL,
          { members: [member], consent: true },
          { 'X-Forwarded-For': `10.2.${i >> 8}.${i & 255}` },
        );
        if (response.status === 201) {
          acknowledged.push(member.email);
          await response.body?.cancel();
        } else refused = response;
      }
      assert.ok(refused, `${acknowledged.length} enrolments on a full disk and not one refused`);
      assert.equal(refused.status, 503);
      assert.ok(Number(refused.headers.get('Retry-After')) >= 1);
      // A refused write can free a little room (its aborted pages), so the next one may fit: what
      // matters is that the refusal says to come back, not that every later write fails too.
      assert.deepEqual((await refused.json()).message, {
        nl: 'De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.',
        en: 'The service is temporarily unavailable. Try again later.',
      });
      await writeFile(control, 'free\n');
      await eventually(async () => (await health()) === 200);
      assert.equal((await post(server, ENROL, { members: [participant('weer-ruimte')], consent: true })).status, 201);
      const csv = await (
        await fetch(`${server.url}/api/admin/programmes/${PROGRAMME}/enrolments.csv`, {
          headers: { Authorization: `Bearer ${TOKEN}` },
        })
      ).text();
      for (const email of acknowledged)
        assert.ok(csv.includes(email), `${email}, acknowledged on a full disk, is stored`);
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(join(control, '..'), { recursive: true, force: true });
    }
  });
});

describe('a data folder made by hand', () => {
  it('starts on an existing empty folder and on a folder that will be created', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cop-made-'));
    await mkdir(join(parent, 'empty'));
    for (const dataDir of [join(parent, 'empty'), join(parent, 'new', 'nested')]) {
      const server = await startServer({ FEEDS_DIR: feeds, DATA_DIR: dataDir });
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      await server.stop();
    }
    await rm(parent, { recursive: true, force: true });
  });
});

describe('compressed and cached answers', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let cdn: string;
  const feedJson = {
    ...openProgramme('zip', 10),
    sessions: Array.from({ length: 30 }, (_, i) => ({
      id: `s${i}`,
      title: `Bijeenkomst ${i}`,
      start: '2030-06-03T13:00:00+02:00',
      end: '2030-06-03T17:00:00+02:00',
    })),
  };
  before(async () => {
    db = await openDatabase({});
    cdn = await mkdtemp(join(tmpdir(), 'cop-cdn-'));
    const script = `export const text = ${JSON.stringify('cop-widgets '.repeat(400))};\n`;
    await writeFile(join(cdn, 'cop-widgets.js'), script);
    await writeFile(join(cdn, 'cop-widgets.js.br'), brotliCompressSync(script));
    await writeFile(join(cdn, 'cop-widgets.js.gz'), gzipSync(script));
    await mkdir(join(cdn, 'themes'));
    for (const name of ['dark.css', 'dark.0.1.0.css'])
      await writeFile(join(cdn, 'themes', name), ':root { color-scheme: dark; }\n'.repeat(100));
    app = createApp({
      db,
      feeds: new Map([['zip', parseFeed(feedJson)]]),
      staticDirs: { '/cdn': cdn },
      now: () => Date.parse('2027-01-10T12:00:00+01:00'),
    });
  });
  after(async () => {
    await db.close();
    await rm(cdn, { recursive: true, force: true });
  });

  it('sends feeds brotli or gzip as the client prefers, says it varies, and keeps the ETag working', async () => {
    const plain = await app.request('/api/programmes/zip/feed');
    const text = await plain.text();
    assert.equal(plain.headers.get('Content-Encoding'), null);
    assert.match(plain.headers.get('Vary') ?? '', /Accept-Encoding/);
    const br = await app.request('/api/programmes/zip/feed', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers.get('Content-Encoding'), 'br');
    assert.match(br.headers.get('Vary') ?? '', /Accept-Encoding/);
    const brBytes = Buffer.from(await br.arrayBuffer());
    assert.equal(brotliDecompressSync(brBytes).toString(), text);
    assert.equal(Number(br.headers.get('Content-Length')), brBytes.length);
    assert.ok(brBytes.length < text.length / 3, `${brBytes.length} of ${text.length} bytes`);
    const gz = await app.request('/api/programmes/zip/feed', { headers: { 'Accept-Encoding': 'gzip;q=1, br;q=0.5' } });
    assert.equal(gz.headers.get('Content-Encoding'), 'gzip');
    assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), text);
    const etag = br.headers.get('ETag')!;
    assert.match(etag, /^W\//);
    assert.equal(
      (await app.request('/api/programmes/zip/feed', { headers: { 'If-None-Match': etag, 'Accept-Encoding': 'br' } }))
        .status,
      304,
    );
    const refused = await app.request('/api/programmes/zip/feed', {
      headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' },
    });
    assert.equal(refused.headers.get('Content-Encoding'), null);
  });

  it('serves the bundle from its precompressed copies, and never compresses a live stream', async () => {
    const br = await app.request('/cdn/cop-widgets.js', { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(br.headers.get('Content-Encoding'), 'br');
    assert.match(br.headers.get('Vary') ?? '', /Accept-Encoding/);
    assert.match(br.headers.get('Content-Type') ?? '', /javascript/);
    assert.match(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString(), /^export const text/);
    const gz = await app.request('/cdn/cop-widgets.js', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gz.headers.get('Content-Encoding'), 'gzip');
    const css = await app.request('/cdn/themes/dark.css', { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(css.headers.get('Content-Encoding'), 'br', 'a file without a copy is compressed on the fly');
    const hub = new ResultsHub(db, new Map([['zip', parseFeed(feedJson)]]));
    await hub.start();
    const live = createApp({ db, feeds: new Map([['zip', parseFeed(feedJson)]]), hub });
    const stream = await live.request('/api/polls/zip-peiling/results/stream', {
      headers: { 'Accept-Encoding': 'br, gzip' },
    });
    assert.equal(stream.headers.get('Content-Type'), 'text/event-stream');
    assert.equal(stream.headers.get('Content-Encoding'), null);
    await stream.body!.cancel();
    await hub.stop();
  });

  it('caches versioned and hashed files for a year and plain names (the bundle, the themes) for five minutes', async () => {
    const cacheOf = async (path: string) => (await app.request(path)).headers.get('Cache-Control');
    assert.equal(await cacheOf('/cdn/cop-widgets.js'), 'public, max-age=300');
    assert.equal(await cacheOf('/cdn/themes/dark.css'), 'public, max-age=300', 'a theme fix must reach visitors');
    assert.equal(await cacheOf('/cdn/themes/dark.0.1.0.css'), 'public, max-age=31536000, immutable');
    assert.equal(cdnCacheControl('cop-widgets.0.1.0.js'), 'public, max-age=31536000, immutable');
    assert.equal(cdnCacheControl('geometry-BqxZ5YCH.js'), 'public, max-age=31536000, immutable');
    assert.equal(cdnCacheControl('THIRD-PARTY-LICENSES.txt'), 'public, max-age=300');
  });
});

describe('the client address behind proxies', () => {
  it('counts trusted hops from the right of X-Forwarded-For', () => {
    assert.equal(clientAddress('10.0.0.1', 'spoofed', 0), '10.0.0.1', 'no proxy: the header is ignored');
    assert.equal(clientAddress('10.0.0.1', 'spoofed, 203.0.113.5', 1), '203.0.113.5', 'nginx appends what it saw');
    assert.equal(clientAddress('10.0.0.1', '203.0.113.5', 1), '203.0.113.5');
    assert.equal(clientAddress('10.0.0.2', 'spoofed, 203.0.113.5, 10.0.0.1', 2), '203.0.113.5', 'a CDN, then nginx');
    assert.equal(clientAddress('10.0.0.1', '203.0.113.5', 2), '203.0.113.5', 'a shorter header: the leftmost there is');
    assert.equal(clientAddress('10.0.0.1', undefined, 1), '10.0.0.1');
    assert.equal(clientAddress('10.0.0.1', ' , ', 1), '10.0.0.1');
    assert.equal(parseTrustedHops(undefined), 0);
    assert.equal(parseTrustedHops('1'), 1);
    assert.throws(() => parseTrustedHops('true'), /TRUST_PROXY must be the number of proxies in front of the server/);
  });
});
