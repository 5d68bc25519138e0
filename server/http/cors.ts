/**
 * CORS for the API, split by what a request can do:
 * - reads (GET, HEAD: feeds, results, availability streams) are public and hold no personal data:
 *   any origin may make them;
 * - writes (POST: enrolments, votes) come only from the server's own pages and the partner sites in
 *   ALLOWED_ORIGINS. Another origin gets 403 `origin-not-allowed`, readable by that page (so the
 *   widget can tell its webmaster what to set instead of reporting a network fault), with nothing stored;
 * - admin routes never answer another origin, partner or not.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { error, ERRORS } from './errors.js';

const READS = new Set(['GET', 'HEAD']);

/** `own` are the server's own origins (the one it is reached at is always one). */
export function cors(allowedOrigins: string[], own: string[] = []): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    const origin = c.req.header('Origin');
    // Answers differ by Origin (below), so a shared cache must keep one per Origin: otherwise a
    // feed cached for the server's own page reaches a partner page without its CORS header.
    c.header('Vary', 'Origin', { append: true });
    const foreign = origin !== undefined && origin !== new URL(c.req.url).origin && !own.includes(origin);
    if (!foreign) return c.req.method === 'OPTIONS' ? preflight(c) : next();
    const admin = c.req.path.startsWith('/api/admin/') || c.req.path === '/api/admin';
    if (admin) return error(c, 403, 'origin-not-allowed', ERRORS.adminOrigin);
    // The answer may be read by this origin: a refusal too, so the page learns why.
    c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS') return preflight(c);
    if (!READS.has(c.req.method) && !allowed.has(origin))
      return error(c, 403, 'origin-not-allowed', ERRORS.origin(origin));
    return next();
  };
}

function preflight(c: Context<AppEnv>) {
  c.header('Access-Control-Allow-Methods', 'GET, HEAD, POST, OPTIONS');
  c.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key, If-None-Match, Last-Event-ID');
  c.header('Access-Control-Max-Age', '600');
  return c.body(null, 204);
}
