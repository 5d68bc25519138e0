/** Middleware that refuses a request before a route sees it: rate limits and the admin token. */
import type { MiddlewareHandler } from 'hono';
import { tokenMatches } from '../admin.js';
import type { RateLimiter } from '../rate-limit.js';
import type { AppEnv } from './env.js';
import { error, ERRORS, tryLater } from './errors.js';

/** 429 with `Retry-After` once the client's bucket is empty; invalid requests count too. */
export const rateLimited =
  (limiter: RateLimiter, now: () => number): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const wait = await limiter.take(c.get('client'), now());
    if (wait > 0) return tryLater(c, 429, 'rate-limited', ERRORS.rateLimited, wait);
    return next();
  };

/**
 * The admin token as a bearer header, compared in constant time. Each wrong token costs one
 * from `failures` (ten a minute per address, shared by all instances on PostgreSQL), so
 * guessing is slowed to a crawl. Without a configured token, admin is off.
 */
export const adminOnly =
  (adminToken: string | undefined, failures: RateLimiter, now: () => number): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = /^Bearer +(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    if (tokenMatches(token, adminToken)) return next();
    const wait = await failures.take(c.get('client'), now());
    if (wait > 0) return tryLater(c, 429, 'rate-limited', ERRORS.rateLimited, wait);
    return error(c, 401, 'unauthorised', ERRORS.unauthorised);
  };
