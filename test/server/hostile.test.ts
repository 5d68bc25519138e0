/**
 * Hostile requests to every endpoint, hand-picked and generated (fast-check): each gets a 4xx
 * with an error code and a message in Dutch and English, nothing is stored, and the server
 * answers a normal request afterwards. Also: rate limits, CORS, the admin token, and the same
 * over a real socket. Counts every request it sends and reports the total.
 */
import { serve, type ServerType } from '@hono/node-server';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parseFeed, type Feed } from '../../src/core/feed.js';
import { tokenMatches } from '../../server/admin.js';
import { createApp } from '../../server/app.js';
import { FORBIDDEN_CHARACTERS } from '../../src/core/text.js';
import type { Database } from '../../server/db.js';
import { ResultsHub } from '../../server/polls.js';
import { testDatabases } from './databases.js';
import { openProgramme, participant } from './feeds.js';

const TOKEN = 'hostile-test-admin-token-0123456789abcdef';
const PARTNER = 'https://www.partner-gemeente.example';
const PROGRAMME = 'vijandig';
const POLL = `${PROGRAMME}-peiling`;
const NOW = Date.parse('2027-01-10T12:00:00+01:00');

/** Strings attackers send: SQL and script injection, spreadsheet formulas, and Unicode's sharp edges. */
const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE enrolments; --",
  'Robert"); DELETE FROM votes; --',
  '1; SELECT pg_sleep(10)',
  "%' OR email LIKE '%",
  '$1',
  '\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '=HYPERLINK("http://evil.example")',
  '+SUM(1+1)',
  '@cmd',
  '💩'.repeat(60),
  'Ｒｏｂｅｒｔ',
  'e\u0301',
];
/** Characters the server refuses in any string: NUL and other controls, bidi overrides, lone surrogates. */
const FORBIDDEN = [
  '\u0000',
  'naam\u0000',
  '\ud800',
  '\udfff',
  'abc\ud83d',
  '\u202eredli',
  '\u2066x\u2069',
  '\u0007',
  '\u001b[31m',
  '\u0085',
];
const HOSTILE_IDS = [
  "' OR 1=1--",
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '%3Cscript%3E',
  'x'.repeat(3000),
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '%E2%80%AE',
  '%F0%9F%92%A9',
];

interface ErrorBody {
  error: string;
  message: { nl: string; en: string };
  issues?: {
    path: (string | number)[];
    key: string;
    message: { nl: string; en: string };
    text: { nl: string; en: string };
  }[];
}

const feed = (): Feed => parseFeed(openProgramme(PROGRAMME, 100_000));
let tried = 0;

/** An app under test, with a counter on every request and a snapshot of what is stored. */
function harness(db: Database, options: Partial<Parameters<typeof createApp>[0]> = {}) {
  const app = createApp({
    db,
    feeds: new Map([[PROGRAMME, feed()]]),
    adminToken: TOKEN,
    allowedOrigins: [PARTNER],
    now: () => NOW,
    rateLimit: { enrolments: 1e9, votes: 1e9 },
    ...options,
  });
  const send = (path: string, init: RequestInit = {}) => {
    tried += 1;
    return app.request(path, init);
  };
  const post = (
    path: string,
    body: BodyInit | null,
    headers: Record<string, string> = { 'Content-Type': 'application/json' },
  ) => send(path, { method: 'POST', headers, body });
  const stored = async () =>
    JSON.stringify(
      await db.query(`SELECT (SELECT count(*) FROM enrolments) AS enrolments, (SELECT count(*) FROM enrolment_members) AS members,
                             (SELECT count(*) FROM idempotency_keys) AS keys, (SELECT count(*) FROM votes) AS votes,
                             (SELECT count(*) FROM polls WHERE closed_at IS NOT NULL) AS closed`),
    );
  return { app, send, post, stored };
}

/** A 4xx in JSON with an error code and a message in both languages. */
async function assertRefused(response: Response, status?: number | number[], what = ''): Promise<ErrorBody> {
  const statuses = status === undefined ? undefined : [status].flat();
  assert.ok(response.status >= 400 && response.status < 500, `${what}: ${response.status} is not a 4xx`);
  if (statuses)
    assert.ok(statuses.includes(response.status), `${what}: ${response.status}, expected ${statuses.join(' or ')}`);
  const body = (await response.json()) as ErrorBody;
  assert.equal(typeof body.error, 'string', what);
  assert.ok(body.message.nl.length > 5 && body.message.en.length > 5, `${what}: a message in Dutch and English`);
  for (const issue of body.issues ?? [])
    assert.ok(issue.text.nl && issue.text.en, `${what}: each issue in Dutch and English`);
  return body;
}

const validEnrolment = (tag: string) => ({ members: [participant(tag)], consent: true });
const validVote = (voter: string) => ({ participant: voter.padEnd(16, '0'), ratings: { a: 3 } });
const ENROL = `/api/programmes/${PROGRAMME}/enrolments`;
const VOTE = `/api/polls/${POLL}/votes`;
const ERASE = '/api/admin/erasure';
const admin = { Authorization: `Bearer ${TOKEN}` };

for (const database of testDatabases()) {
  describe(`hostile requests on ${database.kind}`, () => {
    let db: Database;
    let hub: ResultsHub;
    let h: ReturnType<typeof harness>;
    before(async () => {
      db = await database.open();
      hub = new ResultsHub(db, new Map([[PROGRAMME, feed()]]), 20);
      await hub.start();
      h = harness(db, { hub });
      // Something to protect: an enrolment and a vote that no hostile request may change.
      assert.equal((await h.post(ENROL, JSON.stringify(validEnrolment('bestaand')))).status, 201);
      assert.equal((await h.post(VOTE, JSON.stringify(validVote('bestaande-stemmer')))).status, 201);
    });
    after(async () => {
      await hub.stop();
      await db.close();
      await database.dispose();
    });
    // On PostgreSQL the buckets are shared by every app on the database (as by every instance in
    // production), and these tests' clock stands still: each test starts with full buckets.
    beforeEach(async () => {
      await db.query('DELETE FROM rate_limits');
    });

    it('refuses bodies that are too large, not JSON, not UTF-8, truncated or deeply nested, to every POST endpoint', async () => {
      const before = await h.stored();
      const endpoints = [
        { path: ENROL, headers: {}, limit: 32 * 1024 },
        { path: VOTE, headers: {}, limit: 16 * 1024 },
        { path: ERASE, headers: admin, limit: 4 * 1024 },
      ];
      const utf8 = (text: string) => new TextEncoder().encode(text);
      for (const { path, headers, limit } of endpoints) {
        const json = { ...headers, 'Content-Type': 'application/json' };
        const cases: [string, BodyInit | null, Record<string, string>, number, string][] = [
          ['oversized', JSON.stringify({ members: [{ name: 'x'.repeat(limit) }] }), json, 413, 'too-large'],
          [
            'oversized, streamed without Content-Length',
            new Blob(['{"a":"', 'x'.repeat(limit + 10), '"}']).stream(),
            json,
            413,
            'too-large',
          ],
          [
            'text/plain',
            JSON.stringify(validEnrolment('tp')),
            { ...headers, 'Content-Type': 'text/plain' },
            415,
            'not-json',
          ],
          [
            'a form',
            'consent=true',
            { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
            415,
            'not-json',
          ],
          [
            'multipart',
            '--b\r\n\r\n{}\r\n--b--',
            { ...headers, 'Content-Type': 'multipart/form-data; boundary=b' },
            415,
            'not-json',
          ],
          ['json-lookalike media type', '{}', { ...headers, 'Content-Type': 'application/jsonp' }, 415, 'not-json'],
          ['no Content-Type', '{}', headers, 415, 'not-json'],
          [
            'invalid UTF-8 byte',
            new Uint8Array([...utf8('{"email":"'), 0xff, 0xfe, ...utf8('@example.org"}')]),
            json,
            400,
            'bad-encoding',
          ],
          [
            'overlong UTF-8',
            new Uint8Array([...utf8('{"email":"'), 0xc0, 0xaf, ...utf8('@example.org"}')]),
            json,
            400,
            'bad-encoding',
          ],
          [
            'UTF-8-encoded surrogate',
            new Uint8Array([...utf8('{"email":"'), 0xed, 0xa0, 0x80, ...utf8('@example.org"}')]),
            json,
            400,
            'bad-encoding',
          ],
          ['truncated JSON', '{"members": [', json, 400, 'bad-json'],
          ['empty body', '', json, 400, 'bad-json'],
          ['JSON with a comment', '{"consent": true /* hi */}', json, 400, 'bad-json'],
          ['NaN', '{"fillMs": NaN}', json, 400, 'bad-json'],
          ['deep nesting', `${'['.repeat(limit / 2 - 10)}${']'.repeat(limit / 2 - 10)}`, json, 400, 'too-deep'],
          [
            'deep nesting in a field',
            `{"email":${'{"a":'.repeat(limit / 8)}1${'}'.repeat(limit / 8)}}`,
            json,
            400,
            'too-deep',
          ],
          [
            'brackets in strings do not count',
            `{"members":[{"name":"${'['.repeat(limit / 4)}"}]}`,
            json,
            422,
            'invalid',
          ],
          ['null', 'null', json, 422, 'invalid'],
          ['a string', '"consent"', json, 422, 'invalid'],
          ['a number', '1e400', json, 422, 'invalid'],
        ];
        for (const [what, body, sendHeaders, status, code] of cases) {
          const init: RequestInit & { duplex?: 'half' } = {
            method: 'POST',
            headers: sendHeaders,
            body,
            duplex: 'half',
          };
          const refused = await assertRefused(await h.send(path, init), status, `${path} ${what}`);
          assert.equal(refused.error, code, `${path} ${what}`);
        }
      }
      assert.equal(await h.stored(), before);
    });

    it('refuses NUL, control and direction characters and lone surrogates in any field, naming the field', async () => {
      const before = await h.stored();
      for (const [i, bad] of FORBIDDEN.entries()) {
        const member = { ...participant(`ctl${i}`), name: `Anna ${bad}` };
        const enrol = await assertRefused(
          await h.post(ENROL, JSON.stringify({ members: [member], consent: true })),
          422,
          JSON.stringify(bad),
        );
        assert.deepEqual(
          enrol.issues?.map((issue) => [issue.path, issue.key]),
          [[['members', 0, 'name'], 'invisibleCharacters']],
        );
        assert.match(enrol.issues![0]!.text.nl, /^members\[0\]\.name bevat onzichtbare tekens/);
        const remark = await assertRefused(
          await h.post(ENROL, JSON.stringify({ ...validEnrolment(`ctl-r${i}`), remark: bad })),
          422,
        );
        assert.deepEqual(
          remark.issues?.map((issue) => issue.path),
          [['remark']],
        );
        await assertRefused(
          await h.post(VOTE, JSON.stringify({ participant: `stemmer${bad}0000000000`, ratings: { a: 2 } })),
          422,
        );
        await assertRefused(
          await h.post(VOTE, JSON.stringify({ participant: 'stemmer-0000000000', ratings: { [`a${bad}`]: 2 } })),
          422,
        );
        await assertRefused(
          await h.post(ERASE, JSON.stringify({ email: `bestaand${bad}@example.org` }), {
            ...admin,
            'Content-Type': 'application/json',
          }),
          422,
        );
      }
      // A raw lone surrogate escape and a NUL escape, as an attacker would type them.
      await assertRefused(
        await h.post(
          ENROL,
          '{"members":[{"roleId":"deelnemer","name":"\\ud800","organisation":"X","email":"s@example.org"}],"consent":true}',
        ),
        422,
      );
      await assertRefused(
        await h.post(
          ENROL,
          '{"members":[{"roleId":"deelnemer","name":"A","organisation":"X\\u0000","email":"n@example.org"}],"consent":true}',
        ),
        422,
      );
      assert.equal(await h.stored(), before);
    });

    it('refuses line breaks, tabs and invisible marks in one-line fields, with the message the form shows, and keeps them in a remark', async () => {
      const before = await h.stored();
      const cases: [string, RegExp][] = [
        ['Evil\r\nBcc: victim@example.org', /^members\[0\]\.name mag geen regeleinde bevatten/],
        ['Anna\nJansen', /^members\[0\]\.name mag geen regeleinde bevatten/],
        ['Anna\u2028Jansen', /^members\[0\]\.name mag geen regeleinde bevatten/],
        ['Anna\tJansen', /^members\[0\]\.name bevat onzichtbare tekens/],
        ['Anna\u200bJansen', /^members\[0\]\.name bevat onzichtbare tekens/],
        ['Anna\u200fJansen', /^members\[0\]\.name bevat onzichtbare tekens/],
      ];
      for (const [i, [name, message]] of cases.entries()) {
        const member = { ...participant(`regel${i}`), name };
        const refused = await assertRefused(
          await h.post(ENROL, JSON.stringify({ members: [member], consent: true })),
          422,
          JSON.stringify(name),
        );
        assert.deepEqual(
          refused.issues?.map((issue) => issue.path),
          [['members', 0, 'name']],
        );
        assert.match(refused.issues![0]!.text.nl, message);
        for (const field of ['organisation', 'jobTitle'] as const) {
          const other = await assertRefused(
            await h.post(
              ENROL,
              JSON.stringify({ members: [{ ...participant(`regel${i}`), [field]: name }], consent: true }),
            ),
            422,
          );
          assert.deepEqual(
            other.issues?.map((issue) => issue.path),
            [['members', 0, field]],
          );
        }
      }
      assert.equal(await h.stored(), before);
      // A remark may run over several lines.
      const remark = 'Eerste regel\r\nTweede regel\n\tingesprongen';
      assert.equal((await h.post(ENROL, JSON.stringify({ ...validEnrolment('meerregelig'), remark }))).status, 201);
      const [row] = await db.query<{ remark: string }>(
        "SELECT remark FROM enrolments WHERE remark LIKE 'Eerste regel%'",
      );
      assert.equal(row?.remark, remark);
    });

    it('refuses wrong, negative, huge and fractional ratings, unknown principles and hostile keys, storing nothing', async () => {
      const before = await h.stored();
      const voter = 'stemmer-vijandig-00001';
      // As JSON text: 2^53 + 1 is not a safe integer, 1e400 parses as Infinity.
      const ratings = [
        '-1',
        '0',
        '6',
        '2.5',
        '1e308',
        '-1e308',
        '1e400',
        '9007199254740993',
        '"3"',
        'true',
        '[]',
        '{}',
        '[3]',
      ];
      for (const rating of ratings)
        await assertRefused(await h.post(VOTE, `{"participant":"${voter}","ratings":{"a":${rating}}}`), 422, rating);
      const keys = [
        'onbekend',
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        "a' OR '1'='1",
        '<script>',
        'A',
        ' a',
        'x'.repeat(65),
      ];
      for (const key of keys)
        await assertRefused(
          await h.post(VOTE, `{"participant":"${voter}","ratings":{${JSON.stringify(key)}:3}}`),
          422,
          key,
        );
      const bodies: unknown[] = [
        { participant: voter, ratings: {} },
        { participant: voter, ratings: { a: null, b: null } },
        { participant: voter, ratings: [3, 3] },
        { participant: voter },
        { participant: 'kort', ratings: { a: 3 } },
        { participant: 'x'.repeat(65), ratings: { a: 3 } },
        { participant: "' OR 1=1 --00000000", ratings: { a: 3 } },
        { participant: '../../../etc/passwd0', ratings: { a: 3 } },
        { participant: 1e19, ratings: { a: 3 } },
      ];
      for (const body of bodies)
        await assertRefused(await h.post(VOTE, JSON.stringify(body)), 422, JSON.stringify(body));
      assert.equal(await h.stored(), before);
    });

    it('refuses hostile enrolment fields and ids, and never lets __proto__ or constructor pollute anything', async () => {
      const before = await h.stored();
      const base = validEnrolment('veld');
      const member = base.members[0]!;
      const bodies: unknown[] = [
        { ...base, members: [{ ...member, roleId: "deelnemer' OR '1'='1" }] },
        { ...base, members: [{ ...member, roleId: 'bestuur' }] },
        { ...base, members: [{ ...member, email: "x@example.org'; DROP TABLE enrolments; --" }] },
        { ...base, members: [{ ...member, email: '<script>@example.org' }] },
        { ...base, members: [{ ...member, name: 'x'.repeat(121) }] },
        { ...base, members: [{ ...member, name: '   ' }] },
        { ...base, members: [{ ...member, phone: "0' OR 1=1" }] },
        { ...base, members: [{ ...member, email: { $ne: null } }] },
        { ...base, members: Array.from({ length: 11 }, (_, i) => participant(`elf-${i}`)) },
        { ...base, members: [] },
        { ...base, sessionId: "s1' OR '1'='1" },
        { ...base, sessionId: 'bestaat-niet' },
        { ...base, themeIds: ['<script>'] },
        { ...base, remark: 'x'.repeat(2001) },
        { ...base, consent: 'true' },
        { ...base, website: 'https://spam.example' },
        { ...base, fillMs: -1 },
        { ...base, fillMs: 1.5 },
      ];
      for (const body of bodies)
        await assertRefused(await h.post(ENROL, JSON.stringify(body)), 422, JSON.stringify(body).slice(0, 120));
      const polluting = [
        `{"__proto__":{"consent":true,"polluted":1},"members":${JSON.stringify(base.members)}}`,
        `{"constructor":{"prototype":{"polluted":1}},"members":[{"__proto__":{"roleId":"deelnemer"},"name":"A","organisation":"B","email":"p@example.org"}],"consent":true}`,
        `{"__proto__":{"__proto__":{"polluted":1}}}`,
      ];
      for (const body of polluting) await assertRefused(await h.post(ENROL, body), 422, body);
      // Even in an otherwise valid enrolment, a __proto__ key is refused, not silently dropped.
      const proto = await assertRefused(
        await h.post(ENROL, `{"__proto__":{"polluted":1},"members":${JSON.stringify(base.members)},"consent":true}`),
        422,
      );
      assert.deepEqual(
        proto.issues?.map((issue) => [issue.path, issue.key, issue.message.nl]),
        [[['__proto__'], 'fieldName', 'is geen toegestane veldnaam']],
      );
      await assertRefused(
        await h.post(
          VOTE,
          `{"participant":"stemmer-proto-00000","ratings":{"__proto__":{"a":3}},"__proto__":{"polluted":1}}`,
        ),
        422,
      );
      await assertRefused(
        await h.post(ERASE, '{"__proto__":{"email":"bestaand@example.org"}}', {
          ...admin,
          'Content-Type': 'application/json',
        }),
        422,
      );
      assert.equal(({} as { polluted?: unknown }).polluted, undefined, 'Object.prototype untouched');
      const badKey = await assertRefused(
        await h.post(ENROL, JSON.stringify(validEnrolment('sleutel')), {
          'Content-Type': 'application/json',
          'Idempotency-Key': "' OR 1=1 --",
        }),
        400,
      );
      assert.equal(badKey.error, 'bad-idempotency-key');
      assert.equal(await h.stored(), before);
    });

    it('stores injection and markup strings in free text as plain text, exactly as sent, and the tables stay whole', async () => {
      for (const [i, text] of INJECTIONS.entries()) {
        const member = { ...participant(`vrij-${i}`), name: text, organisation: text };
        const response = await h.post(ENROL, JSON.stringify({ members: [member], consent: true, remark: text }));
        assert.equal(response.status, 201, text);
        const [row] = await db.query<{ name: string; organisation: string; remark: string }>(
          'SELECT m.name, m.organisation, e.remark FROM enrolment_members m JOIN enrolments e ON e.id = m.enrolment_id WHERE m.email = $1',
          [member.email],
        );
        assert.deepEqual(row, { name: text, organisation: text, remark: text }, text);
      }
      // The CSV export defuses formulas; every table is still there.
      const csv = await (await h.send(`/api/admin/programmes/${PROGRAMME}/enrolments.csv`, { headers: admin })).text();
      assert.match(csv, /"'=HYPERLINK\(""http:\/\/evil\.example""\)"/);
      assert.doesNotMatch(csv, /,"=/);
      const tables = await db.query<{ n: string }>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('enrolments', 'enrolment_members', 'votes', 'polls', 'idempotency_keys')",
      );
      assert.equal(Number(tables[0]!.n), 5);
    });

    it('answers hostile ids in every path with a 404 or 422, never a 5xx', async () => {
      const before = await h.stored();
      for (const id of HOSTILE_IDS) {
        for (const path of [
          `/api/programmes/${id}/feed`,
          `/api/polls/${id}/results`,
          `/api/polls/${id}/results/stream`,
          `/api/polls/${id}/votes/participant-0000000001`,
        ]) {
          assert.equal((await assertRefused(await h.send(path), 404, path)).error, 'not-found');
        }
        await assertRefused(
          await h.post(`/api/programmes/${id}/enrolments`, JSON.stringify(validEnrolment(`pad-${tried}`))),
          404,
        );
        await assertRefused(await h.post(`/api/polls/${id}/votes`, JSON.stringify(validVote(`pad-${tried}`))), 404);
        await assertRefused(await h.send(`/api/admin/programmes/${id}/enrolments.csv`, { headers: admin }), 404);
        for (const action of ['close', 'reset'])
          await assertRefused(
            await h.send(`/api/admin/polls/${id}/${action}`, { method: 'POST', headers: admin }),
            404,
          );
        const own = await h.send(`/api/polls/${POLL}/votes/${id}`);
        const body = await assertRefused(own, 422, `own votes of ${id}`);
        assert.deepEqual(body.issues?.[0]?.path, ['participant']);
      }
      await assertRefused(await h.send('/api/nergens'), 404);
      await assertRefused(await h.send(`/api/admin/polls/${POLL}/drop`, { method: 'POST', headers: admin }), 404);
      await assertRefused(
        await h.send(ENROL, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
        404,
      );
      assert.equal(await h.stored(), before);
    });

    it('refuses a missing or wrong admin token on every admin endpoint, then slows guessing down', async () => {
      const guard = harness(db); // its own failure counter
      const before = await guard.stored();
      const attempts = [
        {},
        { Authorization: '' },
        { Authorization: 'Bearer' },
        { Authorization: 'Bearer ' },
        { Authorization: `Bearer ${TOKEN.slice(0, -1)}` },
        { Authorization: `Bearer ${TOKEN}x` },
        { Authorization: `Bearer ${TOKEN.toUpperCase()}` },
        { Authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` },
        { Authorization: `Bearer ${TOKEN} ${TOKEN}` },
        { Authorization: `Bearer ${'x'.repeat(4000)}` },
      ];
      const endpoints = [
        (headers: Record<string, string>) =>
          guard.send(`/api/admin/programmes/${PROGRAMME}/enrolments.csv?token=${TOKEN}`, { headers }),
        (headers: Record<string, string>) =>
          guard.post(ERASE, JSON.stringify({ email: 'bestaand@example.org' }), {
            ...headers,
            'Content-Type': 'application/json',
          }),
        (headers: Record<string, string>) => guard.send(`/api/admin/polls/${POLL}/close`, { method: 'POST', headers }),
        (headers: Record<string, string>) => guard.send(`/api/admin/polls/${POLL}/reset`, { method: 'POST', headers }),
      ];
      const statuses: number[] = [];
      for (const headers of attempts) {
        for (const endpoint of endpoints) {
          const response = await endpoint(headers);
          statuses.push(response.status);
          const body = await assertRefused(response, [401, 429]);
          if (response.status === 401) assert.equal(body.message.nl, 'Geen toegang: een geldig beheertoken is nodig.');
          else assert.ok(Number(response.headers.get('Retry-After')) >= 1);
        }
      }
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
      assert.deepEqual(new Set(statuses.slice(10)), new Set([429]), 'after ten wrong tokens, the address waits');
      // The right token is never held back, and nothing was changed meanwhile.
      assert.equal(
        (
          await guard.send(`/api/admin/programmes/${PROGRAMME}/enrolments.csv`, {
            headers: { Authorization: `bearer ${TOKEN}` },
          })
        ).status,
        200,
      );
      assert.equal(await guard.stored(), before);
      // Without ADMIN_TOKEN, admin is off whatever is sent (with full buckets: on PostgreSQL the
      // guessing above emptied the bucket this app shares).
      await db.query('DELETE FROM rate_limits');
      const off = harness(db, { adminToken: undefined });
      await assertRefused(
        await off.send(`/api/admin/programmes/${PROGRAMME}/enrolments.csv`, { headers: { Authorization: 'Bearer ' } }),
        401,
      );
      await assertRefused(
        await off.send(`/api/admin/programmes/${PROGRAMME}/enrolments.csv`, {
          headers: { Authorization: 'Bearer undefined' },
        }),
        401,
      );
      // Tokens of any length are compared (over their hashes) without throwing.
      assert.equal(tokenMatches('a', 'a'.repeat(1000)), false);
      assert.equal(tokenMatches(TOKEN, TOKEN), true);
      assert.equal(tokenMatches('', ''), false);
    });

    it('holds the rate limits for enrolments and votes, whatever the body', async () => {
      let now = NOW;
      const limited = harness(db, { rateLimit: { enrolments: 3, votes: 5 }, now: () => now });
      const before = await limited.stored();
      const garbage = () => limited.post(ENROL, '{"members": [');
      for (let i = 0; i < 3; i += 1) await assertRefused(await garbage(), 400);
      const over = await assertRefused(await limited.post(ENROL, JSON.stringify(validEnrolment('te-veel'))), 429);
      assert.equal(over.message.en, 'Too many requests. Try again in a minute.');
      for (let i = 0; i < 5; i += 1) await assertRefused(await limited.post(VOTE, '{}'), 422);
      await assertRefused(await limited.post(VOTE, JSON.stringify(validVote('te-veel-stemmen'))), 429);
      assert.equal(await limited.stored(), before);
      now += 60_000;
      assert.equal(
        (await limited.post(ENROL, JSON.stringify(validEnrolment('na-een-minuut')))).status,
        201,
        'a minute later the address may enrol again',
      );
    });

    it('lets any origin read, only configured partners write, and no other origin administer', async () => {
      const before = await h.stored();
      const strangers = [
        'https://evil.example',
        'null',
        'http://www.partner-gemeente.example',
        `${PARTNER}.evil.example`,
        `${PARTNER}:8443`,
        `${PARTNER}/`,
        PARTNER.toUpperCase(),
      ];
      // A shared cache keeps one answer per Origin, also of a read without one (the server's own page).
      for (const path of [`/api/programmes/${PROGRAMME}/feed`, '/api/programmes'])
        assert.match((await h.send(path)).headers.get('Vary') ?? '', /Origin/, path);
      for (const origin of strangers) {
        // Reads are public (the feed, results): any page may show them, and reads its answer.
        const read = await h.send(`/api/programmes/${PROGRAMME}/feed`, { headers: { Origin: origin } });
        assert.equal(read.status, 200, origin);
        assert.equal(read.headers.get('Access-Control-Allow-Origin'), origin);
        assert.match(read.headers.get('Vary') ?? '', /Origin/);
        // The preflight passes, so the page gets the refusal below in words rather than a network error.
        const preflight = await h.send(ENROL, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
        });
        assert.equal(preflight.status, 204, origin);
        for (const write of [
          () =>
            h.post(ENROL, JSON.stringify(validEnrolment(`cors-${tried}`)), {
              'Content-Type': 'application/json',
              Origin: origin,
            }),
          () =>
            h.post(VOTE, JSON.stringify(validVote(`cors-${tried}`)), {
              'Content-Type': 'application/json',
              Origin: origin,
            }),
        ]) {
          const response = await write();
          assert.equal(response.headers.get('Access-Control-Allow-Origin'), origin, 'the page may read why');
          const refused = await assertRefused(response, 403, origin);
          assert.equal(refused.error, 'origin-not-allowed');
          assert.ok(refused.message.nl.includes(origin) && refused.message.nl.includes('ALLOWED_ORIGINS'), origin);
          assert.ok(refused.message.en.includes(origin) && refused.message.en.includes('ALLOWED_ORIGINS'), origin);
        }
      }
      assert.equal(await h.stored(), before);
      const preflight = await h.send(ENROL, {
        method: 'OPTIONS',
        headers: { Origin: PARTNER, 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), PARTNER);
      assert.doesNotMatch(
        preflight.headers.get('Access-Control-Allow-Headers') ?? '',
        /Authorization/i,
        'no admin calls from a browser',
      );
      const allowed = await h.post(ENROL, JSON.stringify(validEnrolment('partner')), {
        'Content-Type': 'application/json',
        Origin: PARTNER,
      });
      assert.equal(allowed.status, 201);
      assert.equal(allowed.headers.get('Access-Control-Allow-Origin'), PARTNER);
      assert.match(allowed.headers.get('Vary') ?? '', /Origin/);
      // Admin: from no other origin, not even a partner's, and without CORS headers.
      for (const origin of [PARTNER, 'https://evil.example']) {
        for (const init of [
          { headers: { ...admin, Origin: origin } },
          { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } },
          { method: 'POST', headers: { ...admin, Origin: origin, 'Content-Type': 'application/json' }, body: '{}' },
        ]) {
          const path = init.method === 'POST' ? ERASE : `/api/admin/programmes/${PROGRAMME}/enrolments.csv`;
          const response = await h.send(path, init);
          assert.equal(response.headers.get('Access-Control-Allow-Origin'), null, origin);
          assert.equal((await assertRefused(response, 403, origin)).error, 'origin-not-allowed');
        }
      }
      assert.equal(
        (await h.send(`/api/admin/programmes/${PROGRAMME}/enrolments.csv`, { headers: admin })).status,
        200,
        "the server's own pages (no Origin) still administer",
      );
    });

    it('generated bodies (fast-check): every endpoint answers 4xx with a message and stores nothing', async () => {
      const before = await h.stored();
      const posts = [ENROL, VOTE, ERASE];
      const headers = { ...admin, 'Content-Type': 'application/json' };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...posts),
          fc.oneof(
            fc.jsonValue(),
            fc.object({
              key: fc.constantFrom('__proto__', 'constructor', 'members', 'ratings', 'email', 'participant', 'consent'),
            }),
          ),
          async (path, body) => {
            const response = await h.post(path, JSON.stringify(body), headers);
            // An arbitrary erasure request that names an address no one has is answered, erasing nobody.
            if (path === ERASE && response.status === 200)
              return assert.deepEqual(await response.json(), { removed: 0 });
            await assertRefused(response, undefined, `${path} ${JSON.stringify(body)}`);
          },
        ),
        { numRuns: 150 },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...posts), fc.uint8Array({ maxLength: 300 }), async (path, bytes) => {
          await assertRefused(await h.post(path, bytes, headers), undefined, `${path} bytes`);
        }),
        { numRuns: 100 },
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), async (id) => {
          const segment = encodeURIComponent(id);
          for (const path of [
            `/api/programmes/${segment}/feed`,
            `/api/polls/${segment}/results`,
            `/api/polls/${POLL}/votes/${segment}`,
          ]) {
            const response = await h.send(path);
            assert.ok(
              response.status === 404 ||
                response.status === 422 ||
                (response.status === 200 && path.includes('/votes/')),
              `${path}: ${response.status}`,
            );
            if (response.status !== 200) await assertRefused(response);
          }
        }),
        { numRuns: 100 },
      );
      assert.equal(await h.stored(), before);
      assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    });

    it('generated votes (fast-check): stored exactly when valid, refused with nothing stored otherwise', async () => {
      let n = 0;
      const key = fc.oneof(
        fc.constantFrom('a', 'b', 'c'),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'd', 'A'),
        fc.string({ maxLength: 8 }),
      );
      const rating = fc.oneof(
        fc.integer({ min: 1, max: 5 }),
        fc.constant(null),
        fc.integer(),
        fc.double(),
        fc.string({ maxLength: 3 }),
        fc.boolean(),
      );
      await fc.assert(
        fc.asyncProperty(fc.dictionary(key, rating, { maxKeys: 5 }), async (ratings) => {
          const voter = `generated-voter-${String(n++).padStart(6, '0')}`;
          // What the server receives: JSON turns NaN and Infinity into null.
          const entries = Object.entries(JSON.parse(JSON.stringify(ratings)) as Record<string, unknown>);
          const valid =
            entries.every(
              ([k, v]) =>
                ['a', 'b', 'c'].includes(k) &&
                (v === null || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5)),
            ) && entries.some(([, v]) => v !== null);
          const response = await h.post(VOTE, JSON.stringify({ participant: voter, ratings }));
          const stored = await db.query<{ principle_id: string; rating: number }>(
            'SELECT principle_id, rating FROM votes WHERE participant = $1 ORDER BY principle_id',
            [voter],
          );
          if (valid) {
            assert.equal(response.status, 201, JSON.stringify(ratings));
            assert.deepEqual(
              Object.fromEntries(stored.map((r) => [r.principle_id, r.rating])),
              Object.fromEntries(entries.filter(([, v]) => v !== null)),
            );
          } else {
            await assertRefused(response, 422, JSON.stringify(ratings));
            assert.deepEqual(stored, []);
          }
        }),
        { numRuns: 150 },
      );
    });

    it('generated enrolments (fast-check): one field made hostile is refused, or stored exactly as sent', async () => {
      let n = 0;
      const hostileValue = fc.oneof(
        fc.constantFrom(...INJECTIONS, ...FORBIDDEN, '', ' ', 'x'.repeat(3000)),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ maxLength: 200 }),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        fc.object({ maxDepth: 2 }),
      );
      const fields = ['name', 'organisation', 'jobTitle', 'phone', 'email', 'roleId'] as const;
      const topFields = ['remark', 'sessionId', 'themeIds', 'website', 'fillMs', 'consent', 'members'] as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields, ...topFields), hostileValue, async (field, value) => {
          const tag = `gen-${n++}`;
          const member: Record<string, unknown> = { ...participant(tag) };
          const body: Record<string, unknown> = { members: [member], consent: true };
          if ((fields as readonly string[]).includes(field)) member[field] = value;
          else body[field] = value;
          const snapshot = await h.stored();
          const response = await h.post(ENROL, JSON.stringify(body));
          if (response.status === 201) {
            const [row] = await db.query<Record<string, string | null>>(
              'SELECT m.name, m.organisation, m.job_title, m.phone, m.email, m.role_id, e.remark FROM enrolment_members m JOIN enrolments e ON e.id = m.enrolment_id WHERE m.email = $1',
              [typeof member.email === 'string' ? member.email.trim().toLowerCase() : ''],
            );
            assert.ok(row, `stored: ${JSON.stringify(body)}`);
            const column = {
              name: 'name',
              organisation: 'organisation',
              jobTitle: 'job_title',
              phone: 'phone',
              email: 'email',
              roleId: 'role_id',
              remark: 'remark',
            }[field as string];
            if (column && typeof value === 'string')
              assert.equal(
                row[column] ?? '',
                column === 'email' ? value.trim().toLowerCase() : value.trim(),
                `${field} stored as sent`,
              );
            for (const text of Object.values(row)) assert.doesNotMatch(text ?? '', FORBIDDEN_CHARACTERS);
          } else {
            await assertRefused(response, 422, `${field}=${JSON.stringify(value)?.slice(0, 80)}`);
            assert.equal(await h.stored(), snapshot);
          }
        }),
        { numRuns: 120 },
      );
    });

    describe('over a real socket', () => {
      let server: ServerType;
      let url: string;
      const send = (path: string, init?: RequestInit) => {
        tried += 1;
        return fetch(`${url}${path}`, init);
      };
      before(async () => {
        // The client's address comes from the socket: X-Forwarded-For is not trusted.
        const app = createApp({
          db,
          feeds: new Map([[PROGRAMME, feed()]]),
          adminToken: TOKEN,
          now: () => NOW,
          rateLimit: { enrolments: 5, votes: 1e9 },
        });
        server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
        await new Promise((resolve) => server.once('listening', resolve));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });
      after(async () => {
        await new Promise((resolve) => server.close(resolve));
      });

      it('refuses raw invalid bytes, oversized and chunked bodies, and huge headers, and keeps answering', async () => {
        const json = { 'Content-Type': 'application/json' };
        const bytes = new Uint8Array([0x7b, 0x22, 0x70, 0x22, 0x3a, 0x22, 0xff, 0x80, 0x22, 0x7d]); // {"p":"<invalid>"}
        assert.equal(
          (await assertRefused(await send(VOTE, { method: 'POST', headers: json, body: bytes }), 400)).error,
          'bad-encoding',
        );
        assert.equal(
          (await assertRefused(await send(VOTE, { method: 'POST', headers: json, body: 'x'.repeat(1024 * 1024) }), 413))
            .error,
          'too-large',
        );
        const chunks = new ReadableStream({
          start(controller) {
            for (let i = 0; i < 40; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
            controller.close();
          },
        });
        const chunked = await send(VOTE, {
          method: 'POST',
          headers: json,
          body: chunks,
          duplex: 'half',
        } as RequestInit);
        assert.equal((await assertRefused(chunked, 413)).error, 'too-large');
        // On a connection of its own: Node answers 431 and closes it.
        tried += 1;
        const hugeHeader = await new Promise<number>((resolve, reject) =>
          get(`${url}/healthz`, { agent: false, headers: { 'X-Padding': 'x'.repeat(64 * 1024) } }, (response) =>
            resolve(response.resume().statusCode!),
          ).on('error', reject),
        );
        assert.equal(hugeHeader, 431, 'headers over 16 KB are refused');
        assert.equal((await send('/healthz')).status, 200);
      });

      it('does not let a spoofed X-Forwarded-For escape the rate limit', async () => {
        const statuses = [];
        for (let i = 0; i < 7; i += 1) {
          const response = await send(ENROL, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `203.0.113.${i}` },
            body: '{}',
          });
          statuses.push(response.status);
          await response.body?.cancel();
        }
        assert.deepEqual(statuses, [422, 422, 422, 422, 422, 429, 429]);
      });
    });

    it('still answers normal requests after the barrage', async (t) => {
      assert.equal((await h.post(ENROL, JSON.stringify(validEnrolment('na-afloop')))).status, 201);
      assert.equal((await h.send('/healthz')).status, 200);
      const feedAfter = (await (await h.send(`/api/programmes/${PROGRAMME}/feed`)).json()) as Feed;
      assert.equal(feedAfter.availability?.state, 'open');
      const results = (await (await h.send(`/api/polls/${POLL}/results`)).json()) as { participants: number };
      assert.ok(results.participants >= 1);
      t.diagnostic(`hostile requests tried in this file so far (${database.kind} done): ${tried}`);
    });
  });
}
