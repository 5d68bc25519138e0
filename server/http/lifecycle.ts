/**
 * What a graceful stop needs to know about requests: how many are being worked on, which
 * result streams are open (and from where, to cap them per address), and whether the server
 * is stopping. A stopping server still answers what reaches it on an open connection, with
 * `Connection: close` so the client moves on; once the database is about to close, it answers
 * 503 with `Retry-After` instead.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { ERRORS, tryLater } from './errors.js';

export type StopPhase = 'running' | 'draining' | 'closing';

export class Lifecycle {
  phase: StopPhase = 'running';
  #inFlight = 0;
  #idle: (() => void)[] = [];
  readonly #streams = new Map<() => void, string>();
  readonly #streamsPerClient = new Map<string, number>();

  constructor(readonly maxStreamsPerClient: number) {}

  /** Counts requests in their handlers; while stopping, each answer closes its connection. */
  readonly track: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (this.phase === 'closing') {
      c.header('Connection', 'close');
      return tryLater(c, 503, 'stopping', ERRORS.stopping, 2_000);
    }
    this.#inFlight += 1;
    try {
      await next();
    } finally {
      this.#inFlight -= 1;
      if (this.phase !== 'running') c.res.headers.set('Connection', 'close');
      if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
    }
  };

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves once no request is in a handler. */
  idle(): Promise<void> {
    return this.#inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  /**
   * Registers an open stream from `client`, with the function that ends it; returns the
   * function to call when it ends, or undefined when the client has too many open already.
   */
  openStream(client: string, end: () => void): (() => void) | undefined {
    const open = this.#streamsPerClient.get(client) ?? 0;
    if (open >= this.maxStreamsPerClient) return undefined;
    this.#streamsPerClient.set(client, open + 1);
    this.#streams.set(end, client);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#streams.delete(end);
      const left = (this.#streamsPerClient.get(client) ?? 1) - 1;
      if (left > 0) this.#streamsPerClient.set(client, left);
      else this.#streamsPerClient.delete(client);
    };
  }

  get openStreams(): number {
    return this.#streams.size;
  }

  /** Ends every open stream (each tells its listener to reconnect first). */
  endStreams(): void {
    for (const end of [...this.#streams.keys()]) end();
  }
}
