/**
 * The reference server's HTTP API on Hono. Every error is JSON with a code and Dutch and
 * English text; field errors carry their path, so the widgets can put them next to the field.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { createHash } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { describeIssue, formatPath, issueText, type FeedIssue } from '../src/feed/issues.js';
import type { Feed } from '../src/feed/schema.js';
import { VoteRequestSchema } from '../src/feed/vote-request.js';
import { messages, type Lang } from '../src/shared/i18n/index.js';
import { enrolmentsCsv, erasePerson, tokenMatches } from './admin.js';
import type { Database } from './db.js';
import { availability, enrol } from './enrolments.js';
import { closePoll, findPoll, ratingsOf, resetPoll, results, vote, type PollResults, type ResultsHub } from './polls.js';
import type { Mailer } from './mail.js';
import { RateLimiter } from './rate-limit.js';

export interface AppOptions {
  db: Database;
  feeds: Map<string, Feed>;
  /** Live poll results for the SSE stream; without it the stream is refused (503). */
  hub?: ResultsHub;
  /** Origins of partner sites allowed to call the API from the browser. */
  allowedOrigins?: string[];
  adminToken?: string;
  /** Requests per minute per IP address: enrolments, and votes (generous: a room behind one office IP). */
  rateLimit?: { enrolments: number; votes: number };
  /** Trust X-Forwarded-For (behind a proxy or load balancer) for the client's address. */
  trustProxy?: boolean;
  /** Folders served as static files, e.g. `{ '/': 'demo/dist', '/feeds': 'demo/feeds' }`. */
  staticDirs?: Record<string, string>;
  /** Sends confirmation e-mails; none without it. */
  mailer?: Mailer;
  /** One line per request, without personal data. Off in tests. */
  log?: (line: string) => void;
  now?: () => number;
}

type Text = Record<Lang, string>;
const both = (pick: (lang: Lang) => string): Text => ({ nl: pick('nl'), en: pick('en') });
const say = (nl: string, en: string): Text => ({ nl, en });

const ERRORS = {
  notFound: say('Dit programma bestaat niet.', 'This programme does not exist.'),
  pollNotFound: say('Deze peiling bestaat niet.', 'This poll does not exist.'),
  notJson: say('Stuur de gegevens als JSON (Content-Type: application/json).', 'Send the data as JSON (Content-Type: application/json).'),
  badEncoding: say('De gegevens zijn geen geldige UTF-8-tekst.', 'The data is not valid UTF-8 text.'),
  badJson: say('De gegevens zijn geen geldige JSON.', 'The data is not valid JSON.'),
  badFieldName: say('is geen toegestane veldnaam', 'is not an allowed field name'),
  badCharacters: say('bevat tekens die niet zijn toegestaan (onzichtbare stuur- of richtingstekens)', 'contains characters that are not allowed (invisible control or direction characters)'),
  tooLarge: say('De gegevens zijn te groot.', 'The data is too large.'),
  badKey: say('De Idempotency-Key moet 8 tot 100 letters, cijfers of - _ bevatten.', 'The Idempotency-Key must be 8 to 100 letters, digits or - _.'),
  invalid: say('Niet alle gegevens zijn goed ingevuld.', 'Not all details are filled in correctly.'),
  origin: say('Deze website mag deze gegevens niet opvragen.', 'This website may not use this service.'),
  rateLimited: say('Te veel verzoeken. Probeer het over een minuut opnieuw.', 'Too many requests. Try again in a minute.'),
  unauthorised: say('Geen toegang: een geldig beheertoken is nodig.', 'No access: a valid admin token is required.'),
  pollClosed: say('De peiling is gesloten.', 'The poll is closed.'),
  noStream: say('Live resultaten zijn niet beschikbaar.', 'Live results are not available.'),
  noRoute: say('Dit adres bestaat niet.', 'This address does not exist.'),
  unavailable: say('De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.', 'The service is temporarily unavailable. Try again later.'),
  failed: say('Er ging iets mis aan onze kant. Probeer het later opnieuw.', 'Something went wrong on our side. Try again later.'),
  refused: {
    closed: both((l) => messages(l).enrolmentStatus.closed),
    'not-yet-open': say('Aanmelden is nog niet geopend.', 'Enrolment has not opened yet.'),
    full: both((l) => messages(l).enrolmentStatus.full),
    cancelled: both((l) => messages(l).enrolmentStatus.cancelled),
  },
};

const issueJson = (issue: FeedIssue) => ({
  path: formatPath(issue.path),
  message: both((lang) => issueText(issue, lang)),
  text: both((lang) => describeIssue(issue, lang)),
});

/** A body full of wrong fields must not buy an answer many times its size: the first 100 say enough. */
const MAX_ISSUES = 100;
const issuesJson = (issues: FeedIssue[]) => ({ issues: issues.slice(0, MAX_ISSUES).map(issueJson), ...(issues.length > MAX_ISSUES ? { moreIssues: issues.length - MAX_ISSUES } : {}) });

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
const error = (c: Context, status: ErrorStatus, code: string, message: Text, extra: object = {}) => c.json({ error: code, message, ...extra }, status);

/**
 * Invisible characters nobody types in a form but attackers use: C0/C1 control characters
 * (NUL breaks PostgreSQL text; tab, CR and LF are allowed), bidirectional overrides and
 * isolates (they make a name or CSV cell read differently from what it is), and UTF-16
 * surrogates without their partner (not representable in UTF-8, so silently altered on storage).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
export const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first string (value or key) in `value` with a forbidden character, or the first
 * `__proto__` key (JSON.parse makes it an own property; schemas would drop it silently, and
 * code that copies objects could let it replace a prototype). Iterative: a deeply nested body
 * cannot overflow the stack.
 */
function forbiddenAt(value: unknown): { path: (string | number)[]; problem: Text } | undefined {
  const pending: [unknown, (string | number)[]][] = [[value, []]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (FORBIDDEN_CHARACTERS.test(item)) return { path, problem: ERRORS.badCharacters };
    } else if (Array.isArray(item)) {
      item.forEach((child, i) => pending.push([child, [...path, i]]));
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (FORBIDDEN_CHARACTERS.test(key)) return { path, problem: ERRORS.badCharacters };
        if (key === '__proto__') return { path: [...path, key], problem: ERRORS.badFieldName };
        pending.push([child, [...path, key]]);
      }
    }
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request body as JSON, or the error response to send instead: 415 for another media
 * type, 400 for bytes that are not UTF-8 or text that is not JSON, 422 naming the field that
 * holds a forbidden character or key.
 */
async function jsonBody(c: Context): Promise<{ body: unknown } | { response: Response }> {
  const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') return { response: error(c, 415, 'not-json', ERRORS.notJson) };
  let text: string;
  try {
    text = strictUtf8.decode(await c.req.arrayBuffer());
  } catch {
    return { response: error(c, 400, 'bad-encoding', ERRORS.badEncoding) };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { response: error(c, 400, 'bad-json', ERRORS.badJson) };
  }
  const found = forbiddenAt(body);
  if (found) {
    const path = formatPath(found.path);
    const issue = { path, message: found.problem, text: both((lang) => `${path} ${found.problem[lang]}`) };
    return { response: error(c, 422, 'invalid', ERRORS.invalid, { issues: [issue] }) };
  }
  return { body };
}

/** A participant token is a pseudonymous identifier: the log shows where it stood, not what it was. */
const loggedPath = (path: string) => path.replace(/^(\/api\/polls\/[^/]+\/votes\/)[^/]+$/, '$1:participant');

/** Socket errors, and PostgreSQL's "connection exception" class (08…) and shutdown codes (57P01–57P03). */
const UNREACHABLE_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|08\w{3}|57P0[123])$/;

/** Whether a failure means the database cannot be reached (restarting, down), rather than a bug. */
function unreachable(failure: Error): boolean {
  const code = (failure as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_CODES.test(code)) return true;
  // node-postgres says these without a code.
  return /Connection terminated|timeout exceeded when trying to connect/i.test(failure.message);
}

const limitBody = (maxSize: number) => bodyLimit({ maxSize, onError: (c) => error(c, 413, 'too-large', ERRORS.tooLarge) });

export function createApp(options: AppOptions): Hono {
  const { db, feeds, hub, now = Date.now } = options;
  const allowed = new Set(options.allowedOrigins ?? []);
  const limits = options.rateLimit ?? { enrolments: 30, votes: 600 };
  const enrolLimiter = new RateLimiter(limits.enrolments, 60_000);
  const voteLimiter = new RateLimiter(limits.votes, 60_000);
  const app = new Hono();

  const clientIp = (c: Context): string => {
    if (options.trustProxy) {
      const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // app.request() in tests has no socket
    }
  };

  const rateLimited =
    (limiter: RateLimiter): MiddlewareHandler =>
    async (c, next) => {
      const wait = limiter.take(clientIp(c), now());
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        return error(c, 429, 'rate-limited', ERRORS.rateLimited);
      }
      return next();
    };

  // Wrong admin tokens cost a token from this bucket: guessing is slowed to 10 a minute per address.
  const adminFailures = new RateLimiter(10, 60_000);
  const admin: MiddlewareHandler = async (c, next) => {
    const token = /^Bearer +(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    if (tokenMatches(token, options.adminToken)) return next();
    const wait = adminFailures.take(clientIp(c), now());
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return error(c, 429, 'rate-limited', ERRORS.rateLimited);
    }
    return error(c, 401, 'unauthorised', ERRORS.unauthorised);
  };

  // An unexpected failure (e.g. the database went away) answers 500 or 503 in both languages; the
  // log gets the error's name and code only: database messages can quote the values of a row.
  app.onError((failure, c) => {
    const code = (failure as { code?: unknown }).code;
    console.error(`${c.req.method} ${loggedPath(c.req.path)} failed: ${failure.name}${typeof code === 'string' ? ` (${code})` : ''}`);
    return unreachable(failure) ? error(c, 503, 'unavailable', ERRORS.unavailable) : error(c, 500, 'failed', ERRORS.failed);
  });
  app.notFound((c) => (c.req.path.startsWith('/api/') ? error(c, 404, 'not-found', ERRORS.noRoute) : c.text('404 Not Found', 404)));

  // A request refused before its body was read (too large, rate limited, wrong origin …) leaves
  // that body on the connection, where it would garble the client's next request: close it.
  app.use(async (c, next) => {
    await next();
    if (c.req.raw.body && !c.req.raw.bodyUsed) c.res.headers.set('Connection', 'close');
  });

  if (options.log) {
    const log = options.log;
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      // Method, path and status only: no query string, no body, no address, no participant token (no personal data).
      log(`${c.req.method} ${loggedPath(c.req.path)} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
    });
  }

  // CORS: partner origins may call the API; any other browser origin is refused outright.
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('Origin');
    const own = new URL(c.req.url).origin;
    if (origin && origin !== own && !allowed.has(origin)) return error(c, 403, 'origin-not-allowed', ERRORS.origin);
    if (origin && origin !== own) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
    }
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    return next();
  });

  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await db.query('SELECT 1');
    } catch {
      return c.json({ status: 'unavailable', database: db.kind, listeners: hub?.listeners ?? 0 }, 503);
    }
    return c.json({ status: 'ok', database: db.kind, listeners: hub?.listeners ?? 0 });
  });

  app.get('/api/programmes/:id/feed', async (c) => {
    const feed = feeds.get(c.req.param('id'));
    if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
    const live = await availability(db, feed, now());
    // The timestamp changes on every call; the ETag follows what a visitor would see change.
    const etag = `"${createHash('sha256').update(JSON.stringify({ ...live, updatedAt: undefined })).digest('base64url').slice(0, 22)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=5, stale-while-revalidate=30');
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
    return c.json(live ? { ...feed, availability: live } : feed);
  });

  app.post('/api/programmes/:id/enrolments', rateLimited(enrolLimiter), limitBody(32 * 1024), async (c) => {
    const feed = feeds.get(c.req.param('id'));
    if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
    const idempotencyKey = c.req.header('Idempotency-Key');
    if (idempotencyKey !== undefined && !/^[A-Za-z0-9_-]{8,100}$/.test(idempotencyKey)) return error(c, 400, 'bad-idempotency-key', ERRORS.badKey);
    const parsed = await jsonBody(c);
    if ('response' in parsed) return parsed.response;
    const outcome = await enrol(db, feed, parsed.body, {
      idempotencyKey,
      now: now(),
      onCreated: (request, created) => {
        options.mailer?.sendConfirmation(feed, request, created).catch((failure: Error) => {
          // The enrolment is stored; say which one lacks its mail, never to whom it went.
          options.log?.(`confirmation mail for enrolment ${created.id} failed: ${failure.name}`);
        });
      },
    });
    switch (outcome.kind) {
      case 'invalid':
        return error(c, 422, 'invalid', ERRORS.invalid, issuesJson(outcome.issues));
      case 'refused':
        return error(c, 409, outcome.reason, ERRORS.refused[outcome.reason]);
      case 'created':
        return c.json({ status: outcome.status, ...(outcome.position ? { position: outcome.position } : {}) }, 201);
    }
  });

  app.post('/api/polls/:id/votes', rateLimited(voteLimiter), limitBody(16 * 1024), async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    const parsed = await jsonBody(c);
    if ('response' in parsed) return parsed.response;
    const outcome = await vote(db, found.poll, parsed.body, now());
    if (outcome.kind === 'invalid') return error(c, 422, 'invalid', ERRORS.invalid, issuesJson(outcome.issues));
    if (outcome.kind === 'closed') return error(c, 409, 'closed', ERRORS.pollClosed);
    return c.json({ status: outcome.replaced ? 'replaced' : 'stored' }, outcome.replaced ? 200 : 201);
  });

  app.get('/api/polls/:id/votes/:participant', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    const participant = c.req.param('participant');
    if (!VoteRequestSchema.shape.participant.safeParse(participant).success) {
      return error(c, 422, 'invalid', ERRORS.invalid, issuesJson([{ path: ['participant'], key: 'idFormat', args: [] }]));
    }
    return c.json({ ratings: await ratingsOf(db, found.poll.id, participant) });
  });

  app.get('/api/polls/:id/results', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    c.header('Cache-Control', 'no-store');
    return c.json(await results(db, found.poll, now()));
  });

  app.get('/api/polls/:id/results/stream', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    if (!hub) return error(c, 503, 'no-stream', ERRORS.noStream);
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no'); // nginx: do not hold events back
    return streamSSE(c, async (stream) => {
      let id = 0;
      const send = (latest: unknown) => void stream.writeSSE({ event: 'results', id: String(++id), data: JSON.stringify(latest) }).catch(() => {});
      const unsubscribe = hub.subscribe(found.poll.id, send);
      stream.onAbort(unsubscribe);
      let first: PollResults;
      try {
        first = await results(db, found.poll, now());
      } catch (failure) {
        // Database unreachable: end the stream; the widget polls and reconnects with backoff.
        console.error(`GET ${loggedPath(c.req.path)} failed: ${(failure as Error).name}`);
        unsubscribe();
        return;
      }
      await stream.writeSSE({ event: 'results', id: String(++id), data: JSON.stringify(first), retry: 2000 });
      // A comment every 15 s keeps proxies from closing an idle stream.
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(15_000);
        await stream.write(': keep-alive\n\n').catch(() => {});
      }
      unsubscribe();
    });
  });

  app.get('/api/admin/programmes/:id/enrolments.csv', admin, async (c) => {
    const feed = feeds.get(c.req.param('id'));
    if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${feed.programme.id}-aanmeldingen.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(await enrolmentsCsv(db, feed.programme.id));
  });

  app.post('/api/admin/erasure', admin, limitBody(4 * 1024), async (c) => {
    const parsed = await jsonBody(c);
    if ('response' in parsed) return parsed.response;
    const email = (parsed.body as { email?: unknown })?.email;
    if (typeof email !== 'string' || !email.includes('@') || email.length > 320) {
      return error(c, 422, 'invalid', ERRORS.invalid, issuesJson([{ path: ['email'], key: 'email', args: [] }]));
    }
    const { removed, enrolmentIds } = await erasePerson(db, email);
    // The mail copies kept on disk (without SMTP) name the person too.
    await options.mailer?.forget(enrolmentIds);
    return c.json({ removed });
  });

  app.post('/api/admin/polls/:id/:action{close|reset}', admin, async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    await (c.req.param('action') === 'close' ? closePoll : resetPoll)(db, found.poll.id);
    return c.json(await results(db, found.poll, now()));
  });

  // The bundle and the feed files are public and hold no personal data: any page may load them,
  // and a module script from another origin always loads with CORS. Versioned and content-hashed
  // bundle files never change, so they are cached for a year; the plain cop-widgets.js for 5 minutes.
  const publicFiles =
    (cacheControl: (name: string) => string): MiddlewareHandler =>
    async (c, next) => {
      await next();
      if (c.res.status >= 400) return; // a 404 is neither shared nor cached
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cache-Control', cacheControl(c.req.path.slice(c.req.path.lastIndexOf('/') + 1)));
    };
  app.use('/cdn/*', publicFiles((name) => (/^cop-widgets\.js(\.map)?$/.test(name) ? 'public, max-age=300' : 'public, max-age=31536000, immutable')));
  app.use('/feeds/*', publicFiles(() => 'public, max-age=60'));

  for (const [prefix, dir] of Object.entries(options.staticDirs ?? {})) {
    const root = relative(process.cwd(), resolve(dir));
    const path = prefix === '/' ? '/*' : `${prefix}/*`;
    app.use(path, serveStatic({ root, rewriteRequestPath: (p) => (prefix === '/' ? p : p.slice(prefix.length)) }));
  }

  return app;
}
