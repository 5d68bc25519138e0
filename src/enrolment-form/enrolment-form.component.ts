import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { checkEnrolment, MIN_FILL_MS } from '../feed/enrolment-request.js';
import { issueText, type FeedIssue } from '../feed/issues.js';
import { endpointUrl } from '../feed/loader.js';
import type { Feed, TeamRole } from '../feed/schema.js';
import { CopElement } from '../shared/cop-element.js';
import { formStyles } from '../shared/form.styles.js';
import { formatDayMonth, formatSessionWhen } from '../shared/datetime.js';
import { canEnrol, enrolmentStatus, enrolmentStatusLine, type EnrolmentStatus } from '../shared/enrolment-status.js';
import { buildIcs, downloadIcs, icsFileName } from '../shared/ics.js';
import { enrolmentMessages } from '../shared/i18n/enrolment.js';
import type { Messages } from '../shared/i18n/index.js';
import { clearDraft, emptyDraft, includedRoles, loadDraft, MEMBER_FIELDS, rolesOf, saveDraft, SOLO_ROLE, toRequest, type Draft, type MemberDraft, type MemberField } from './draft.js';
import { enrolmentFormStyles } from './enrolment-form.styles.js';

/** Gives up on the server after this long, and says so, rather than leaving a spinner. */
const SUBMIT_TIMEOUT_MS = 20_000;

type Failure = 'network' | 'server' | 'rateLimited';

const FAILURE_TEXT: Record<Failure, (t: Messages['enrolment']) => string> = {
  network: (t) => t.networkError,
  server: (t) => t.serverError,
  rateLimited: (t) => t.rateLimited,
};
type Refusal = 'closed' | 'full' | 'not-yet-open' | 'cancelled';
type Done = { status: 'confirmed' | 'waitlisted'; position?: number } | { status: 'mailto'; href: string };

/** A field error from the server (422), in both languages as the server worded it. */
interface ServerIssue {
  field: string;
  message: Record<string, string>;
  /** Set when the server says a required role is missing. */
  roleLabel?: string;
}

/** `members[0].email` (as the server sends it) → `['members', 0, 'email']`. */
function parsePath(path: string): (string | number)[] {
  return path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/**
 * Inline sign-up for a programme, as a team: one fieldset per role the feed names (e.g.
 * municipality and education required, youth care optional), session and theme choice,
 * consent. Validates as the visitor goes with the same schema as the server, keeps what was
 * typed until the server confirms, and never enrols twice on a double click or a retry.
 * Without an endpoint in the feed it prepares an e-mail to the organiser instead.
 *
 * @summary Inline team enrolment with capacity, waiting list, deadline and nothing lost.
 * @tag cop-enrolment-form
 *
 * @fires {CustomEvent<{ programmeId: string; status: 'confirmed' | 'waitlisted' | 'mailto'; position?: number; sessionId?: string; members?: object[] }>} cop-enrolment-submit - An enrolment was stored or prepared as e-mail. `members` only with `include-personal-data`.
 *
 * @csspart base - The form's outer box.
 * @csspart status - The enrolment state ("Aanmelden kan tot 8 juni · Nog 23 plaatsen").
 * @csspart summary - The error summary.
 * @csspart fieldset - Each role's fieldset.
 * @csspart submit - The submit button.
 * @csspart confirmation - The confirmation after enrolling.
 *
 * @cssprop [--cop-enrolment-form-fieldset-border-color=var(--cop-color-border)] - Border of each role's fieldset.
 * @cssprop [--cop-enrolment-form-input-border-color=var(--cop-color-border)] - Border of inputs.
 * @cssprop [--cop-enrolment-form-error-color=var(--cop-color-danger)] - Error messages and invalid inputs.
 * @cssprop [--cop-enrolment-form-confirmation-border-color=var(--cop-color-success)] - Edge of the confirmation.
 */
export class CopEnrolmentForm extends CopElement {
  static override styles = [...CopElement.styles, formStyles, enrolmentFormStyles];

  protected override get t() {
    return this.messages(enrolmentMessages);
  }

  // The host takes focus for the calendar's hand-off and passes it to the first field.
  static override shadowRootOptions: ShadowRootInit = { ...CopElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    session: { type: String, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    includePersonalData: { type: Boolean, attribute: 'include-personal-data' },
    prefill: { attribute: false },
    now: { attribute: false },
    draft: { state: true, attribute: false },
    touched: { state: true, attribute: false },
    showAll: { state: true, attribute: false },
    serverIssues: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    failure: { state: true, attribute: false },
    refusal: { state: true, attribute: false },
    done: { state: true, attribute: false },
    restored: { state: true, attribute: false },
  };

  /** Enrols for this session only (for pages about one session); the choice is then not shown. */
  declare session: string;
  declare headingLevel: number;
  /** Adds the team's names, organisations and e-mail addresses to `cop-enrolment-submit`. */
  declare includePersonalData: boolean;
  /** Fills in fields per role, e.g. `{ gemeente: { organisation: 'Gemeente Ede' } }`. */
  declare prefill: Partial<Record<string, Partial<MemberDraft>>>;
  /** The moment that counts as now (ms); defaults to the clock. For previews and tests. */
  declare now: number | undefined;

  declare protected draft: Draft | undefined;
  declare protected touched: ReadonlySet<string>;
  declare protected showAll: boolean;
  declare protected serverIssues: ServerIssue[];
  declare protected busy: boolean;
  declare protected failure: Failure | undefined;
  declare protected refusal: Refusal | undefined;
  declare protected done: Done | undefined;
  declare protected restored: boolean;

  #focusAfterRender: string | undefined;
  /** When the form appeared (performance.now()): the server refuses forms sent quicker than people can type. */
  #shownAt = 0;
  #openMail = false;

  constructor() {
    super();
    this.session = '';
    this.headingLevel = 2;
    this.includePersonalData = false;
    this.prefill = {};
    this.touched = new Set();
    this.showAll = false;
    this.serverIssues = [];
    this.busy = false;
    this.restored = false;
  }

  get #now(): number {
    return this.now ?? Date.now();
  }

  get #feed(): Feed | undefined {
    return this.feedState.status === 'ready' ? this.feedState.feed : undefined;
  }

  /** Chooses a session and moves focus into the form: the calendar's "Aanmelden" hand-off. */
  chooseSession(sessionId: string): void {
    if (this.draft && this.#feed?.enrolment?.sessionChoice !== 'none' && this.#feed?.sessions.some((s) => s.id === sessionId)) {
      this.#update({ sessionId });
    }
    this.scrollIntoView?.({ block: 'start' });
    this.#focusAfterRender = 'first';
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const feed = this.#feed;
    if (feed && changed.has('feedState')) {
      const saved = loadDraft(feed);
      this.restored = Boolean(saved);
      this.draft = saved ?? emptyDraft(feed, this.prefill);
      this.#shownAt = performance.now();
      if (this.session) this.draft = { ...this.draft, sessionId: this.session };
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#openMail) {
      this.#openMail = false;
      this.renderRoot.querySelector<HTMLAnchorElement>('#mail-link')?.click();
    }
    const target = this.#focusAfterRender;
    if (!target) return;
    this.#focusAfterRender = undefined;
    const root = this.renderRoot;
    const element = target === 'first' ? root.querySelector<HTMLElement>('input:not([tabindex="-1"]), select, textarea') : root.querySelector<HTMLElement>(`#${target}`);
    element?.focus();
  }

  #update(change: Partial<Draft>): void {
    if (!this.draft || !this.#feed) return;
    this.draft = { ...this.draft, ...change };
    saveDraft(this.#feed, this.draft);
  }

  #updateMember(roleId: string, field: MemberField, value: string): void {
    if (!this.draft) return;
    this.#update({ members: { ...this.draft.members, [roleId]: { ...this.draft.members[roleId]!, [field]: value } } });
    // What the server said about this field no longer holds once it changes.
    this.serverIssues = this.serverIssues.filter((issue) => issue.field !== `${roleId}-${field}`);
  }

  #touch(id: string): void {
    if (!this.touched.has(id)) this.touched = new Set([...this.touched, id]);
  }

  /** The id of the field an issue is about, so its message can stand next to it. */
  #fieldOf(path: readonly (string | number)[]): string {
    const feed = this.#feed!;
    const [head, second, third] = path;
    if (head === 'members' && typeof second === 'number') return `${includedRoles(feed, this.draft!)[second]?.id ?? rolesOf(feed)[0]!.id}-${String(third ?? 'name')}`;
    if (head === 'members' && typeof second === 'string') return `${second}-name`;
    if (head === 'sessionId') return 'session';
    if (head === 'themeIds') return 'themes';
    if (head === 'consent' || head === 'remark') return head;
    return 'form';
  }

  #label(fieldId: string): string {
    const t = this.t.enrolment;
    const field = fieldId.split('-').at(-1) as MemberField;
    if (MEMBER_FIELDS.includes(field)) return t[field];
    return ({ session: t.session, themes: t.themes, remark: t.remark, consent: t.consent } as Record<string, string>)[fieldId] ?? '';
  }

  #message(issue: FeedIssue, fieldId: string): string {
    const t = this.t.enrolment;
    if (issue.key === 'roleRequired') return t.roleRequired(String(issue.args[0]));
    if (fieldId === 'consent') return t.consentRequired;
    if (issue.key === 'missing' || (issue.key === 'tooShort' && Number(issue.args[0]) <= 1)) return t.fieldRequired;
    return sentence(`${this.#label(fieldId)} ${issueText(issue, this.language)}`);
  }

  /** Every problem with the form now: the shared schema's, then what the server added. */
  #errors(feed: Feed, draft: Draft): Map<string, string> {
    const errors = new Map<string, string>();
    const checked = checkEnrolment(feed, toRequest(feed, draft));
    for (const issue of checked.success ? [] : checked.issues) {
      const field = this.#fieldOf(issue.path);
      if (field !== 'form' && !errors.has(field)) errors.set(field, this.#message(issue, field));
    }
    for (const issue of this.serverIssues) {
      if (errors.has(issue.field)) continue;
      const text = issue.message[this.language] ?? issue.message.nl ?? '';
      errors.set(issue.field, issue.roleLabel ? this.t.enrolment.roleRequired(issue.roleLabel) : sentence(`${this.#label(issue.field)} ${text}`.trim()));
    }
    return errors;
  }

  protected override renderFeed(feed: Feed): TemplateResult {
    const t = this.t.enrolment;
    const status = enrolmentStatus(feed, this.#now);
    const sessions = feed.sessions.filter((s) => s.status !== 'cancelled');
    const first = sessions[0];
    return html`<section class="form" part="base" aria-labelledby="form-title">
      <div class="title" role="heading" aria-level=${this.headingLevel} id="form-title">${t.label(feed.programme.title)}</div>
      ${first ? html`<p class="sessions">${t.sessionsSummary(sessions.length, formatSessionWhen(first.start, first.end, this.language))}</p>` : nothing}
      ${status ? html`<p class="status" part="status">${enrolmentStatusLine(status, this.language, this.#now, Boolean(feed.availability))}</p>` : nothing}
      ${this.done ? this.#renderDone(feed) : this.#renderBody(feed, status)}
    </section>`;
  }

  #renderBody(feed: Feed, status: EnrolmentStatus | undefined): TemplateResult {
    const t = this.t.enrolment;
    const contact = feed.enrolment?.contactEmail ?? feed.programme.contact.email;
    const contactLine = html`<p>${t.contact(feed.programme.contact.name)} <a href="mailto:${contact}">${contact}</a></p>`;
    const closedBy: Refusal | undefined = this.refusal ?? (status && !canEnrol(status) ? (status.state as Refusal) : undefined);
    if (!status || closedBy) {
      const message =
        closedBy === 'not-yet-open' && status?.opens
          ? t.notYetOpen(formatDayMonth(status.opens, this.language, this.#now))
          : closedBy === 'full'
            ? t.full
            : closedBy === 'cancelled'
              ? t.cancelled
              : t.closed;
      return html`<div class="notice" role=${this.refusal ? 'alert' : nothing}>
        <p>${message}</p>
        ${contactLine}
      </div>`;
    }
    return this.#renderForm(feed, status, contactLine);
  }

  #renderForm(feed: Feed, status: EnrolmentStatus, contactLine: TemplateResult): TemplateResult {
    const t = this.t.enrolment;
    const draft = this.draft!;
    const errors = this.#errors(feed, draft);
    const shown = (id: string) => (this.showAll || this.touched.has(id) ? errors.get(id) : undefined);
    const summary = this.showAll ? [...errors] : [];
    const mailto = !feed.enrolment?.endpoint;
    const submitLabel = mailto ? t.submitMail : status.state === 'waitlist' ? t.submitWaitlist : t.submit;
    const settings = feed.enrolment!;
    return html`${this.restored ? html`<p class="hint" role="status">${t.draftRestored}</p>` : nothing}
      ${status.state === 'waitlist' ? html`<p class="notice">${t.waitlistNotice}</p>` : nothing}
      ${summary.length
        ? html`<div class="summary" part="summary" role="alert" tabindex="-1" id="summary" aria-labelledby="summary-title">
            <p id="summary-title" class="summary__title">${t.summaryTitle(summary.length)}</p>
            <ul>
              ${summary.map(([id, message]) => html`<li><a href="#${id}" @click=${(e: Event) => this.#jumpTo(e, id)}>${message}</a></li>`)}
            </ul>
          </div>`
        : nothing}
      <form id="form" tabindex="-1" novalidate @submit=${this.#submit} aria-describedby=${mailto ? 'mail-note' : nothing}>
        <!-- Honeypot: hidden from people and screen readers; bots fill it in and are refused. -->
        <div class="honeypot" aria-hidden="true">
          <label for="website">${t.honeypot}</label>
          <input id="website" name="website" tabindex="-1" autocomplete="off" .value=${draft.website} @input=${(e: Event) => this.#update({ website: (e.target as HTMLInputElement).value })} />
        </div>
        ${rolesOf(feed).map((role) => this.#renderRole(role, draft.members[role.id]!, shown))}
        ${this.#renderSessionChoice(feed, settings.sessionChoice, shown('session'))} ${this.#renderThemeChoice(feed, settings.themeChoice, shown('themes'))}
        <div class="field">
          <label for="remark">${t.remark} <span class="muted">(${t.optional})</span></label>
          <span class="hint" id="remark-hint">${t.remarkHint}</span>
          <textarea id="remark" rows="3" aria-describedby="remark-hint" .value=${draft.remark} @input=${(e: Event) => this.#update({ remark: (e.target as HTMLTextAreaElement).value })}></textarea>
        </div>
        <div class="field field--check ${shown('consent') ? 'field--invalid' : ''}">
          <input
            type="checkbox"
            id="consent"
            .checked=${draft.consent}
            aria-invalid=${shown('consent') ? 'true' : 'false'}
            aria-describedby=${shown('consent') ? 'consent-error' : nothing}
            @change=${(e: Event) => {
              this.#update({ consent: (e.target as HTMLInputElement).checked });
              this.#touch('consent');
            }}
          />
          <label for="consent">${t.consent}</label>
          ${feed.programme.privacyUrl ? html`<a class="privacy" href=${feed.programme.privacyUrl} target="_blank" rel="noopener">${t.privacy}</a>` : nothing}
          ${shown('consent') ? html`<p class="error" id="consent-error">${shown('consent')}</p>` : nothing}
        </div>
        ${this.failure ? html`<p class="error failure" role="alert">${FAILURE_TEXT[this.failure](t)}</p>` : nothing}
        <button class="cop-button submit" part="submit" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.busy ? t.busy : this.failure ? t.retry : submitLabel}
        </button>
        <p class="visually-hidden" role="status">${this.busy ? t.busy : ''}</p>
        ${mailto ? html`<p class="hint" id="mail-note">${t.mailNote}</p>` : nothing}
      </form>
      ${contactLine}`;
  }

  #renderRole(role: TeamRole, member: MemberDraft, shown: (id: string) => string | undefined): TemplateResult {
    const t = this.t.enrolment;
    const solo = role === SOLO_ROLE || !role.label;
    const field = (name: MemberField, type: string, autocomplete: string, required: boolean) => {
      const id = `${role.id}-${name}`;
      const error = shown(id);
      return html`<div class="field ${error ? 'field--invalid' : ''}">
        <label for=${id}>${t[name]}${required ? nothing : html` <span class="muted">(${t.optional})</span>`}</label>
        <input
          id=${id}
          type=${type}
          autocomplete=${autocomplete}
          .value=${member[name]}
          aria-required=${required && role.required ? 'true' : 'false'}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          @input=${(e: Event) => this.#updateMember(role.id, name, (e.target as HTMLInputElement).value)}
          @blur=${() => this.#touch(id)}
        />
        ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
    const fields = html`${field('name', 'text', 'name', true)} ${field('organisation', 'text', 'organization', true)}
    ${field('jobTitle', 'text', 'organization-title', false)} ${field('email', 'email', 'email', true)} ${field('phone', 'tel', 'tel', false)}`;
    if (solo) return html`<div class="fields">${fields}</div>`;
    return html`<fieldset part="fieldset" aria-describedby=${role.required ? nothing : `${role.id}-hint`}>
      <legend>${role.label} <span class="muted">(${role.required ? t.required : t.optional})</span></legend>
      ${role.required ? nothing : html`<p class="hint" id="${role.id}-hint">${t.optionalRoleHint}</p>`} ${fields}
    </fieldset>`;
  }

  #renderSessionChoice(feed: Feed, choice: string, error: string | undefined): TemplateResult | typeof nothing {
    if (choice === 'none' || this.session) return nothing;
    const t = this.t.enrolment;
    const sessions = feed.sessions.filter((s) => s.status !== 'cancelled' && Date.parse(s.end) >= this.#now);
    return html`<fieldset id="session" tabindex="-1" class=${error ? 'field--invalid' : ''} aria-describedby=${error ? 'session-error' : nothing}>
      <legend>${t.chooseSession}</legend>
      ${sessions.map(
        (s) => html`<div class="field field--check">
          <input type="radio" name="session" id="session-${s.id}" .checked=${this.draft!.sessionId === s.id} @change=${() => this.#update({ sessionId: s.id })} />
          <label for="session-${s.id}">${s.title}: ${formatSessionWhen(s.start, s.end, this.language)}</label>
        </div>`,
      )}
      ${error ? html`<p class="error" id="session-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  #renderThemeChoice(feed: Feed, choice: string, error: string | undefined): TemplateResult | typeof nothing {
    const themes = feed.themes ?? [];
    if (choice === 'none' || themes.length === 0) return nothing;
    const t = this.t.enrolment;
    const many = choice === 'many';
    const chosen = this.draft!.themeIds;
    const toggle = (id: string, on: boolean) => this.#update({ themeIds: many ? (on ? [...chosen, id] : chosen.filter((x) => x !== id)) : [id] });
    return html`<fieldset id="themes" tabindex="-1" aria-describedby=${error ? 'themes-error' : nothing}>
      <legend>${many ? t.themes : t.theme} <span class="muted">(${t.optional})</span></legend>
      ${themes.map(
        (theme) => html`<div class="field field--check">
          <input
            type=${many ? 'checkbox' : 'radio'}
            name="theme"
            id="theme-${theme.id}"
            .checked=${chosen.includes(theme.id)}
            @change=${(e: Event) => toggle(theme.id, (e.target as HTMLInputElement).checked)}
          />
          <label for="theme-${theme.id}">${theme.title}</label>
        </div>`,
      )}
      ${error ? html`<p class="error" id="themes-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  #renderDone(feed: Feed): TemplateResult {
    const t = this.t.enrolment;
    const done = this.done!;
    const contact = feed.enrolment?.contactEmail ?? feed.programme.contact.email;
    if (done.status === 'mailto') {
      return html`<div class="confirmation" part="confirmation">
        <div class="title" role="heading" aria-level=${this.headingLevel + 1} id="done-title" tabindex="-1">${t.mailTitle}</div>
        <p>${t.mailText(contact)}</p>
        <p><a id="mail-link" href=${done.href}>${t.mailLink}</a></p>
      </div>`;
    }
    const waitlisted = done.status === 'waitlisted';
    return html`<div class="confirmation" part="confirmation">
      <div class="title" role="heading" aria-level=${this.headingLevel + 1} id="done-title" tabindex="-1">
        ${waitlisted ? t.waitlistedTitle(done.position ?? 0) : t.confirmedTitle}
      </div>
      <p>${waitlisted ? t.waitlistedText : t.confirmedText}</p>
      ${waitlisted ? nothing : html`<button type="button" class="cop-button" @click=${() => this.#downloadSessions(feed)}>${t.addSessions}</button>`}
      <button type="button" class="link-button" @click=${this.#startAgain}>${t.another}</button>
    </div>`;
  }

  #jumpTo(event: Event, id: string): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  #startAgain = () => {
    const feed = this.#feed!;
    this.done = undefined;
    this.draft = emptyDraft(feed, this.prefill);
    this.#shownAt = performance.now();
    this.touched = new Set();
    this.showAll = false;
    this.#focusAfterRender = 'first';
  };

  #downloadSessions(feed: Feed): void {
    const sessionId = this.draft?.sessionId || this.session;
    const sessions = feed.sessions.filter((s) => s.status !== 'cancelled' && (!sessionId || s.id === sessionId));
    downloadIcs(buildIcs(feed, sessions, { name: feed.programme.title, locationUnknown: this.t.session.locationUnknown }), icsFileName(feed.programme.id));
  }

  #submit = async (event: Event) => {
    event.preventDefault();
    const feed = this.#feed;
    const draft = this.draft;
    // One request at a time: a double click or an impatient Enter sends nothing more.
    if (!feed || !draft || this.busy) return;
    this.showAll = true;
    this.failure = undefined;
    if (this.#errors(feed, draft).size > 0) {
      this.#focusAfterRender = 'summary';
      return;
    }
    const endpoint = feed.enrolment?.endpoint;
    if (!endpoint) {
      this.#finish(feed, { status: 'mailto', href: this.#mailto(feed, draft) });
      // Opens the mail program through the confirmation's own link, once it is rendered.
      this.#openMail = true;
      return;
    }
    this.busy = true;
    try {
      // Someone quicker than the server's minimum (autofill) waits out the rest, without noticing.
      const filledFor = performance.now() - this.#shownAt;
      if (filledFor < MIN_FILL_MS) await new Promise((resolve) => setTimeout(resolve, MIN_FILL_MS - filledFor));
      const request = { ...toRequest(feed, draft), fillMs: Math.round(Math.max(filledFor, MIN_FILL_MS)) };
      const response = await fetch(endpointUrl(endpoint, this.src), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': draft.idempotencyKey },
        body: JSON.stringify(request),
        credentials: 'omit',
        signal: AbortSignal.timeout(SUBMIT_TIMEOUT_MS),
      });
      // A body that is not JSON (a proxy's error page) counts as {}; one that breaks off while it
      // arrives is a lost connection, as if no answer came at all (handled below as "network").
      const body = (await response.text().then((text) => JSON.parse(text) as unknown).catch((error: unknown) => {
        if (error instanceof SyntaxError) return {};
        throw error;
      })) as { status?: 'confirmed' | 'waitlisted'; position?: number; error?: string; issues?: { path: string; message: Record<string, string> }[] };
      if (response.status === 201 && body.status) {
        this.#finish(feed, { status: body.status, position: body.position });
      } else if (response.status === 422 && body.issues) {
        this.serverIssues = body.issues.map((issue) => this.#fromServer(issue));
        this.#focusAfterRender = 'summary';
      } else if (response.status === 409) {
        this.refusal = (['closed', 'full', 'not-yet-open', 'cancelled'] as const).find((r) => r === body.error) ?? 'closed';
      } else {
        this.failure = response.status === 429 ? 'rateLimited' : 'server';
      }
    } catch {
      this.failure = 'network';
    } finally {
      this.busy = false;
    }
  };

  /** A server field error, placed on its field. */
  #fromServer(issue: { path: string; message: Record<string, string> }): ServerIssue {
    const path = parsePath(issue.path);
    const role = path[0] === 'members' && typeof path[1] === 'string' ? rolesOf(this.#feed!).find((r) => r.id === path[1]) : undefined;
    return { field: this.#fieldOf(path), message: issue.message, ...(role ? { roleLabel: role.label } : {}) };
  }

  #finish(feed: Feed, done: Done): void {
    this.done = done;
    this.serverIssues = [];
    this.refusal = undefined;
    const draft = this.draft!;
    clearDraft(feed);
    this.restored = false;
    const request = toRequest(feed, draft);
    this.emit('cop-enrolment-submit', {
      programmeId: feed.programme.id,
      status: done.status,
      ...(done.status === 'waitlisted' && done.position ? { position: done.position } : {}),
      ...(request.sessionId ? { sessionId: request.sessionId } : {}),
      ...(this.includePersonalData ? { members: request.members.map(({ roleId, name, organisation, email }) => ({ roleId, name, organisation, email })) } : {}),
    });
    this.#focusAfterRender = 'done-title';
  }

  /** The prepared e-mail for a feed without an endpoint: everything the form would have sent. */
  #mailto(feed: Feed, draft: Draft): string {
    const t = this.t.enrolment;
    const request = toRequest(feed, draft);
    const roles = rolesOf(feed);
    const lines = [
      `${t.label(feed.programme.title)}`,
      '',
      ...request.members.flatMap((m) => [
        `${roles.find((r) => r.id === m.roleId)?.label || t.name}:`,
        `  ${t.name}: ${m.name}`,
        `  ${t.organisation}: ${m.organisation}`,
        ...(m.jobTitle ? [`  ${t.jobTitle}: ${m.jobTitle}`] : []),
        `  ${t.email}: ${m.email}`,
        ...(m.phone ? [`  ${t.phone}: ${m.phone}`] : []),
      ]),
      ...(request.sessionId ? ['', `${t.session}: ${feed.sessions.find((s) => s.id === request.sessionId)?.title ?? ''}`] : []),
      ...(request.themeIds?.length ? ['', `${t.themes}: ${request.themeIds.map((id) => feed.themes?.find((th) => th.id === id)?.title).join(', ')}`] : []),
      ...(request.remark ? ['', `${t.remark}: ${request.remark}`] : []),
    ];
    const to = feed.enrolment?.contactEmail ?? feed.programme.contact.email;
    return `mailto:${to}?subject=${encodeURIComponent(t.label(feed.programme.title))}&body=${encodeURIComponent(lines.join('\n'))}`;
  }
}
