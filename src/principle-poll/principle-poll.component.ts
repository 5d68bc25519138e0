import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { formatTime } from '../core/datetime.js';
import { endpointUrl } from '../core/loader.js';
import { formatList } from '../core/messages.js';
import type { Feed, PollSettings, Principle } from '../core/schema.js';
import { checkVote } from '../core/vote-request.js';
import { CopElement } from '../shared/cop-element.js';
import { prop, reactiveState, type Properties } from '../shared/properties.js';
import { request, type Failure, type Refusal } from '../shared/request.js';
import { formStyles } from '../shared/form.styles.js';
import { widgetMessages } from '../shared/messages.js';
import { LiveResults, type Connection, type LiveTiming } from './live-results.js';
import { participant } from './participant.js';
import { poll } from './principle-poll.messages.js';
import { principlePollStyles } from './principle-poll.styles.js';
import { fingerprint, toResults, type PollResults, type ResultsOrder } from './results.js';
import { renderResults } from './results-view.js';
import type { ExportFormat } from './export.js';
import type { Presenter } from './presenter-view.js';

type Choice = number | 'skip';
/** `empty`: nothing rated; the others as the request helper says. */
type VoteFailure = 'empty' | Failure;
type Phase = 'starting' | 'open' | 'closed';
interface Done {
  replaced: boolean;
  ratings: number;
  skipped: number;
}

/** Dutch bundled with the widget; English fetched only when one of these widgets speaks it. */
const texts = widgetMessages({ poll }, () => import('./principle-poll.messages.en.js'));

type Mode = 'vote' | 'results' | 'presenter';

/** The QR code's code (and the `qr` package): a chunk of its own, for the projector view only. */
const qrChunk = () => import('./qr-code.js');
/** Downloads (the picture and table code): fetched the first time someone downloads. */
const exportChunk = () => import('./export.js');
/** The organiser's controls: only a presenter page needs them. */
const presenterChunk = () => import('./presenter-view.js');

const properties = {
  /**
   * `vote` (default): rate, then see results. `results`: the projector view for the room, 16:9,
   * no voting, with the join code. `presenter`: the organiser's controls (needs the admin token).
   */
  mode: prop<Mode>('vote', { reflect: true }),
  /** Results in the feed's order (`feed`, default) or lowest mean first (`mean`); the visitor can switch. */
  sort: prop<ResultsOrder>('feed', { reflect: true }),
  /** The voting page as phones reach it, shown by the projector view as a QR code and a link; else the feed's `poll.joinUrl`. */
  joinUrl: prop<string | undefined>(undefined, { attribute: 'join-url' }),
};

// Lit declares these properties on the class from `properties`; the interface gives them their types.
export interface CopPrinciplePoll extends Properties<typeof properties> {}

/** A poll's state before anything is known: for a new feed or mode it starts here again. */
const initialState = () => ({
  phase: 'starting' as Phase,
  choices: {} as Record<string, Choice>,
  /** `found`: this participant voted before; `unknown`: we could not ask the server. */
  previous: 'none' as 'none' | 'found' | 'unknown',
  busy: false,
  failure: undefined as VoteFailure | undefined,
  refusal: undefined as Refusal | undefined,
  done: undefined as Done | undefined,
  /** Set when the poll closed while this visitor had it open: then the closing is announced. */
  closedWhile: undefined as 'submit' | 'open' | undefined,
  results: undefined as PollResults | undefined,
  resultsFailed: false,
  exportFailed: false,
  connection: 'connecting' as Connection,
  updatedAt: undefined as number | undefined,
  announcement: '',
});

/**
 * Rates the programme's guiding principles on the poll's scale, one radio group per principle
 * with "Sla over", and shows the results live: per principle the mean, the number of ratings
 * and the distribution, the lowest N marked "aandachtspunt" (in text, and as a table for
 * screen readers). One vote per browser through a random token in localStorage; voting again
 * replaces the earlier vote until the poll closes. With `mode="results"` it is the view for the
 * projector in the room: every principle on one 16:9 screen, a QR code to join, full screen
 * with F. With `mode="presenter"` the organiser opens and closes voting, hides and reveals the
 * results and starts again. Without an endpoint in the feed it says that voting and results are
 * unavailable.
 *
 * @summary Live rating poll of guiding principles, lowest scores highlighted.
 * @tag cop-principle-poll
 *
 * @fires {CustomEvent<{ programmeId: string; pollId: string; ratings: number; skipped: number; replaced: boolean }>} cop-vote-submit - A vote was stored (`replaced` when it replaced the participant's earlier vote).
 *
 * @csspart base - The poll's outer box.
 * @csspart principle - Each principle's fieldset while voting.
 * @csspart submit - The submit button.
 * @csspart confirmation - The confirmation after voting.
 * @csspart results - The results section.
 * @csspart connection - The "live" indicator, or the message that the stream is down.
 * @csspart result - One principle's row in the results.
 * @csspart lowest - The "Aandachtspunt" label.
 * @csspart join - The projector's panel with the QR code and the link to the voting page.
 * @csspart exports - The download buttons (PNG, SVG, CSV).
 * @csspart presenter - The organiser's controls.
 *
 * @cssprop [--cop-principle-poll-bar-color=var(--cop-color-primary)] - The bar that shows a principle's mean.
 * @cssprop [--cop-principle-poll-bar-background-color=var(--cop-color-surface)] - The track behind the mean bar.
 * @cssprop [--cop-principle-poll-bar-block-size=0.75rem] - Thickness of the mean bar.
 * @cssprop [--cop-principle-poll-distribution-color=var(--cop-color-text-muted)] - The small bars per score.
 * @cssprop [--cop-principle-poll-distribution-block-size=2rem] - Height of the tallest distribution bar.
 * @cssprop [--cop-principle-poll-lowest-color=var(--cop-color-danger)] - Edge and label of an "aandachtspunt".
 * @cssprop [--cop-principle-poll-live-color=var(--cop-color-success)] - The dot of the "live" indicator.
 * @cssprop [--cop-principle-poll-projector-font-size=min(2.6cqb, 1.5cqi)] - Base font size with `mode="results"` (28 px on a 1920×1080 screen); it shrinks further when more than four rows of principles must fit.
 * @cssprop [--cop-principle-poll-projector-block-size=100vh] - Height of the projector view: the whole screen; set it to fit a box of your page.
 */
export class CopPrinciplePoll extends CopElement {
  static override styles = [...CopElement.styles, formStyles, principlePollStyles];

  protected override get t() {
    return this.messages(texts);
  }

  /**
   * How often and how patiently the widget talks to the server. Tests shorten these.
   * @internal
   */
  static timing: LiveTiming & { announceMs: number } = {
    pollMs: 10_000,
    backoffMs: 1_000,
    maxBackoffMs: 60_000,
    announceMs: 10_000,
  };

  static override properties: PropertyDeclarations = properties;

  /** What the poll shows now: internal, so neither its type nor the manifest list it. */
  #state = reactiveState(this, initialState());

  #session = new AbortController();
  #live: LiveResults | undefined;
  #token: string | undefined;
  /** A vote went out and its answer was lost: the server may hold it, so the next 200 replaces our own attempt. */
  #unanswered = false;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #lastAnnounced = 0;
  /** Closes the poll on this page at the feed's `closes`, also when nobody votes then. */
  #closeTimer: ReturnType<typeof setTimeout> | undefined;
  #qr: Awaited<ReturnType<typeof qrChunk>> | undefined;
  #presenter: Presenter | undefined;
  /** The endpoint is not the reference server's: there are no presenter routes to call. */
  #noPresenter = false;

  #reset(): void {
    Object.assign(this.#state, initialState());
    this.#unanswered = false;
  }

  get #poll(): PollSettings | undefined {
    return this.readyFeed?.poll;
  }

  /** The poll's endpoint, absolute: relative to the feed's URL, as the enrolment form does. */
  get #base(): string {
    return endpointUrl(this.#poll!.endpoint!, this.src).href.replace(/\/+$/, '');
  }

  get #resultsVisible(): boolean {
    return (
      this.mode !== 'vote' ||
      this.#poll?.showResults === 'always' ||
      this.#state.previous === 'found' ||
      Boolean(this.#state.done)
    );
  }

  /** Past the feed's `closes`: then nothing can open the poll again. */
  get #closedByDate(): boolean {
    const closes = this.#poll?.closes;
    return closes !== undefined && this.clock >= Date.parse(closes);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.#onKey);
    document.addEventListener('fullscreenchange', this.#onFullscreen);
    this.#syncLive();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.#onKey);
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    this.#live?.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('feedState') || (changed.has('mode') && changed.get('mode') !== undefined)) this.#begin();
  }

  /** The first group's chosen option, else its first: where a keyboard user would land by Tab. */
  #firstChoice = () => {
    const group = this.renderRoot.querySelector('fieldset');
    return group?.querySelector<HTMLElement>('input:checked') ?? group?.querySelector<HTMLElement>('input');
  };

  /** Starts over for a (new) feed or mode: what this participant voted, the results, live or not. */
  #begin(): void {
    this.#session.abort();
    this.#session = new AbortController();
    this.#live?.stop();
    this.#live = undefined;
    clearTimeout(this.#announceTimer);
    this.#announceTimer = undefined;
    clearTimeout(this.#closeTimer);
    this.#presenter = undefined;
    this.#reset();
    const poll = this.#poll;
    if (!poll?.endpoint) return;
    this.#live = new LiveResults({
      streamUrl: `${this.#base}/results/stream`,
      resultsUrl: `${this.#base}/results`,
      pollId: poll.id,
      timing: CopPrinciplePoll.timing,
      onResults: (results) => this.#receive(results),
      onConnection: (connection) => (this.#state.connection = connection),
    });
    if (this.mode === 'results' && !this.#qr) void this.loadChunk(qrChunk).then((chunk) => (this.#qr = chunk));
    if (this.mode === 'presenter') void this.#startPresenter(poll, this.#session.signal);
    void this.#start(poll, this.#session.signal);
  }

  async #startPresenter(poll: PollSettings, signal: AbortSignal): Promise<void> {
    const chunk = await this.loadChunk(presenterChunk);
    const base = chunk?.presenterBase(this.#base);
    if (signal.aborted) return;
    this.#noPresenter = !base;
    if (!chunk || !base) return this.requestUpdate();
    this.#presenter = new chunk.Presenter(
      base,
      poll.id,
      () => this.requestUpdate(),
      () => this.t.poll,
    );
    await this.#presenter.refresh();
  }

  async #start(poll: PollSettings, signal: AbortSignal): Promise<void> {
    const me = this.mode === 'vote' ? participant(poll.id) : undefined;
    this.#token = me?.token;
    const [results, own] = await Promise.all([
      this.#fetchJson(`${this.#base}/results`, signal),
      // A token made just now has no vote yet: no need to ask.
      me?.known ? this.#fetchJson(`${this.#base}/votes/${me.token}`, signal) : Promise.resolve({ ratings: {} }),
    ]);
    if (signal.aborted) return;
    const checked = toResults(results, poll.id);
    if (checked) this.#receive(checked);
    else this.#state.resultsFailed = true;
    const ratings = (own as { ratings?: Record<string, unknown> } | undefined)?.ratings;
    if (!ratings) this.#state.previous = 'unknown';
    else if (Object.keys(ratings).length) {
      this.#state.previous = 'found';
      // What they skipped is not stored: show it as skipped, so the form is their whole vote.
      this.#state.choices = Object.fromEntries(
        poll.principleIds.map((id) => [id, typeof ratings[id] === 'number' ? ratings[id] : 'skip']),
      );
    }
    this.#state.phase = this.#closedByDate || checked?.closed ? 'closed' : 'open';
    this.#closeOnTime(poll);
    this.#syncLive();
  }

  /**
   * At the feed's `closes` this page closes the poll by itself, as the server does at that
   * moment: a projector or a phone left open needs no vote or reload to show "gesloten".
   */
  #closeOnTime(poll: PollSettings): void {
    clearTimeout(this.#closeTimer);
    if (!poll.closes || this.#state.phase !== 'open') return;
    const wait = Date.parse(poll.closes) - this.clock;
    this.#closeTimer = setTimeout(
      () => {
        if (wait > 2 ** 31 - 1) return this.#closeOnTime(poll); // beyond setTimeout's reach: look again later
        if (this.#state.phase !== 'open' || this.#state.busy) return; // a vote under way hears it from the server
        this.#close('open');
      },
      Math.min(Math.max(0, wait), 2 ** 31 - 1),
    );
  }

  #close(while_: 'open' | 'submit'): void {
    this.#state.phase = 'closed';
    this.#state.closedWhile = while_;
    clearTimeout(this.#closeTimer);
    this.#syncLive();
    if (this.#closedByDate) void this.#loadFinal();
  }

  /** The answer's JSON, or undefined when the server cannot be reached or says no. */
  async #fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
    const outcome = await request(url);
    // An answer for a feed or mode we have left since is dropped.
    return outcome.kind === 'ok' && !signal.aborted ? outcome.body : undefined;
  }

  /**
   * Live while the poll can still change: open, or closed by the organiser (who may open it
   * again, or reveal the results). Every view follows the presenter's controls this way, a
   * voter's too. Past the feed's `closes` nothing changes any more; nothing runs while detached.
   */
  #syncLive(): void {
    const changing = this.#state.phase === 'open' || (this.#state.phase === 'closed' && !this.#closedByDate);
    if (this.isConnected && changing) this.#live?.start();
    else this.#live?.stop();
  }

  #receive(results: PollResults): void {
    const before = this.#state.results;
    this.#state.results = results;
    this.#state.updatedAt = Date.now();
    this.#state.resultsFailed = false;
    if (results.closed && this.#state.phase === 'open' && !this.#state.busy) this.#close('open');
    else if (
      !results.closed &&
      this.#state.phase === 'closed' &&
      !this.#closedByDate &&
      this.#state.closedWhile !== 'submit'
    ) {
      // The organiser opened voting again: the form comes back with the visitor's choices.
      this.#state.phase = 'open';
      this.#state.closedWhile = undefined;
      this.#closeOnTime(this.#poll!);
    }
    void this.#presenter?.refresh();
    if (before && fingerprint(before) !== fingerprint(results)) this.#announceSoon();
  }

  /**
   * Tells screen-reader users what changed, politely and at most every `announceMs`: one
   * summary for a burst of votes, not a sentence per vote.
   */
  #announceSoon(): void {
    if (this.#announceTimer) return; // the one scheduled reads the latest results
    const wait = Math.max(0, this.#lastAnnounced + CopPrinciplePoll.timing.announceMs - Date.now());
    this.#announceTimer = setTimeout(() => {
      this.#announceTimer = undefined;
      this.#lastAnnounced = Date.now();
      if (this.#state.results) this.#state.announcement = this.#summary(this.#state.results);
    }, wait);
  }

  #summary(results: PollResults): string {
    const t = this.t.poll;
    const titles = this.#titles();
    if (results.hidden) return t.announce(t.participants(results.participants), '');
    const lowest = results.principles.filter((p) => p.lowest).map((p) => titles.get(p.id) ?? p.id);
    return t.announce(t.participants(results.participants), formatList(lowest, this.language));
  }

  #titles(): Map<string, string> {
    return new Map((this.readyFeed?.principles ?? []).map((p) => [p.id, p.title]));
  }

  #choose(principleId: string, choice: Choice): void {
    this.#state.choices = { ...this.#state.choices, [principleId]: choice };
    if (this.#state.failure === 'empty') this.#state.failure = undefined;
  }

  #submit = async (event: Event) => {
    event.preventDefault();
    const feed = this.readyFeed;
    const poll = this.#poll;
    // One request at a time: a double click or an impatient Enter sends nothing more.
    if (!feed || !poll || !this.#token || this.#state.busy) return;
    this.#state.failure = undefined;
    const body = {
      participant: this.#token,
      ratings: Object.fromEntries(
        poll.principleIds.map((id) => [
          id,
          typeof this.#state.choices[id] === 'number' ? this.#state.choices[id] : null,
        ]),
      ),
    };
    // The server's own check, so what we send is what it accepts; only "nothing rated" can fail here.
    const checked = checkVote(poll, body);
    if (!checked.success) {
      this.#state.failure = 'empty';
      this.focusAfterUpdate(this.#firstChoice);
      return;
    }
    this.#state.busy = true;
    const outcome = await request(`${this.#base}/votes`, { body: checked.data });
    this.#state.busy = false;
    if (outcome.kind === 'ok') {
      const replaced = outcome.status === 200 && (this.#state.previous === 'found' || !this.#unanswered);
      const done = {
        replaced,
        ratings: checked.ratings.length,
        skipped: poll.principleIds.length - checked.ratings.length,
      };
      // Results fetched at the start (unseen until now) predate this vote: show fresh ones.
      if (!this.#resultsVisible) this.#state.results = undefined;
      void this.#refresh();
      this.#state.done = done;
      this.#state.previous = 'found';
      this.focusAfterUpdate('#done-title');
      this.emit('cop-vote-submit', { programmeId: feed.programme.id, pollId: poll.id, ...done });
      this.#syncLive();
    } else if (outcome.kind === 'refused') {
      this.#close('submit');
      void this.#loadFinal();
    } else {
      this.#state.failure = outcome.kind === 'failed' ? outcome.failure : 'server';
      this.#state.refusal = outcome.kind === 'failed' ? outcome.refusal : undefined;
      // No answer: the server may have stored the vote all the same.
      if (this.#state.failure === 'network' || this.#state.failure === 'timeout') this.#unanswered = true;
    }
  };

  /** The results now, once; false when they could not be fetched. */
  async #refresh(): Promise<boolean> {
    const signal = this.#session.signal;
    const results = toResults(await this.#fetchJson(`${this.#base}/results`, signal), this.#poll!.id);
    if (results && !signal.aborted) this.#receive(results);
    return Boolean(results);
  }

  /** A closed poll's final results, once: nothing changes any more, so no stream. */
  async #loadFinal(): Promise<void> {
    this.#state.resultsFailed = false;
    this.#state.resultsFailed = !(await this.#refresh());
  }

  #change = () => {
    this.#state.done = undefined;
    this.focusAfterUpdate(this.#firstChoice);
  };

  /** F toggles full screen in the projector view, unless someone is typing. */
  #onKey = (event: KeyboardEvent) => {
    if (
      this.mode !== 'results' ||
      event.key.toLowerCase() !== 'f' ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey ||
      event.defaultPrevented
    )
      return;
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (target?.isContentEditable || /^(input|textarea|select)$/i.test(target?.localName ?? '')) return;
    event.preventDefault();
    this.#toggleFullscreen();
  };

  #toggleFullscreen = () => {
    if (document.fullscreenElement === this) void document.exitFullscreen().catch(() => {});
    // Refused (an iframe without allow="fullscreen", a browser without it): the view stays as it is.
    else void this.requestFullscreen?.().catch(() => {});
  };

  #onFullscreen = () => this.requestUpdate();

  #export = async (format: ExportFormat) => {
    const feed = this.readyFeed;
    const presenter = this.#presenter?.results;
    // The organiser exports what they see, also before revealing; anyone else what the room sees.
    const results = presenter ? { ...presenter, hidden: false } : this.#state.results;
    if (!feed?.poll || !results || results.hidden) return;
    const chunk = await this.loadChunk(exportChunk);
    try {
      if (!chunk) throw new Error('export code not loaded');
      await chunk.downloadResults(format, this.renderRoot as ShadowRoot, {
        poll: feed.poll,
        titles: this.#titles(),
        programme: feed.programme.title,
        results,
        lang: this.language,
        at: Date.now(),
        order: this.sort,
      });
      this.#state.exportFailed = false;
    } catch {
      this.#state.exportFailed = true;
    }
  };

  protected override renderFeed(feed: Feed): TemplateResult {
    const t = this.t.poll;
    const poll = feed.poll;
    if (!poll) return this.renderEmpty(t.noPoll);
    // On a page with both a voting poll and its projector view, the regions need different names.
    const label =
      this.mode === 'results'
        ? t.projectorLabel(poll.question)
        : this.mode === 'presenter'
          ? t.presenterLabel(poll.question)
          : undefined;
    return html`<section class="poll poll--${this.mode}" part="base" aria-labelledby=${label ? nothing : 'poll-title'} aria-label=${label ?? nothing}>
      <div class="title" role="heading" aria-level=${this.headingLevel} id="poll-title" lang=${this.feedLang(feed)}>${poll.question}</div>
      ${this.#renderBody(feed, poll)}
    </section>`;
  }

  #renderBody(feed: Feed, poll: PollSettings): TemplateResult {
    const t = this.t.poll;
    if (!poll.endpoint) return html`<p class="notice">${t.unavailable}</p>`;
    if (this.#state.phase === 'starting')
      return html`<div class="state state--loading" role="status">${this.t.states.loading}</div>`;
    if (this.mode === 'presenter') return this.#renderPresenter(poll);
    const closed = this.#state.phase === 'closed';
    const notice = closed
      ? html`<p class="notice notice--closed" role=${this.#state.closedWhile ? 'alert' : nothing}>${this.#state.closedWhile === 'submit' ? t.closedOnSubmit : t.closed}</p>`
      : nothing;
    if (this.mode === 'results') {
      return html`<div class="projector__main">${notice} ${this.#renderResults(poll, closed)}</div>
        ${this.#renderJoin(poll, closed)}`;
    }
    if (closed) return html`${notice} ${this.#renderResults(poll, true)}`;
    return html`${this.#state.done ? this.#renderDone(this.#state.done) : this.#renderForm(feed, poll)} ${this.#resultsVisible ? this.#renderResults(poll, false) : nothing}`;
  }

  #renderPresenter(poll: PollSettings): TemplateResult {
    const t = this.t.poll;
    if (!this.#presenter)
      return this.#noPresenter
        ? html`<p class="notice">${t.noPresenter}</p>`
        : html`<div class="state state--loading" role="status">${this.t.states.loading}</div>`;
    return html`<div part="presenter">
      ${this.#presenter.render(t, this.headingLevel, (results) => this.#renderResults(poll, results.closed, { ...results, hidden: false }))}
    </div>`;
  }

  /** The projector's side panel: how to join (QR code and link), and full screen. */
  #renderJoin(poll: PollSettings, closed: boolean): TemplateResult {
    const t = this.t.poll;
    const url = this.joinUrl ?? poll.joinUrl;
    const short = url?.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, '');
    const full = document.fullscreenElement === this;
    return html`<aside class="projector__side" part="join" aria-label=${t.scanToVote}>
      ${
        url && !closed
          ? html`<p class="join__call">${t.scanToVote}</p>
            <div class="qr" role="img" aria-label=${t.qrLabel(url)}>${this.#qr?.qrCode(url) ?? nothing}</div>
            <p class="join__link"><span class="join__or">${t.goTo}</span> <span class="join__url">${short}</span></p>`
          : nothing
      }
      <button type="button" class="cop-button fullscreen" aria-pressed=${full ? 'true' : 'false'} @click=${this.#toggleFullscreen}>
        ${full ? t.fullscreenExit : t.fullscreen} <kbd aria-hidden="true">F</kbd>
      </button>
    </aside>`;
  }

  #renderForm(feed: Feed, poll: PollSettings): TemplateResult {
    const t = this.t.poll;
    const principles = poll.principleIds.map((id) => feed.principles!.find((p) => p.id === id)!);
    const rated = poll.principleIds.filter((id) => typeof this.#state.choices[id] === 'number').length;
    const touched = Object.keys(this.#state.choices).length > 0;
    const refusal = this.#state.refusal;
    const failureText =
      this.#state.failure &&
      {
        empty: t.noRatings,
        offline: t.voteOffline,
        timeout: t.voteTimeout,
        origin: t.originRefused(refusal?.origin ?? '', refusal?.server ?? ''),
        network: t.networkError,
        server: t.serverError,
        rateLimited: t.rateLimited,
      }[this.#state.failure];
    return html`<p class="hint">${t.scaleHelp(poll.scale.min, poll.scale.max, poll.scale.minLabel, poll.scale.maxLabel)}</p>
      ${this.#state.previous === 'found' ? html`<p class="notice">${t.previousVote}</p>` : this.#state.previous === 'unknown' ? html`<p class="notice">${t.previousUnknown}</p>` : nothing}
      <form novalidate @submit=${this.#submit}>
        ${principles.map((principle) => this.#renderPrinciple(principle, poll))}
        ${touched ? html`<p class="hint progress">${t.progress(rated, principles.length)}</p>` : nothing}
        ${failureText ? html`<p class="error" role="alert">${failureText}</p>` : nothing}
        <button class="cop-button submit" part="submit" type="submit" aria-disabled=${this.#state.busy ? 'true' : 'false'}>
          ${this.#state.busy ? t.busy : this.#state.failure && this.#state.failure !== 'empty' ? t.retry : this.#state.previous === 'found' ? t.submitChange : t.submit}
        </button>
        <p class="visually-hidden" role="status">${this.#state.busy ? t.busy : ''}</p>
      </form>`;
  }
  #renderPrinciple(principle: Principle, poll: PollSettings): TemplateResult {
    const { min, max, minLabel, maxLabel } = poll.scale;
    const id = principle.id;
    const choice = this.#state.choices[id];
    const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    const option = (value: Choice, label: TemplateResult | string, extra = '') =>
      html`<label class="option ${extra}">
        <input type="radio" name="rating-${id}" value=${value} .checked=${choice === value} @change=${() => this.#choose(id, value)} />
        <span>${label}</span>
      </label>`;
    return html`<fieldset part="principle" aria-describedby=${principle.description ? `desc-${id}` : nothing}>
      <legend lang=${this.feedLang(this.readyFeed!)}>${principle.title}</legend>
      ${principle.description ? html`<p class="hint" id="desc-${id}" lang=${this.feedLang(this.readyFeed!)}>${principle.description}</p>` : nothing}
      <div class="scale">
        ${values.map((v) =>
          // The end labels are part of the end options' names; the visible ones below are for the eye.
          option(
            v,
            html`${v}${v === min ? html`<span class="visually-hidden"> (${minLabel})</span>` : v === max ? html`<span class="visually-hidden"> (${maxLabel})</span>` : nothing}`,
          ),
        )}
      </div>
      <div class="ends" aria-hidden="true"><span>${minLabel}</span><span>${maxLabel}</span></div>
      ${option('skip', this.t.poll.skip, 'option--skip')}
    </fieldset>`;
  }

  #renderDone(done: Done): TemplateResult {
    const t = this.t.poll;
    return html`<div class="confirmation" part="confirmation">
      <div class="subtitle" role="heading" aria-level=${this.headingLevel + 1} id="done-title" tabindex="-1">${done.replaced ? t.replacedTitle : t.storedTitle}</div>
      <p>${t.storedText(done.ratings, done.skipped)}</p>
      <button type="button" class="link-button" @click=${this.#change}>${t.change}</button>
    </div>`;
  }

  #renderResults(poll: PollSettings, final: boolean, results = this.#state.results): TemplateResult {
    const projector = this.mode === 'results';
    return renderResults({
      poll,
      results,
      final,
      failed: this.#state.resultsFailed,
      projector,
      // A region of their own under the voting controls; in the projector view they are the whole widget.
      region: !projector,
      titles: this.#titles(),
      feedLang: this.feedLang(this.readyFeed!),
      order: this.sort,
      headingLevel: this.headingLevel,
      announcement: this.#state.announcement,
      connection: final && this.mode !== 'presenter' ? nothing : this.#renderConnection(),
      exports: (final && !projector) || this.mode === 'presenter' ? this.#renderExports() : nothing,
      t: this.t,
      lang: this.language,
      onToggleOrder: () => (this.sort = this.sort === 'mean' ? 'feed' : 'mean'),
      onRetry: () => void this.#loadFinal(),
    });
  }

  #renderExports(): TemplateResult {
    const t = this.t.poll;
    const button = (format: ExportFormat, label: string) =>
      html`<button type="button" class="cop-button cop-button--secondary" @click=${() => void this.#export(format)}>${label}</button>`;
    return html`<div class="exports" part="exports" role="group" aria-labelledby="exports-title">
      <span class="exports__title" id="exports-title">${t.exportTitle}</span>
      ${button('png', t.exportPng)} ${button('svg', t.exportSvg)} ${button('csv', t.exportCsv)}
      ${this.#state.exportFailed ? html`<p class="error" role="alert">${t.exportFailed}</p>` : nothing}
    </div>`;
  }

  #renderConnection(): TemplateResult {
    const t = this.t.poll;
    const text = {
      connecting: t.connecting,
      live: t.live,
      polling: t.polling(Math.max(1, Math.round(CopPrinciplePoll.timing.pollMs / 1000))),
      offline: this.#state.updatedAt ? t.offline(formatTime(this.#state.updatedAt, this.language)) : t.offlineNoResults,
    }[this.#state.connection];
    return html`<p class="connection connection--${this.#state.connection}" part="connection" role="status">${text}</p>`;
  }
}
