/**
 * What the embed builder (`/embed`) asks the server: the programmes it has, whether a site's
 * origin may write to the API (and what to set if not), the CSP the widgets need; and the CORS
 * split it explains: reads for every origin, writes for ALLOWED_ORIGINS and the server's own.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseFeed } from '../../src/core/feed.js';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db.js';
import { testDatabases } from './databases.js';
import { openProgramme, participant } from './feeds.js';

const PARTNER = 'https://www.partner-gemeente.example';
const STRANGER = 'https://www.andere-site.example';
const PUBLIC_URL = 'https://cop.example.org';

for (const database of testDatabases()) {
  describe(`the embed builder's endpoints on ${database.kind}`, () => {
    let db: Database;
    let app: ReturnType<typeof createApp>;
    let site: string;
    before(async () => {
      db = await database.open();
      site = await mkdtemp(join(tmpdir(), 'cop-embed-'));
      await writeFile(join(site, 'embed.html'), '<!doctype html><title>Widget insluiten</title>');
      const open = openProgramme('open', 10);
      const calendarOnly = openProgramme('kalender', 10);
      delete calendarOnly.enrolment;
      delete calendarOnly.poll;
      calendarOnly.programme.title = 'Alleen een kalender';
      app = createApp({
        db,
        feeds: new Map([
          ['open', parseFeed(open)],
          ['kalender', parseFeed(calendarOnly)],
        ]),
        allowedOrigins: [PARTNER],
        publicUrl: PUBLIC_URL,
        rateLimit: { enrolments: 1e9, votes: 1e9 },
        staticDirs: { '/': site },
      });
    });
    after(async () => {
      await db.close();
      await database.dispose();
      await rm(site, { recursive: true, force: true });
    });

    it('lists the programmes with what each can show, for any origin', async () => {
      const response = await app.request('/api/programmes', { headers: { Origin: STRANGER } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), STRANGER);
      assert.deepEqual(await response.json(), [
        { id: 'kalender', title: 'Alleen een kalender', hasEnrolment: false, hasPoll: false, hasRegions: false },
        { id: 'open', title: 'Programma open', hasEnrolment: true, hasPoll: true, hasRegions: false },
      ]);
    });

    it('tells a site whether it may write, what to set if not, and the CSP per widget', async () => {
      const check = async (origin: string) =>
        (await app.request(`/api/origin-check?origin=${encodeURIComponent(origin)}`, {
          headers: { Origin: STRANGER },
        })) as Response;
      const refused = await check(STRANGER);
      assert.equal(refused.status, 200);
      assert.equal(refused.headers.get('Access-Control-Allow-Origin'), STRANGER, 'a partner page may ask itself');
      const body = await refused.json();
      assert.deepEqual(
        { ...body, csp: undefined },
        { origin: STRANGER, allowed: false, setting: `${PARTNER},${STRANGER}`, server: PUBLIC_URL, csp: undefined },
      );
      assert.deepEqual(body.csp['cop-principle-poll'], { 'script-src': [PUBLIC_URL], 'connect-src': [PUBLIC_URL] });
      assert.deepEqual(Object.keys(body.csp).sort(), [
        'cop-enrolment-form',
        'cop-principle-poll',
        'cop-region-map',
        'cop-session-calendar',
      ]);
      // The origin normalised (a trailing slash, capitals), and the partner and the server itself allowed.
      assert.equal((await (await check(`${PARTNER.toUpperCase()}/`)).json()).allowed, true);
      assert.equal((await (await check(PUBLIC_URL)).json()).allowed, true);
      assert.equal((await (await check(PARTNER)).json()).setting, PARTNER);
    });

    it('answers junk instead of an origin with 400 and a message in Dutch and English', async () => {
      for (const junk of [
        '',
        'null',
        'www.example.org',
        'ftp://example.org',
        'https://example.org/pad',
        'https://example.org?x=1',
        'https://user@example.org',
        'javascript:alert(1)',
        `https://${'a'.repeat(400)}.example`,
      ]) {
        const response = await app.request(`/api/origin-check?origin=${encodeURIComponent(junk)}`);
        assert.equal(response.status, 400, junk);
        const body = await response.json();
        assert.equal(body.error, 'bad-origin');
        assert.ok(body.message.nl.includes('https://') && body.message.en.includes('https://'));
      }
      assert.equal((await app.request('/api/origin-check')).status, 400);
    });

    it('lets an allowed site and the server itself enrol, and refuses another site in words', async () => {
      const enrol = (origin: string | undefined, tag: string) =>
        app.request('/api/programmes/open/enrolments', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
          body: JSON.stringify({ members: [participant(tag)], consent: true, fillMs: 10_000 }),
        });
      assert.equal((await enrol(PARTNER, 'partner')).status, 201);
      assert.equal((await enrol(PUBLIC_URL, 'eigen')).status, 201, 'the PUBLIC_URL origin is the server itself');
      assert.equal((await enrol(undefined, 'zonder')).status, 201);
      const refused = await enrol(STRANGER, 'vreemd');
      assert.equal(refused.status, 403);
      const body = await refused.json();
      assert.equal(body.error, 'origin-not-allowed');
      assert.match(body.message.nl, /Deze site \(https:\/\/www\.andere-site\.example\) mag nog niet aanmelden/);
      assert.match(body.message.en, /ALLOWED_ORIGINS/);
      const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM enrolments');
      assert.equal(Number(rows[0]!.n), 3);
    });

    it('serves the builder page at /embed', async () => {
      const response = await app.request('/embed');
      assert.equal(response.status, 200);
      assert.match(await response.text(), /Widget insluiten/);
    });
  });
}
