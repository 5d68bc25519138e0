/**
 * A token bucket per client address: `perWindow` requests, refilled evenly over `windowMs`.
 * Kept in memory: each server process limits its own share, which is what a rate limit needs.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
  ) {}

  /** Takes a token for `key`; returns 0 when allowed, else how many ms until the next token. */
  take(key: string, now: number): number {
    const rate = this.perWindow / this.windowMs;
    const bucket = this.#buckets.get(key) ?? { tokens: this.perWindow, at: now };
    bucket.tokens = Math.min(this.perWindow, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    if (this.#buckets.size > 50_000) this.#forgetFull(now);
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / rate);
  }

  /** Drops buckets that have refilled, so many one-off addresses cannot grow memory for ever. */
  #forgetFull(now: number): void {
    for (const [key, bucket] of this.#buckets) if (bucket.tokens + (now - bucket.at) * (this.perWindow / this.windowMs) >= this.perWindow) this.#buckets.delete(key);
  }
}
