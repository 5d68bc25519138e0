/**
 * The reference server's HTTP API on Hono: middleware that every request passes (errors, the
 * stop, logging, the client's address, CORS, compression), then one small app per area.
 */
import { Hono, type ErrorHandler } from 'hono';
import type { Feed } from '../src/core/schema.js';
import type { Database } from './db.js';
import { clientAddress, socketAddress } from './http/client-address.js';
import { compress } from './http/compress.js';
import { cors } from './http/cors.js';
import type { AppEnv } from './http/env.js';
import { error, ERRORS, loggedPath, tryLater, unavailable } from './http/errors.js';
import { Lifecycle } from './http/lifecycle.js';
import type { AvailabilityHub } from './enrolments.js';
import type { Mailer } from './mail.js';
import type { OutboxWorker } from './outbox.js';
import type { ResultsHub } from './polls.js';
import { rateLimiter, type RateLimiter } from './rate-limit.js';
import { adminRoutes } from './routes/admin.js';
import { cancelRoutes } from './routes/cancel.js';
import { embedRoutes } from './routes/embed.js';
import { healthRoutes } from './routes/health.js';
import { pollRoutes } from './routes/polls.js';
import { presenterRoutes } from './routes/presenter.js';
import { programmeRoutes } from './routes/programmes.js';
import { staticRoutes } from './routes/static-files.js';

export interface AppOptions {
  db: Database;
  feeds: Map<string, Feed>;
  /** Live poll results for the SSE stream; without it the stream is refused (503). */
  hub?: ResultsHub;
  /** Origins of partner sites allowed to write to the API (enrol, vote) from the browser. */
  allowedOrigins?: string[];
  /** The server's address as visitors reach it (PUBLIC_URL): its origin counts as the server's own. */
  publicUrl?: string;
  adminToken?: string;
  /** Requests per minute per client address: enrolments, and votes (generous: a room behind one office IP). */
  rateLimit?: { enrolments: number; votes: number };
  /** How many proxies stand in front (TRUST_PROXY): the client's address is read that far from the right of X-Forwarded-For. */
  trustedHops?: number;
  /** Open result streams allowed per client address (a room behind one NAT needs many). */
  maxStreamsPerClient?: number;
  /** Folders served as static files, e.g. `{ '/': 'demo/dist', '/feeds': 'demo/feeds' }`. */
  staticDirs?: Record<string, string>;
  /** Delivers mail; erasure and retention make it forget its copies. */
  mailer?: Mailer;
  /** Sends the mails enrolments write to the outbox; woken after each enrolment. */
  outbox?: OutboxWorker;
  /** Live places for the availability stream; without it the stream is refused (503). */
  availabilityHub?: AvailabilityHub;
  /** One line per request, without personal data. Off in tests. */
  log?: (line: string) => void;
  now?: () => number;
  /** Shared with the process that runs the server, which stops it gracefully. */
  lifecycle?: Lifecycle;
}

/** What the route files get from `createApp`. */
export interface AppDeps extends Pick<
  AppOptions,
  'db' | 'feeds' | 'hub' | 'adminToken' | 'mailer' | 'outbox' | 'availabilityHub' | 'log'
> {
  now: () => number;
  limiters: { enrolments: RateLimiter; votes: RateLimiter; adminFailures: RateLimiter };
  lifecycle: Lifecycle;
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { db, now = Date.now } = options;
  const limits = options.rateLimit ?? { enrolments: 30, votes: 600 };
  const deps: AppDeps = {
    ...options,
    now,
    lifecycle: options.lifecycle ?? new Lifecycle(options.maxStreamsPerClient ?? 128),
    limiters: {
      enrolments: rateLimiter(db, 'enrolments', limits.enrolments, 60_000),
      votes: rateLimiter(db, 'votes', limits.votes, 60_000),
      // Wrong admin tokens cost a token from this bucket: guessing is slowed to 10 a minute per address.
      adminFailures: rateLimiter(db, 'admin-failures', 10, 60_000),
    },
  };
  const app = new Hono<AppEnv>();

  app.onError(answerFailure);
  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? error(c, 404, 'not-found', ERRORS.noRoute) : c.text('404 Not Found', 404),
  );

  app.use(deps.lifecycle.track);

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

  app.use(async (c, next) => {
    c.set('client', clientAddress(socketAddress(c), c.req.header('X-Forwarded-For'), options.trustedHops ?? 0));
    return next();
  });

  app.use(compress());

  const allowedOrigins = options.allowedOrigins ?? [];
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  app.use('/api/*', cors(allowedOrigins, publicOrigin ? [publicOrigin] : []));

  app.route('/', healthRoutes(deps));
  app.route('/api', embedRoutes({ feeds: options.feeds, allowedOrigins, publicOrigin }));
  app.route('/api/programmes', programmeRoutes(deps));
  app.route('/api/polls', pollRoutes(deps));
  app.route('/api/admin/polls', presenterRoutes(deps));
  app.route('/api/admin', adminRoutes(deps));
  app.route('/afmelden', cancelRoutes(deps));
  app.route('/', staticRoutes(options.staticDirs ?? {}));
  return app;
}

/**
 * An unexpected failure (e.g. the database went away) answers 500 or 503 in both languages; the
 * log gets the error's name and code only: database messages can quote the values of a row.
 */
const answerFailure: ErrorHandler<AppEnv> = (failure, c) => {
  const code = (failure as { code?: unknown }).code;
  console.error(
    `${c.req.method} ${loggedPath(c.req.path)} failed: ${failure.name}${typeof code === 'string' ? ` (${code})` : ''}`,
  );
  return unavailable(failure)
    ? tryLater(c, 503, 'unavailable', ERRORS.unavailable, 5_000)
    : error(c, 500, 'failed', ERRORS.failed);
};
