/**
 * Fans a live value out to every listener of this process: poll results, a programme's places.
 * Whichever process changed it, its NOTIFY on `channel` (payload: the id) reaches all; each
 * process then computes the value once for all its listeners, at most every `intervalMs`, so a
 * burst of changes costs a few queries, not one per change per listener.
 */
import type { Database } from './db.js';

type Listener<T> = (value: T) => void;

export class LiveHub<T> {
  readonly #listeners = new Map<string, Set<Listener<T>>>();
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();
  #stop: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Database,
    private readonly channel: string,
    /** The value for an id now, or undefined when there is none (an unknown id). */
    readonly compute: (id: string) => Promise<T | undefined>,
    private readonly intervalMs = 100,
  ) {}

  async start(): Promise<void> {
    this.#stop = await this.db.listen(this.channel, (id) => {
      // undefined: the connection was restored and messages may be lost; refresh every id.
      for (const each of id === undefined ? this.#listeners.keys() : [id]) this.#schedule(each);
    });
  }

  async stop(): Promise<void> {
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    await this.#stop?.();
  }

  subscribe(id: string, listener: Listener<T>): () => void {
    let set = this.#listeners.get(id);
    if (!set) this.#listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      // Only this set: a later wave of listeners may already have a new one under the same id.
      if (set.size === 0 && this.#listeners.get(id) === set) this.#listeners.delete(id);
    };
  }

  get listeners(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  /** Sends the value for `id` to its listeners again, as a NOTIFY would (after a change nobody notified). */
  refresh(id: string): void {
    this.#schedule(id);
  }

  #schedule(id: string): void {
    if (!this.#listeners.has(id) || this.#pending.has(id)) return;
    this.#pending.set(
      id,
      setTimeout(() => {
        this.#pending.delete(id);
        this.compute(id).then(
          (latest) => latest !== undefined && this.#listeners.get(id)?.forEach((send) => send(latest)),
          (error: Error) => console.error(`${this.channel} for ${id} failed: ${error.message}`),
        );
      }, this.intervalMs),
    );
  }
}
