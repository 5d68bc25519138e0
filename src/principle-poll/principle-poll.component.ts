import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { endpointUrl } from '../feed/loader.js';
import type { Feed, PollSettings, Principle } from '../feed/schema.js';
import { checkVote } from '../feed/vote-request.js';
import { CopElement } from '../shared/cop-element.js';
import { cssProperties } from '../shared/css-properties.js';
import { formStyles } from '../shared/form.styles.js';
import { formatTime } from '../shared/datetime.js';
import { pollMessages } from '../shared/i18n/poll.js';
import { LiveResults, type Connection, type LiveTiming } from './live-results.js';
import { participant } from './participant.js';
import { principlePollStyles } from './principle-poll.styles.js';
import { fingerprint, ordered, toResults, type PollResults, type ResultsOrder } from './results.js';

/** Gives up on the server after this long, and says so, rather than leaving a spinner. */
const REQUEST_TIMEOUT_MS = 20_000;

type Choice = number | 'skip';
type Failure = 'empty' | 'network' | 'server' | 'rateLimited';
type Phase = 'starting' | 'open' | 'closed';
interface Done {
  replaced: boolean;
  ratings: number;
  skipped: number;
}

const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const;

/**
 * Rates the programme's guiding principles on the poll's scale, one radio group per principle
 * with "Sla over", and shows the results live: per principle the mean, the number of ratings
 * and the distribution, the lowest N marked "aandachtspunt" (in text, and as a table for
 * screen readers). One vote per browser through a random token in localStorage; voting again
 * replaces the earlier vote until the poll closes. With `mode="results"` it is a large,
 * high-contrast view for the projector in the room. Without an endpoint in the feed it says
 * that voting and results are unavailable.
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
 *
 * @cssprop [--cop-principle-poll-bar-color=var(--cop-color-primary)] - The bar that shows a principle's mean.
 * @cssprop [--cop-principle-poll-bar-background-color=var(--cop-color-surface)] - The track behind the mean bar.
 * @cssprop [--cop-principle-poll-bar-block-size=0.75rem] - Thickness of the mean bar.
 * @cssprop [--cop-principle-poll-distribution-color=var(--cop-color-text-muted)] - The small bars per score.
 * @cssprop [--cop-principle-poll-distribution-block-size=2rem] - Height of the tallest distribution bar.
 * @cssprop [--cop-principle-poll-lowest-color=var(--cop-color-danger)] - Edge and label of an "aandachtspunt".
 * @cssprop [--cop-principle-poll-live-color=var(--cop-color-success)] - The dot of the "live" indicator.
 * @cssprop [--cop-principle-poll-projector-font-size=clamp(1.25rem, 2.4vw, 2.5rem)] - Base font size with `mode="results"`.
 */
export class CopPrinciplePoll extends CopElement {
  static override styles = [...CopElement.styles, formStyles, principlePollStyles];

  protected override get t() {
    return this.messages(pollMessages);
  }

  /**
   * How often and how patiently the widget talks to the server. Tests shorten these.
   * @internal
   */
  static timing: LiveTiming & { announceMs: number } = { pollMs: 10_000, backoffMs: 1_000, maxBackoffMs: 60_000, announceMs: 10_000 };

  static override properties: PropertyDeclarations = {
    mode: { type: String, reflect: true },
    sort: { type: String, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    now: { attribute: false },
    phase: { state: true, attribute: false },
    choices: { state: true, attribute: false },
    previous: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    failure: { state: true, attribute: false },
    done: { state: true, attribute: false },
    closedWhile: { state: true, attribute: false },
    results: { state: true, attribute: false },
    resultsFailed: { state: true, attribute: false },
    connection: { state: true, attribute: false },
    updatedAt: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /** `vote` (default): rate, then see results. `results`: the projector view, no voting. */
  declare mode: 'vote' | 'results';
  /** Results in the feed's order (`feed`, default) or lowest mean first (`mean`); the visitor can switch. */
  declare sort: ResultsOrder;
  declare headingLevel: number;
  /** The moment that counts as now (ms) for the feed's `closes`; defaults to the clock. For previews and tests. */
  declare now: number | undefined;

  declare protected phase: Phase;
  declare protected choices: Record<string, Choice>;
  /** `found`: this participant voted before; `unknown`: we could not ask the server. */
  declare protected previous: 'none' | 'found' | 'unknown';
  declare protected busy: boolean;
  declare protected failure: Failure | undefined;
  declare protected done: Done | undefined;
  /** Set when the poll closed while this visitor had it open: then the closing is announced. */
  declare protected closedWhile: 'submit' | 'open' | undefined;
  declare protected results: PollResults | undefined;
  declare protected resultsFailed: boolean;
  declare protected connection: Connection;
  declare protected updatedAt: number | undefined;
  declare protected announcement: string;

  #session = new AbortController();
  #live: LiveResults | undefined;
  #token: string | undefined;
  /** A vote went out and its answer was lost: the server may hold it, so the next 200 replaces our own attempt. */
  #unanswered = false;
  #focusAfterRender: string | undefined;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #lastAnnounced = 0;

  constructor() {
    super();
    this.mode = 'vote';
    this.sort = 'feed';
    this.headingLevel = 2;
    this.#reset();
  }

  #reset(): void {
    this.phase = 'starting';
    this.choices = {};
    this.previous = 'none';
    this.busy = false;
    this.failure = undefined;
    this.done = undefined;
    this.closedWhile = undefined;
    this.results = undefined;
    this.resultsFailed = false;
    this.connection = 'connecting';
    this.updatedAt = undefined;
    this.announcement = '';
    this.#unanswered = false;
  }

  get #feed(): Feed | undefined {
    return this.feedState.status === 'ready' ? this.feedState.feed : undefined;
  }

  get #poll(): PollSettings | undefined {
    return this.#feed?.poll;
  }

  /** The poll's endpoint, absolute: relative to the feed's URL, as the enrolment form does. */
  get #base(): string {
    return endpointUrl(this.#poll!.endpoint!, this.src).href.replace(/\/+$/, '');
  }

  get #resultsVisible(): boolean {
    return this.mode === 'results' || this.#poll?.showResults === 'always' || this.previous === 'found' || Boolean(this.done);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#syncLive();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#live?.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('feedState') || (changed.has('mode') && changed.get('mode') !== undefined)) this.#begin();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const target = this.#focusAfterRender;
    if (!target) return;
    this.#focusAfterRender = undefined;
    const root = this.renderRoot;
    // The first group's chosen option, else its first: where a keyboard user would land by Tab.
    const group = root.querySelector('fieldset');
    const element = target === 'first-choice' ? (group?.querySelector<HTMLElement>('input:checked') ?? group?.querySelector<HTMLElement>('input')) : root.querySelector<HTMLElement>(`#${target}`);
    element?.focus();
  }

  /** Starts over for a (new) feed or mode: what this participant voted, the results, live or not. */
  #begin(): void {
    this.#session.abort();
    this.#session = new AbortController();
    this.#live?.stop();
    this.#live = undefined;
    clearTimeout(this.#announceTimer);
    this.#announceTimer = undefined;
    this.#reset();
    const poll = this.#poll;
    if (!poll?.endpoint) return;
    this.#live = new LiveResults({
      streamUrl: `${this.#base}/results/stream`,
      resultsUrl: `${this.#base}/results`,
      pollId: poll.id,
      timing: CopPrinciplePoll.timing,
      onResults: (results) => this.#receive(results),
      onConnection: (connection) => (this.connection = connection),
    });
    void this.#start(poll, this.#session.signal);
  }

  async #start(poll: PollSettings, signal: AbortSignal): Promise<void> {
    const me = this.mode === 'results' ? undefined : participant(poll.id);
    this.#token = me?.token;
    const [results, own] = await Promise.all([
      this.#fetchJson(`${this.#base}/results`, signal),
      // A token made just now has no vote yet: no need to ask.
      me?.known ? this.#fetchJson(`${this.#base}/votes/${me.token}`, signal) : Promise.resolve({ ratings: {} }),
    ]);
    if (signal.aborted) return;
    const checked = toResults(results, poll.id);
    if (checked) this.#receive(checked);
    else this.resultsFailed = true;
    const closedByDate = poll.closes !== undefined && (this.now ?? Date.now()) >= Date.parse(poll.closes);
    if (closedByDate || checked?.closed) {
      this.phase = 'closed';
      return;
    }
    const ratings = (own as { ratings?: Record<string, unknown> } | undefined)?.ratings;
    if (!ratings) this.previous = 'unknown';
    else if (Object.keys(ratings).length) {
      this.previous = 'found';
      // What they skipped is not stored: show it as skipped, so the form is their whole vote.
      this.choices = Object.fromEntries(poll.principleIds.map((id) => [id, typeof ratings[id] === 'number' ? ratings[id] : 'skip']));
    }
    this.phase = 'open';
    this.#syncLive();
  }

  /** The parsed answer, or undefined when the server cannot be reached or says no. */
  async #fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
    try {
      const response = await fetch(url, { cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      // An answer for a feed or mode we have left since is dropped.
      return response.ok && !signal.aborted ? await response.json() : undefined;
    } catch {
      return undefined;
    }
  }

  /** Live while results are on screen and the poll is open; nothing runs while detached. */
  #syncLive(): void {
    if (this.isConnected && this.phase === 'open' && this.#resultsVisible) this.#live?.start();
    else this.#live?.stop();
  }

  #receive(results: PollResults): void {
    const before = this.results;
    this.results = results;
    this.updatedAt = Date.now();
    this.resultsFailed = false;
    if (results.closed && this.phase === 'open' && !this.busy) {
      this.phase = 'closed';
      this.closedWhile = 'open';
      this.#syncLive();
    }
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
      if (this.results) this.announcement = this.#summary(this.results);
    }, wait);
  }

  #summary(results: PollResults): string {
    const t = this.t.poll;
    const titles = this.#titles();
    const lowest = results.principles.filter((p) => p.lowest).map((p) => titles.get(p.id) ?? p.id);
    return t.announce(t.participants(results.participants), new Intl.ListFormat(LOCALES[this.language], { type: 'conjunction' }).format(lowest));
  }

  #titles(): Map<string, string> {
    return new Map((this.#feed?.principles ?? []).map((p) => [p.id, p.title]));
  }

  #choose(principleId: string, choice: Choice): void {
    this.choices = { ...this.choices, [principleId]: choice };
    if (this.failure === 'empty') this.failure = undefined;
  }

  #submit = async (event: Event) => {
    event.preventDefault();
    const feed = this.#feed;
    const poll = this.#poll;
    // One request at a time: a double click or an impatient Enter sends nothing more.
    if (!feed || !poll || !this.#token || this.busy) return;
    this.failure = undefined;
    const body = { participant: this.#token, ratings: Object.fromEntries(poll.principleIds.map((id) => [id, typeof this.choices[id] === 'number' ? this.choices[id] : null])) };
    // The server's own check, so what we send is what it accepts; only "nothing rated" can fail here.
    const checked = checkVote(poll, body);
    if (!checked.success) {
      this.failure = 'empty';
      this.#focusAfterRender = 'first-choice';
      return;
    }
    this.busy = true;
    try {
      const response = await fetch(`${this.#base}/votes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(checked.data),
        credentials: 'omit',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (response.status === 200 || response.status === 201) {
        const done = { replaced: response.status === 200 && (this.previous === 'found' || !this.#unanswered), ratings: checked.ratings.length, skipped: poll.principleIds.length - checked.ratings.length };
        // Results fetched at the start (unseen until now) predate this vote: show fresh ones.
        if (!this.#resultsVisible) this.results = undefined;
        void this.#refresh();
        this.done = done;
        this.previous = 'found';
        this.#focusAfterRender = 'done-title';
        this.emit('cop-vote-submit', { programmeId: feed.programme.id, pollId: poll.id, ...done });
        this.#syncLive();
      } else if (response.status === 409) {
        this.closedWhile = 'submit';
        this.phase = 'closed';
        this.#syncLive();
        void this.#loadFinal();
      } else {
        this.failure = response.status === 429 ? 'rateLimited' : 'server';
      }
    } catch {
      this.failure = 'network';
      this.#unanswered = true;
    } finally {
      this.busy = false;
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
    this.resultsFailed = false;
    this.resultsFailed = !(await this.#refresh());
  }

  #change = () => {
    this.done = undefined;
    this.#focusAfterRender = 'first-choice';
  };

  protected override renderFeed(feed: Feed): TemplateResult {
    const t = this.t.poll;
    const poll = feed.poll;
    if (!poll) return this.renderEmpty(t.noPoll);
    // On a page with both a voting poll and its projector view, the two regions need different names.
    const projector = this.mode === 'results';
    return html`<section class="poll" part="base" aria-labelledby=${projector ? nothing : 'poll-title'} aria-label=${projector ? t.projectorLabel(poll.question) : nothing}>
      <div class="title" role="heading" aria-level=${this.headingLevel} id="poll-title">${poll.question}</div>
      ${this.#renderBody(feed, poll)}
    </section>`;
  }

  #renderBody(feed: Feed, poll: PollSettings): TemplateResult {
    const t = this.t.poll;
    if (!poll.endpoint) return html`<p class="notice">${t.unavailable}</p>`;
    if (this.phase === 'starting') return html`<div class="state state--loading" role="status">${this.t.states.loading}</div>`;
    if (this.phase === 'closed') {
      return html`<p class="notice" role=${this.closedWhile ? 'alert' : nothing}>${this.closedWhile === 'submit' ? t.closedOnSubmit : t.closed}</p>
        ${this.#renderResults(poll, true)}`;
    }
    if (this.mode === 'results') return this.#renderResults(poll, false);
    return html`${this.done ? this.#renderDone(this.done) : this.#renderForm(feed, poll)} ${this.#resultsVisible ? this.#renderResults(poll, false) : nothing}`;
  }

  #renderForm(feed: Feed, poll: PollSettings): TemplateResult {
    const t = this.t.poll;
    const principles = poll.principleIds.map((id) => feed.principles!.find((p) => p.id === id)!);
    const rated = poll.principleIds.filter((id) => typeof this.choices[id] === 'number').length;
    const failureText = this.failure && { empty: t.noRatings, network: t.networkError, server: t.serverError, rateLimited: t.rateLimited }[this.failure];
    return html`<p class="hint">${t.scaleHelp(poll.scale.min, poll.scale.max, poll.scale.minLabel, poll.scale.maxLabel)}</p>
      ${this.previous === 'found' ? html`<p class="notice">${t.previousVote}</p>` : this.previous === 'unknown' ? html`<p class="notice">${t.previousUnknown}</p>` : nothing}
      <form novalidate @submit=${this.#submit}>
        ${principles.map((principle) => this.#renderPrinciple(principle, poll))}
        <p class="hint">${t.progress(rated, principles.length)}</p>
        ${failureText ? html`<p class="error" role="alert">${failureText}</p>` : nothing}
        <button class="cop-button submit" part="submit" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.busy ? t.busy : this.failure && this.failure !== 'empty' ? t.retry : this.previous === 'found' ? t.submitChange : t.submit}
        </button>
        <p class="visually-hidden" role="status">${this.busy ? t.busy : ''}</p>
      </form>`;
  }

  #renderPrinciple(principle: Principle, poll: PollSettings): TemplateResult {
    const { min, max, minLabel, maxLabel } = poll.scale;
    const id = principle.id;
    const choice = this.choices[id];
    const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    const option = (value: Choice, label: TemplateResult | string, extra = '') =>
      html`<label class="option ${extra}">
        <input type="radio" name="rating-${id}" value=${value} .checked=${choice === value} @change=${() => this.#choose(id, value)} />
        <span>${label}</span>
      </label>`;
    return html`<fieldset part="principle" aria-describedby=${principle.description ? `desc-${id}` : nothing}>
      <legend>${principle.title}</legend>
      ${principle.description ? html`<p class="hint" id="desc-${id}">${principle.description}</p>` : nothing}
      <div class="scale">
        ${values.map((v) =>
          // The end labels are part of the end options' names; the visible ones below are for the eye.
          option(v, html`${v}${v === min ? html`<span class="visually-hidden"> (${minLabel})</span>` : v === max ? html`<span class="visually-hidden"> (${maxLabel})</span>` : nothing}`),
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

  /** The results are a region of their own under the voting controls; in the projector view they are the whole widget. */
  get #resultsRegion(): string | typeof nothing {
    return this.mode === 'results' ? nothing : 'results-title';
  }

  #renderResults(poll: PollSettings, final: boolean): TemplateResult {
    const t = this.t.poll;
    const results = this.results;
    const heading = html`<div class="subtitle" role="heading" aria-level=${this.headingLevel + 1} id="results-title">${final ? t.finalResults : t.results}</div>`;
    if (!results) {
      return html`<section class="results" part="results" aria-labelledby=${this.#resultsRegion}>
        ${heading}
        ${final
          ? this.resultsFailed
            ? html`<div class="notice" role="alert">
                <p>${t.resultsError}</p>
                <button class="cop-button" type="button" @click=${() => void this.#loadFinal()}>${t.retry}</button>
              </div>`
            : html`<p role="status">${this.t.states.loading}</p>`
          : this.#renderConnection()}
      </section>`;
    }
    const titles = this.#titles();
    const rows = ordered(results, this.sort);
    const number = new Intl.NumberFormat(LOCALES[this.language], { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const values = Array.from({ length: poll.scale.max - poll.scale.min + 1 }, (_, i) => poll.scale.min + i);
    const span = poll.scale.max - poll.scale.min;
    const highlight = poll.highlightLowest ?? 0;
    return html`<section class="results" part="results" aria-labelledby=${this.#resultsRegion}>
      ${heading}
      <div class="meta">
        <p class="participants">${t.participants(results.participants)}</p>
        ${final ? nothing : this.#renderConnection()}
      </div>
      <div class="tools">
        <button type="button" class="link-button toggle" aria-pressed=${this.sort === 'mean' ? 'true' : 'false'} @click=${() => (this.sort = this.sort === 'mean' ? 'feed' : 'mean')}>${t.sortByMean}</button>
        ${highlight ? html`<p class="hint">${t.lowestHelp(highlight)}</p>` : nothing}
      </div>
      <!-- The chart is for the eye; screen readers get the same numbers as the table below. -->
      <ol class="chart" aria-hidden="true">
        ${rows.map((p) => {
          const peak = Math.max(1, ...p.distribution);
          return html`<li class="row ${p.lowest ? 'row--lowest' : ''}" part="result" data-principle=${p.id}>
            <div class="row__head">
              <span class="row__title">${titles.get(p.id) ?? p.id}</span>
              ${p.lowest ? html`<span class="badge" part="lowest">${t.lowest}</span>` : nothing}
            </div>
            <div class="row__mean">
              <span class="mean">${p.mean === null ? '–' : number.format(p.mean)}</span>
              <span class="meter"><span class="meter__fill" ${cssProperties({ '--_share': p.mean === null ? 0 : (p.mean - poll.scale.min) / span })}></span></span>
              <span class="count">${p.count ? t.scores(p.count) : t.noScores}</span>
            </div>
            <div class="distribution">
              ${p.distribution.map(
                (n, i) => html`<span class="distribution__column">
                  <span class="distribution__bar" ${cssProperties({ '--_share': n / peak })}></span>
                  <span class="distribution__label">${values[i]}</span>
                </span>`,
              )}
            </div>
          </li>`;
        })}
      </ol>
      <!-- Hidden by its wrapper: a table ignores the 1 px size and would widen the page. -->
      <div class="visually-hidden">
        <table>
          <caption>
            ${t.tableCaption(poll.question, poll.scale.min, poll.scale.max)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.principle}</th>
              <th scope="col">${t.mean}</th>
              <th scope="col">${t.count}</th>
              ${values.map((v) => html`<th scope="col">${t.score(v)}</th>`)}
              ${highlight ? html`<th scope="col">${t.lowest}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (p) => html`<tr data-principle=${p.id}>
                <th scope="row">${titles.get(p.id) ?? p.id}</th>
                <td>${p.mean === null ? t.noScores : number.format(p.mean)}</td>
                <td>${p.count}</td>
                ${p.distribution.map((n) => html`<td>${n}</td>`)}
                ${highlight ? html`<td>${p.lowest ? t.yes : t.no}</td>` : nothing}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }

  #renderConnection(): TemplateResult {
    const t = this.t.poll;
    const text = {
      connecting: t.connecting,
      live: t.live,
      polling: t.polling(Math.max(1, Math.round(CopPrinciplePoll.timing.pollMs / 1000))),
      offline: this.updatedAt ? t.offline(formatTime(this.updatedAt, this.language)) : t.offlineNoResults,
    }[this.connection];
    return html`<p class="connection connection--${this.connection}" part="connection" role="status">${text}</p>`;
  }
}
