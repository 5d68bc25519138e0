/**
 * The enrolment lifecycle on both databases: the personal cancellation link from a written
 * mail, the waiting list moving up (and its rule for teams larger than the free places), places
 * per session and several sessions per team, the organiser's API, a capacity raised in the feed,
 * and live availability reaching an open page.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseFeed, type Feed, type FeedInput } from '../../src/core/feed.js';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db.js';
import { AvailabilityHub, promoteWaiting } from '../../server/enrolments.js';
import { createMailer } from '../../server/mail.js';
import { OutboxWorker } from '../../server/outbox.js';
import { testDatabases } from './databases.js';
import { sseReader } from './sse.js';

const NOW = Date.parse('2027-01-10T12:00:00+01:00');
const TOKEN = 'lifecycle-test-admin-token-0123456789abcdef';
const PUBLIC_URL = 'https://cop.example.org';

/** A programme for teams: municipality required, education and youth care optional. */
function programme(id: string, change: (feed: FeedInput) => void = () => {}): Feed {
  const feed: FeedInput = {
    version: 1,
    programme: {
      id,
      title: `CoP ${id}`,
      organiser: 'NJi',
      contact: { name: 'Marloes', email: 'cop@example.org' },
      timeZone: 'Europe/Amsterdam',
    },
    sessions: [
      { id: 's1', title: 'Bijeenkomst 1', start: '2027-06-22T13:00:00+02:00', end: '2027-06-22T15:00:00+02:00' },
      { id: 's2', title: 'Bijeenkomst 2', start: '2027-09-28T13:00:00+02:00', end: '2027-09-28T15:00:00+02:00' },
    ],
    enrolment: {
      opens: '2026-11-01T09:00:00+01:00',
      closes: '2027-06-08T17:00:00+02:00',
      capacity: 4,
      waitlist: true,
      contactEmail: 'cop@example.org',
      team: {
        roles: [
          { id: 'gemeente', label: 'Gemeente', required: true },
          { id: 'onderwijs', label: 'Onderwijs', required: false },
          { id: 'zorg', label: 'Zorg', required: false },
        ],
      },
    },
  };
  change(feed);
  return parseFeed(feed);
}

const ROLES = ['gemeente', 'onderwijs', 'zorg'];
/** A team of `size` whose addresses start with `tag`. */
const team = (tag: string, size: number, extra: object = {}) => ({
  members: Array.from({ length: size }, (_, i) => ({
    roleId: ROLES[i]!,
    name: `${tag} ${i}`,
    organisation: `Organisatie ${tag}`,
    email: `${tag}-${i}@example.org`,
  })),
  consent: true,
  ...extra,
});

/** A mail as written to disk, decoded enough to read (quoted-printable text, headers). */
interface Mail {
  to: string;
  subject: string;
  text: string;
  ics: boolean;
}

function readMail(raw: string): Mail {
  const header = (name: string) =>
    new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'm').exec(raw)?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? '';
  const part = /Content-Transfer-Encoding: quoted-printable\r\n\r\n([\s\S]*?)\r\n----/.exec(raw)?.[1] ?? '';
  const bytes = part
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return {
    to: /<([^>]+)>/.exec(header('To'))?.[1] ?? '',
    subject: header('Subject'),
    text: Buffer.from(bytes, 'latin1').toString('utf8'),
    ics: raw.includes('Content-Type: text/calendar'),
  };
}

for (const database of testDatabases()) {
  describe(`the enrolment lifecycle on ${database.kind}`, () => {
    let db: Database;
    let mailDir: string;
    let worker: OutboxWorker;
    let hub: AvailabilityHub;
    let app: ReturnType<typeof createApp>;
    const log: string[] = [];
    const feeds = new Map<string, Feed>();
    const add = (feed: Feed) => feeds.set(feed.programme.id, feed);

    const enrol = async (id: string, body: object) => {
      const response = await app.request(`/api/programmes/${id}/enrolments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 201, await response.clone().text());
      const { availability: _live, ...outcome } = (await response.json()) as Record<string, unknown>;
      return outcome;
    };
    const admin = (path: string, init: RequestInit = {}) =>
      app.request(`/api/admin${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...init.headers },
      });
    /** Sends what the outbox holds, then every mail written so far, oldest first. */
    const mails = async (): Promise<Mail[]> => {
      await worker.flush();
      const files = (await readdir(mailDir))
        .filter((file) => file.endsWith('.eml'))
        .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
      return Promise.all(files.map(async (file) => readMail(await readFile(join(mailDir, file), 'utf8'))));
    };
    /** The mails to `email` about programme `id`. */
    const mailsTo = async (email: string, id: string) =>
      (await mails()).filter((mail) => mail.to === email && mail.subject.endsWith(`: CoP ${id}`));
    const linkIn = (mail: Mail) => new RegExp(`${PUBLIC_URL}(/afmelden/[A-Za-z0-9_-]+)`).exec(mail.text)?.[1];
    /** Each team's status and position, from the organiser's API. */
    const standing = async (id: string) => {
      const { enrolments } = (await (await admin(`/programmes/${id}/enrolments`)).json()) as {
        enrolments: { id: number; status: string; position: number | null; members: { id: number; name: string }[] }[];
      };
      return Object.fromEntries(
        enrolments.map((e) => [e.members[0]!.name.split(' ')[0]!, e.position ? `${e.status} ${e.position}` : e.status]),
      );
    };

    before(async () => {
      db = await database.open();
      mailDir = await mkdtemp(join(tmpdir(), 'cop-lifecycle-mail-'));
      worker = new OutboxWorker(db, feeds, createMailer({ outDir: mailDir }), { publicUrl: PUBLIC_URL });
      hub = new AvailabilityHub(db, feeds, () => NOW);
      await hub.start();
      app = createApp({
        db,
        feeds,
        now: () => NOW,
        adminToken: TOKEN,
        outbox: worker,
        availabilityHub: hub,
        rateLimit: { enrolments: 10_000, votes: 10_000 },
        log: (line) => log.push(line),
      });
    });
    after(async () => {
      await worker.stop();
      await hub.stop();
      await db.close();
      await database.dispose();
      await rm(mailDir, { recursive: true, force: true });
    });

    it('cancels through the link in the mail: opening it changes nothing, the button frees the places, the first waiting team moves up and is told', async () => {
      add(programme('link'));
      await enrol('link', team('anna', 2));
      await enrol('link', team('bram', 2));
      for (const tag of ['cees', 'dirk', 'eva']) await enrol('link', team(tag, 2));
      assert.deepEqual(await standing('link'), {
        anna: 'confirmed',
        bram: 'confirmed',
        cees: 'waitlisted 1',
        dirk: 'waitlisted 2',
        eva: 'waitlisted 3',
      });
      const [confirmation] = await mailsTo('anna-0@example.org', 'link');
      assert.equal(confirmation!.subject, 'Aanmelding bevestigd: CoP link');
      const link = linkIn(confirmation!);
      assert.ok(link, confirmation!.text);
      assert.equal((await mailsTo('cees-0@example.org', 'link'))[0]!.subject, 'Wachtlijst (plaats 1): CoP link');

      // A mail scanner opens the link: the page, and nothing else.
      const page = await app.request(link!);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<html lang="nl">/);
      assert.match(html, /<h1>Afmelden: <span lang="nl">CoP link<\/span><\/h1>/);
      assert.match(html, /<li>anna 0 \(Organisatie anna\)<\/li><li>anna 1 \(Organisatie anna\)<\/li>/);
      assert.match(html, /<input type="radio" name="scope" value="team" \/> Het hele team/);
      assert.equal(page.headers.get('Referrer-Policy'), 'no-referrer');
      assert.equal(page.headers.get('Cache-Control'), 'no-store');
      assert.deepEqual(await standing('link'), {
        anna: 'confirmed',
        bram: 'confirmed',
        cees: 'waitlisted 1',
        dirk: 'waitlisted 2',
        eva: 'waitlisted 3',
      });
      const english = await (await app.request(`${link}?lang=en`)).text();
      assert.match(english, /<html lang="en">/);
      assert.match(english, /Who is cancelling\?/);

      const done = await app.request(link!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'scope=team',
      });
      assert.equal(done.status, 200);
      assert.match(await done.text(), /<p role="status">Uw team is afgemeld voor CoP link\./);
      // The first waiting team takes the places; the others close up, without a gap.
      assert.deepEqual(await standing('link'), {
        bram: 'confirmed',
        cees: 'confirmed',
        dirk: 'waitlisted 1',
        eva: 'waitlisted 2',
      });
      const moved = await mailsTo('cees-1@example.org', 'link');
      assert.deepEqual(
        moved.map((mail) => mail.subject),
        ['Wachtlijst (plaats 1): CoP link', 'Er is een plaats vrijgekomen: CoP link'],
      );
      assert.equal(moved[1]!.ics, true, 'the calendar file comes with the place');
      assert.match(moved[1]!.text, /U staat niet langer op de wachtlijst/);
      assert.deepEqual(
        (await mailsTo('anna-1@example.org', 'link')).map((mail) => mail.subject),
        ['Aanmelding bevestigd: CoP link', 'Afmelding ontvangen: CoP link'],
      );
      // The used link is gone; the moved-up team's new link works.
      const again = await app.request(link!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'scope=team',
      });
      assert.equal(again.status, 404);
      assert.match(await again.text(), /Deze link werkt niet \(meer\)/);
      assert.equal((await app.request(linkIn(moved[1]!)!)).status, 200);
      assert.ok(
        log.some((line) =>
          /^cancellation: enrolment \d+ of link: 2 member\(s\) by link, 1 team\(s\) moved up$/.test(line),
        ),
        log.join('\n'),
      );
      assert.ok(!log.some((line) => /anna/.test(line)), 'no names in the log');
    });

    it('moves up the first waiting team that fits; a larger team keeps its place in line until there is room for it', async () => {
      add(programme('fit'));
      await enrol('fit', team('anna', 2));
      await enrol('fit', team('bram', 2));
      assert.deepEqual(await enrol('fit', team('cees', 3)), { status: 'waitlisted', position: 1 });
      assert.deepEqual(await enrol('fit', team('dirk', 1)), { status: 'waitlisted', position: 2 });
      // One place free: the trio does not fit, the single behind it does.
      const [anna] = (await mailsTo('anna-0@example.org', 'fit')).map(linkIn);
      await app.request(anna!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'scope=member',
      });
      assert.deepEqual(await standing('fit'), {
        anna: 'confirmed',
        bram: 'confirmed',
        cees: 'waitlisted 1',
        dirk: 'confirmed',
      });
      // A newcomer that fits takes free places; one that does not joins the back of the line.
      const [annaRest] = (await mailsTo('anna-1@example.org', 'fit')).map(linkIn);
      await app.request(annaRest!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'scope=member',
      });
      assert.deepEqual(await enrol('fit', team('eva', 2)), { status: 'waitlisted', position: 2 });
      assert.deepEqual(await enrol('fit', team('fien', 1)), { status: 'confirmed' });
      // Two places free: still too few for the trio, which keeps its place; the duo behind it fits.
      const bramId = (await standingIds('fit', 'bram'))!;
      const cancelled = await admin(`/programmes/fit/enrolments/${bramId}/cancel`, { method: 'POST' });
      assert.equal(cancelled.status, 200);
      assert.deepEqual(await cancelled.json(), {
        removed: 2,
        enrolments: [bramId],
        promoted: [(await standingIds('fit', 'eva'))!],
      });
      assert.deepEqual(await standing('fit'), {
        cees: 'waitlisted 1',
        dirk: 'confirmed',
        eva: 'confirmed',
        fien: 'confirmed',
      });
      // Room for three at last: the trio moves up.
      await admin(`/programmes/fit/enrolments/${(await standingIds('fit', 'dirk'))!}/cancel`, { method: 'POST' });
      assert.deepEqual(await standing('fit'), { cees: 'waitlisted 1', eva: 'confirmed', fien: 'confirmed' });
      await admin(`/programmes/fit/enrolments/${(await standingIds('fit', 'eva'))!}/cancel`, { method: 'POST' });
      assert.deepEqual(await standing('fit'), { cees: 'confirmed', fien: 'confirmed' });
    });

    /** The enrolment id of the team whose first member's name starts with `tag`. */
    async function standingIds(id: string, tag: string): Promise<number | undefined> {
      const { enrolments } = (await (await admin(`/programmes/${id}/enrolments`)).json()) as {
        enrolments: { id: number; members: { name: string }[] }[];
      };
      return enrolments.find((e) => e.members[0]!.name.startsWith(`${tag} `))?.id;
    }

    it('counts places per session, lets a team choose several sessions, and moves each session’s line on its own', async () => {
      add(
        programme('sessions', (f) =>
          Object.assign(f.enrolment!, { capacity: 2, capacityPer: 'session', sessionChoice: 'many' }),
        ),
      );
      assert.deepEqual(await enrol('sessions', team('anna', 2, { sessionIds: ['s1', 's2'] })), {
        status: 'confirmed',
        sessions: { s1: { status: 'confirmed' }, s2: { status: 'confirmed' } },
      });
      assert.deepEqual(await enrol('sessions', team('bram', 2, { sessionIds: ['s1'] })), {
        status: 'waitlisted',
        position: 1,
        sessions: { s1: { status: 'waitlisted', position: 1 } },
      });
      assert.deepEqual(await enrol('sessions', team('cees', 2, { sessionIds: ['s2', 's1'] })), {
        status: 'waitlisted',
        position: 1,
        sessions: { s1: { status: 'waitlisted', position: 2 }, s2: { status: 'waitlisted', position: 1 } },
      });
      const one = await app.request('/api/programmes/sessions/enrolments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(team('dirk', 1, { sessionIds: ['s1', 'nope'] })),
      });
      assert.equal(one.status, 422);
      assert.deepEqual(
        ((await one.json()) as { issues: { path: (string | number)[] }[] }).issues.map((i) => i.path),
        [['sessionIds', 1]],
      );

      const annaId = (await standingIds('sessions', 'anna'))!;
      await admin(`/programmes/sessions/enrolments/${annaId}/cancel`, { method: 'POST' });
      const feed = (await (await app.request('/api/programmes/sessions/feed')).json()) as Feed;
      assert.deepEqual(
        Object.fromEntries(
          Object.entries(feed.availability!.sessions!).map(([id, a]) => [id, [a.placesLeft, a.waitlistLength]]),
        ),
        { s1: [0, 1], s2: [0, 0] },
      );
      assert.deepEqual(await standing('sessions'), { bram: 's1: confirmed', cees: 's1: waitlisted; s2: confirmed' });
      const [, promoted] = await mailsTo('cees-0@example.org', 'sessions');
      assert.equal(promoted!.subject, 'Er is een plaats vrijgekomen: CoP sessions');
      assert.match(
        promoted!.text,
        /U bent nu aangemeld voor Bijeenkomst 2; voor de rest staat u nog op de wachtlijst \(Bijeenkomst 1: plaats 1\)/,
      );
    });

    it('lets the organiser see the teams, move one to the front of the line, and see nothing personal in the log', async () => {
      add(programme('organiser', (f) => (f.enrolment!.capacity = 2)));
      await enrol('organiser', team('anna', 2));
      for (const tag of ['bram', 'cees', 'dirk']) await enrol('organiser', team(tag, 1));
      const list = (await (await admin('/programmes/organiser/enrolments')).json()) as {
        enrolments: { id: number; status: string; position: number; members: { email: string }[] }[];
      };
      assert.deepEqual(
        list.enrolments.map((e) => [e.members.map((m) => m.email).join(' '), e.status, e.position]),
        [
          ['anna-0@example.org anna-1@example.org', 'confirmed', null],
          ['bram-0@example.org', 'waitlisted', 1],
          ['cees-0@example.org', 'waitlisted', 2],
          ['dirk-0@example.org', 'waitlisted', 3],
        ],
      );
      const dirk = list.enrolments[3]!.id;
      const moved = await admin(`/programmes/organiser/enrolments/${dirk}/move-up`, { method: 'POST' });
      assert.deepEqual(await moved.json(), { waiting: true, promoted: [] });
      assert.deepEqual(await standing('organiser'), {
        anna: 'confirmed',
        bram: 'waitlisted 2',
        cees: 'waitlisted 3',
        dirk: 'waitlisted 1',
      });
      assert.equal(
        (await admin(`/programmes/organiser/enrolments/${list.enrolments[0]!.id}/move-up`, { method: 'POST' })).status,
        409,
      );
      const annaFirst = list.enrolments[0]!;
      const one = await admin(`/programmes/organiser/enrolments/${annaFirst.id}/cancel`, {
        method: 'POST',
        body: JSON.stringify({
          members: [(await (await admin('/programmes/organiser/enrolments')).json()).enrolments[0].members[0].id],
        }),
      });
      assert.deepEqual(((await one.json()) as { removed: number }).removed, 1);
      assert.deepEqual(await standing('organiser'), {
        anna: 'confirmed',
        bram: 'waitlisted 1',
        cees: 'waitlisted 2',
        dirk: 'confirmed',
      });
      assert.equal((await admin('/programmes/organiser/enrolments/999999/cancel', { method: 'POST' })).status, 404);
      assert.equal((await app.request('/api/admin/programmes/organiser/enrolments')).status, 401);
      assert.ok(
        log.some((line) =>
          /^admin: enrolment \d+ of organiser moved to the front of the waiting list, 0 team\(s\) moved up$/.test(line),
        ),
      );
      assert.ok(!log.some((line) => /@example\.org|anna|dirk/.test(line)), log.join('\n'));
    });

    it('moves waiting teams up when the feed’s capacity is raised', async () => {
      add(programme('raised', (f) => (f.enrolment!.capacity = 2)));
      await enrol('raised', team('anna', 2));
      await enrol('raised', team('bram', 2));
      await enrol('raised', team('cees', 1));
      add(programme('raised', (f) => (f.enrolment!.capacity = 5)));
      const promoted = await promoteWaiting(db, feeds);
      assert.equal(promoted.length, 2);
      assert.deepEqual(await standing('raised'), { anna: 'confirmed', bram: 'confirmed', cees: 'confirmed' });
      assert.equal(
        (await mailsTo('cees-0@example.org', 'raised')).at(-1)!.subject,
        'Er is een plaats vrijgekomen: CoP raised',
      );
    });

    it('sends the places left to an open page within a second of an enrolment or a cancellation', async () => {
      add(programme('live', (f) => (f.enrolment!.capacity = 6)));
      const stream = await app.request('/api/programmes/live/availability/stream');
      assert.equal(stream.status, 200);
      assert.equal(stream.headers.get('Content-Type'), 'text/event-stream');
      const events = sseReader<{ placesLeft: number; waitlistLength: number }>(stream);
      assert.equal((await events.next()).placesLeft, 6);
      const started = Date.now();
      await enrol('live', team('anna', 2));
      assert.equal((await events.next()).placesLeft, 4);
      assert.ok(Date.now() - started < 1_000, `${Date.now() - started} ms`);
      const annaId = (await standingIds('live', 'anna'))!;
      await admin(`/programmes/live/enrolments/${annaId}/cancel`, { method: 'POST' });
      assert.equal((await events.next()).placesLeft, 6);
      await events.cancel();
    });
  });
}
