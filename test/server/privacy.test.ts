/**
 * Privacy (AVG/GDPR): personal data stays out of the logs and out of everything public; erasure
 * removes a person everywhere the server keeps them and gives their place back; and the
 * retention setting deletes enrolments a set time after their programme's last session.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseFeed, type Feed } from '../../src/core/feed.js';
import { openDatabase, type Database } from '../../server/db.js';
import { createMailer } from '../../server/mail.js';
import { DEFAULT_RETENTION_DAYS, parseRetentionDays, purgeExpired, scheduleRetention } from '../../server/retention.js';
import { testDatabases } from './databases.js';
import { feedsDir, openProgramme, pastProgramme } from './feeds.js';
import { startServer, type RunningServer } from './process.js';
import { sseReader } from './sse.js';

const TOKEN = 'privacy-test-admin-token-0123456789abcdef';
const DAY = 86_400_000;

/** Someone whose every detail is easy to find in a log or a response. */
const person = (first: string, last: string) => ({
  roleId: 'deelnemer',
  name: `${first} ${last}`,
  organisation: `Praktijk ${last}`,
  jobTitle: `Jeugdarts ${last}`,
  email: `${first}.${last}@voorbeeld.nl`.toLowerCase(),
  phone: `+31 6 ${String(first.length * 1234567).slice(0, 8)}`,
});
const secretsOf = (member: ReturnType<typeof person>) => [
  member.name,
  member.organisation,
  member.jobTitle,
  member.email,
  member.phone,
];

/** Inserts an enrolment directly, as made at `createdAt`, with an idempotency record; returns its id. */
async function insertEnrolment(
  db: Database,
  programmeId: string,
  createdAt: string,
  emails: string[],
): Promise<number> {
  // One transaction, as the server's own enrolments: a purge running meanwhile sees all of it or nothing.
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO programmes (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [programmeId]);
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO enrolments (programme_id, created_at) VALUES ($1, $2) RETURNING id',
      [programmeId, createdAt],
    );
    await tx.query(
      `INSERT INTO capacity_slots (programme_id, capacity_key, confirmed) VALUES ($1, $1, $2)
       ON CONFLICT (programme_id, capacity_key) DO UPDATE SET confirmed = capacity_slots.confirmed + $2`,
      [programmeId, emails.length],
    );
    await tx.query(
      "INSERT INTO placements (enrolment_id, programme_id, capacity_key, status, places) VALUES ($1, $2, $2, 'confirmed', $3)",
      [row!.id, programmeId, emails.length],
    );
    for (const email of emails) {
      await tx.query(
        "INSERT INTO enrolment_members (enrolment_id, programme_id, role_id, name, organisation, email) VALUES ($1, $2, 'deelnemer', $3, 'Organisatie', $3)",
        [row!.id, programmeId, email],
      );
    }
    await tx.query('INSERT INTO idempotency_keys (programme_id, key, body, created_at) VALUES ($1, $2, $3, $4)', [
      programmeId,
      `key-${row!.id}`,
      '{}',
      createdAt,
    ]);
    return Number(row!.id);
  });
}

/** A mail copy as the mailer writes it without SMTP. */
const writeMail = (dir: string, enrolmentId: number, text: string) =>
  writeFile(join(dir, `2026-01-01T10-00-00-000Z-${enrolmentId}-0.eml`), text);

describe('personal data on a running server', () => {
  let feeds: string;
  let dataDir: string;
  let server: RunningServer;
  const teamA = [person('Xaviera', 'Zoutelande'), person('Quirijn', 'Oosterzeeblom')];
  const teamB = [person('Ymke', 'Wagenborgen'), person('Tjitske', 'Oudeschild'), person('Reinout', 'Vledderveen')];
  const late = person('Bauke', 'Nijeholtpade');
  const expired = person('Retentie', 'Pietersberg');
  const voter = 'privacy-voter-token-7f3a9c2e';
  const remark = 'Opmerking met geheim kenmerk 7Q3Z';
  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    api(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const csv = async (programme: string) =>
    (
      await api(`/api/admin/programmes/${programme}/enrolments.csv`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    ).text();
  const availability = async () => ((await (await api('/api/programmes/privacy/feed')).json()) as Feed).availability!;
  const mails = async () => {
    const dir = join(dataDir, 'mail');
    const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.eml'));
    return Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')));
  };

  before(async () => {
    feeds = await feedsDir(openProgramme('privacy', 5), pastProgramme('voorbij', '2025-06-01T17:00:00+02:00'));
    dataDir = await mkdtemp(join(tmpdir(), 'cop-privacy-'));
    // Data from a programme that ended long ago, with its mail copy: due for deletion at start-up.
    const db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const id = await insertEnrolment(db, 'voorbij', '2025-05-01T10:00:00Z', [expired.email]);
    await db.close();
    await mkdir(join(dataDir, 'mail'));
    await writeMail(join(dataDir, 'mail'), id, `To: ${expired.email}\r\n\r\nBeste ${expired.name}`);
    server = await startServer({ DATA_DIR: dataDir, FEEDS_DIR: feeds, ADMIN_TOKEN: TOKEN, RETENTION_DAYS: '30' });
  });
  after(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(feeds, { recursive: true, force: true });
  });

  it('deletes enrolments at start-up once their programme ended RETENTION_DAYS ago, with their mail copies', async () => {
    for (let i = 0; i < 100 && !server.output().includes('retention:'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(
      server.output(),
      /retention: deleted 1 enrolment\(s\) of 1 people and 1 mail file\(s\), older than 30 days after their programme/,
    );
    assert.equal((await csv('voorbij')).trim().split('\r\n').length, 1, 'only the header is left');
    assert.deepEqual(await mails(), []);
  });

  it('erases a person from the enrolments, the CSV, the outbox and the mail copies, and gives their place to the waiting list', async () => {
    const outcome = async (body: unknown) => {
      const { availability: _live, ...rest } = (await (
        await post('/api/programmes/privacy/enrolments', body)
      ).json()) as Record<string, unknown>;
      return rest;
    };
    assert.deepEqual(await outcome({ members: teamA, consent: true, remark }), { status: 'confirmed' });
    assert.deepEqual(await outcome({ members: teamB, consent: true }), { status: 'confirmed' });
    assert.deepEqual(await outcome({ members: [late], consent: true }), { status: 'waitlisted', position: 1 });
    assert.deepEqual(
      { ...(await availability()), updatedAt: undefined },
      {
        state: 'waitlist',
        placesLeft: 0,
        waitlistLength: 1,
        updatedAt: undefined,
        stream: '/api/programmes/privacy/availability/stream',
      },
    );
    for (let i = 0; i < 100 && (await mails()).length < 6; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await mails()).length, 6, 'one mail per member');
    const export1 = await csv('privacy');
    for (const member of [...teamA, ...teamB, late])
      assert.ok(export1.includes(member.email), `${member.email} in the export`);

    const erased = await post(
      '/api/admin/erasure',
      { email: ` ${teamB[0]!.email.toUpperCase()} ` },
      { Authorization: `Bearer ${TOKEN}` },
    );
    assert.deepEqual(await erased.json(), { removed: 1 });
    const export2 = await csv('privacy');
    for (const secret of secretsOf(teamB[0]!)) assert.equal(export2.includes(secret), false, secret);
    assert.ok(export2.includes(teamB[1]!.email), 'the rest of the team stays enrolled');
    // The freed place goes to the waiting team of one, which is told so.
    assert.deepEqual(
      { ...(await availability()), updatedAt: undefined },
      {
        state: 'waitlist',
        placesLeft: 0,
        waitlistLength: 0,
        updatedAt: undefined,
        stream: '/api/programmes/privacy/availability/stream',
      },
    );
    assert.match(export2, new RegExp(`"\\d+","confirmed","",[^\\n]*"${late.email}"`), `${late.email} moved up`);
    // The mail copies of that team named the erased person: gone; other teams' copies stay.
    for (let i = 0; i < 100 && (await mails()).length !== 4; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const left = await mails();
    assert.equal(left.length, 4, 'team A twice, and the waiting list then the free place for the last');
    assert.equal(left.filter((mail) => /Subject: Er is een plaats vrijgekomen/.test(mail)).length, 1);
    for (const mail of left) assert.equal(mail.includes(teamB[0]!.name), false);

    // Erasing the only member of a waiting team removes the team and shortens the waiting list.
    const waiting = person('Wietske', 'Wachtebeke');
    assert.deepEqual(await outcome({ members: [waiting], consent: true }), { status: 'waitlisted', position: 1 });
    assert.deepEqual(
      await (await post('/api/admin/erasure', { email: waiting.email }, { Authorization: `Bearer ${TOKEN}` })).json(),
      { removed: 1 },
    );
    assert.equal((await availability()).waitlistLength, 0);
    assert.equal((await csv('privacy')).includes(waiting.email), false);
    assert.deepEqual(
      await (
        await post('/api/admin/erasure', { email: 'niemand@voorbeeld.nl' }, { Authorization: `Bearer ${TOKEN}` })
      ).json(),
      { removed: 0 },
    );
  });

  it('keeps personal data out of the public feed, the results and the logs', async () => {
    const own = await api(`/api/polls/privacy-peiling/votes/${voter}`);
    assert.equal(own.status, 200);
    assert.equal(
      (await post('/api/polls/privacy-peiling/votes', { participant: voter, ratings: { a: 2, b: 4 } })).status,
      201,
    );
    // A refused request carrying personal data, and a wrong admin token.
    const refused = await post('/api/programmes/privacy/enrolments', {
      members: [{ ...teamA[0]!, email: 'geen-adres' }],
      consent: true,
    });
    assert.equal(refused.status, 422);
    assert.equal(
      (
        await api('/api/admin/programmes/privacy/enrolments.csv', {
          headers: { Authorization: `Bearer ${teamA[0]!.email}` },
        })
      ).status,
      401,
    );

    const stream = sseReader(await api('/api/polls/privacy-peiling/results/stream'));
    const publicTexts = [
      await (await api('/api/programmes/privacy/feed')).text(),
      await (await api('/feeds/privacy.json')).text(),
      await (await api('/api/polls/privacy-peiling/results')).text(),
      JSON.stringify(await stream.next()),
      await refused.text(),
    ];
    await stream.cancel();
    const secrets = [...[...teamA, ...teamB, late].flatMap(secretsOf), remark];
    for (const text of publicTexts)
      for (const secret of secrets) assert.equal(text.includes(secret), false, `${secret} in a public answer`);

    const log = server.output();
    assert.match(log, /POST \/api\/programmes\/privacy\/enrolments 201/, 'requests are logged');
    assert.match(log, /GET \/api\/polls\/privacy-peiling\/votes\/:participant 200/, 'the participant token is not');
    for (const secret of [...secrets, expired.name, expired.email, voter, TOKEN])
      assert.equal(log.includes(secret), false, `${secret} in the log`);
  });

  // Last: it stops the server, to use its embedded database (creating a new one is slow).
  it('purges on time by the clock, on the embedded database', async () => {
    await server.stop();
    const db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      await checkPurge(db);
    } finally {
      await db.close();
    }
  });
});

/** Every check of the purge, with a clock, on one database (other programmes' rows are left alone). */
async function checkPurge(db: Database): Promise<void> {
  const lopend = parseFeed(openProgramme('lopend', 10)); // last session 3 June 2030
  const afgelopen = parseFeed(pastProgramme('afgelopen', '2026-03-01T17:00:00+01:00'));
  const feeds = new Map<string, Feed>([
    ['lopend', lopend],
    ['afgelopen', afgelopen],
  ]);
  const mailDir = await mkdtemp(join(tmpdir(), 'cop-mail-'));
  const mailer = createMailer({ outDir: mailDir });
  try {
    const ended = await insertEnrolment(db, 'afgelopen', '2026-02-01T10:00:00Z', [
      'a1@voorbeeld.nl',
      'a2@voorbeeld.nl',
    ]);
    const running = await insertEnrolment(db, 'lopend', '2025-01-01T10:00:00Z', ['l1@voorbeeld.nl']);
    // A programme whose feed is gone: its enrolments count from when they were made.
    const orphanOld = await insertEnrolment(db, 'weg', '2026-02-15T10:00:00Z', ['w1@voorbeeld.nl']);
    const orphanNew = await insertEnrolment(db, 'weg', '2026-03-15T10:00:00Z', ['w2@voorbeeld.nl']);
    for (const id of [ended, running, orphanOld, orphanNew]) await writeMail(mailDir, id, 'Beste deelnemer');
    const ids = async () =>
      (
        await db.query<{ id: string }>(
          "SELECT id FROM enrolments WHERE programme_id IN ('afgelopen', 'lopend', 'weg') ORDER BY id",
        )
      ).map((row) => Number(row.id));
    const count = async (table: string) =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
    const endOfAfgelopen = Date.parse('2026-03-01T17:00:00+01:00');

    assert.deepEqual(await purgeExpired(db, feeds, { retentionDays: 30, now: endOfAfgelopen + 30 * DAY - 1, mailer }), {
      enrolments: 1,
      people: 1,
      mails: 1,
    });
    assert.deepEqual(
      await ids(),
      [ended, running, orphanNew],
      'one millisecond early: the ended programme is kept; the feedless enrolment from 15 February is not',
    );

    assert.deepEqual(await purgeExpired(db, feeds, { retentionDays: 30, now: endOfAfgelopen + 30 * DAY, mailer }), {
      enrolments: 1,
      people: 2,
      mails: 1,
    });
    assert.deepEqual(await ids(), [running, orphanNew]);
    assert.equal(
      await count("enrolment_members WHERE programme_id = 'afgelopen'"),
      0,
      'members go with their enrolment',
    );
    assert.equal(
      await count("idempotency_keys WHERE programme_id = 'afgelopen'"),
      0,
      'and so do the idempotency records',
    );
    assert.deepEqual((await readdir(mailDir)).sort(), [
      `2026-01-01T10-00-00-000Z-${running}-0.eml`,
      `2026-01-01T10-00-00-000Z-${orphanNew}-0.eml`,
    ]);

    assert.deepEqual(
      await purgeExpired(db, feeds, { retentionDays: 0, now: Date.parse('2100-01-01'), mailer }),
      { enrolments: 0, people: 0, mails: 0 },
      '0: kept until erased by hand',
    );

    // The schedule: at once, then every interval, on the real clock (by which February 2026 is long past).
    const again = await insertEnrolment(db, 'afgelopen', '2026-02-02T10:00:00Z', ['a3@voorbeeld.nl']);
    const lines: string[] = [];
    const stop = scheduleRetention(db, feeds, {
      retentionDays: 30,
      mailer,
      log: (line) => lines.push(line),
      everyMs: 20,
    });
    for (let i = 0; i < 100 && lines.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(lines, [
      'retention: deleted 2 enrolment(s) of 2 people and 1 mail file(s), older than 30 days after their programme',
    ]);
    const latest = await insertEnrolment(db, 'afgelopen', '2026-02-03T10:00:00Z', ['a4@voorbeeld.nl']);
    for (let i = 0; i < 100 && lines.length === 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    assert.equal(lines.length, 2, 'the next run takes what arrived since');
    assert.equal((await ids()).includes(again) || (await ids()).includes(latest), false);
    assert.deepEqual(await ids(), [running]);
  } finally {
    await rm(mailDir, { recursive: true, force: true });
  }
}

describe('retention', () => {
  it('reads RETENTION_DAYS: 365 by default, 0 to keep, whole days only', () => {
    assert.equal(parseRetentionDays(undefined), DEFAULT_RETENTION_DAYS);
    assert.equal(parseRetentionDays(''), 365);
    assert.equal(parseRetentionDays('0'), 0);
    assert.equal(parseRetentionDays(' 30 '), 30);
    for (const bad of ['-1', '1.5', 'een jaar', '1e3', '365d'])
      assert.throws(() => parseRetentionDays(bad), /RETENTION_DAYS must be a whole number of days/);
  });

  it('refuses to start with a RETENTION_DAYS it cannot read', async () => {
    await assert.rejects(startServer({ RETENTION_DAYS: 'een jaar' }), (error: Error & { code?: number }) => {
      assert.equal(error.code, 1);
      assert.match(
        error.message,
        /RETENTION_DAYS must be a whole number of days \(0 keeps enrolments until erased by hand\), not "een jaar"/,
      );
      return true;
    });
  });

  for (const database of testDatabases().filter((d) => d.kind === 'postgres')) {
    it(`deletes ${database.kind} enrolments, members, idempotency records and mail copies on time`, async () => {
      const db = await database.open();
      try {
        await checkPurge(db);
      } finally {
        await db.close();
        await database.dispose();
      }
    });
  }
});
