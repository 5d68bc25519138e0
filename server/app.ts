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
import { messages, type Lang } from '../src/shared/i18n/index.js';
import { enrolmentsCsv, erasePerson, tokenMatches } from './admin.js';
import type { Database } from './db.js';
import { availability, enrol } from './enrolments.js';
import { closePoll, findPoll, ratingsOf, resetPoll, results, vote, type ResultsHub } from './polls.js';
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
  badJson: say('De gegevens zijn geen geldige JSON.', 'The data is not valid JSON.'),
  tooLarge: say('De gegevens zijn te groot.', 'The data is too large.'),
  badKey: say('De Idempotency-Key moet 8 tot 100 letters, cijfers of - _ bevatten.', 'The Idempotency-Key must be 8 to 100 letters, digits or - _.'),
  invalid: say('Niet alle gegevens zijn goed ingevuld.', 'Not all details are filled in correctly.'),
  origin: say('Deze website mag deze gegevens niet opvragen.', 'This website may not use this service.'),
  rateLimited: say('Te veel verzoeken. Probeer het over een minuut opnieuw.', 'Too many requests. Try again in a minute.'),
  unauthorised: say('Geen toegang: een geldig beheertoken is nodig.', 'No access: a valid admin token is required.'),
  pollClosed: say('De peiling is gesloten.', 'The poll is closed.'),
  noStream: say('Live resultaten zijn niet beschikbaar.', 'Live results are not available.'),
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

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
const error = (c: Context, status: ErrorStatus, code: string, message: Text, extra: object = {}) => c.json({ error: code, message, ...extra }, status);

/** The request body as JSON, or the error response to send instead. */
async function jsonBody(c: Context): Promise<{ body: unknown } | { response: Response }> {
  if (!c.req.header('Content-Type')?.toLowerCase().startsWith('application/json')) return { response: error(c, 415, 'not-json', ERRORS.notJson) };
  try {
    return { body: await c.req.json() };
  } catch {
    return { response: error(c, 400, 'bad-json', ERRORS.badJson) };
  }
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

  const admin: MiddlewareHandler = async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!tokenMatches(token, options.adminToken)) return error(c, 401, 'unauthorised', ERRORS.unauthorised);
    return next();
  };

  if (options.log) {
    const log = options.log;
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      // Method, path and status only: no query string, no body, no address (no personal data).
      log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
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
    await db.query('SELECT 1');
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
        return error(c, 422, 'invalid', ERRORS.invalid, { issues: outcome.issues.map(issueJson) });
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
    if (outcome.kind === 'invalid') return error(c, 422, 'invalid', ERRORS.invalid, { issues: outcome.issues.map(issueJson) });
    if (outcome.kind === 'closed') return error(c, 409, 'closed', ERRORS.pollClosed);
    return c.json({ status: outcome.replaced ? 'replaced' : 'stored' }, outcome.replaced ? 200 : 201);
  });

  app.get('/api/polls/:id/votes/:participant', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    return c.json({ ratings: await ratingsOf(db, found.poll.id, c.req.param('participant')) });
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
      await stream.writeSSE({ event: 'results', id: String(++id), data: JSON.stringify(await results(db, found.poll, now())), retry: 2000 });
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
    if (typeof email !== 'string' || !email.includes('@')) {
      return error(c, 422, 'invalid', ERRORS.invalid, { issues: [issueJson({ path: ['email'], key: 'email', args: [] })] });
    }
    return c.json(await erasePerson(db, email));
  });

  app.post('/api/admin/polls/:id/:action{close|reset}', admin, async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    await (c.req.param('action') === 'close' ? closePoll : resetPoll)(db, found.poll.id);
    return c.json(await results(db, found.poll, now()));
  });

  for (const [prefix, dir] of Object.entries(options.staticDirs ?? {})) {
    const root = relative(process.cwd(), resolve(dir));
    const path = prefix === '/' ? '/*' : `${prefix}/*`;
    app.use(path, serveStatic({ root, rewriteRequestPath: (p) => (prefix === '/' ? p : p.slice(prefix.length)) }));
  }

  return app;
}
