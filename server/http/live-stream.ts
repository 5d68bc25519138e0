/**
 * A live value as Server-Sent Events: the value now, then every change, with a keep-alive
 * comment every 15 s (proxies close idle streams). Capped per client address; a stopping server
 * ends each stream with a `reconnect` event so listeners move on (to another instance, or to
 * this one restarted).
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from './env.js';
import { ERRORS, loggedPath, tryLater } from './errors.js';
import type { Lifecycle } from './lifecycle.js';

const KEEP_ALIVE_MS = 15_000;

export function liveStream<T>(
  c: Context<AppEnv>,
  lifecycle: Lifecycle,
  options: {
    /** The SSE event name, e.g. `results`. */
    event: string;
    subscribe: (send: (value: T) => void) => () => void;
    /** The value when the listener arrives. */
    first: () => Promise<T>;
  },
): Response | Promise<Response> {
  let end = () => {};
  const release = lifecycle.openStream(c.get('client'), () => end());
  if (!release) return tryLater(c, 429, 'too-many-streams', ERRORS.tooManyStreams, 10_000);
  c.header('Cache-Control', 'no-store');
  c.header('X-Accel-Buffering', 'no'); // nginx: do not hold events back
  return streamSSE(c, async (stream) => {
    let id = 0;
    const unsubscribe = options.subscribe(
      (value) =>
        void stream.writeSSE({ event: options.event, id: String(++id), data: JSON.stringify(value) }).catch(() => {}),
    );
    let ended = false;
    let wake = () => {};
    end = () => {
      ended = true;
      wake();
    };
    stream.onAbort(() => wake());
    try {
      await stream.writeSSE({
        event: options.event,
        id: String(++id),
        data: JSON.stringify(await options.first()),
        retry: 2000,
      });
      while (!ended && !stream.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, KEEP_ALIVE_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (!ended && !stream.aborted) await stream.write(': keep-alive\n\n').catch(() => {});
      }
      if (ended) await stream.writeSSE({ event: 'reconnect', data: '{}', retry: 1000 }).catch(() => {});
    } catch (failure) {
      // Database unreachable: end the stream; the widget polls and reconnects with backoff.
      console.error(`GET ${loggedPath(c.req.path)} failed: ${(failure as Error).name}`);
    } finally {
      unsubscribe();
      release();
    }
  });
}
