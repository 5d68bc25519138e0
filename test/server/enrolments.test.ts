import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseFeed, type Feed, type FeedInput } from '../../src/core/feed.js';
import { createApp } from '../../server/app.js';
import { openDatabase, type Database } from '../../server/db.js';
import { testDatabases } from './databases.js';

/** A field's path in the server's error JSON: segments, e.g. `['members', 0, 'email']`. */
type Path = (string | number)[];

const NOW = Date.parse('2027-01-10T12:00:00+01:00');

/** "Bindende afspraken": a duo of municipality and education, youth care optional, 25 places. */
function programme(id: string, change: (feed: FeedInput) => void = () => {}): Feed {
  const feed: FeedInput = {
    version: 1,
    programme: {
      id,
      title: 'CoP Bindende afspraken',
      organiser: 'NJi',
      contact: { name: 'Marloes', email: 'cop@example.org' },
      timeZone: 'Europe/Amsterdam',
    },
    sessions: [
      { id: 'b1', title: 'Bijeenkomst 1', start: '2027-06-22T13:00:00+02:00', end: '2027-06-22T15:00:00+02:00' },
    ],
    themes: [{ id: 'wetgeving', title: 'Schurende wetgeving' }],
    enrolment: {
      opens: '2026-11-01T09:00:00+01:00',
      closes: '2027-06-08T17:00:00+02:00',
      capacity: 25,
      waitlist: true,
      contactEmail: 'cop@example.org',
      team: {
        roles: [
          { id: 'gemeente', label: 'Gemeente', required: true },
          { id: 'onderwijs', label: 'Onderwijs (samenwerkingsverband)', required: true },
          { id: 'zorg', label: 'Jeugd(gezondheids)zorg', required: false },
        ],
      },
      themeChoice: 'one',
    },
  };
  change(feed);
  return parseFeed(feed);
}

/** An enrolment's answer without the live availability it carries (checked on its own below). */
const placed = async (response: Response | Promise<Response>) => {
  const { availability: _availability, ...outcome } = (await (await response).json()) as Record<string, unknown>;
  return outcome;
};

const member = (roleId: string, n: number | string) => ({
  roleId,
  name: `Deelnemer ${n}`,
  organisation: `Organisatie ${n}`,
  email: `deelnemer-${n}@example.org`,
});
const duo = (n: number | string, extra: object = {}) => ({
  members: [member('gemeente', `${n}g`), member('onderwijs', `${n}o`)],
  consent: true,
  ...extra,
});

for (const database of testDatabases()) {
  describe(`enrolments on ${database.kind}`, () => {
    let db: Database;
    const feeds = new Map<string, Feed>();
    let app: ReturnType<typeof createApp>;
    const add = (feed: Feed) => feeds.set(feed.programme.id, feed);
    const post = async (id: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(`/api/programmes/${id}/enrolments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const count = async (sql: string, params: unknown[]) => Number((await db.query<{ n: string }>(sql, params))[0]!.n);

    before(async () => {
      db = await database.open();
      app = createApp({ db, feeds, now: () => NOW, rateLimit: { enrolments: 10_000, votes: 10_000 } });
    });
    after(async () => {
      await db.close();
      await database.dispose();
    });

    it('confirms a duo and stores both members', async () => {
      add(programme('duo'));
      const response = await post('duo', duo(1, { themeIds: ['wetgeving'], remark: 'Wij komen met z’n tweeën.' }));
      assert.equal(response.status, 201);
      assert.deepEqual(await placed(response), { status: 'confirmed' });
      const rows = await db.query<{ role_id: string; email: string }>(
        "SELECT role_id, email FROM enrolment_members WHERE programme_id = 'duo' ORDER BY role_id",
      );
      assert.deepEqual(rows, [
        { role_id: 'gemeente', email: 'deelnemer-1g@example.org' },
        { role_id: 'onderwijs', email: 'deelnemer-1o@example.org' },
      ]);
    });

    it('takes a team of three with the optional youth-care partner, and a duo without', async () => {
      add(programme('trio'));
      assert.equal((await post('trio', { ...duo(2), members: [...duo(2).members, member('zorg', '2z')] })).status, 201);
      assert.equal((await post('trio', duo(3))).status, 201);
      assert.equal(await count("SELECT sum(places) AS n FROM placements WHERE programme_id = 'trio'", []), 5);
      assert.equal(await count("SELECT confirmed AS n FROM capacity_slots WHERE programme_id = 'trio'", []), 5);
    });

    it('refuses a team without a required role, naming the role, and stores nothing', async () => {
      add(programme('incomplete'));
      const response = await post('incomplete', { members: [member('gemeente', 'x')], consent: true });
      assert.equal(response.status, 422);
      const body = (await response.json()) as {
        issues: { path: Path; key: string; args: unknown[]; text: { nl: string; en: string } }[];
      };
      assert.deepEqual(
        body.issues.map((i) => i.text.nl),
        ['members.onderwijs mist een teamlid voor de rol "Onderwijs (samenwerkingsverband)", die verplicht is'],
      );
      assert.deepEqual(
        body.issues.map(({ path, key, args }) => ({ path, key, args })),
        [{ path: ['members', 'onderwijs'], key: 'roleRequired', args: ['Onderwijs (samenwerkingsverband)'] }],
        'the path as segments and the message key with its arguments, for the widget to word',
      );
      assert.equal(await count("SELECT count(*) AS n FROM enrolments WHERE programme_id = 'incomplete'", []), 0);
    });

    it('reports each invalid field with its path (as segments) and its message key, and in Dutch and English', async () => {
      add(programme('fields'));
      const response = await post('fields', {
        members: [{ ...member('gemeente', 1), email: 'geen-adres' }, member('onderwijs', 2)],
        consent: false,
      });
      assert.equal(response.status, 422);
      const body = (await response.json()) as {
        issues: { path: Path; key: string; message: { nl: string; en: string }; text: { nl: string } }[];
      };
      assert.deepEqual(
        body.issues.map((i) => [i.path, i.key, i.message.nl, i.message.en]),
        [
          [['members', 0, 'email'], 'email', 'is geen geldig e-mailadres', 'is not a valid e-mail address'],
          [['consent'], 'oneOf', 'moet een van deze waarden zijn: true', 'must be one of: true'],
        ],
      );
      assert.equal(body.issues[0]!.text.nl, 'members[0].email is geen geldig e-mailadres');
    });

    it('gives an e-mail address one place per programme, whatever its letter case, without telling the visitor it was taken', async () => {
      add(programme('once'));
      assert.equal((await post('once', duo(4))).status, 201);
      const again = {
        ...duo(5),
        members: [{ ...member('gemeente', 5), email: 'Deelnemer-4g@Example.org' }, member('onderwijs', 5)],
      };
      const response = await post('once', again);
      // As far as the visitor can tell, the team is enrolled: no "is this address enrolled?" oracle.
      assert.equal(response.status, 201);
      assert.deepEqual(await placed(response), { status: 'confirmed' });
      const members = await db.query<{ email: string }>(
        "SELECT email FROM enrolment_members WHERE programme_id = 'once' ORDER BY id",
      );
      assert.deepEqual(
        members.map((m) => m.email),
        ['deelnemer-4g@example.org', 'deelnemer-4o@example.org', 'deelnemer-5@example.org'],
        'stored once',
      );
      assert.equal(
        await count("SELECT confirmed AS n FROM capacity_slots WHERE programme_id = 'once'", []),
        3,
        'the second team took one place',
      );
      const mails = await db.query<{ kind: string; recipient: string }>(
        "SELECT kind, recipient FROM outbox WHERE programme_id = 'once' ORDER BY id",
      );
      assert.deepEqual(mails.slice(2), [
        { kind: 'confirmed', recipient: 'deelnemer-5@example.org' },
        { kind: 'already-enrolled', recipient: 'deelnemer-4g@example.org' },
      ]);
      // Everyone in the team enrolled already: the same answer, nothing stored, each of them told.
      const repeat = await post('once', duo(4));
      assert.equal(repeat.status, 201);
      assert.deepEqual(await placed(repeat), { status: 'confirmed' });
      assert.equal(await count("SELECT count(*) AS n FROM enrolment_members WHERE programme_id = 'once'", []), 3);
      assert.equal(
        await count("SELECT count(*) AS n FROM outbox WHERE programme_id = 'once' AND kind = 'already-enrolled'", []),
        3,
      );
      // Two addresses alike within one team is a typing error the visitor can see and fix.
      const twice = await post('once', {
        ...duo(6),
        members: [member('gemeente', 6), { ...member('onderwijs', 6), email: 'deelnemer-6@example.org' }],
      });
      assert.equal(twice.status, 422);
    });

    it('answers a repeated submit with the same Idempotency-Key once, refuses the key with another body, and stores no refusal under it', async () => {
      add(programme('retry'));
      const key = { 'Idempotency-Key': 'a1b2c3d4-retry-0001' };
      const [first, second] = await Promise.all([post('retry', duo(6), key), post('retry', duo(6), key)]);
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.deepEqual(await placed(second), await placed(first));
      assert.equal(await count("SELECT count(*) AS n FROM enrolments WHERE programme_id = 'retry'", []), 1);
      // The bot checks may differ between tries (the fill time grows): still the same request.
      assert.equal((await post('retry', duo(6, { fillMs: 12_000 }), key)).status, 201);
      const changed = await post('retry', duo(7), key);
      assert.equal(changed.status, 422);
      const body = (await changed.json()) as { error: string; message: { nl: string } };
      assert.equal(body.error, 'idempotency-key-reused');
      assert.match(body.message.nl, /hoort bij een andere aanmelding/);
      assert.equal(await count("SELECT count(*) AS n FROM enrolments WHERE programme_id = 'retry'", []), 1);
      // A refused request leaves its key free, so the corrected retry is enrolled.
      const fresh = { 'Idempotency-Key': 'a1b2c3d4-retry-0002' };
      assert.equal(
        (
          await post(
            'retry',
            { ...duo(8), members: [{ ...member('gemeente', 8), email: 'fout' }, member('onderwijs', 8)] },
            fresh,
          )
        ).status,
        422,
      );
      assert.equal((await post('retry', duo(8), fresh)).status, 201);
      add(programme('retry-full', (f) => Object.assign(f.enrolment!, { capacity: 2, waitlist: false })));
      assert.equal((await post('retry-full', duo(9))).status, 201);
      const full = { 'Idempotency-Key': 'a1b2c3d4-retry-0003' };
      assert.equal((await post('retry-full', duo(10), full)).status, 409);
      assert.equal(
        await count("SELECT count(*) AS n FROM idempotency_keys WHERE programme_id = 'retry-full'", []),
        0,
        'no 409 stored under the key',
      );
    });

    it('waitlists in order once full, and refuses when the programme has no waiting list', async () => {
      add(programme('small', (f) => (f.enrolment!.capacity = 4)));
      assert.deepEqual(await placed(post('small', duo(7))), { status: 'confirmed' });
      assert.deepEqual(await placed(post('small', duo(8))), { status: 'confirmed' });
      assert.deepEqual(await placed(post('small', duo(9))), { status: 'waitlisted', position: 1 });
      assert.deepEqual(await placed(post('small', duo(10))), { status: 'waitlisted', position: 2 });
      add(programme('nowait', (f) => Object.assign(f.enrolment!, { capacity: 2, waitlist: false })));
      assert.equal((await post('nowait', duo(11))).status, 201);
      const full = await post('nowait', duo(12));
      assert.equal(full.status, 409);
      assert.deepEqual(await full.json(), { error: 'full', message: { nl: 'Vol', en: 'Full' } });
    });

    it('counts places per session when the feed says so', async () => {
      add(
        programme('per-session', (f) => {
          f.sessions.push({
            id: 'b2',
            title: 'Bijeenkomst 2',
            start: '2027-09-28T13:00:00+02:00',
            end: '2027-09-28T15:00:00+02:00',
          });
          Object.assign(f.enrolment!, { capacity: 2, capacityPer: 'session', sessionChoice: 'one' });
        }),
      );
      assert.deepEqual(await placed(post('per-session', duo(50, { sessionId: 'b1' }))), {
        status: 'confirmed',
        sessions: { b1: { status: 'confirmed' } },
      });
      assert.deepEqual(await placed(post('per-session', duo(51, { sessionId: 'b1' }))), {
        status: 'waitlisted',
        position: 1,
        sessions: { b1: { status: 'waitlisted', position: 1 } },
      });
      assert.deepEqual(await placed(post('per-session', duo(52, { sessionId: 'b2' }))), {
        status: 'confirmed',
        sessions: { b2: { status: 'confirmed' } },
      });
      const missing = await post('per-session', duo(53));
      assert.equal(missing.status, 422);
      assert.deepEqual(
        ((await missing.json()) as { issues: { path: Path }[] }).issues.map((i) => i.path),
        [['sessionId']],
      );
      const unknown = await post('per-session', duo(54, { sessionId: 'b9', groupId: 'groep-9' }));
      assert.deepEqual(
        ((await unknown.json()) as { issues: { path: Path }[] }).issues.map((i) => i.path),
        [['sessionId'], ['groupId']],
      );
      const feed = (await (await app.request('/api/programmes/per-session/feed')).json()) as Feed;
      assert.deepEqual(
        Object.fromEntries(
          Object.entries(feed.availability!.sessions!).map(([id, a]) => [
            id,
            [a.state, a.placesLeft, a.waitlistLength],
          ]),
        ),
        { b1: ['waitlist', 0, 1], b2: ['waitlist', 0, 0] },
      );
    });

    it('refuses before opens and after closes', async () => {
      add(programme('later', (f) => (f.enrolment!.opens = '2027-02-01T09:00:00+01:00')));
      add(programme('over', (f) => (f.enrolment!.closes = '2027-01-01T09:00:00+01:00')));
      const early = await post('later', duo(13));
      assert.equal(early.status, 409);
      assert.equal(((await early.json()) as { error: string }).error, 'not-yet-open');
      const late = await post('over', duo(14));
      assert.equal(late.status, 409);
      assert.deepEqual(((await late.json()) as { message: object }).message, {
        nl: 'Aanmelden gesloten',
        en: 'Enrolment closed',
      });
    });

    it('never exceeds capacity: 200 concurrent submits for the last 5 places', async () => {
      add(programme('race', (f) => (f.enrolment!.capacity = 25)));
      for (let i = 0; i < 10; i += 1) assert.equal((await post('race', duo(`r${i}`))).status, 201);
      const singles = Array.from({ length: 200 }, (_, i) => ({
        members: [member('gemeente', `s${i}`), member('onderwijs', `s${i}o`)].slice(0, 1),
        consent: true,
      }));
      // Single-person teams would fail the role rule; give this programme one optional role.
      add(
        programme('race', (f) =>
          Object.assign(f.enrolment!, {
            capacity: 25,
            team: { roles: [{ id: 'gemeente', label: 'Gemeente', required: true }] },
          }),
        ),
      );
      const answers = await Promise.all(
        singles.map((body) =>
          post('race', body).then((r) => r.json() as Promise<{ status: string; position?: number }>),
        ),
      );
      assert.equal(await count("SELECT confirmed AS n FROM capacity_slots WHERE programme_id = 'race'", []), 25);
      assert.equal(answers.filter((a) => a.status === 'confirmed').length, 5);
      const positions = answers
        .filter((a) => a.status === 'waitlisted')
        .map((a) => a.position)
        .sort((a, b) => a! - b!);
      assert.deepEqual(
        positions,
        Array.from({ length: 195 }, (_, i) => i + 1),
      );
      assert.equal(
        await count("SELECT sum(places) AS n FROM placements WHERE programme_id = 'race' AND status = 'confirmed'", []),
        25,
      );
    });

    it('takes teams that share addresses at the same moment, in any order, without an error and storing each address once', async () => {
      add(programme('crossing', (f) => (f.enrolment!.capacity = 1000)));
      const pairs = Array.from(
        { length: 25 },
        (_, i) => [member('gemeente', `x${i}`), member('onderwijs', `y${i}`)] as const,
      );
      const answers = await Promise.all(
        pairs.flatMap(([a, b]) => [
          post('crossing', { members: [a, b], consent: true }),
          post('crossing', {
            members: [
              { ...b, roleId: 'gemeente' },
              { ...a, roleId: 'onderwijs' },
            ],
            consent: true,
          }),
        ]),
      );
      assert.deepEqual([...new Set(answers.map((r) => r.status))], [201]);
      assert.equal(await count("SELECT count(*) AS n FROM enrolment_members WHERE programme_id = 'crossing'", []), 50);
      assert.equal(await count("SELECT confirmed AS n FROM capacity_slots WHERE programme_id = 'crossing'", []), 50);
    });

    it('serves the feed with live availability, an ETag and a short cache', async () => {
      add(programme('live', (f) => (f.enrolment!.capacity = 4)));
      await post('live', duo(20));
      const response = await app.request('/api/programmes/live/feed');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('Cache-Control') ?? '', /max-age=5/);
      const feed = (await response.json()) as Feed;
      assert.deepEqual(
        { ...feed.availability, updatedAt: undefined },
        {
          state: 'open',
          placesLeft: 2,
          waitlistLength: 0,
          updatedAt: undefined,
          stream: '/api/programmes/live/availability/stream',
        },
      );
      const etag = response.headers.get('ETag')!;
      assert.equal(
        (await app.request('/api/programmes/live/feed', { headers: { 'If-None-Match': etag } })).status,
        304,
      );
      await post('live', duo(21));
      const after = await app.request('/api/programmes/live/feed', { headers: { 'If-None-Match': etag } });
      assert.equal(after.status, 200);
      assert.equal(((await after.json()) as Feed).availability?.state, 'waitlist');
      assert.equal((await app.request('/api/programmes/bestaat-niet/feed')).status, 404);
    });

    it('refuses hostile and malformed bodies with a 4xx and stores nothing', async () => {
      add(programme('hostile'));
      const before = await count('SELECT count(*) AS n FROM enrolments', []);
      assert.equal((await post('hostile', 'x'.repeat(40 * 1024))).status, 413);
      assert.equal((await post('hostile', '{"members": [')).status, 400);
      assert.equal(
        (
          await app.request('/api/programmes/hostile/enrolments', {
            method: 'POST',
            headers: { 'Content-Type': 'text/plain' },
            body: '{}',
          })
        ).status,
        415,
      );
      assert.equal((await post('hostile', duo(30, { website: 'http://spam.example' }))).status, 422);
      const tooFast = await post('hostile', duo(33, { fillMs: 400 }));
      assert.equal(tooFast.status, 422, 'a form sent quicker than people type is refused');
      assert.deepEqual(
        ((await tooFast.json()) as { issues: { path: Path }[] }).issues.map((i) => i.path),
        [['fillMs']],
      );
      assert.equal((await post('hostile', duo(34, { fillMs: 45_000 }))).status, 201);
      assert.equal(
        (
          await post('hostile', {
            ...duo(31),
            members: [
              { ...member('gemeente', 31), name: "Robert'); DROP TABLE enrolments;--" },
              member('onderwijs', '31o'),
            ],
          })
        ).status,
        201,
      );
      assert.equal((await post('hostile', duo(32), { 'Idempotency-Key': 'short' })).status, 400);
      assert.equal((await post('hostile', { __proto__: { consent: true }, members: [] })).status, 422);
      assert.equal(await count('SELECT count(*) AS n FROM enrolments', []), before + 2);
    });
  });
}

describe('embedded database on disk', () => {
  it('keeps enrolments across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cop-pglite-'));
    try {
      const feed = programme('restart');
      let db = await openDatabase({ dataDir });
      const app = createApp({ db, feeds: new Map([[feed.programme.id, feed]]), now: () => NOW });
      const response = await app.request('/api/programmes/restart/enrolments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(duo(40)),
      });
      assert.equal(response.status, 201);
      await db.close();
      db = await openDatabase({ dataDir });
      const rows = await db.query<{ email: string }>('SELECT email FROM enrolment_members ORDER BY email');
      assert.deepEqual(
        rows.map((r) => r.email),
        ['deelnemer-40g@example.org', 'deelnemer-40o@example.org'],
      );
      await db.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
