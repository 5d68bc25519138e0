/**
 * Token buckets per client address: `perWindow` requests, refilled evenly over `windowMs`.
 * On PostgreSQL the buckets live in the database, so every instance behind a load balancer
 * draws from the same ones and two instances do not double a limit; on the embedded database
 * (one process, by its lock) they live in memory.
 */
import type { Database, Queryable } from './db.js';

export interface RateLimiter {
  /** Takes a token for `key`; resolves to 0 when allowed, else how many ms until the next token. */
  take(key: string, now: number): Promise<number>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** The bucket refilled up to `now`. */
const refill = (bucket: Bucket, now: number, perWindow: number, rate: number) =>
  Math.min(perWindow, bucket.tokens + Math.max(0, now - bucket.at) * rate);

export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #rate: number;

  constructor(
    private readonly perWindow: number,
    windowMs: number,
  ) {
    this.#rate = perWindow / windowMs;
  }

  async take(key: string, now: number): Promise<number> {
    const bucket = this.#buckets.get(key) ?? { tokens: this.perWindow, at: now };
    bucket.tokens = refill(bucket, now, this.perWindow, this.#rate);
    bucket.at = now;
    if (this.#buckets.size > 50_000) this.#forgetFull(now);
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.#rate);
  }

  /** Drops buckets that have refilled, so many one-off addresses cannot grow memory for ever. */
  #forgetFull(now: number): void {
    for (const [key, bucket] of this.#buckets)
      if (refill(bucket, now, this.perWindow, this.#rate) >= this.perWindow) this.#buckets.delete(key);
  }
}

/**
 * The same bucket as one row per scope and address, refilled and taken from in one statement
 * (the row lock makes concurrent takes from any instance queue, so none is lost).
 */
export class DatabaseRateLimiter implements RateLimiter {
  readonly #rate: number;
  #purgedAt = 0;

  constructor(
    private readonly db: Queryable,
    private readonly scope: string,
    private readonly perWindow: number,
    private readonly windowMs: number,
  ) {
    this.#rate = perWindow / windowMs;
  }

  async take(key: string, now: number): Promise<number> {
    const [row] = await this.db.query<{ tokens: number; allowed: boolean }>(
      `INSERT INTO rate_limits AS r (scope, key, tokens, at_ms, allowed) VALUES ($1, $2, $3::float8 - 1, $4, true)
       ON CONFLICT (scope, key) DO UPDATE SET
         tokens = least($3, r.tokens + greatest(0, $4 - r.at_ms) * $5)
                  - CASE WHEN least($3, r.tokens + greatest(0, $4 - r.at_ms) * $5) >= 1 THEN 1 ELSE 0 END,
         allowed = least($3, r.tokens + greatest(0, $4 - r.at_ms) * $5) >= 1,
         at_ms = $4
       RETURNING tokens, allowed`,
      [this.scope, key, this.perWindow, now, this.#rate],
    );
    if (now - this.#purgedAt > this.windowMs) this.#purge(now);
    return row!.allowed ? 0 : Math.ceil((1 - Number(row!.tokens)) / this.#rate);
  }

  /** Rows untouched for a whole window are full again: the same as no row. */
  #purge(now: number): void {
    this.#purgedAt = now;
    this.db
      .query('DELETE FROM rate_limits WHERE scope = $1 AND at_ms < $2', [this.scope, now - this.windowMs])
      .catch(() => {});
  }
}

/** Shared buckets on PostgreSQL, in memory on the embedded database. */
export function rateLimiter(db: Database, scope: string, perWindow: number, windowMs: number): RateLimiter {
  return db.kind === 'postgres'
    ? new DatabaseRateLimiter(db, scope, perWindow, windowMs)
    : new MemoryRateLimiter(perWindow, windowMs);
}
