import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFeed, type Feed } from '../../src/core/feed.js';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db.js';
import { markLowest, ResultsHub, type PollResults, type PrincipleResult } from '../../server/polls.js';
import { testDatabases } from './databases.js';
import { sseReader } from './sse.js';

const TOKEN = 'test-admin-token-0123456789';

function focusAgenda(pollId: string, change: (poll: NonNullable<Feed['poll']>) => void = () => {}): Feed {
  const principles = ['kind-centraal', 'thuisnabij', 'een-plan', 'vroeg-signaleren', 'gelijkwaardig'];
  const feed = parseFeed({
    version: 1,
    programme: {
      id: `programme-${pollId}`,
      title: 'Focusagenda',
      organiser: 'Regio FoodValley',
      contact: { name: 'Secretariaat', email: 'focus@example.org' },
      timeZone: 'Europe/Amsterdam',
    },
    sessions: [],
    principles: principles.map((id) => ({ id, title: id })),
    poll: {
      id: pollId,
      question: 'Welke leidende principes hebben we al op orde?',
      principleIds: principles,
      scale: { min: 1, max: 5, minLabel: 'nog lang niet', maxLabel: 'helemaal op orde' },
      highlightLowest: 2,
    },
  });
  change(feed.poll!);
  return feed;
}

const participant = (n: number) => `participant-${String(n).padStart(8, '0')}`;

for (const database of testDatabases()) {
  describe(`polls on ${database.kind}`, () => {
    let db: Database;
    let hub: ResultsHub;
    const feeds = new Map<string, Feed>();
    let app: ReturnType<typeof createApp>;
    const add = (feed: Feed) => feeds.set(feed.programme.id, feed);
    const send = async (pollId: string, body: unknown) =>
      app.request(`/api/polls/${pollId}/votes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const resultsOf = async (pollId: string) =>
      (await (await app.request(`/api/polls/${pollId}/results`)).json()) as PollResults;
    const byId = (r: PollResults) => Object.fromEntries(r.principles.map((p) => [p.id, p]));

    before(async () => {
      db = await database.open();
      hub = new ResultsHub(db, feeds, 20);
      await hub.start();
      app = createApp({ db, feeds, hub, adminToken: TOKEN, rateLimit: { enrolments: 10_000, votes: 10_000 } });
    });
    after(async () => {
      await hub.stop();
      await db.close();
      await database.dispose();
    });

    it('stores a vote and reflects it in count, mean and distribution', async () => {
      add(focusAgenda('arith'));
      assert.equal(
        (await send('arith', { participant: participant(1), ratings: { 'kind-centraal': 4, thuisnabij: 2 } })).status,
        201,
      );
      assert.equal(
        (await send('arith', { participant: participant(2), ratings: { 'kind-centraal': 5, thuisnabij: 1 } })).status,
        201,
      );
      assert.equal(
        (await send('arith', { participant: participant(3), ratings: { 'kind-centraal': 5, 'een-plan': 3 } })).status,
        201,
      );
      const results = await resultsOf('arith');
      assert.equal(results.participants, 3);
      assert.deepEqual(byId(results)['kind-centraal'], {
        id: 'kind-centraal',
        count: 3,
        mean: 4.67,
        distribution: [0, 0, 0, 1, 2],
        lowest: false,
      });
      assert.deepEqual(byId(results).thuisnabij, {
        id: 'thuisnabij',
        count: 2,
        mean: 1.5,
        distribution: [1, 1, 0, 0, 0],
        lowest: true,
      });
      assert.deepEqual(byId(results)['een-plan'], {
        id: 'een-plan',
        count: 1,
        mean: 3,
        distribution: [0, 0, 1, 0, 0],
        lowest: true,
      });
      assert.deepEqual(byId(results).gelijkwaardig, {
        id: 'gelijkwaardig',
        count: 0,
        mean: null,
        distribution: [0, 0, 0, 0, 0],
        lowest: false,
      });
    });

    it("replaces a participant's earlier vote instead of adding to it, and skips what they skip", async () => {
      add(focusAgenda('revote'));
      await send('revote', { participant: participant(1), ratings: { 'kind-centraal': 1, thuisnabij: 1 } });
      const again = await send('revote', {
        participant: participant(1),
        ratings: { 'kind-centraal': 5, thuisnabij: null },
      });
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), { status: 'replaced' });
      const results = byId(await resultsOf('revote'));
      assert.deepEqual([results['kind-centraal']!.count, results['kind-centraal']!.mean], [1, 5]);
      assert.equal(results.thuisnabij!.count, 0);
      const own = await (await app.request(`/api/polls/revote/votes/${participant(1)}`)).json();
      assert.deepEqual(own, { ratings: { 'kind-centraal': 5 } });
    });

    it('refuses ratings off the scale, unknown principles, an empty vote and a bad token, storing nothing', async () => {
      add(focusAgenda('invalid'));
      const cases = [
        { participant: participant(1), ratings: { 'kind-centraal': 6 } },
        { participant: participant(1), ratings: { 'kind-centraal': -1 } },
        { participant: participant(1), ratings: { 'kind-centraal': 2.5 } },
        { participant: participant(1), ratings: { onbekend: 3 } },
        { participant: participant(1), ratings: {} },
        { participant: 'kort', ratings: { 'kind-centraal': 3 } },
        { participant: participant(1), ratings: { __proto__: 3 } },
      ];
      for (const body of cases) assert.equal((await send('invalid', body)).status, 422, JSON.stringify(body));
      const offScale = await (await send('invalid', cases[0])).json();
      assert.deepEqual(
        offScale.issues.map((i: { text: { nl: string } }) => i.text.nl),
        ['ratings.kind-centraal mag hoogstens 5 zijn'],
      );
      assert.equal((await resultsOf('invalid')).participants, 0);
    });

    it('marks the lowest N, ties included', () => {
      const row = (id: string, mean: number | null): PrincipleResult => ({
        id,
        count: mean === null ? 0 : 1,
        mean,
        distribution: [],
        lowest: false,
      });
      const list = [row('a', 3.5), row('b', 2), row('c', 2.5), row('d', 2.5), row('e', null), row('f', 4)];
      markLowest(list, 2);
      assert.deepEqual(
        list.filter((p) => p.lowest).map((p) => p.id),
        ['b', 'c', 'd'],
      );
      const tooFew = [row('a', 3), row('b', 1), row('c', null)];
      markLowest(tooFew, 2);
      assert.deepEqual(
        tooFew.map((p) => p.lowest),
        [false, false, false],
        'two rated principles are not "the lowest two" of anything',
      );
    });

    it('closes and resets by admin only; a closed poll refuses votes', async () => {
      add(focusAgenda('admin'));
      await send('admin', { participant: participant(1), ratings: { 'kind-centraal': 3 } });
      const close = async (token?: string) =>
        app.request('/api/admin/polls/admin/close', {
          method: 'POST',
          headers: token ? { Authorization: `Bearer ${token}` } : {},
        });
      assert.equal((await close()).status, 401);
      assert.equal((await close('wrong-token')).status, 401);
      assert.equal((await close(TOKEN)).status, 200);
      const refused = await send('admin', { participant: participant(2), ratings: { 'kind-centraal': 3 } });
      assert.equal(refused.status, 409);
      assert.equal((await resultsOf('admin')).closed, true);
      const reset = await app.request('/api/admin/polls/admin/reset', {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(reset.status, 200);
      const after = (await reset.json()) as PollResults;
      assert.deepEqual([after.closed, after.participants], [false, 0]);
    });

    const presenter = (pollId: string, action = '', token = TOKEN) =>
      app.request(`/api/admin/polls/${pollId}${action ? `/${action}` : ''}`, {
        method: action ? 'POST' : 'GET',
        headers: { Authorization: `Bearer ${token}` },
      });

    it('presenter: open and close voting, hide and reveal the results; hidden results leave the server for the organiser only', async () => {
      add(focusAgenda('presenter'));
      await send('presenter', {
        participant: participant(1),
        ratings: { 'kind-centraal': 2, thuisnabij: 4, 'een-plan': 5 },
      });
      assert.equal((await presenter('presenter', 'hide', 'wrong-token')).status, 401);
      const hidden = (await (await presenter('presenter', 'hide')).json()) as PollResults;
      assert.equal(hidden.hidden, true);
      assert.equal(byId(hidden)['kind-centraal']!.mean, 2, 'the organiser still sees the figures');

      const stream = sseReader<PollResults>(await app.request('/api/polls/presenter/results/stream'));
      const first = await stream.next();
      const publicNow = await resultsOf('presenter');
      for (const seen of [first, publicNow]) {
        assert.deepEqual(
          [seen.hidden, seen.participants, seen.principles],
          [true, 1, []],
          'the room gets the count, no figures',
        );
      }
      const svg = await app.request('/api/polls/presenter/results.svg');
      assert.equal(svg.status, 403);
      assert.equal(((await svg.json()) as { error: string }).error, 'results-hidden');
      assert.equal((await app.request('/api/polls/presenter/results.csv')).status, 403);
      const organiserCsv = await app.request('/api/admin/polls/presenter/results.csv', {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(organiserCsv.status, 200, 'the organiser may export before revealing');

      await send('presenter', { participant: participant(2), ratings: { 'kind-centraal': 4 } });
      const whileHidden = await stream.next();
      assert.deepEqual(
        [whileHidden.participants, whileHidden.principles.length],
        [2, 0],
        'a vote while hidden moves the count only',
      );

      const revealedAt = performance.now();
      await presenter('presenter', 'reveal');
      const revealed = await stream.next();
      assert.ok(performance.now() - revealedAt < 1000, 'every listener follows within a second');
      assert.equal(revealed.hidden, false);
      assert.equal(byId(revealed)['kind-centraal']!.mean, 3);

      await presenter('presenter', 'close');
      assert.equal((await stream.next()).closed, true);
      assert.equal((await send('presenter', { participant: participant(3), ratings: { 'een-plan': 1 } })).status, 409);
      await presenter('presenter', 'open');
      assert.equal((await stream.next()).closed, false);
      assert.equal(
        (await send('presenter', { participant: participant(3), ratings: { 'een-plan': 1 } })).status,
        201,
        'open again: votes count',
      );
      const state = (await (await presenter('presenter')).json()) as PollResults;
      assert.deepEqual([state.closed, state.hidden, state.participants], [false, false, 3]);
      await stream.cancel();
    });

    it('closes by itself at the feed’s closing time: the stream says so without a vote; the controls cannot open it again', async () => {
      let clock = Date.parse('2030-05-20T10:00:00+02:00');
      const feed = focusAgenda('deadline', (poll) => (poll.closes = '2030-05-20T10:00:01+02:00'));
      const timed = new Map([[feed.programme.id, feed]]);
      const timedHub = new ResultsHub(db, timed, 20, () => clock);
      await timedHub.start();
      const timedApp = createApp({ db, feeds: timed, hub: timedHub, adminToken: TOKEN, now: () => clock });
      try {
        const stream = sseReader<PollResults>(await timedApp.request('/api/polls/deadline/results/stream'));
        assert.equal((await stream.next()).closed, false);
        clock += 1000; // the server's clock reaches `closes` as its timer fires, 1 s from now
        const started = performance.now();
        assert.equal((await stream.next()).closed, true);
        assert.ok(performance.now() - started < 2000);
        const reopen = await timedApp.request('/api/admin/polls/deadline/open', {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}` },
        });
        assert.equal(reopen.status, 409);
        assert.equal(((await reopen.json()) as { error: string }).error, 'past-closing');
        await stream.cancel();
      } finally {
        await timedHub.stop();
      }
    });

    it('exports the results as SVG, PNG and CSV: question, principles, means and counts, no participant', async () => {
      const feed = focusAgenda('export');
      feed.principles = feed.principles!.map((p) => ({
        ...p,
        title: p.id === 'thuisnabij' ? 'Thuisnabij <onderwijs> & "zorg"' : `Principe ${p.id}`,
      }));
      add(feed);
      await send('export', {
        participant: participant(1),
        ratings: { 'kind-centraal': 4, thuisnabij: 2, 'een-plan': 3 },
      });
      await send('export', {
        participant: participant(2),
        ratings: { 'kind-centraal': 5, thuisnabij: 1, 'een-plan': 3 },
      });
      await send('export', { participant: participant(3), ratings: { 'kind-centraal': 5, 'vroeg-signaleren': 4 } });

      const svgResponse = await app.request('/api/polls/export/results.svg?bar=%23154273&lowest=red%22%3E%3Cscript%3E');
      assert.equal(svgResponse.status, 200);
      assert.match(svgResponse.headers.get('Content-Type')!, /^image\/svg\+xml/);
      assert.match(
        svgResponse.headers.get('Content-Disposition')!,
        /^attachment; filename="export-resultaten-\d{4}-\d\d-\d\d\.svg"$/,
      );
      const svg = await svgResponse.text();
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
        m[1]!.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))),
      );
      assert.ok(texts.includes('Welke leidende principes hebben we al op orde?'), 'the question');
      assert.ok(
        texts.some((t) => t.includes('3 deelnemers')),
        'the number of participants',
      );
      assert.ok(texts.includes('Thuisnabij <onderwijs> & "zorg"'), 'a title, escaped in the file');
      for (const mean of ['4,7', '1,5', '3,0', '4,0']) assert.ok(texts.includes(mean), `mean ${mean}`);
      assert.ok(texts.filter((t) => t === 'Aandachtspunt').length >= 2, 'the lowest two marked');
      assert.ok(svg.includes('fill="#154273"'), 'the partner’s bar colour');
      assert.ok(!svg.includes('<script') && !svg.includes('red">'), 'a colour that is not a colour is left out');
      assert.ok(!svg.includes('participant-0'), 'no participant token');
      const english = await (await app.request('/api/polls/export/results.svg?lang=en')).text();
      assert.ok(
        english.includes('3 participants') && english.includes('Point of attention') && english.includes('4.7'),
      );

      const png = await app.request('/api/polls/export/results.png');
      assert.equal(png.headers.get('Content-Type'), 'image/png');
      const bytes = new Uint8Array(await png.arrayBuffer());
      assert.equal(String.fromCharCode(...bytes.slice(1, 4)), 'PNG');
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const size = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
      assert.deepEqual(
        [view.getUint32(16), view.getUint32(20)],
        [Number(size[1]) * 2, Number(size[2]) * 2],
        'twice the SVG’s size',
      );
      assert.ok(bytes.length > 20_000, `a picture, not an empty page (${bytes.length} bytes)`);

      const csv = await (await app.request('/api/polls/export/results.csv?sort=mean')).text();
      const lines = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      assert.equal(
        lines[0],
        '"id","principe","gemiddelde","aantal scores","score 1","score 2","score 3","score 4","score 5","aandachtspunt"',
      );
      assert.equal(lines[1], '"thuisnabij","Thuisnabij <onderwijs> & ""zorg""","1.50","2","1","1","0","0","0","ja"');
      assert.ok(lines.includes('"kind-centraal","Principe kind-centraal","4.67","3","0","0","0","1","2","nee"'));
      assert.ok(lines.includes('"gelijkwaardig","Principe gelijkwaardig","","0","0","0","0","0","0","nee"'));
      assert.ok(!csv.includes('participant-0'));
    });

    it('streams results: the first event at once, and a new vote within a fraction of a second', async () => {
      add(focusAgenda('live'));
      const response = await app.request('/api/polls/live/results/stream');
      assert.equal(response.headers.get('Content-Type'), 'text/event-stream');
      const events = sseReader<PollResults>(response);
      assert.equal((await events.next()).participants, 0);
      const sent = performance.now();
      await send('live', { participant: participant(9), ratings: { 'een-plan': 2 } });
      const update = await events.next();
      const delay = performance.now() - sent;
      assert.equal(update.participants, 1);
      assert.equal(byId(update)['een-plan']!.mean, 2);
      assert.ok(delay < 1000, `the update took ${Math.round(delay)} ms`);
      await events.cancel();
    });

    it('keeps streaming to new listeners after earlier ones have left, however often they say goodbye', async () => {
      add(focusAgenda('waves'));
      const leaveFirst = hub.subscribe('waves', () => {});
      leaveFirst();
      const seen: number[] = [];
      const leaveSecond = hub.subscribe('waves', (latest) => seen.push((latest as PollResults).participants));
      leaveFirst(); // a stream's abort handler and its end both unsubscribe
      await send('waves', { participant: participant(1), ratings: { 'een-plan': 4 } });
      for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(seen, [1]);
      leaveSecond();
    });
  });
}
