/**
 * Places left, live. A feed from the reference server says where its availability streams
 * (`availability.stream`); every calendar and form on the page that shows that programme follows
 * one Server-Sent Events connection per programme, and an enrolment made on the page updates
 * them at once (`publishAvailability`), whatever the feed's HTTP cache still holds.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { endpointUrl } from '../core/loader.js';
import { AvailabilitySchema, type Availability, type Feed } from '../core/schema.js';
import { reconnectDelay } from './reconnect-delay.js';

type Listener = (availability: Availability) => void;

interface Channel {
  url: string;
  latest?: Availability;
  listeners: Set<Listener>;
  source?: EventSource;
  retry?: ReturnType<typeof setTimeout>;
  failures: number;
}

/** One per programme on the page. */
const channels = new Map<string, Channel>();

const isNewer = (candidate: Availability, than: Availability | undefined) =>
  !than || Date.parse(candidate.updatedAt) >= Date.parse(than.updatedAt);

function deliver(channel: Channel, availability: Availability): void {
  if (!isNewer(availability, channel.latest)) return;
  channel.latest = availability;
  for (const listener of channel.listeners) listener(availability);
}

/** Tells every widget of the programme on this page about places that changed (after an enrolment here). */
export function publishAvailability(programmeId: string, availability: Availability): void {
  const channel = channels.get(programmeId);
  if (channel) deliver(channel, availability);
  else channels.set(programmeId, { url: '', latest: availability, listeners: new Set(), failures: 0 });
}

function connect(channel: Channel): void {
  // Looked up on every call, not imported: tests (and old browsers' polyfills) replace it.
  const source = new window.EventSource(channel.url);
  channel.source = source;
  source.addEventListener('availability', (event) => {
    try {
      const parsed = AvailabilitySchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      channel.failures = 0;
      deliver(channel, parsed.data);
    } catch {
      // A broken message is skipped; the next one says the same, newer.
    }
  });
  // On any error: close, and try again after 1, 2, 4 … 30 s (EventSource's own retry would keep a
  // struggling server busy at a fixed pace). The counts on screen stay as they were meanwhile.
  source.addEventListener('error', () => {
    if (channel.source !== source) return;
    source.close();
    channel.source = undefined;
    const delay = reconnectDelay(channel.failures, 1_000, 30_000);
    channel.failures += 1;
    channel.retry = setTimeout(() => channel.listeners.size && connect(channel), delay);
  });
}

/** Follows a programme's availability; the returned function stops following. */
function follow(programmeId: string, url: string, listener: Listener): () => void {
  let channel = channels.get(programmeId);
  if (!channel) channels.set(programmeId, (channel = { url, listeners: new Set(), failures: 0 }));
  channel.url ||= url;
  channel.listeners.add(listener);
  if (!channel.source && !channel.retry) connect(channel);
  const current = channel;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size) return;
    current.source?.close();
    current.source = undefined;
    clearTimeout(current.retry);
    current.retry = undefined;
  };
}

/**
 * For a widget that shows places: keeps its feed's availability up to date while it is on the
 * page. `feed()` is the feed as loaded; `apply(feed)` is that feed with the newest availability.
 */
export class LiveAvailability implements ReactiveController {
  #latest: Availability | undefined;
  #following: string | undefined;
  #stop: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly feed: () => Feed | undefined,
    private readonly src: () => string | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const feed = this.feed();
    const stream = feed?.availability?.stream;
    const key = feed && stream ? `${feed.programme.id} ${endpointUrl(stream, this.src()).href}` : undefined;
    if (key === this.#following) return;
    this.#stop?.();
    this.#following = key;
    this.#latest = undefined;
    this.#stop =
      feed && stream
        ? follow(feed.programme.id, endpointUrl(stream, this.src()).href, (availability) => {
            this.#latest = availability;
            this.host.requestUpdate();
          })
        : undefined;
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#following = undefined;
  }

  /** The feed with the newest availability known on this page. */
  apply(feed: Feed): Feed {
    const latest = this.#latest ?? channels.get(feed.programme.id)?.latest;
    return latest && feed.availability && isNewer(latest, feed.availability) && latest !== feed.availability
      ? { ...feed, availability: latest }
      : feed;
  }
}
