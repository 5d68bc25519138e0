/**
 * The organiser's controls (`mode="presenter"`): with the admin token, open and close voting,
 * hide the results until they are revealed, start again; a preview of the full results, also
 * while the room cannot see them, and the downloads. Every open view follows through the
 * server's results stream. The token is asked for on the page and kept in sessionStorage (this
 * tab only), never in an attribute of a page that others can read. Its own chunk.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PollResults } from '../core/vote-request.js';
import { request } from '../shared/request.js';
import type { PollMessages } from './principle-poll.messages.js';
import { toResults } from './results.js';

export type PresenterAction = 'open' | 'close' | 'hide' | 'reveal' | 'reset';

const TOKEN_KEY = 'cop-principle-poll:admin-token';

const stored = () => {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
};

/** `/api/polls/:id` → `/api/admin/polls/:id`: the reference server's presenter routes. */
export const presenterBase = (pollBase: string) =>
  /\/api\/polls\/[^/]+$/.test(pollBase) ? pollBase.replace(/\/api\/polls\/([^/]+)$/, '/api/admin/polls/$1') : undefined;

export class Presenter {
  token = stored();
  /** The full results, as only the organiser sees them. */
  results: PollResults | undefined;
  /** What went wrong (shown as an alert), or what was done (a status). */
  error: string | undefined;
  done: string | undefined;
  busy: PresenterAction | 'sign-in' | undefined;
  confirmReset = false;
  /** What the organiser typed, kept when the token is refused. */
  typed = '';
  #refreshing: Promise<void> | undefined;

  constructor(
    private readonly base: string,
    private readonly pollId: string,
    private readonly changed: () => void,
    private readonly texts: () => PollMessages,
  ) {}

  get #headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  /** Fetches the full results; a refused token signs out with a message. */
  refresh(): Promise<void> {
    if (!this.token) return Promise.resolve();
    return (this.#refreshing ??= (async () => {
      const outcome = await request(this.base, { headers: this.#headers });
      this.#refreshing = undefined;
      this.#take(outcome);
    })());
  }

  #take(outcome: Awaited<ReturnType<typeof request>>): boolean {
    const t = this.texts();
    if (outcome.kind === 'ok') {
      const results = toResults(outcome.body, this.pollId);
      if (results) this.results = results;
      this.error = results ? undefined : t.actionFailed;
    } else if (outcome.kind === 'failed' && outcome.status === 401) {
      this.#forget();
      this.error = t.tokenWrong;
    } else {
      this.error = outcome.kind === 'refused' && outcome.error === 'past-closing' ? t.pastClosing : t.actionFailed;
    }
    this.changed();
    return outcome.kind === 'ok';
  }

  signIn = async (event: Event) => {
    event.preventDefault();
    const typed = this.typed.trim();
    if (!typed) {
      this.error = this.texts().tokenMissing;
      this.changed();
      return;
    }
    this.token = typed;
    this.busy = 'sign-in';
    this.changed();
    await this.refresh();
    this.busy = undefined;
    if (this.token) {
      this.typed = '';
      try {
        sessionStorage.setItem(TOKEN_KEY, typed);
      } catch {
        // Storage off: the token holds for this page view.
      }
    }
    this.changed();
  };

  #forget(): void {
    this.token = undefined;
    this.results = undefined;
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // nothing stored
    }
  }

  signOut = () => {
    this.#forget();
    this.error = undefined;
    this.done = undefined;
    this.changed();
  };

  /** One action at a time: a double click sends it once. */
  async act(action: PresenterAction): Promise<void> {
    if (this.busy) return;
    if (action === 'reset' && !this.confirmReset) {
      this.confirmReset = true;
      this.changed();
      return;
    }
    this.confirmReset = false;
    this.busy = action;
    this.done = undefined;
    this.changed();
    const ok = this.#take(await request(`${this.base}/${action}`, { body: {}, headers: this.#headers }));
    this.busy = undefined;
    if (ok) this.done = this.texts().actionDone[action];
    this.changed();
  }

  render(t: PollMessages, headingLevel: number, preview: (results: PollResults) => TemplateResult): TemplateResult {
    const alert = this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
    if (!this.token || !this.results) {
      return html`<form class="presenter presenter--sign-in" novalidate @submit=${this.signIn}>
        <label class="field">
          <span class="field__label">${t.tokenLabel}</span>
          <span class="hint" id="token-help">${t.tokenHelp}</span>
          <input
            type="password"
            autocomplete="off"
            aria-describedby="token-help"
            aria-invalid=${this.error ? 'true' : 'false'}
            .value=${this.typed}
            @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)}
          />
        </label>
        ${alert}
        <button class="cop-button" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${t.signIn}</button>
      </form>`;
    }
    const { closed, hidden } = this.results;
    const button = (action: PresenterAction, extra = '') =>
      html`<button type="button" class="cop-button ${extra}" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.act(action)}>
        ${t.action[action]}
      </button>`;
    return html`<div class="presenter">
      <div class="subtitle" role="heading" aria-level=${headingLevel + 1}>${t.stateTitle}</div>
      <ul class="presenter__state">
        <li class=${closed ? 'state-closed' : 'state-open'}>${closed ? t.stateClosed : t.stateOpen}</li>
        <li class=${hidden ? 'state-hidden' : 'state-shown'}>${hidden ? t.stateHidden : t.stateShown}</li>
        <li>${t.votes(this.results.participants)}</li>
      </ul>
      <div class="presenter__actions">
        ${button(closed ? 'open' : 'close')} ${button(hidden ? 'reveal' : 'hide')} ${this.confirmReset ? nothing : button('reset', 'presenter__reset')}
      </div>
      ${
        this.confirmReset
          ? html`<div class="notice presenter__confirm" role="group" aria-labelledby="reset-confirm">
            <p id="reset-confirm">${t.resetConfirm}</p>
            <div class="presenter__actions">
              <button type="button" class="cop-button presenter__reset" @click=${() => void this.act('reset')}>${t.resetYes}</button>
              <button type="button" class="link-button" @click=${() => ((this.confirmReset = false), this.changed())}>${t.cancel}</button>
            </div>
          </div>`
          : nothing
      }
      ${alert}
      <p class="presenter__done" role="status">${this.done ?? ''}</p>
      <div class="subtitle" role="heading" aria-level=${headingLevel + 1}>${t.preview}</div>
      ${preview(this.results)}
      <button type="button" class="link-button" @click=${this.signOut}>${t.signOut}</button>
    </div>`;
  }
}
