import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { FeedError } from '../core/errors.js';
import { formatPath, issueText } from '../core/issues.js';
import { loadFeed, clearFeedCache } from '../core/loader.js';
import { parseFeed } from '../core/parse.js';
import type { Feed, FeedInput } from '../core/schema.js';
import type { CopEventDetails, CopEventName } from './events.js';
import { messages, toLang, type Lang, type SharedMessages } from '../core/messages.js';
import { resolveLang, type WidgetMessages } from './messages.js';
import { prop, setDefaults, type Properties } from './properties.js';
import { stateStyles } from './states.styles.js';
import { themeStyles } from './theme.styles.js';
import { VERSION } from './version.js';

export type FeedState =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; feed: Feed } | { status: 'error'; error: FeedError };

/** Built outside the class so the manifest analyzer does not list a generic event named "type". */
const copEvent = <K extends CopEventName>(type: K, detail: CopEventDetails[K]) =>
  new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: true });

/** Feed errors shown in full; the rest are counted, so a broken feed never floods the page. */
const MAX_ISSUES_SHOWN = 10;

/** Every widget's properties (each widget adds its own, declared the same way: src/shared/properties.ts). */
const properties = {
  /** URL of the programme's JSON feed (absolute, or relative to the page). */
  src: prop<string | undefined>(undefined),
  /** The feed as an object, instead of `src`; it is validated like a loaded one. */
  feed: prop<FeedInput | undefined>(undefined, { attribute: false }),
  /** `nl` (default) or `en`; without it, the nearest `lang` attribute of the page decides. */
  lang: prop<string>(undefined, { reflect: true }),
  /** Level of the widget's top headings (2 by default), to fit the page's outline; those inside are one deeper. */
  headingLevel: prop(2, { type: Number, attribute: 'heading-level' }),
  /** The moment that counts as now (ms since 1970); defaults to the clock. For previews and tests. */
  now: prop<number | undefined>(undefined, { attribute: false }),
  /** Where loading the feed stands; read it to know what the widget shows. */
  feedState: prop<FeedState>({ status: 'idle' }, { state: true }),
};

// Lit declares these properties on the class from `properties`; the interface gives them their types.
export interface CopElement extends Properties<typeof properties> {}

/**
 * The base of every cop-widgets element: feed loading and its states, language, typed events
 * and safe registration. A widget implements `renderFeed(feed)`; loading, error and "no feed"
 * are rendered here, the same way in every widget.
 *
 * @cssprop [--cop-font-family=system-ui, sans-serif] - Font of all text.
 * @cssprop [--cop-font-size=1rem] - Base font size; everything else scales with it.
 * @cssprop [--cop-line-height=1.5] - Line height of running text.
 * @cssprop [--cop-heading-font-family=var(--cop-font-family)] - Font of the widgets' headings; set it to your page's heading font.
 * @cssprop [--cop-heading-font-weight=700] - Weight of the widgets' headings.
 * @cssprop [--cop-heading-color=inherit] - Colour of the widgets' headings (by default the text colour).
 * @cssprop [--cop-heading-line-height=1.25] - Line height of the widgets' headings.
 * @cssprop [--cop-heading-font-size-l=1.25em] - A widget's top headings (the form's title, the poll's question, a month in the calendar, the map's panel); by default no bigger than a page's section heading.
 * @cssprop [--cop-heading-font-size-m=1.125em] - Headings one level down (a session's title, a day in the month grid, the poll's results).
 * @cssprop [--cop-heading-font-size-s=1em] - The smallest headings (a session's title in the calendar's compact rows).
 * @cssprop [--cop-color-text=#1b1b1b] - Text colour (dark scheme: #f2f2f2).
 * @cssprop [--cop-color-text-muted=#575757] - Secondary text, e.g. past sessions; 7:1 on white (dark scheme: #c4c4c4).
 * @cssprop [--cop-color-background=#ffffff] - Background of inputs and panels (dark scheme: #1b1b1b).
 * @cssprop [--cop-color-surface=#f3f3f3] - Background of cards and states (dark scheme: #2a2a2a).
 * @cssprop [--cop-color-border=#767676] - Borders of inputs and cards; 4.5:1 on white (dark scheme: #9a9a9a).
 * @cssprop [--cop-color-primary=#01689b] - Buttons, links and highlights (dark scheme: #8fcdf0).
 * @cssprop [--cop-color-primary-contrast=#ffffff] - Text on the primary colour (dark scheme: #1b1b1b).
 * @cssprop [--cop-color-danger=#b01c1c] - Errors and cancelled sessions (dark scheme: #ff9c9c).
 * @cssprop [--cop-color-success=#2b6e2f] - Confirmations (dark scheme: #8fd694).
 * @cssprop [--cop-color-focus=#1b1b1b] - Focus ring (dark scheme: #ffffff).
 * @cssprop [--cop-color-focus-halo=#ffdd00] - Halo around the focus ring, visible on dark backgrounds (dark scheme: #1b1b1b).
 * @cssprop [--cop-radius=0.25rem] - Corner radius.
 * @cssprop [--cop-space-xs=0.25rem] - Smallest spacing.
 * @cssprop [--cop-space-s=0.5rem] - Small spacing.
 * @cssprop [--cop-space-m=1rem] - Medium spacing.
 * @cssprop [--cop-space-l=1.5rem] - Large spacing.
 * @cssprop [--cop-space-xl=2.5rem] - Largest spacing.
 * @cssprop [--cop-state-min-block-size=6rem] - Height reserved while loading, so the page does not jump.
 *
 * @fires {CustomEvent<{ error: FeedError; src?: string }>} cop-feed-error - The feed could not be loaded or is invalid.
 */
export class CopElement extends LitElement {
  /** The version of cop-widgets this class belongs to. */
  static version = VERSION;

  static override styles = [themeStyles, stateStyles];

  static override properties: PropertyDeclarations = properties;

  #loading: AbortController | undefined;
  /** Set while this widget's English texts are being fetched. */
  #messagesLoading: Promise<void> | undefined;
  /** Set while a chunk the widget asked for on the way (calendar files …) is being fetched. */
  #chunkLoading: Promise<unknown> | undefined;

  constructor() {
    super();
    setDefaults(this);
  }

  /**
   * The `lang` to put on text from the feed: the feed's language when the widget speaks another,
   * so a screen reader reads Dutch titles as Dutch inside an English widget (WCAG 3.1.2); else none.
   */
  protected feedLang(feed: Feed): string | typeof nothing {
    return feed.language.split('-')[0]!.toLowerCase() === this.language ? nothing : feed.language;
  }

  /** Now, in ms since 1970: `now` when set, else the clock. */
  protected get clock(): number {
    return this.now ?? Date.now();
  }

  /**
   * The feed once it is loaded and valid; undefined while loading, on an error or without one.
   * (The calendar and the form give it the newest places left: see live-availability.ts.)
   */
  protected get readyFeed(): Feed | undefined {
    return this.feedState.status === 'ready' ? this.feedState.feed : undefined;
  }

  /**
   * Moves focus after the coming render, to what `target` names: a selector in the shadow root,
   * or a function that finds the element then (after a hand-off, a submit or a confirmation).
   */
  protected focusAfterUpdate(target: string | (() => HTMLElement | null | undefined)): void {
    this.requestUpdate();
    const find = typeof target === 'string' ? () => this.renderRoot.querySelector<HTMLElement>(target) : target;
    void this.updateComplete.then(() => find()?.focus());
  }

  /**
   * Registers `tag` for this class, unless the tag is taken: then it warns and leaves the
   * existing element alone (two copies of the bundle on one page must never throw).
   */
  static define(this: CustomElementConstructor & { version: string }, tag: string): void {
    const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
    if (existing) {
      if (existing !== this) {
        console.warn(
          `cop-widgets ${this.version}: <${tag}> is already defined by version ${existing.version ?? 'unknown'}; keeping that one.`,
        );
      }
      return;
    }
    try {
      customElements.define(tag, this);
    } catch (error) {
      console.warn(`cop-widgets ${this.version}: <${tag}> could not be registered.`, error);
    }
  }

  /**
   * The language this widget speaks now. Its own `lang` property counts first: Lit renders
   * before it reflects the property to the attribute that `resolveLang` reads.
   */
  get language(): Lang {
    return this.lang ? toLang(this.lang) : resolveLang(this);
  }

  /**
   * This widget's texts in its language: the shared ones. A widget with texts of its own
   * overrides this with `return this.messages(ownMessages)`.
   */
  protected get t(): SharedMessages {
    return messages(this.language);
  }

  /**
   * The shared texts plus a widget's own, in its language. The first time a widget on the page
   * speaks English, its English is fetched: until it arrives this returns Dutch, `render()` shows
   * an empty loading box instead (no flash of Dutch), and `updateComplete` waits for it.
   */
  protected messages<Own extends object>(own: WidgetMessages<Own>): SharedMessages & Own {
    const lang = this.language;
    const texts = own.get(lang);
    if (texts) return texts;
    this.#messagesLoading ??= own.load(lang).then(() => {
      this.#messagesLoading = undefined;
      this.requestUpdate();
    });
    return own.nl;
  }

  /**
   * Fetches code the widget needs only now and then (a chunk of its own), renders again once it
   * is in, and lets `updateComplete` wait for it meanwhile. Undefined when it could not be
   * fetched (offline): the widget says so in the console and carries on without it.
   */
  protected loadChunk<T>(load: () => Promise<T>): Promise<T | undefined> {
    const chunk = load().catch((error: unknown) => {
      console.warn('cop-widgets: a part of this widget could not be loaded.', error);
      return undefined;
    });
    const done: Promise<void> = chunk.then(() => {
      if (this.#chunkLoading === done) this.#chunkLoading = undefined;
      this.requestUpdate();
    });
    this.#chunkLoading = done;
    return chunk;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#messagesLoading || this.#chunkLoading) {
      await (this.#messagesLoading ?? this.#chunkLoading);
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /** Fires one of our events: bubbles out of the shadow root, so the host page can listen anywhere. */
  protected emit<K extends CopEventName>(type: K, detail: CopEventDetails[K]): boolean {
    return this.dispatchEvent(copEvent(type, detail));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected after a move in the DOM: finish what was cancelled on disconnect.
    if (this.feedState.status === 'loading' && !this.#loading) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loading?.abort();
    this.#loading = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') || changed.has('feed')) void this.#load();
  }

  async #load(): Promise<void> {
    this.#loading?.abort();
    this.#loading = undefined;
    if (this.feed !== undefined) {
      this.#settle(() => parseFeed(this.feed));
      return;
    }
    if (!this.src) {
      this.feedState = { status: 'idle' };
      return;
    }
    const controller = new AbortController();
    this.#loading = controller;
    this.feedState = { status: 'loading' };
    const src = this.src;
    try {
      const feed = await loadFeed(src, { signal: controller.signal });
      if (this.#loading === controller) this.#settle(() => feed);
    } catch (error) {
      if (this.#loading === controller)
        this.#settle(() => {
          throw error;
        });
    } finally {
      if (this.#loading === controller) this.#loading = undefined;
    }
  }

  #settle(getFeed: () => Feed): void {
    try {
      this.feedState = { status: 'ready', feed: getFeed() };
    } catch (cause) {
      const error = cause instanceof FeedError ? cause : new FeedError('json', { url: this.src, cause });
      this.feedState = { status: 'error', error };
      this.emit('cop-feed-error', { error, src: this.src });
    }
  }

  /** Loads the feed again, bypassing the page's shared copy (after a network error, say). */
  reload(): void {
    if (this.src) clearFeedCache(this.src);
    void this.#load();
  }

  /** What the widget shows once its feed is loaded and valid. */
  protected renderFeed(_feed: Feed): TemplateResult | typeof nothing {
    return nothing;
  }

  override render(): TemplateResult | typeof nothing {
    // Reading the texts starts fetching English if this widget needs it and it is not here yet.
    const t = this.t;
    if (this.#messagesLoading) return html`<div class="state state--loading" part="state" aria-busy="true"></div>`;
    const state = this.feedState;
    switch (state.status) {
      case 'ready':
        return this.renderFeed(this.readyFeed!);
      case 'loading':
        return html`<div class="state state--loading" role="status" part="state">${t.states.loading}</div>`;
      case 'error':
        return this.renderError(state.error);
      case 'idle':
        return html`<div class="state state--error" role="alert" part="state">${t.states.noFeed}</div>`;
    }
  }

  /** A readable error with the reason and, for a schema error, each field that is wrong. */
  protected renderError(error: FeedError): TemplateResult {
    const [headline] = error.describe(this.language);
    const shown = error.issues.slice(0, MAX_ISSUES_SHOWN);
    const more = error.issues.length - shown.length;
    const canRetry = error.kind !== 'schema' && error.kind !== 'json' && Boolean(this.src);
    return html`<div class="state state--error" role="alert" part="state error">
      <p class="state__title">${this.t.states.errorTitle}</p>
      <p>${headline}</p>
      ${
        shown.length
          ? html`<ul class="state__list">
            ${shown.map((issue) => html`<li><code>${formatPath(issue.path)}</code> ${issueText(issue, this.language)}</li>`)}
            ${more > 0 ? html`<li>${this.t.states.more(more)}</li>` : nothing}
          </ul>`
          : nothing
      }
      ${canRetry ? html`<button class="cop-button" type="button" @click=${() => this.reload()}>${this.t.states.retry}</button>` : nothing}
    </div>`;
  }

  /** A friendly "nothing to show" box for widgets whose feed has no content for them. */
  protected renderEmpty(message = this.t.states.empty): TemplateResult {
    return html`<div class="state" role="status" part="state">${message}</div>`;
  }
}
