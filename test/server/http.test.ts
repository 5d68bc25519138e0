import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from './process.js';
import { sseReader } from './sse.js';

const TOKEN = 'http-test-admin-token-0123456789';
const PARTNER = 'https://www.partner-gemeente.example';

const duo = (n: string) => ({
  members: [
    { roleId: 'gemeente', name: `Gemeente ${n}`, organisation: 'Gemeente Ede', email: `g-${n}@example.org` },
    { roleId: 'onderwijs', name: `Onderwijs ${n}`, organisation: 'SWV De Vallei', email: `o-${n}@example.org` },
  ],
  consent: true,
});

describe('the server over HTTP (embedded database)', () => {
  let server: RunningServer;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  before(async () => {
    server = await startServer({ ADMIN_TOKEN: TOKEN, ALLOWED_ORIGINS: PARTNER });
  });
  after(async () => server.stop());

  it('answers the health check and serves the demo feeds', async () => {
    assert.deepEqual(await (await fetch(`${server.url}/healthz`)).json(), {
      status: 'ok',
      database: 'pglite',
      listeners: 0,
    });
    const feed = await (await fetch(`${server.url}/api/programmes/bindende-afspraken/feed`)).json();
    assert.equal(feed.programme.title, 'CoP Bindende afspraken voor Onderwijs, Jeugd en Zorg');
    assert.equal((await fetch(`${server.url}/feeds/cop-monitoring.json`)).status, 200);
  });

  it('lets any origin read, a partner origin write, and refuses writes from any other in words', async () => {
    const allowed = await fetch(`${server.url}/api/programmes/bindende-afspraken/feed`, {
      headers: { Origin: PARTNER },
    });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('Access-Control-Allow-Origin'), PARTNER);
    const preflight = await fetch(`${server.url}/api/programmes/bindende-afspraken/enrolments`, {
      method: 'OPTIONS',
      headers: {
        Origin: PARTNER,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('Access-Control-Allow-Headers') ?? '', /Idempotency-Key/);
    const refused = await post('/api/programmes/bindende-afspraken/enrolments', duo('evil'), {
      Origin: 'https://evil.example',
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('Access-Control-Allow-Origin'), 'https://evil.example');
    assert.equal((await refused.json()).error, 'origin-not-allowed');
    const read = await fetch(`${server.url}/api/programmes/bindende-afspraken/feed`, {
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('Access-Control-Allow-Origin'), 'https://evil.example');
    const check = await fetch(`${server.url}/api/origin-check?origin=${encodeURIComponent(PARTNER)}`);
    assert.deepEqual(
      { ...(await check.json()), csp: undefined },
      { origin: PARTNER, allowed: true, setting: PARTNER, server: server.url, csp: undefined },
    );
  });

  it('exports enrolments as CSV for the admin only, with formulas defused', async () => {
    assert.equal(
      (
        await post('/api/programmes/bindende-afspraken/enrolments', {
          ...duo('csv'),
          remark: '=HYPERLINK("http://evil")',
        })
      ).status,
      201,
    );
    const path = '/api/admin/programmes/bindende-afspraken/enrolments.csv';
    assert.equal((await fetch(`${server.url}${path}`)).status, 401);
    assert.equal((await fetch(`${server.url}${path}`, { headers: { Authorization: 'Bearer nope' } })).status, 401);
    const csv = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('Content-Type') ?? '', /^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(
      lines[0],
      'enrolment,status,position,enrolled_at,sessions,group,themes,role,name,organisation,job_title,email,phone,remark',
    );
    assert.equal(lines.length, 3);
    assert.match(
      lines[1]!,
      /"gemeente","Gemeente csv","Gemeente Ede","","g-csv@example.org","","'=HYPERLINK\(""http:\/\/evil""\)"$/,
    );
  });

  it('erases one person: gone from the export, and their place given back', async () => {
    await post('/api/programmes/bindende-afspraken/enrolments', duo('erase'));
    const placesLeft = async () =>
      (await (await fetch(`${server.url}/api/programmes/bindende-afspraken/feed`)).json()).availability.placesLeft;
    const before = await placesLeft();
    const erase = await post(
      '/api/admin/erasure',
      { email: 'G-Erase@example.org' },
      { Authorization: `Bearer ${TOKEN}` },
    );
    assert.deepEqual(await erase.json(), { removed: 1 });
    assert.equal(await placesLeft(), before + 1);
    const csv = await (
      await fetch(`${server.url}/api/admin/programmes/bindende-afspraken/enrolments.csv`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      })
    ).text();
    assert.equal(csv.includes('g-erase@example.org'), false);
    assert.equal(csv.includes('o-erase@example.org'), true);
    assert.equal((await post('/api/admin/erasure', { email: 'x@example.org' })).status, 401);
  });

  it('mails each team member a confirmation with the sessions as .ics', async () => {
    assert.equal(
      (
        await post('/api/programmes/cop-monitoring/enrolments', {
          members: [
            { roleId: 'deelnemer', name: 'Lieke', organisation: 'Gemeente Ede', email: 'mail-test@example.org' },
          ],
          consent: true,
        })
      ).status,
      201,
    );
    const dir = join(server.dataDir, 'mail');
    const mailTo = async (address: string) => {
      for (const file of (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.eml'))) {
        const text = await readFile(join(dir, file), 'utf8');
        if (text.includes(address)) return text;
      }
      return undefined;
    };
    let mail: string | undefined;
    for (let i = 0; i < 50 && !(mail = await mailTo('mail-test@example.org')); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    assert.ok(mail, 'a mail to the member');
    assert.match(mail, /Subject: Aanmelding bevestigd: CoP Monitoring/);
    assert.match(mail, /Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/);
  });

  it('logs requests without personal data', () => {
    const log = server.output();
    assert.match(log, /POST \/api\/programmes\/bindende-afspraken\/enrolments 201/);
    for (const secret of ['g-csv@example.org', 'Gemeente csv', 'G-Erase', TOKEN])
      assert.equal(log.includes(secret), false, secret);
  });
  // Last: it uses up this address's enrolment allowance.
  it('limits enrolments per address and says when to try again', async () => {
    const answers = [];
    for (let i = 0; i < 32; i += 1)
      answers.push((await post('/api/programmes/bestaat-niet/enrolments', duo(`rl${i}`))).status);
    assert.deepEqual(
      answers.slice(0, 25).every((s) => s === 404),
      true,
    );
    const limited = await post('/api/programmes/bestaat-niet/enrolments', duo('rl-last'));
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('Retry-After')) >= 1);
    assert.equal((await limited.json()).message.nl, 'Te veel verzoeken. Probeer het over een minuut opnieuw.');
  });
});

describe('a mail server that is down', () => {
  it('never loses the enrolment, keeps the mail to retry, and shows the organiser why it fails', async () => {
    const server = await startServer({ SMTP_URL: 'smtp://127.0.0.1:1', ADMIN_TOKEN: TOKEN });
    try {
      const response = await fetch(`${server.url}/api/programmes/bindende-afspraken/enrolments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(duo('nomail')),
      });
      assert.equal(response.status, 201);
      for (let i = 0; i < 100 && !/outbox: mail \d+ .* failed/.test(server.output()); i += 1)
        await new Promise((r) => setTimeout(r, 100));
      assert.match(server.output(), /outbox: mail \d+ \(confirmed, bindende-afspraken\) failed, attempt 1/);
      assert.doesNotMatch(server.output(), /g-nomail@example\.org/, 'the log names no address');
      const feed = await (await fetch(`${server.url}/api/programmes/bindende-afspraken/feed`)).json();
      assert.equal(feed.availability.placesLeft, 23);
      const outbox = await (
        await fetch(`${server.url}/api/admin/outbox`, { headers: { Authorization: `Bearer ${TOKEN}` } })
      ).json();
      const failing = outbox.failing as {
        kind: string;
        recipient: string;
        attempts: number;
        lastError: string;
        nextAttemptAt: string;
        failedAt: string | null;
      }[];
      assert.deepEqual(
        failing.map((m) => [m.kind, m.recipient]).sort(),
        [
          ['confirmed', 'g-nomail@example.org'],
          ['confirmed', 'o-nomail@example.org'],
        ].sort(),
      );
      for (const mail of failing) {
        assert.equal(mail.attempts, 1);
        assert.match(mail.lastError, /ECONNREFUSED|ESOCKET|ECONNECTION/);
        assert.ok(Date.parse(mail.nextAttemptAt) > Date.now() + 20_000, 'the next try waits (30 s, doubling)');
        assert.equal(mail.failedAt, null, 'still being retried');
      }
    } finally {
      await server.stop();
    }
  });
});

describe('starting with a bad feed file', () => {
  it('refuses to start, naming the file and the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cop-feeds-'));
    try {
      await writeFile(join(dir, 'kapot.json'), JSON.stringify({ version: 1, programme: { id: 'x' }, sessions: [] }));
      await assert.rejects(startServer({ FEEDS_DIR: dir }), (error: Error & { code?: number }) => {
        assert.equal(error.code, 1);
        assert.match(error.message, /kapot\.json:\n {2}programme\.title is missing/);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe(
  'two server processes on one PostgreSQL',
  { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set' },
  () => {
    it('a listener on one sees a vote sent to the other', async () => {
      const { default: pg } = await import('pg');
      const name = `cop_two_${Date.now()}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const [a, b] = await Promise.all([
        startServer({ DATABASE_URL: url.href }),
        startServer({ DATABASE_URL: url.href }),
      ]);
      try {
        const stream = await fetch(`${a.url}/api/polls/foodvalley-leidende-principes/results/stream`);
        const events = sseReader<{ participants: number }>(stream);
        assert.equal((await events.next()).participants, 0);
        const vote = await fetch(`${b.url}/api/polls/foodvalley-leidende-principes/votes`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ participant: 'participant-two-processes', ratings: { 'kind-centraal': 2 } }),
        });
        assert.equal(vote.status, 201);
        const update = await events.next();
        assert.equal(update.participants, 1);
        await events.cancel();
      } finally {
        await Promise.all([a.stop(), b.stop()]);
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    });
  },
);
