import { reconnectDelay } from '../shared/reconnect-delay.js';
import { toResults, type PollResults } from './results.js';

/** How the widget gets its results now; the widget says so next to them. */
export type Connection = 'connecting' | 'live' | 'polling' | 'offline';

export interface LiveTiming {
  /** Fetch `/results` this often while the stream is down. */
  pollMs: number;
  /** First wait before reconnecting the stream; doubles per failure up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export interface LiveOptions {
  streamUrl: string;
  resultsUrl: string;
  pollId: string;
  timing: LiveTiming;
  onResults: (results: PollResults) => void;
  onConnection: (connection: Connection) => void;
}

/**
 * Live results over Server-Sent Events, with our own reconnect: EventSource's built-in retry
 * hammers a struggling server at a fixed pace, so on any error we close it, fetch `/results`
 * every `pollMs` meanwhile, and try the stream again after 1, 2, 4 … s (with jitter, so a
 * room full of phones does not reconnect in step). The first message on a new stream means
 * live again: polling stops and the backoff starts over.
 */
export class LiveResults {
  readonly #options: LiveOptions;
  #source: EventSource | undefined;
  #failures = 0;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever polling stops, so a fetch still under way cannot start a second loop. */
  #pollRun = 0;
  #polling = false;
  #stopped = true;

  constructor(options: LiveOptions) {
    this.#options = options;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#options.onConnection('connecting');
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    this.#source?.close();
    this.#source = undefined;
    clearTimeout(this.#retryTimer);
    this.#stopPolling();
  }

  #connect(): void {
    // Looked up on every call, not imported: tests (and old browsers' polyfills) replace it.
    const source = new window.EventSource(this.#options.streamUrl);
    this.#source = source;
    source.addEventListener('results', (event) => {
      if (this.#source !== source) return;
      const results = this.#parse((event as MessageEvent<string>).data);
      if (!results) return;
      this.#failures = 0;
      this.#stopPolling();
      this.#options.onConnection('live');
      this.#options.onResults(results);
    });
    source.addEventListener('error', () => {
      if (this.#source !== source) return;
      source.close();
      this.#source = undefined;
      this.#fallBack();
    });
  }

  #fallBack(): void {
    if (this.#stopped) return;
    if (!this.#polling) {
      this.#polling = true;
      void this.#poll(++this.#pollRun);
    }
    const { backoffMs, maxBackoffMs } = this.#options.timing;
    const delay = reconnectDelay(this.#failures, backoffMs, maxBackoffMs);
    this.#failures += 1;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => !this.#stopped && this.#connect(), delay);
  }

  async #poll(run: number): Promise<void> {
    let results: PollResults | undefined;
    try {
      const response = await fetch(this.#options.resultsUrl, {
        cache: 'no-store',
        credentials: 'omit',
        signal: AbortSignal.timeout(this.#options.timing.pollMs),
      });
      results = response.ok ? this.#parse(await response.text()) : undefined;
    } catch {
      results = undefined;
    }
    if (run !== this.#pollRun) return; // the stream came back meanwhile, or we were stopped
    this.#options.onConnection(results ? 'polling' : 'offline');
    if (results) this.#options.onResults(results);
    this.#pollTimer = setTimeout(() => void this.#poll(run), this.#options.timing.pollMs);
  }

  #stopPolling(): void {
    this.#pollRun += 1;
    this.#polling = false;
    clearTimeout(this.#pollTimer);
  }

  #parse(text: string): PollResults | undefined {
    try {
      return toResults(JSON.parse(text), this.#options.pollId);
    } catch {
      return undefined;
    }
  }
}
