import { FeedError } from './errors.js';
import { parseFeed } from './parse.js';
import type { Feed } from './schema.js';

export interface LoadFeedOptions {
  /** Stops waiting for this caller; the shared request is cancelled once no caller waits. */
  signal?: AbortSignal;
  /** Gives up after this long (default 15 s), so a hanging server never leaves a spinner forever. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

interface Pending {
  promise: Promise<Feed>;
  controller: AbortController;
  waiting: number;
  settled: boolean;
}

/** One request per absolute URL per page: every widget on the page shares it. */
const cache = new Map<string, Pending>();

/**
 * What relative URLs resolve against: the page's base URL (which honours `<base href>`). The
 * loader runs in Node too, where there is no page and a feed's URL must be absolute.
 */
const pageUrl = (): string | undefined => (globalThis as { document?: { baseURI: string } }).document?.baseURI;

/** Makes `./feed.json` and `/feed.json` the same key as its absolute form. */
export function absoluteUrl(url: string): string {
  return new URL(url, pageUrl()).href;
}

/**
 * Where an endpoint named in a feed lives: relative to the feed's own URL, so a feed the
 * reference server serves needs no host name. A feed given as an object, or loaded from a URL
 * that has no path to resolve against (`blob:`, `data:`), takes the page's address instead.
 */
export function endpointUrl(endpoint: string, feedSrc?: string): URL {
  try {
    return new URL(endpoint, feedSrc ? absoluteUrl(feedSrc) : pageUrl());
  } catch {
    return new URL(endpoint, pageUrl());
  }
}

/**
 * Fetches and validates a feed. Calls for the same URL share one request and one result;
 * a failed load is forgotten, so the next call (a "try again") fetches afresh.
 */
export function loadFeed(url: string, options: LoadFeedOptions = {}): Promise<Feed> {
  const key = absoluteUrl(url);
  let pending = cache.get(key);
  if (!pending) {
    pending = startLoad(key, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    cache.set(key, pending);
  }
  return waitFor(key, pending, options.signal);
}

/** Forgets loaded feeds, e.g. to show fresh availability from the server. */
export function clearFeedCache(url?: string): void {
  if (url === undefined) cache.clear();
  else cache.delete(absoluteUrl(url));
}

function startLoad(url: string, timeoutMs: number): Pending {
  const controller = new AbortController();
  const pending: Pending = { controller, waiting: 0, settled: false, promise: Promise.resolve(null as never) };
  const timer = setTimeout(() => controller.abort(new FeedError('timeout', { url, timeoutMs })), timeoutMs);
  pending.promise = fetchFeed(url, controller.signal)
    .catch((error: unknown) => {
      if (cache.get(url) === pending) cache.delete(url);
      throw error;
    })
    .finally(() => {
      clearTimeout(timer);
      pending.settled = true;
    });
  // The shared promise may be rejected while nobody waits (after every caller aborted).
  pending.promise.catch(() => {});
  return pending;
}

/** How every feed is asked for: no cookies, no preflight (the CDN loader asks the same way). */
const FEED_REQUEST: RequestInit = { headers: { accept: 'application/json' }, credentials: 'omit' };

/**
 * A feed request that the CDN loader (src/cop-widgets.ts) started while this code was still on
 * its way, so the feed and the widget's code download at the same time; each is taken once.
 */
export const EARLY_FEEDS = Symbol.for('cop-widgets:early-feeds');

function earlyRequest(url: string): Promise<Response> | undefined {
  const early = (globalThis as { [EARLY_FEEDS]?: Map<string, Promise<Response>> })[EARLY_FEEDS];
  const request = early?.get(url);
  early?.delete(url);
  return request;
}

/** `promise`, or the signal's reason once it is aborted (the early request has no signal of its own). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    promise.then(resolve, reject);
  });
}

async function fetchFeed(url: string, signal: AbortSignal): Promise<Feed> {
  let response: Response;
  try {
    response = await untilAborted(earlyRequest(url) ?? fetch(url, { ...FEED_REQUEST, signal }), signal);
  } catch (cause) {
    throw abortReason(signal) ?? new FeedError('network', { url, cause });
  }
  if (!response.ok) throw new FeedError('http', { url, status: response.status });
  let data: unknown;
  try {
    data = await untilAborted(response.json(), signal);
  } catch (cause) {
    throw abortReason(signal) ?? new FeedError('json', { url, cause });
  }
  return parseFeed(data, url);
}

function abortReason(signal: AbortSignal): FeedError | undefined {
  if (!signal.aborted) return undefined;
  return signal.reason instanceof FeedError ? signal.reason : new FeedError('aborted');
}

/** Every caller counts as waiting; the request is cancelled only when the last one aborts. */
function waitFor(url: string, pending: Pending, signal?: AbortSignal): Promise<Feed> {
  if (signal?.aborted) return Promise.reject(new FeedError('aborted', { url }));
  pending.waiting += 1;
  if (!signal) return pending.promise;
  return new Promise<Feed>((resolve, reject) => {
    const onAbort = () => {
      pending.waiting -= 1;
      reject(new FeedError('aborted', { url }));
      if (pending.waiting === 0 && !pending.settled) {
        pending.controller.abort(new FeedError('aborted', { url }));
        if (cache.get(url) === pending) cache.delete(url);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pending.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
