import { expect } from '@open-wc/testing';
import { clearFeedCache, FeedError, loadFeed } from '../../src/core/feed.js';
import { demoFeedUrl, jsonUrl, minimalFeed } from '../fixtures.js';

/** Replaces window.fetch for one test, counting calls; `respond` decides each answer. */
function stubFetch(respond: (url: string, init?: RequestInit) => Promise<Response>) {
  const original = window.fetch;
  const calls: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push(url);
    return respond(url, init);
  };
  return { calls, restore: () => (window.fetch = original) };
}

/** A fetch that never answers until its signal aborts, like a hanging server. */
const hanging = (_url: string, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) =>
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
  );

async function rejection(promise: Promise<unknown>): Promise<FeedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(FeedError);
    return error as FeedError;
  }
  throw new Error('expected the load to fail');
}

describe('feed loader', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
    clearFeedCache();
  });

  it('loads and validates a real feed over HTTP', async () => {
    const feed = await loadFeed(demoFeedUrl('cop-monitoring'));
    expect(feed.programme.title).to.equal('CoP Monitoring');
    expect(feed.sessions).to.have.length(5);
  });

  it('fetches a URL once for every widget on the page, also under another spelling', async () => {
    const stub = stubFetch(async () => new Response(JSON.stringify(minimalFeed())));
    restore = stub.restore;
    const [a, b, c] = await Promise.all([
      loadFeed('/feeds/shared.json'),
      loadFeed('/feeds/shared.json'),
      loadFeed(new URL('/feeds/shared.json', location.href).href),
    ]);
    expect(stub.calls).to.have.length(1);
    expect(a).to.equal(b);
    expect(b).to.equal(c);
  });

  it('takes the request the CDN loader started early, once, and waits for it no longer than its time limit', async () => {
    const stub = stubFetch(async () => new Response(JSON.stringify(minimalFeed())));
    restore = stub.restore;
    const url = new URL('/feeds/early.json', location.href).href;
    const early = new Map([
      [
        url,
        Promise.resolve(
          new Response(JSON.stringify({ ...minimalFeed(), programme: { ...minimalFeed().programme, title: 'Vroeg' } })),
        ),
      ],
    ]);
    (globalThis as Record<symbol, unknown>)[Symbol.for('cop-widgets:early-feeds')] = early;
    try {
      expect((await loadFeed('/feeds/early.json')).programme.title).to.equal('Vroeg');
      expect(stub.calls, 'no second request for the same feed').to.have.length(0);
      expect(early.size, 'taken once').to.equal(0);
      clearFeedCache();
      expect((await loadFeed('/feeds/early.json')).programme.title, 'a reload asks afresh').to.not.equal('Vroeg');
      expect(stub.calls).to.have.length(1);
      early.set(url, new Promise<Response>(() => {})); // an early request that never answers
      clearFeedCache();
      expect((await rejection(loadFeed('/feeds/early.json', { timeoutMs: 50 }))).kind).to.equal('timeout');
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('cop-widgets:early-feeds')];
    }
  });

  it('turns an HTTP error into a message with the status', async () => {
    const error = await rejection(loadFeed('/demo/feeds/does-not-exist.json'));
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(404);
    expect(error.describe('nl')[0]).to.match(
      /^Het programma kon niet worden opgehaald van http:.*does-not-exist\.json \(HTTP-status 404\)\.$/,
    );
    expect(error.describe('en')[0]).to.contain('(HTTP status 404)');
  });

  it('forgets a failed load, so trying again fetches afresh', async () => {
    let answer = 503;
    const stub = stubFetch(async () =>
      answer === 200 ? new Response(JSON.stringify(minimalFeed())) : new Response('', { status: answer }),
    );
    restore = stub.restore;
    expect((await rejection(loadFeed('/feeds/flaky.json'))).status).to.equal(503);
    answer = 200;
    expect((await loadFeed('/feeds/flaky.json')).programme.id).to.equal('cop-test');
    expect(stub.calls).to.have.length(2);
  });

  it('says when the file is not JSON', async () => {
    const error = await rejection(loadFeed(jsonUrl('{"version": 1, oops')));
    expect(error.kind).to.equal('json');
    expect(error.describe('nl')[0]).to.match(/^Het bestand op blob:.* is geen geldige JSON\.$/);
  });

  it('says when the network fails', async () => {
    const stub = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    restore = stub.restore;
    const error = await rejection(loadFeed('https://feeds.example.org/cop.json'));
    expect(error.kind).to.equal('network');
    expect(error.describe('nl')[0]).to.equal(
      'Het programma kon niet worden opgehaald van https://feeds.example.org/cop.json. Controleer de internetverbinding en probeer het opnieuw.',
    );
  });

  it('gives up after the timeout', async () => {
    const stub = stubFetch(hanging);
    restore = stub.restore;
    const error = await rejection(loadFeed('/feeds/slow.json', { timeoutMs: 50 }));
    expect(error.kind).to.equal('timeout');
    expect(error.describe('en')[0]).to.match(/took longer than 0 seconds\.$/);
  });

  it('reports schema errors with paths', async () => {
    const error = await rejection(loadFeed(jsonUrl({ ...minimalFeed(), sessions: [{ id: 's1' }] })));
    expect(error.kind).to.equal('schema');
    expect(error.describe('nl')).to.include('sessions[0].title ontbreekt');
  });

  it('cancels the shared request only when every caller has aborted', async () => {
    let aborted = false;
    const stub = stubFetch((url, init) => {
      init?.signal?.addEventListener('abort', () => (aborted = true));
      return hanging(url, init);
    });
    restore = stub.restore;
    const first = new AbortController();
    const second = new AbortController();
    const a = loadFeed('/feeds/abort.json', { signal: first.signal });
    const b = loadFeed('/feeds/abort.json', { signal: second.signal });
    first.abort();
    expect((await rejection(a)).kind).to.equal('aborted');
    expect(aborted, 'still wanted by the second caller').to.equal(false);
    second.abort();
    expect((await rejection(b)).kind).to.equal('aborted');
    expect(aborted).to.equal(true);
  });
});
