import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { formatDayMonth, formatSessionWhen } from '../core/datetime.js';
import { checkEnrolment, MIN_FILL_MS } from '../core/enrolment-request.js';
import { canEnrol, enrolmentStatus, enrolmentStatusLine, type EnrolmentStatus } from '../core/enrolment-status.js';
import type { FeedIssue } from '../core/issues.js';
import { endpointUrl } from '../core/loader.js';
import { AvailabilitySchema, type Feed, type TeamRole } from '../core/schema.js';
import { CopElement } from '../shared/cop-element.js';
import { FORM_READY } from '../shared/events.js';
import { newWindowLink } from '../shared/links.js';
import { LiveAvailability, publishAvailability } from '../shared/live-availability.js';
import { prop, reactiveState, type Properties } from '../shared/properties.js';
import { downloadIcs } from '../shared/download.js';
import { formStyles } from '../shared/form.styles.js';
import { widgetMessages } from '../shared/messages.js';
import { request, type Failure, type Refusal as OriginRefusal } from '../shared/request.js';
import {
  clearDraft,
  emptyDraft,
  loadDraft,
  randomKey,
  rolesOf,
  saveDraft,
  SOLO_ROLE,
  toRequest,
  type Draft,
  type MemberDraft,
  type MemberField,
} from './draft.js';
import { enrolment, type EnrolmentMessages } from './enrolment-form.messages.js';
import { byRole, fieldErrors, fieldOf, type FieldError } from './fields.js';
import { mailtoHref } from './mailto.js';
import { enrolmentFormStyles } from './enrolment-form.styles.js';

/** The per-session outcome the server sends when places count per session, checked. */
function placedPerSession(value: unknown): { sessions: Record<string, Placed> } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const sessions: Record<string, Placed> = {};
  for (const [id, placed] of Object.entries(value as Record<string, { status?: unknown; position?: unknown }>)) {
    if (placed?.status !== 'confirmed' && placed?.status !== 'waitlisted') continue;
    sessions[id] = {
      status: placed.status,
      ...(typeof placed.position === 'number' ? { position: placed.position } : {}),
    };
  }
  return Object.keys(sessions).length ? { sessions } : undefined;
}

const FAILURE_TEXT: Record<Failure, (t: EnrolmentMessages, refused?: OriginRefusal) => string> = {
  offline: (t) => t.offline,
  timeout: (t) => t.timeout,
  origin: (t, refused) => t.originRefused(refused?.origin ?? '', refused?.server ?? ''),
  network: (t) => t.networkError,
  server: (t) => t.serverError,
  rateLimited: (t) => t.rateLimited,
};
const REFUSALS = ['closed', 'full', 'not-yet-open', 'cancelled'] as const;
type Refusal = (typeof REFUSALS)[number];
type Placed = { status: 'confirmed' | 'waitlisted'; position?: number };
type Done = (Placed & { sessions?: Record<string, Placed> }) | { status: 'mailto'; href: string };

const properties = {
  /** Enrols for this session only (for pages about one session); the choice is then not shown. */
  session: prop('', { reflect: true }),
  /** Adds the team's names, organisations and e-mail addresses to `cop-enrolment-submit`. */
  includePersonalData: prop(false, { type: Boolean, attribute: 'include-personal-data' }),
  /** Fills in fields per role, e.g. `{ gemeente: { organisation: 'Gemeente Ede' } }`. */
  prefill: prop<Partial<Record<string, Partial<MemberDraft>>>>({}, { attribute: false }),
};

// Lit declares these properties on the class from `properties`; the interface gives them their types.
export interface CopEnrolmentForm extends Properties<typeof properties> {}

/** Where a keyboard user starts: the first field (the honeypot's input is skipped). */
const FIRST_FIELD = 'input:not([tabindex="-1"]), select, textarea';

/** Dutch bundled with the widget; English fetched only when one of these widgets speaks it. */
const texts = widgetMessages({ enrolment }, () => import('./enrolment-form.messages.en.js'));

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

  /** Places left follow the server live, and enrolments made on this page (live-availability.ts). */
  #availability = new LiveAvailability(
    this,
    () => super.readyFeed,
    () => this.src,
  );

  protected override get readyFeed(): Feed | undefined {
    const feed = super.readyFeed;
    return feed && this.#availability.apply(feed);
  }

  protected override get t() {
    return this.messages(texts);
  }

  // The host takes focus for the calendar's hand-off and passes it to the first field.
  static override shadowRootOptions: ShadowRootInit = { ...CopElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = properties;

  /** What the form shows now: internal, so neither its type nor the manifest list it. */
  #state = reactiveState(this, {
    /** What the visitor typed (kept in sessionStorage until the server confirms). */
    draft: undefined as Draft | undefined,
    /** Fields the visitor has left: their errors show. */
    touched: new Set<string>() as ReadonlySet<string>,
    /** After a submit every error shows, with the summary. */
    showAll: false,
    /** What the server found wrong (422), each naming its member's role: see fields.ts. */
    serverIssues: [] as FeedIssue[],
    busy: false,
    failure: undefined as Failure | undefined,
    /** Why the server refused this page's site (a `failure` of `origin`). */
    refusedOrigin: undefined as OriginRefusal | undefined,
    refusal: undefined as Refusal | undefined,
    done: undefined as Done | undefined,
    restored: false,
  });

  /** When the form appeared (performance.now()): the server refuses forms sent quicker than people can type. */
  #shownAt = 0;
  #openMail = false;
  /** The Idempotency-Key of the last request sent (a draft that changes after it gets a new one). */
  #sentKey: string | undefined;

  /** Chooses a session and moves focus into the form: the calendar's "Aanmelden" hand-off. */
  chooseSession(sessionId: string): void {
    const draft = this.#state.draft;
    const choice = this.readyFeed?.enrolment?.sessionChoice;
    if (draft && choice !== 'none' && this.readyFeed?.sessions.some((s) => s.id === sessionId)) {
      this.#update(
        choice === 'many'
          ? { sessionIds: draft.sessionIds.includes(sessionId) ? draft.sessionIds : [...draft.sessionIds, sessionId] }
          : { sessionId },
      );
    }
    this.scrollIntoView?.({ block: 'start' });
    this.focusAfterUpdate(FIRST_FIELD);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const feed = this.readyFeed;
    if (feed && changed.has('feedState')) {
      const saved = loadDraft(feed);
      this.#state.restored = Boolean(saved);
      this.#state.draft = saved ?? emptyDraft(feed, this.prefill);
      this.#shownAt = performance.now();
      if (this.session) this.#state.draft = { ...this.#state.draft, sessionId: this.session };
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A calendar on the page stops offering "Aanmelden" when this form was its only destination.
    document.dispatchEvent(new Event(FORM_READY));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('feedState')) document.dispatchEvent(new Event(FORM_READY));
    if (this.#openMail) {
      this.#openMail = false;
      this.renderRoot.querySelector<HTMLAnchorElement>('#mail-link')?.click();
    }
  }

  #update(change: Partial<Draft>): void {
    if (!this.#state.draft || !this.readyFeed) return;
    // A changed draft is another request: after a refusal or a failed send its key was used, and
    // the server would refuse that key with a different body.
    const key = this.#state.draft.idempotencyKey === this.#sentKey ? { idempotencyKey: randomKey() } : {};
    this.#state.draft = { ...this.#state.draft, ...change, ...key };
    saveDraft(this.readyFeed, this.#state.draft);
  }

  #updateMember(roleId: string, field: MemberField, value: string): void {
    if (!this.#state.draft) return;
    this.#update({
      members: { ...this.#state.draft.members, [roleId]: { ...this.#state.draft.members[roleId]!, [field]: value } },
    });
    // What the server said about this field no longer holds once it changes.
    this.#state.serverIssues = this.#state.serverIssues.filter((issue) => fieldOf(issue.path) !== `${roleId}-${field}`);
  }

  #touch(id: string): void {
    if (!this.#state.touched.has(id)) this.#state.touched = new Set([...this.#state.touched, id]);
  }

  /** Every problem with the form now, one per field: the shared schema's, then what the server added. */
  #errors(feed: Feed, draft: Draft): Map<string, FieldError> {
    const body = toRequest(feed, draft);
    const checked = checkEnrolment(feed, body);
    const roleIds = body.members.map((member) => member.roleId);
    const own = checked.success ? [] : checked.issues.map((issue) => byRole(issue, roleIds));
    const roles = rolesOf(feed);
    // A form for one person has no role to name.
    const roleLabel = (id: string) => roles.find((role) => role.id === id)?.label || undefined;
    return fieldErrors([...own, ...this.#state.serverIssues], this.t.enrolment, this.language, roleLabel);
  }

  protected override renderFeed(feed: Feed): TemplateResult {
    const t = this.t.enrolment;
    const status = enrolmentStatus(feed, this.clock);
    const sessions = feed.sessions.filter((s) => s.status !== 'cancelled');
    const first = sessions[0];
    return html`<section class="form" part="base" aria-labelledby="form-title">
      <div class="title" role="heading" aria-level=${this.headingLevel} id="form-title">
        ${t.labelBefore} <span lang=${this.feedLang(feed)}>${feed.programme.title}</span>
      </div>
      ${first ? html`<p class="sessions">${t.sessionsSummary(sessions.length, formatSessionWhen(first.start, first.end, this.language))}</p>` : nothing}
      ${status ? html`<p class="status" part="status">${enrolmentStatusLine(status, this.language, this.clock, Boolean(feed.availability))}</p>` : nothing}
      ${this.#state.done ? this.#renderDone(feed) : this.#renderBody(feed, status)}
    </section>`;
  }

  #renderBody(feed: Feed, status: EnrolmentStatus | undefined): TemplateResult {
    const t = this.t.enrolment;
    const contact = feed.enrolment?.contactEmail ?? feed.programme.contact.email;
    const contactLine = html`<p>${t.contact(feed.programme.contact.name)} <a href="mailto:${contact}">${contact}</a></p>`;
    const closedBy: Refusal | undefined =
      this.#state.refusal ?? (status && !canEnrol(status) ? (status.state as Refusal) : undefined);
    if (!status || closedBy) {
      const message =
        closedBy === 'not-yet-open' && status?.opens
          ? t.notYetOpen(formatDayMonth(status.opens, this.language, this.clock))
          : closedBy === 'full'
            ? t.full
            : closedBy === 'cancelled'
              ? t.cancelled
              : t.closed;
      return html`<div class="notice" role=${this.#state.refusal ? 'alert' : nothing}>
        <p>${message}</p>
        ${contactLine}
      </div>`;
    }
    return this.#renderForm(feed, status, contactLine);
  }

  #renderForm(feed: Feed, status: EnrolmentStatus, contactLine: TemplateResult): TemplateResult {
    const t = this.t.enrolment;
    const draft = this.#state.draft!;
    const errors = this.#errors(feed, draft);
    const shown = (id: string) =>
      this.#state.showAll || this.#state.touched.has(id) ? errors.get(id)?.field : undefined;
    const summary = this.#state.showAll ? [...errors] : [];
    const mailto = !feed.enrolment?.endpoint;
    const submitLabel = mailto ? t.submitMail : status.state === 'waitlist' ? t.submitWaitlist : t.submit;
    const settings = feed.enrolment!;
    return html`${this.#state.restored ? html`<p class="hint" role="status">${t.draftRestored}</p>` : nothing}
      ${status.state === 'waitlist' ? html`<p class="notice">${t.waitlistNotice}</p>` : nothing}
      ${
        summary.length
          ? html`<div class="summary" part="summary" role="alert" tabindex="-1" id="summary" aria-labelledby="summary-title">
            <p id="summary-title" class="summary__title">${t.summaryTitle(summary.length)}</p>
            <ul>
              ${summary.map(([id, error]) => html`<li><a href="#${id}" @click=${(e: Event) => this.#jumpTo(e, id)}>${error.summary}</a></li>`)}
            </ul>
          </div>`
          : nothing
      }
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
          ${feed.programme.privacyUrl ? newWindowLink(feed.programme.privacyUrl, t.privacy, this.t, 'privacy') : nothing}
          ${shown('consent') ? html`<p class="error" id="consent-error">${shown('consent')}</p>` : nothing}
        </div>
        ${this.#renderFailure(feed)}
        <button class="cop-button submit" part="submit" type="submit" aria-disabled=${this.#state.busy ? 'true' : 'false'}>
          ${this.#state.busy ? t.busy : this.#state.failure ? t.retry : submitLabel}
        </button>
        <p class="visually-hidden" role="status">${this.#state.busy ? t.busy : ''}</p>
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
        <label for=${id}>${required ? t[name] : html`${t[name]} <span class="muted">(${t.optional})</span>`}</label>
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
      <legend><span lang=${this.feedLang(this.readyFeed!)}>${role.label}</span> <span class="muted">(${role.required ? t.required : t.optional})</span></legend>
      ${role.required ? nothing : html`<p class="hint" id="${role.id}-hint">${t.optionalRoleHint}</p>`} ${fields}
    </fieldset>`;
  }

  #renderSessionChoice(feed: Feed, choice: string, error: string | undefined): TemplateResult | typeof nothing {
    if (choice === 'none' || this.session) return nothing;
    const t = this.t.enrolment;
    const many = choice === 'many';
    const draft = this.#state.draft!;
    const chosen = (id: string) => (many ? draft.sessionIds.includes(id) : draft.sessionId === id);
    const choose = (id: string, on: boolean) =>
      this.#update(
        many
          ? { sessionIds: on ? [...draft.sessionIds, id] : draft.sessionIds.filter((x) => x !== id) }
          : { sessionId: id },
      );
    const sessions = feed.sessions.filter((s) => s.status !== 'cancelled' && Date.parse(s.end) >= this.clock);
    return html`<fieldset id="session" tabindex="-1" class=${error ? 'field--invalid' : ''} aria-describedby=${error ? 'session-error' : nothing}>
      <legend>${many ? t.chooseSessions : t.chooseSession}</legend>
      ${sessions.map(
        (s) => html`<div class="field field--check">
          <input
            type=${many ? 'checkbox' : 'radio'}
            name="session"
            id="session-${s.id}"
            .checked=${chosen(s.id)}
            @change=${(e: Event) => choose(s.id, (e.target as HTMLInputElement).checked)}
          />
          <label for="session-${s.id}"><span lang=${this.feedLang(feed)}>${s.title}</span>: ${formatSessionWhen(s.start, s.end, this.language)}</label>
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
    const chosen = this.#state.draft!.themeIds;
    const toggle = (id: string, on: boolean) =>
      this.#update({ themeIds: many ? (on ? [...chosen, id] : chosen.filter((x) => x !== id)) : [id] });
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
          <label for="theme-${theme.id}" lang=${this.feedLang(feed)}>${theme.title}</label>
        </div>`,
      )}
      ${error ? html`<p class="error" id="themes-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  /**
   * Why the last submit failed. A refused site cannot be fixed by the visitor: they get the e-mail
   * the form would send without a server, with everything they typed (which stays in the form).
   */
  #renderFailure(feed: Feed) {
    const { failure, refusedOrigin, draft } = this.#state;
    if (!failure) return nothing;
    const t = this.t.enrolment;
    const text = FAILURE_TEXT[failure](t, refusedOrigin);
    if (failure !== 'origin' || !draft) return html`<p class="error failure" role="alert">${text}</p>`;
    const href = mailtoHref(feed, toRequest(feed, draft), t);
    return html`<div class="error failure" role="alert">
      <p>${text}</p>
      <p>${t.originMail} <a id="failure-mail" href=${href}>${t.mailLink}</a></p>
    </div>`;
  }

  #renderDone(feed: Feed): TemplateResult {
    const t = this.t.enrolment;
    const done = this.#state.done!;
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
      ${
        done.sessions
          ? html`<ul class="placed">
            ${Object.entries(done.sessions).map(([id, placed]) => {
              const title = feed.sessions.find((session) => session.id === id)?.title ?? id;
              return html`<li>${t.sessionPlaced(title, placed.status === 'waitlisted', placed.position)}</li>`;
            })}
          </ul>`
          : nothing
      }
      <p>${waitlisted ? t.waitlistedText : t.confirmedText}</p>
      ${
        this.#confirmedSessions(feed).length
          ? html`<button type="button" class="cop-button" @click=${() => void this.#downloadSessions(feed)}>${t.addSessions}</button>`
          : nothing
      }
      <button type="button" class="link-button" @click=${this.#startAgain}>${t.another}</button>
    </div>`;
  }

  #jumpTo(event: Event, id: string): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  #startAgain = () => {
    const feed = this.readyFeed!;
    this.#state.done = undefined;
    this.#state.draft = emptyDraft(feed, this.prefill);
    this.#shownAt = performance.now();
    this.#state.touched = new Set();
    this.#state.showAll = false;
    this.focusAfterUpdate(FIRST_FIELD);
  };

  /** The sessions the team has a place in: those chosen (all without a choice), less any it waits for. */
  #confirmedSessions(feed: Feed) {
    const done = this.#state.done;
    if (!done || done.status === 'mailto') return [];
    const sent = toRequest(feed, this.#state.draft!);
    const chosen = sent.sessionIds ?? (sent.sessionId || this.session ? [sent.sessionId || this.session] : []);
    return feed.sessions.filter(
      (s) =>
        s.status !== 'cancelled' &&
        (chosen.length === 0 || chosen.includes(s.id)) &&
        (done.sessions ? done.sessions[s.id]?.status === 'confirmed' : done.status === 'confirmed'),
    );
  }

  /** The sessions as a calendar file; its code is a chunk of its own, fetched when asked for. */
  async #downloadSessions(feed: Feed): Promise<void> {
    const files = await this.loadChunk(() => import('../core/ics.js'));
    if (!files) return;
    const sessions = this.#confirmedSessions(feed);
    const { locationUnknown } = this.t.session;
    const ics = files.buildIcs(feed, sessions, { name: feed.programme.title, locationUnknown });
    downloadIcs(ics, files.icsFileName(feed.programme.id));
  }

  #submit = async (event: Event) => {
    event.preventDefault();
    const feed = this.readyFeed;
    const draft = this.#state.draft;
    // One request at a time: a double click or an impatient Enter sends nothing more.
    if (!feed || !draft || this.#state.busy) return;
    this.#state.showAll = true;
    this.#state.failure = undefined;
    if (this.#errors(feed, draft).size > 0) {
      this.focusAfterUpdate('#summary');
      return;
    }
    const endpoint = feed.enrolment?.endpoint;
    if (!endpoint) {
      this.#finish(feed, { status: 'mailto', href: mailtoHref(feed, toRequest(feed, draft), this.t.enrolment) });
      // Opens the mail program through the confirmation's own link, once it is rendered.
      this.#openMail = true;
      return;
    }
    this.#state.busy = true;
    // Someone quicker than the server's minimum (autofill) waits out the rest, without noticing.
    const filledFor = performance.now() - this.#shownAt;
    if (filledFor < MIN_FILL_MS) await new Promise((resolve) => setTimeout(resolve, MIN_FILL_MS - filledFor));
    const body = { ...toRequest(feed, draft), fillMs: Math.round(Math.max(filledFor, MIN_FILL_MS)) };
    this.#sentKey = draft.idempotencyKey;
    const headers = { 'Idempotency-Key': draft.idempotencyKey };
    const outcome = await request(endpointUrl(endpoint, this.src), { body, headers });
    this.#state.busy = false;
    const { status, position, sessions, availability } = outcome.kind === 'ok' ? outcome.body : {};
    if (status === 'confirmed' || status === 'waitlisted') {
      // The places as this enrolment left them, at once, for every calendar and form on the page.
      const places = AvailabilitySchema.safeParse(availability);
      if (places.success) publishAvailability(feed.programme.id, places.data);
      this.#finish(feed, {
        status,
        ...(typeof position === 'number' ? { position } : {}),
        ...(placedPerSession(sessions) ?? {}),
      });
    } else if (outcome.kind === 'refused' && outcome.error === 'idempotency-key-reused') {
      // The key went out with another version of this form (a lost answer, then a change): send
      // this version as the new request it is.
      this.#update({ idempotencyKey: randomKey() });
      void this.#submit(event);
    } else if (outcome.kind === 'invalid') {
      const roleIds = body.members.map((member) => member.roleId);
      this.#state.serverIssues = outcome.issues.map((issue) => byRole(issue, roleIds));
      this.focusAfterUpdate('#summary');
    } else if (outcome.kind === 'refused') {
      this.#state.refusal = REFUSALS.find((r) => r === outcome.error) ?? 'closed';
    } else {
      this.#state.failure = outcome.kind === 'failed' ? outcome.failure : 'server';
      this.#state.refusedOrigin = outcome.kind === 'failed' ? outcome.refusal : undefined;
    }
  };

  #finish(feed: Feed, done: Done): void {
    this.#state.done = done;
    this.#state.serverIssues = [];
    this.#state.refusal = undefined;
    const draft = this.#state.draft!;
    clearDraft(feed);
    this.#state.restored = false;
    const sent = toRequest(feed, draft);
    this.emit('cop-enrolment-submit', {
      programmeId: feed.programme.id,
      status: done.status,
      ...(done.status === 'waitlisted' && done.position ? { position: done.position } : {}),
      ...(sent.sessionId ? { sessionId: sent.sessionId } : {}),
      ...(sent.sessionIds ? { sessionIds: sent.sessionIds } : {}),
      ...(this.includePersonalData
        ? {
            members: sent.members.map(({ roleId, name, organisation, email }) => ({
              roleId,
              name,
              organisation,
              email,
            })),
          }
        : {}),
    });
    this.focusAfterUpdate('#done-title');
  }
}
