/**
 * How the enrolment form and the poll talk to the reference server: one helper, JSON in, a
 * typed outcome out, a time limit, and the server's field errors in the same language-neutral
 * form (`FeedIssue`: path, message key, arguments) as the widgets' own checks, so both take one
 * route to the screen.
 */
import { issueFromJson, type FeedIssue } from '../core/issues.js';

/** Gives up on the server after this long, and says so, rather than leaving a spinner. */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * Why a request came to nothing, as the visitor is told:
 * - `offline`: the browser has no network;
 * - `timeout`: the server did not answer within REQUEST_TIMEOUT_MS;
 * - `origin`: the server refuses writes from this page's site (its ALLOWED_ORIGINS lacks it);
 * - `network`: no answer at all: the server is down or unreachable, or the answer broke off;
 * - `server`: a fault on the server; `rateLimited`: too busy.
 */
export type Failure = 'offline' | 'timeout' | 'origin' | 'network' | 'server' | 'rateLimited';

/** For an `origin` failure: the page's site and the server's host, which the message names. */
export interface Refusal {
  origin: string;
  server: string;
}

/**
 * What a request came to:
 * - `ok`: a 2xx answer with its JSON body (`{}` when it had none, or a proxy's HTML page);
 * - `invalid`: 422 with the fields that are wrong;
 * - `refused`: 409 with the server's reason (`closed`, `full` …), or 422 about the request as a whole;
 * - `failed`: nothing usable came back (with the HTTP status when there was an answer: 401 for a wrong token).
 */
export type Outcome =
  | { kind: 'ok'; status: number; body: Record<string, unknown> }
  | { kind: 'invalid'; issues: FeedIssue[] }
  | { kind: 'refused'; error: string | undefined }
  | { kind: 'failed'; failure: Failure; status?: number; refusal?: Refusal };

/** A GET, or a POST of `body` as JSON; without cookies, never from the HTTP cache. */
export async function request(
  url: string | URL,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Outcome> {
  const { body, headers } = options;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    // An answer that breaks off while it arrives is a lost connection, as if none came at all.
    text = await response.text();
  } catch (caught) {
    return { kind: 'failed', ...(await unanswered(url, caught)) };
  }
  const data = parseObject(text);
  if (response.ok) return { kind: 'ok', status: response.status, body: data };
  if (response.status === 403 && data.error === 'origin-not-allowed') return refusedOrigin(url, 403);
  if (response.status === 422 && Array.isArray(data.issues)) {
    return { kind: 'invalid', issues: data.issues.map(issueFromJson).filter((issue) => issue !== undefined) };
  }
  // 409: closed, full …; a 422 without fields: the request as a whole (a reused Idempotency-Key).
  if (response.status === 409 || response.status === 422)
    return { kind: 'refused', error: typeof data.error === 'string' ? data.error : undefined };
  return { kind: 'failed', failure: response.status === 429 ? 'rateLimited' : 'server', status: response.status };
}

/** The JSON object in `text`, or `{}` for anything else (empty, an HTML error page, a list). */
function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The page's site as a person would name it (a page opened from disk has no origin). */
const pageOrigin = () => (location.origin === 'null' ? `${location.protocol}//` : location.origin);

function refusedOrigin(url: string | URL, status?: number): Outcome & { kind: 'failed' } {
  const refusal = { origin: pageOrigin(), server: new URL(url, location.href).host };
  // For the webmaster, who looks in the console first: what is wrong and who can fix it.
  console.error(
    `cop-widgets: ${refusal.server} does not accept enrolments or votes from ${refusal.origin}. ` +
      `Ask the administrator of ${refusal.server} to add ${refusal.origin} to ALLOWED_ORIGINS ` +
      `(${new URL('/embed', new URL(url, location.href)).href} checks a site).`,
  );
  return { kind: 'failed', failure: 'origin', refusal, ...(status ? { status } : {}) };
}

/**
 * Why no answer came. A browser hides a CORS refusal behind the same TypeError as a server that is
 * down; so for a request to another origin, ask the server with a read that every origin may
 * make (`/api/origin-check`) whether it is up and lets this page's site write.
 */
async function unanswered(url: string | URL, caught: unknown): Promise<{ failure: Failure; refusal?: Refusal }> {
  if (navigator.onLine === false) return { failure: 'offline' };
  if (caught instanceof DOMException && caught.name === 'TimeoutError') return { failure: 'timeout' };
  const target = new URL(url, location.href);
  if (target.origin === location.origin) return { failure: 'network' };
  try {
    const probe = new URL('/api/origin-check', target);
    probe.searchParams.set('origin', location.origin);
    const answer = await fetch(probe, { cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(5_000) });
    // A page from disk (origin "null") can never be allowed: any answer at all says the server is up.
    const allowed = location.origin === 'null' ? false : parseObject(await answer.text()).allowed;
    if (allowed === false) return refusedOrigin(url);
  } catch {
    // No answer to the check either: the server is down or unreachable.
  }
  return { failure: 'network' };
}
