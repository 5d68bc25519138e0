import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFeed, type Feed } from '../../src/feed/index.js';
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
    programme: { id: `programme-${pollId}`, title: 'Focusagenda', organiser: 'Regio FoodValley', contact: { name: 'Secretariaat', email: 'focus@example.org' }, timeZone: 'Europe/Amsterdam' },
    sessions: [],
    principles: principles.map((id) => ({ id, title: id })),
    poll: { id: pollId, question: 'Welke leidende principes hebben we al op orde?', principleIds: principles, scale: { min: 1, max: 5, minLabel: 'nog lang niet', maxLabel: 'helemaal op orde' }, highlightLowest: 2 },
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
      app.request(`/api/polls/${pollId}/votes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const resultsOf = async (pollId: string) => (await (await app.request(`/api/polls/${pollId}/results`)).json()) as PollResults;
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
      assert.equal((await send('arith', { participant: participant(1), ratings: { 'kind-centraal': 4, thuisnabij: 2 } })).status, 201);
      assert.equal((await send('arith', { participant: participant(2), ratings: { 'kind-centraal': 5, thuisnabij: 1 } })).status, 201);
      assert.equal((await send('arith', { participant: participant(3), ratings: { 'kind-centraal': 5, 'een-plan': 3 } })).status, 201);
      const results = await resultsOf('arith');
      assert.equal(results.participants, 3);
      assert.deepEqual(byId(results)['kind-centraal'], { id: 'kind-centraal', count: 3, mean: 4.67, distribution: [0, 0, 0, 1, 2], lowest: false });
      assert.deepEqual(byId(results).thuisnabij, { id: 'thuisnabij', count: 2, mean: 1.5, distribution: [1, 1, 0, 0, 0], lowest: true });
      assert.deepEqual(byId(results)['een-plan'], { id: 'een-plan', count: 1, mean: 3, distribution: [0, 0, 1, 0, 0], lowest: true });
      assert.deepEqual(byId(results).gelijkwaardig, { id: 'gelijkwaardig', count: 0, mean: null, distribution: [0, 0, 0, 0, 0], lowest: false });
    });

    it('replaces a participant\'s earlier vote instead of adding to it, and skips what they skip', async () => {
      add(focusAgenda('revote'));
      await send('revote', { participant: participant(1), ratings: { 'kind-centraal': 1, thuisnabij: 1 } });
      const again = await send('revote', { participant: participant(1), ratings: { 'kind-centraal': 5, thuisnabij: null } });
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
      assert.deepEqual(offScale.issues.map((i: { text: { nl: string } }) => i.text.nl), ['ratings.kind-centraal mag hoogstens 5 zijn']);
      assert.equal((await resultsOf('invalid')).participants, 0);
    });

    it('marks the lowest N, ties included', () => {
      const row = (id: string, mean: number | null): PrincipleResult => ({ id, count: mean === null ? 0 : 1, mean, distribution: [], lowest: false });
      const list = [row('a', 3.5), row('b', 2), row('c', 2.5), row('d', 2.5), row('e', null), row('f', 4)];
      markLowest(list, 2);
      assert.deepEqual(list.filter((p) => p.lowest).map((p) => p.id), ['b', 'c', 'd']);
      const tooFew = [row('a', 3), row('b', 1), row('c', null)];
      markLowest(tooFew, 2);
      assert.deepEqual(tooFew.map((p) => p.lowest), [false, false, false], 'two rated principles are not "the lowest two" of anything');
    });

    it('closes and resets by admin only; a closed poll refuses votes', async () => {
      add(focusAgenda('admin'));
      await send('admin', { participant: participant(1), ratings: { 'kind-centraal': 3 } });
      const close = async (token?: string) =>
        app.request('/api/admin/polls/admin/close', { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} });
      assert.equal((await close()).status, 401);
      assert.equal((await close('wrong-token')).status, 401);
      assert.equal((await close(TOKEN)).status, 200);
      const refused = await send('admin', { participant: participant(2), ratings: { 'kind-centraal': 3 } });
      assert.equal(refused.status, 409);
      assert.equal((await resultsOf('admin')).closed, true);
      const reset = await app.request('/api/admin/polls/admin/reset', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(reset.status, 200);
      const after = (await reset.json()) as PollResults;
      assert.deepEqual([after.closed, after.participants], [false, 0]);
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
