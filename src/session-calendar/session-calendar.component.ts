import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Feed, Session } from '../feed/schema.js';
import { CopElement } from '../shared/cop-element.js';
import { dayKey, formatDate, formatMonth, formatWeekday } from '../shared/datetime.js';
import { canEnrol, enrolmentStatus, enrolmentStatusLine, type EnrolmentStatus } from '../shared/enrolment-status.js';
import { calendarMessages } from '../shared/i18n/calendar.js';
import { buildIcs, downloadIcs, icsFileName } from '../shared/ics.js';
import { dayDate, firstDayOf, lastDayOf, monthOf, monthWeeks, shiftDay, shiftMonth, weekEnd, weekStart, type DayKey, type MonthKey } from './month.js';
import { renderSessionCard, type CardContext } from './session-card.js';
import { sessionCalendarStyles } from './session-calendar.styles.js';

export type CalendarView = 'list' | 'month';

/** Below this width the month grid gives way to the list: seven columns need room to be legible. */
const NARROW_PX = 560;

/** Cards in the list's first render, then per frame: 500 sessions must not block the page. */
const FIRST_CHUNK = 60;
const NEXT_CHUNK = 120;

/** Sorted once per feed: every render filters this list instead of sorting again. */
const sortedSessions = new WeakMap<Feed, Session[]>();
function sessionsOf(feed: Feed): Session[] {
  let sorted = sortedSessions.get(feed);
  if (!sorted) {
    sorted = [...feed.sessions].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    sortedSessions.set(feed, sorted);
  }
  return sorted;
}

/** The part of the page an enrolment form offers for the calendar's "Aanmelden" hand-off. */
interface SessionChooser extends HTMLElement {
  feedState?: { status: string; feed?: Feed };
  chooseSession?: (sessionId: string) => void;
}

/**
 * A programme's sessions as an agenda list or a month grid, with filters per group and theme,
 * enrolment state and add-to-calendar (.ics, Google, Outlook.com). Times are always shown in
 * Europe/Amsterdam.
 *
 * @summary The programme's sessions, in list and month views, with add-to-calendar.
 * @tag cop-session-calendar
 *
 * @fires {CustomEvent<{ programmeId: string; sessionId: string }>} cop-session-select - A visitor chose "Aanmelden" for a session. Cancel it (`preventDefault()`) to stop the hand-off to a `<cop-enrolment-form>` on the page.
 *
 * @csspart base - The calendar's outer box.
 * @csspart toolbar - View switch, filters and the series download.
 * @csspart filter - Each filter control.
 * @csspart enrolment - The programme's enrolment state ("Aanmelden kan tot 26 april").
 * @csspart month-heading - A month's heading in the list, and the grid's month title.
 * @csspart session - One session's card.
 * @csspart date - A session's date and time.
 * @csspart title - A session's title.
 * @csspart status - "Geannuleerd" or "Afgelopen".
 * @csspart location - A session's location.
 * @csspart actions - A session's buttons.
 * @csspart enrol - The "Aanmelden" button.
 * @csspart add-to-calendar - The add-to-calendar disclosure.
 * @csspart grid - The month grid (a table with role grid).
 * @csspart day - A day in the month grid.
 *
 * @cssprop [--cop-session-calendar-session-background=var(--cop-color-background)] - Background of a session card.
 * @cssprop [--cop-session-calendar-session-border-color=var(--cop-color-border)] - Border of a session card.
 * @cssprop [--cop-session-calendar-date-color=var(--cop-color-primary)] - Colour of a session's date line.
 * @cssprop [--cop-session-calendar-status-cancelled-color=var(--cop-color-danger)] - Colour of the "Geannuleerd" badge.
 * @cssprop [--cop-session-calendar-day-has-sessions-background=var(--cop-color-surface)] - Background of a grid day with sessions.
 * @cssprop [--cop-session-calendar-day-selected-border-color=var(--cop-color-primary)] - Outline of the chosen day.
 */
export class CopSessionCalendar extends CopElement {
  static override styles = [...CopElement.styles, sessionCalendarStyles];

  protected override get t() {
    return this.messages(calendarMessages);
  }

  static override properties: PropertyDeclarations = {
    view: { type: String, reflect: true },
    group: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    hidePast: { type: Boolean, attribute: 'hide-past', reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    now: { attribute: false },
    shownMonth: { state: true, attribute: false },
    focusedDay: { state: true, attribute: false },
    selectedDay: { state: true, attribute: false },
    narrow: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    openPanels: { state: true, attribute: false },
    listLimit: { state: true, attribute: false },
  };

  /** `list` (default): an agenda grouped by month; `month`: a month grid. */
  declare view: CalendarView;
  /** Shows one group's series only, e.g. `groep-2`; a visitor can still choose another. */
  declare group: string;
  /** Shows one theme's sessions only. */
  declare theme: string;
  /** Hides sessions that are over; otherwise they are shown muted and marked "Afgelopen". */
  declare hidePast: boolean;
  /** Level of the month headings (session titles are one deeper); 2 by default. */
  declare headingLevel: number;
  /** The moment that counts as now (ms since 1970); defaults to the clock. For previews and tests. */
  declare now: number | undefined;

  declare protected shownMonth: MonthKey | undefined;
  declare protected focusedDay: DayKey | undefined;
  declare protected selectedDay: DayKey | undefined;
  declare protected narrow: boolean;
  declare protected announcement: string;
  declare protected openPanels: ReadonlySet<string>;
  /** How many cards the list renders now: long programmes arrive in chunks, frame by frame. */
  declare protected listLimit: number;

  #resizeObserver: ResizeObserver | undefined;
  /** What the observer measures: the calendar's own box, not the host, which a page's reset can make inline (width 0). */
  #measured: Element | undefined;
  #focusAfterRender = false;
  /** Set while rendering when the list left cards out for the next frame. */
  #listCut = false;

  constructor() {
    super();
    this.listLimit = FIRST_CHUNK;
    this.view = 'list';
    this.group = '';
    this.theme = '';
    this.hidePast = false;
    this.headingLevel = 2;
    this.narrow = false;
    this.announcement = '';
    this.openPanels = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resizeObserver ??= new ResizeObserver(([entry]) => {
      const narrow = (entry?.contentRect.width ?? Infinity) < NARROW_PX;
      // Re-rendering inside the observer's callback would change the size it is reporting
      // and make the browser report a "ResizeObserver loop" error on the host page.
      if (narrow !== this.narrow) requestAnimationFrame(() => (this.narrow = narrow));
    });
    this.#measured = undefined;
    if (this.#listCut) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
  }

  get #now(): number {
    return this.now ?? Date.now();
  }

  /** The sessions that pass the visitor's filters, in order of time. */
  visibleSessions(feed: Feed): Session[] {
    const now = this.#now;
    return sessionsOf(feed).filter(
      (s) =>
        (!this.group || s.groupId === this.group) &&
        (!this.theme || (s.themeIds ?? []).includes(this.theme)) &&
        (!this.hidePast || Date.parse(s.end) >= now),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('feedState') || changed.has('group') || changed.has('theme') || changed.has('hidePast') || changed.has('view')) this.listLimit = FIRST_CHUNK;
    const feed = this.feedState.status === 'ready' ? this.feedState.feed : undefined;
    if (feed && (changed.has('feedState') || this.shownMonth === undefined)) {
      // Open the month grid where the programme is: its next session, else its last one.
      const sessions = sessionsOf(feed);
      const next = sessions.find((s) => Date.parse(s.end) >= this.#now) ?? sessions.at(-1);
      const day = next ? dayKey(next.start) : dayKey(this.#now);
      this.shownMonth = monthOf(day);
      this.focusedDay = day;
      this.selectedDay = next ? day : undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const box = this.renderRoot.querySelector('.calendar') ?? undefined;
    if (box !== this.#measured) {
      if (this.#measured) this.#resizeObserver?.unobserve(this.#measured);
      if (box) this.#resizeObserver?.observe(box);
      this.#measured = box;
    }
    if (this.#listCut) {
      // The first cards show at once; the rest follow a chunk per frame, never blocking the page.
      this.#listCut = false;
      requestAnimationFrame(() => {
        // A calendar taken off the page stops here and goes on when it is back.
        if (this.isConnected) this.listLimit += NEXT_CHUNK;
        else this.#listCut = true;
      });
    }
    if (this.#focusAfterRender) {
      this.#focusAfterRender = false;
      this.renderRoot.querySelector<HTMLElement>(`[data-day="${this.focusedDay}"]`)?.focus();
    }
  }

  protected override renderFeed(feed: Feed): TemplateResult {
    const t = this.t.calendar;
    const all = sessionsOf(feed);
    const visible = this.visibleSessions(feed);
    const status = enrolmentStatus(feed, this.#now);
    const showGrid = this.view === 'month';
    return html`<section class="calendar" part="base" aria-label=${t.label(feed.programme.title)}>
      ${this.#renderToolbar(feed, visible)} ${this.#renderEnrolment(status)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${all.length === 0
        ? this.renderEmpty(t.noSessions)
        : showGrid
          ? this.#renderMonth(feed, visible, status)
          : this.#renderList(feed, visible, status)}
    </section>`;
  }

  #renderToolbar(feed: Feed, visible: Session[]): TemplateResult {
    const t = this.t.calendar;
    const groups = feed.groups ?? [];
    const themes = feed.themes ?? [];
    const seriesName = groups.find((g) => g.id === this.group)?.name ?? feed.programme.title;
    const upcoming = visible.filter((s) => s.status !== 'cancelled' && Date.parse(s.end) >= this.#now);
    return html`<div class="toolbar" part="toolbar">
      <div class="toolbar__row">
        <div class="switch" role="group" aria-label=${t.view}>
          ${(['list', 'month'] as const).map(
            (view) => html`<button
              type="button"
              class="switch__option"
              aria-pressed=${this.view === view ? 'true' : 'false'}
              @click=${() => this.#setView(view)}
            >
              ${view === 'list' ? t.list : t.month}
            </button>`,
          )}
        </div>
        ${this.#renderFilter('group', t.group, t.allGroups, groups.map((g) => [g.id, g.name]))}
        ${this.#renderFilter('theme', t.theme, t.allThemes, themes.map((th) => [th.id, th.title]))}
        <label class="check" part="filter">
          <input type="checkbox" .checked=${this.hidePast} @change=${(e: Event) => this.#setHidePast((e.target as HTMLInputElement).checked)} />
          <span>${t.hidePast}</span>
        </label>
      </div>
      ${upcoming.length > 1
        ? html`<button type="button" class="link-button series" @click=${() => this.#download(feed, upcoming, seriesName)}>
            ${t.addSeries(seriesName)}
          </button>`
        : nothing}
    </div>`;
  }

  /** A select for one filter; absent when the feed has nothing to choose from. */
  #renderFilter(kind: 'group' | 'theme', label: string, allLabel: string, options: [id: string, name: string][]) {
    if (options.length === 0) return nothing;
    return html`<label class="filter" part="filter"
      ><span>${label}</span>
      <select @change=${(e: Event) => this.#filter(kind, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this[kind]}>${allLabel}</option>
        ${options.map(([id, name]) => html`<option value=${id} ?selected=${this[kind] === id}>${name}</option>`)}
      </select></label
    >`;
  }

  #renderEnrolment(status: EnrolmentStatus | undefined): TemplateResult | typeof nothing {
    if (!status || this.feedState.status !== 'ready') return nothing;
    const line = enrolmentStatusLine(status, this.language, this.#now, Boolean(this.feedState.feed.availability));
    return html`<p class="enrolment enrolment--${status.state}" part="enrolment">${line}</p>`;
  }

  #cardContext(feed: Feed, status: EnrolmentStatus | undefined, titleLevel: number): CardContext {
    return {
      feed,
      lang: this.language,
      t: this.t,
      now: this.#now,
      titleLevel,
      enrolOpen: canEnrol(status),
      openPanels: this.openPanels,
      onPanelToggle: (session, open) => {
        if (open === this.openPanels.has(session.id)) return;
        const next = new Set(this.openPanels);
        if (open) next.add(session.id);
        else next.delete(session.id);
        this.openPanels = next;
      },
      onDownload: (session) => this.#download(feed, [session], session.title),
      onEnrol: (session) => this.#enrol(feed, session),
    };
  }

  #renderList(feed: Feed, sessions: Session[], status: EnrolmentStatus | undefined): TemplateResult {
    const t = this.t.calendar;
    if (sessions.length === 0) return this.renderEmpty(this.hidePast && !this.group && !this.theme ? t.allPast : t.noMatch);
    const ctx = this.#cardContext(feed, status, this.headingLevel + 1);
    // Each month lists its cards in segments, one per chunk they arrived in (see FIRST_CHUNK).
    const months = new Map<MonthKey, Session[][]>();
    const chunkOf = (index: number) => (index < FIRST_CHUNK ? 0 : 1 + Math.floor((index - FIRST_CHUNK) / NEXT_CHUNK));
    this.#listCut = sessions.length > this.listLimit;
    sessions.slice(0, this.listLimit).forEach((session, index) => {
      const key = monthOf(dayKey(session.start));
      const segments = months.get(key) ?? months.set(key, []).get(key)!;
      const last = segments.at(-1);
      // Sorted by start, a month's sessions are neighbours: the last segment began `last.length` ago.
      if (last && chunkOf(index - last.length) === chunkOf(index)) last.push(session);
      else segments.push([session]);
    });
    // A segment renders again only when something it shows has changed: each new chunk of a long
    // list adds its cards without rendering (and diffing) all the earlier ones again.
    const now = ctx.now;
    const shared = [feed, this.language, this.headingLevel, ctx.enrolOpen, this.group, this.theme, this.hidePast];
    const changesOf = (list: Session[]) => [
      list[0],
      list.length,
      list.filter((session) => Date.parse(session.end) < now).length,
      list.filter((session) => this.openPanels.has(session.id)).map((session) => session.id).join(' '),
    ];
    return html`<div class="list">
      ${[...months].map(([month, segments]) =>
        guard([...shared, month, segments.length, ...changesOf(segments.flat())], () => html`<div class="list__month">
          <div class="month-heading" part="month-heading" role="heading" aria-level=${this.headingLevel}>
            ${formatMonth(dayDate(firstDayOf(month)), this.language)}
          </div>
          <ul class="sessions">
            ${segments.map((segment) => guard([...shared, ...changesOf(segment)], () => segment.map((session) => html`<li>${renderSessionCard(session, ctx)}</li>`)))}
          </ul>
        </div>`),
      )}
    </div>`;
  }

  #renderMonth(feed: Feed, sessions: Session[], status: EnrolmentStatus | undefined): TemplateResult {
    const t = this.t.calendar;
    const month = this.shownMonth ?? monthOf(dayKey(this.#now));
    const byDay = new Map<DayKey, Session[]>();
    for (const session of sessions) {
      const key = dayKey(session.start);
      byDay.set(key, [...(byDay.get(key) ?? []), session]);
    }
    const inMonth = sessions.filter((s) => monthOf(dayKey(s.start)) === month);
    const title = formatMonth(dayDate(firstDayOf(month)), this.language);
    const nav = html`<div class="month-nav">
      <button type="button" class="cop-button cop-button--quiet" @click=${() => this.#goToMonth(-1)}>
        <span aria-hidden="true">‹</span> ${t.previousMonth}
      </button>
      <div class="month-heading month-nav__title" part="month-heading" role="heading" aria-level=${this.headingLevel} id="month-title">${title}</div>
      <button type="button" class="cop-button cop-button--quiet" @click=${() => this.#goToMonth(1)}>
        ${t.nextMonth} <span aria-hidden="true">›</span>
      </button>
      <button type="button" class="cop-button cop-button--quiet" @click=${() => this.#goToToday()}>${t.today}</button>
    </div>`;
    // On a narrow screen seven columns are illegible: show the month's sessions as a list.
    if (this.narrow) {
      return html`${nav}${inMonth.length ? this.#renderDaySessions(feed, inMonth, status, this.headingLevel + 1) : this.renderEmpty(t.monthSummary(title, 0))}`;
    }
    const today = dayKey(this.#now);
    const weeks = monthWeeks(month);
    const selected = this.selectedDay && byDay.get(this.selectedDay);
    return html`${nav}
      <table class="grid" part="grid" role="grid" aria-labelledby="month-title" aria-describedby="grid-help" @keydown=${this.#onGridKey}>
        <thead>
          <tr>
            ${weeks[0]!.map((day) => html`<th scope="col" abbr=${formatWeekday(dayDate(day), this.language)}>${formatWeekday(dayDate(day), this.language)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${weeks.map(
            (week) => html`<tr>
              ${week.map((day) => {
                const daySessions = byDay.get(day) ?? [];
                const outside = monthOf(day) !== month;
                return html`<td
                  role="gridcell"
                  part="day"
                  class="day ${outside ? 'day--outside' : ''} ${daySessions.length ? 'day--busy' : ''}"
                  data-day=${day}
                  tabindex=${day === this.focusedDay ? 0 : -1}
                  aria-selected=${day === this.selectedDay ? 'true' : 'false'}
                  aria-current=${day === today ? 'date' : nothing}
                  @click=${() => this.#selectDay(day)}
                >
                  <!-- Named by its content, so what is read is what is seen: the full date, then the sessions. -->
                  <span class="visually-hidden">${formatDate(dayDate(day), this.language)}</span>
                  <span class="day__number">${Number(day.slice(8))}</span>
                  ${daySessions.slice(0, 2).map((s) => html`<span class="day__session">${s.title}</span>`)}
                  ${daySessions.length > 2
                    ? html`<span class="day__session">+${daySessions.length - 2}</span
                        ><span class="visually-hidden">${daySessions.slice(2).map((s) => s.title).join(', ')}</span>`
                    : nothing}
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="visually-hidden" id="grid-help">${t.gridHelp}</p>
      ${this.selectedDay
        ? html`<div class="day-panel">
            <div class="month-heading" role="heading" aria-level=${this.headingLevel + 1}>
              ${t.sessionsOn(formatDate(dayDate(this.selectedDay), this.language))}
            </div>
            ${selected ? this.#renderDaySessions(feed, selected, status, this.headingLevel + 2) : html`<p>${t.noneOnDay}</p>`}
          </div>`
        : nothing}`;
  }

  #renderDaySessions(feed: Feed, sessions: Session[], status: EnrolmentStatus | undefined, titleLevel: number): TemplateResult {
    const ctx = this.#cardContext(feed, status, titleLevel);
    return html`<ul class="sessions">
      ${sessions.map((session) => html`<li>${renderSessionCard(session, ctx)}</li>`)}
    </ul>`;
  }

  #onGridKey = (event: KeyboardEvent) => {
    const day = this.focusedDay;
    if (!day) return;
    const moves: Record<string, () => DayKey> = {
      ArrowLeft: () => shiftDay(day, -1),
      ArrowRight: () => shiftDay(day, 1),
      ArrowUp: () => shiftDay(day, -7),
      ArrowDown: () => shiftDay(day, 7),
      Home: () => weekStart(day),
      End: () => weekEnd(day),
      PageUp: () => shiftMonth(day, -1),
      PageDown: () => shiftMonth(day, 1),
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#selectDay(day);
      return;
    }
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    this.#focusDay(move());
  };

  #focusDay(day: DayKey): void {
    this.focusedDay = day;
    this.#focusAfterRender = true;
    if (monthOf(day) !== this.shownMonth) {
      this.shownMonth = monthOf(day);
      this.#announceMonth();
    }
  }

  #selectDay(day: DayKey): void {
    this.selectedDay = day;
    this.focusedDay = day;
    if (this.feedState.status !== 'ready') return;
    const count = this.visibleSessions(this.feedState.feed).filter((s) => dayKey(s.start) === day).length;
    this.announcement = `${formatDate(dayDate(day), this.language)}: ${count ? this.t.calendar.count(count) : this.t.calendar.noneOnDay}`;
  }

  #goToMonth(delta: number): void {
    const month = this.shownMonth ?? monthOf(dayKey(this.#now));
    const first = shiftMonth(firstDayOf(month), delta);
    this.shownMonth = monthOf(first);
    this.focusedDay = first;
    this.#announceMonth();
  }

  #goToToday(): void {
    const today = dayKey(this.#now);
    this.shownMonth = monthOf(today);
    this.focusedDay = today;
    this.#focusAfterRender = true;
    this.#announceMonth();
  }

  #announceMonth(): void {
    if (this.feedState.status !== 'ready' || !this.shownMonth) return;
    const month = this.shownMonth;
    const count = this.visibleSessions(this.feedState.feed).filter((s) => {
      const day = dayKey(s.start);
      return day >= firstDayOf(month) && day <= lastDayOf(month);
    }).length;
    this.announcement = this.t.calendar.monthSummary(formatMonth(dayDate(firstDayOf(month)), this.language), count);
  }

  #setView(view: CalendarView): void {
    this.view = view;
    if (view === 'month') this.#announceMonth();
  }

  #setHidePast(hide: boolean): void {
    this.hidePast = hide;
    this.#announceCount();
  }

  #filter(kind: 'group' | 'theme', value: string): void {
    this[kind] = value;
    this.#announceCount();
  }

  #announceCount(): void {
    if (this.feedState.status !== 'ready') return;
    this.announcement = this.t.calendar.count(this.visibleSessions(this.feedState.feed).length);
  }

  #download(feed: Feed, sessions: Session[], name: string): void {
    const ics = buildIcs(feed, sessions, { name, locationUnknown: this.t.session.locationUnknown });
    const file = sessions.length === 1 ? icsFileName(feed.programme.id, sessions[0]!.id) : icsFileName(feed.programme.id, this.group || 'alle');
    downloadIcs(ics, file);
  }

  /** Fires cop-session-select, then hands the session to an enrolment form for the same programme. */
  #enrol(feed: Feed, session: Session): void {
    const proceed = this.emit('cop-session-select', { programmeId: feed.programme.id, sessionId: session.id });
    if (!proceed) return;
    const form = [...document.querySelectorAll<SessionChooser>('cop-enrolment-form')].find(
      (el) => el.feedState?.status === 'ready' && el.feedState.feed?.programme.id === feed.programme.id,
    );
    if (!form) return;
    if (form.chooseSession) form.chooseSession(session.id);
    else form.focus();
  }
}
