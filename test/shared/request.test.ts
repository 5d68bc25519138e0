/**
 * How a failed request is told apart, so the widgets can say what is wrong: offline, a server
 * that does not answer in time, a server that refuses this page's site (CORS: ALLOWED_ORIGINS),
 * and a server that is down. A browser shows a CORS refusal and a server that is down as the
 * same TypeError; the helper asks the server's origin check to tell them apart.
 */
import { expect } from '@open-wc/testing';
import { request } from '../../src/shared/request.js';

const SERVER = 'https://cop.example.org';
const ENDPOINT = `${SERVER}/api/polls/peiling/votes`;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('request(): why a request failed', () => {
  const realFetch = window.fetch;
  const realError = console.error;
  let asked: string[];
  let logged: string[];
  /** Answers each URL with `answer(url)`, and records what was asked. */
  const serve = (answer: (url: string) => Response | Promise<Response>) => {
    window.fetch = async (input: RequestInfo | URL) => {
      const url = input instanceof Request ? input.url : String(input);
      asked.push(url);
      return answer(url);
    };
  };
  beforeEach(() => {
    asked = [];
    logged = [];
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
  });
  afterEach(() => {
    window.fetch = realFetch;
    console.error = realError;
    delete (navigator as { onLine?: boolean }).onLine;
  });

  it('reads a 403 origin-not-allowed as a refused site, naming the site and the server, in the console too', async () => {
    serve(() => json({ error: 'origin-not-allowed', message: { nl: '…', en: '…' } }, 403));
    const outcome = await request(ENDPOINT, { body: {} });
    expect(outcome).to.deep.equal({
      kind: 'failed',
      failure: 'origin',
      status: 403,
      refusal: { origin: location.origin, server: 'cop.example.org' },
    });
    expect(logged).to.have.length(1);
    expect(logged[0]).to.contain(`add ${location.origin} to ALLOWED_ORIGINS`);
    expect(logged[0]).to.contain('https://cop.example.org/embed');
  });

  it('tells a CORS refusal (TypeError, but the server answers the origin check) from a server that is down', async () => {
    serve((url) => {
      if (url.includes('/api/origin-check')) return json({ origin: location.origin, allowed: false });
      throw new TypeError('Failed to fetch');
    });
    const refused = await request(ENDPOINT, { body: {} });
    expect(refused).to.deep.include({ kind: 'failed', failure: 'origin' });
    expect(asked[1]).to.equal(`${SERVER}/api/origin-check?origin=${encodeURIComponent(location.origin)}`);

    serve(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await request(ENDPOINT, { body: {} })).to.deep.equal({ kind: 'failed', failure: 'network' });

    // The server answers and lets this site in: the request itself was lost on the way.
    serve((url) => {
      if (url.includes('/api/origin-check')) return json({ origin: location.origin, allowed: true });
      throw new TypeError('Failed to fetch');
    });
    expect(await request(ENDPOINT, { body: {} })).to.deep.equal({ kind: 'failed', failure: 'network' });
    // Another server (not the reference server) has no origin check: down or lost, not refused.
    serve((url) => {
      if (url.includes('/api/origin-check')) return new Response('<h1>Not found</h1>', { status: 404 });
      throw new TypeError('Failed to fetch');
    });
    expect(await request(ENDPOINT, { body: {} })).to.deep.equal({ kind: 'failed', failure: 'network' });
    expect(logged).to.have.length(1);
  });

  it('does not ask the origin check for a request to its own site, which CORS cannot refuse', async () => {
    serve(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await request('/api/polls/peiling/votes', { body: {} })).to.deep.equal({
      kind: 'failed',
      failure: 'network',
    });
    expect(asked).to.deep.equal([`${location.origin}/api/polls/peiling/votes`].map((url) => new URL(url).pathname));
  });

  it('says "timeout" when the server does not answer in time, and "offline" without a network', async () => {
    serve(() => {
      throw new DOMException('The operation timed out.', 'TimeoutError');
    });
    expect(await request(ENDPOINT, { body: {} })).to.deep.equal({ kind: 'failed', failure: 'timeout' });
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    serve(() => {
      throw new TypeError('NetworkError when attempting to fetch resource.');
    });
    expect(await request(ENDPOINT, { body: {} })).to.deep.equal({ kind: 'failed', failure: 'offline' });
    expect(asked).to.have.length(2, 'no origin check while offline');
  });

  it('keeps the other outcomes: server fault, rate limit, field errors', async () => {
    serve(() => json({ error: 'failed' }, 500));
    expect(await request(ENDPOINT, { body: {} })).to.deep.equal({ kind: 'failed', failure: 'server', status: 500 });
    serve(() => json({ error: 'rate-limited' }, 429));
    expect(await request(ENDPOINT, { body: {} })).to.deep.include({ failure: 'rateLimited' });
    serve(() => json({ error: 'origin-not-allowed' }, 401));
    expect(await request(ENDPOINT, { body: {} })).to.deep.include({ failure: 'server', status: 401 });
  });
});
