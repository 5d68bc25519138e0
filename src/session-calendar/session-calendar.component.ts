import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { dayKey, formatDate, formatMonth, formatMonthRange, formatWeekday } from '../core/datetime.js';
import { canEnrol, enrolmentStatus, enrolmentStatusLine, type EnrolmentStatus } from '../core/enrolment-status.js';
import type { Feed, Session } from '../core/schema.js';
import { CopElement } from '../shared/cop-element.js';
import { FORM_READY } from '../shared/events.js';
import { LiveAvailability } from '../shared/live-availability.js';
import { prop, reactiveState, type Properties } from '../shared/properties.js';
import { downloadIcs } from '../shared/download.js';
import { widgetMessages } from '../shared/messages.js';
import {
  dayDate,
  firstDayOf,
  lastDayOf,
  monthOf,
  monthWeeks,
  shiftDay,
  shiftMonth,
  weekEnd,
  weekStart,
  type DayKey,
  type MonthKey,
} from './month.js';
import { calendar } from './session-calendar.messages.js';
import { sessionCalendarStyles } from './session-calendar.styles.js';
import { renderSessionCard, type CardContext } from './session-card.js';

export type CalendarView = 'list' | 'month';

/** Below this width the month grid gives way to the list: seven columns need room to be legible. */
const NARROW_PX = 560;

/**
 * A long list arrives in chunks, one per frame, so 500 sessions never block the page: a
 * screenful and more at once, then each chunk as large as all before it (few frames, so the
 * whole list costs about as much per card at 5,000 as at 500), at most LARGEST_CHUNK.
 */
const FIRST_CHUNK = 20;
const LARGEST_CHUNK = 400;
const nextLimit = (limit: number) => limit + Math.min(LARGEST_CHUNK, limit);

/** From this many sessions in the list, a wide calendar shows them as compact rows. */
const COMPACT_FROM = 12;

/** The chunk a card arrives in, from its index in the list. */
function chunkOf(index: number): number {
  let chunk = 0;
  for (let end = FIRST_CHUNK; index >= end; end = nextLimit(end)) chunk += 1;
  return chunk;
}

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

/** Calendar files and links: a chunk of their own, fetched the first time a visitor asks for one. */
const calendarFiles = () => import('../core/ics.js');
type CalendarFiles = Awaited<ReturnType<typeof calendarFiles>>;

/** Dutch bundled with the widget; English fetched only when one of these widgets speaks it. */
const texts = widgetMessages({ calendar }, () => import('./session-calendar.messages.en.js'));

const properties = {
  /** `list` (default): an agenda grouped by month; `month`: a month grid. */
  view: prop<CalendarView>('list', { reflect: true }),
  /** Shows one group's series only, e.g. `groep-2`; a visitor can still choose another. */
  group: prop('', { reflect: true }),
  /** Shows one theme's sessions only. */
  theme: prop('', { reflect: true }),
  /** Hides sessions that are over; otherwise they are shown muted and marked "Afgelopen". */
  hidePast: prop(false, { type: Boolean, attribute: 'hide-past', reflect: true }),
  /**
   * The page handles "Aanmelden" itself (it listens for `cop-session-select`). Without it the
   * button shows only when a `<cop-enrolment-form>` for the same programme is on the page: a
   * button that leads nowhere is never shown.
   */
  enrolHandled: prop(false, { type: Boolean, attribute: 'enrol-handled', reflect: true }),
};

// Lit declares these properties on the class from `properties`; the interface gives them their types.
export interface CopSessionCalendar extends Properties<typeof properties> {}

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

  static override properties: PropertyDeclarations = properties;

  /** What the widget shows now: internal, so neither its type nor the manifest list it. */
  #state = reactiveState(this, {
    shownMonth: undefined as MonthKey | undefined,
    focusedDay: undefined as DayKey | undefined,
    selectedDay: undefined as DayKey | undefined,
    narrow: false,
    /** Escape hides the grid's full-title tip until the visitor moves on (WCAG 1.4.13). */
    tipsHidden: false,
    announcement: '',
    openPanels: new Set<string>() as ReadonlySet<string>,
    /** How many cards the list renders now: long programmes arrive in chunks, frame by frame. */
    listLimit: FIRST_CHUNK,
  });

  #resizeObserver: ResizeObserver | undefined;
  /** What the observer measures: the calendar's own box, not the host, which a page's reset can make inline (width 0). */
  #measured: Element | undefined;
  /** Set while rendering when the list left cards out for the next frame. */
  #listCut = false;
  /** The calendar files chunk, once a visitor opened "Toevoegen aan agenda" or asked for a file. */
  #files: CalendarFiles | undefined;

  /** An enrolment form on the page came or went: whether "Aanmelden" leads anywhere may have changed. */
  #onFormReady = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener(FORM_READY, this.#onFormReady);
    this.#resizeObserver ??= new ResizeObserver(([entry]) => {
      const narrow = (entry?.contentRect.width ?? Infinity) < NARROW_PX;
      // Re-rendering inside the observer's callback would change the size it is reporting
      // and make the browser report a "ResizeObserver loop" error on the host page.
      if (narrow !== this.#state.narrow) requestAnimationFrame(() => (this.#state.narrow = narrow));
    });
    this.#measured = undefined;
    if (this.#listCut) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener(FORM_READY, this.#onFormReady);
    this.#resizeObserver?.disconnect();
  }

  /** The sessions that pass the visitor's filters, in order of time. */
  visibleSessions(feed: Feed): Session[] {
    const now = this.clock;
    return sessionsOf(feed).filter(
      (s) =>
        (!this.group || s.groupId === this.group) &&
        (!this.theme || (s.themeIds ?? []).includes(this.theme)) &&
        (!this.hidePast || Date.parse(s.end) >= now),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (
      changed.has('feedState') ||
      changed.has('group') ||
      changed.has('theme') ||
      changed.has('hidePast') ||
      changed.has('view')
    )
      this.#state.listLimit = FIRST_CHUNK;
    const feed = this.readyFeed;
    const filtered = changed.has('group') || changed.has('theme') || changed.has('hidePast');
    if (feed && (changed.has('feedState') || this.#state.shownMonth === undefined)) {
      // Open the month grid where the programme is: its next session, else its last one.
      this.#showNext(sessionsOf(feed));
    } else if (feed && filtered) {
      // Filtered to sessions elsewhere in time: the grid goes where they are.
      const visible = this.visibleSessions(feed);
      const month = this.#state.shownMonth;
      if (!visible.some((s) => monthOf(dayKey(s.start)) === month)) this.#showNext(visible);
    }
    if (feed) this.#followShownMonth(feed);
  }

  /** Shows the month of the next of these sessions (else the last one), with its day chosen. */
  #showNext(sessions: Session[]): void {
    const next = sessions.find((s) => Date.parse(s.end) >= this.clock) ?? sessions.at(-1);
    const day = next ? dayKey(next.start) : dayKey(this.clock);
    this.#state.shownMonth = monthOf(day);
    this.#state.focusedDay = day;
    this.#state.selectedDay = next ? day : undefined;
  }

  /**
   * The day panel below the grid belongs to the month shown: in another month it shows that
   * month's first day with sessions, or nothing at all; never a day of a month out of sight.
   */
  #followShownMonth(feed: Feed): void {
    const month = this.#state.shownMonth;
    const selected = this.#state.selectedDay;
    if (!month || (selected && monthOf(selected) === month)) return;
    const first = this.visibleSessions(feed).find((s) => monthOf(dayKey(s.start)) === month);
    this.#state.selectedDay = first ? dayKey(first.start) : undefined;
  }

  /** The enrolment form for this programme on the page, if any (the "Aanmelden" hand-off's destination). */
  #enrolmentForm(feed: Feed): SessionChooser | undefined {
    return [...document.querySelectorAll<SessionChooser>('cop-enrolment-form')].find(
      (el) => el.feedState?.status === 'ready' && el.feedState.feed?.programme.id === feed.programme.id,
    );
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
        if (this.isConnected) this.#state.listLimit = nextLimit(this.#state.listLimit);
        else this.#listCut = true;
      });
    }
  }

  protected override renderFeed(feed: Feed): TemplateResult {
    const t = this.t.calendar;
    const all = sessionsOf(feed);
    const visible = this.visibleSessions(feed);
    const status = enrolmentStatus(feed, this.clock);
    const showGrid = this.view === 'month';
    return html`<section class="calendar" part="base" aria-label=${t.label(feed.programme.title)}>
      ${this.#renderToolbar(feed, visible)} ${this.#renderEnrolment(status)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.#state.announcement}</div>
      ${
        all.length === 0
          ? this.renderEmpty(t.noSessions)
          : showGrid
            ? this.#renderMonth(feed, visible, status)
            : this.#renderList(feed, visible, status)
      }
    </section>`;
  }

  #renderToolbar(feed: Feed, visible: Session[]): TemplateResult {
    const t = this.t.calendar;
    const groups = feed.groups ?? [];
    const themes = feed.themes ?? [];
    const seriesName = groups.find((g) => g.id === this.group)?.name ?? feed.programme.title;
    const upcoming = visible.filter((s) => s.status !== 'cancelled' && Date.parse(s.end) >= this.clock);
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
        ${this.#renderFilter(
          'group',
          t.group,
          t.allGroups,
          groups.map((g) => [g.id, g.name]),
        )}
        ${this.#renderFilter(
          'theme',
          t.theme,
          t.allThemes,
          themes.map((th) => [th.id, th.title]),
        )}
        <label class="check" part="filter">
          <input type="checkbox" .checked=${this.hidePast} @change=${(e: Event) => this.#setHidePast((e.target as HTMLInputElement).checked)} />
          <span>${t.hidePast}</span>
        </label>
      </div>
      ${
        upcoming.length > 1
          ? html`<button type="button" class="link-button series" @click=${() => void this.#download(feed, upcoming, seriesName)}>
            ${t.addSeries(seriesName)}
          </button>`
          : nothing
      }
    </div>`;
  }

  /** A select for one filter; absent when the feed has nothing to choose from. */
  #renderFilter(kind: 'group' | 'theme', label: string, allLabel: string, options: [id: string, name: string][]) {
    if (options.length === 0) return nothing;
    return html`<label class="filter" part="filter"
      ><span>${label}</span>
      <select @change=${(e: Event) => this.#filter(kind, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this[kind]}>${allLabel}</option>
        ${options.map(([id, name]) => html`<option value=${id} ?selected=${this[kind] === id} lang=${this.feedLang(this.readyFeed!)}>${name}</option>`)}
      </select></label
    >`;
  }

  #renderEnrolment(status: EnrolmentStatus | undefined): TemplateResult | typeof nothing {
    const feed = this.readyFeed;
    if (!status || !feed) return nothing;
    const line = enrolmentStatusLine(status, this.language, this.clock, Boolean(feed.availability));
    return html`<p class="enrolment enrolment--${status.state}" part="enrolment">${line}</p>`;
  }

  #cardContext(feed: Feed, status: EnrolmentStatus | undefined, titleLevel: number): CardContext {
    return {
      feed,
      lang: this.language,
      t: this.t,
      now: this.clock,
      feedLang: this.feedLang(feed),
      titleLevel,
      // Offered only where it leads somewhere: a form for the programme, or a page that handles it.
      enrolOpen: canEnrol(status) && (this.enrolHandled || Boolean(this.#enrolmentForm(feed))),
      openPanels: this.#state.openPanels,
      links: this.#files && {
        google: (session) => this.#files!.googleCalendarUrl(feed, session, this.t.session.locationUnknown),
        outlook: (session) =>
          this.#files!.outlookCalendarUrl(feed, session, this.t.session.locationUnknown, 'personal'),
        outlookWork: (session) =>
          this.#files!.outlookCalendarUrl(feed, session, this.t.session.locationUnknown, 'work'),
      },
      onPanelToggle: (session, open) => {
        if (open) void this.#calendarFiles();
        if (open === this.#state.openPanels.has(session.id)) return;
        const next = new Set(this.#state.openPanels);
        if (open) next.add(session.id);
        else next.delete(session.id);
        this.#state.openPanels = next;
      },
      onDownload: (session) => void this.#download(feed, [session], session.title),
      onEnrol: (session) => this.#enrol(feed, session),
    };
  }

  #renderList(feed: Feed, sessions: Session[], status: EnrolmentStatus | undefined): TemplateResult {
    const t = this.t.calendar;
    if (sessions.length === 0)
      return this.renderEmpty(this.hidePast && !this.group && !this.theme ? t.allPast : t.noMatch);
    const ctx = this.#cardContext(feed, status, this.headingLevel + 1);
    // Each month lists its cards in segments, one per chunk they arrived in (see FIRST_CHUNK).
    const months = new Map<MonthKey, Session[][]>();
    this.#listCut = sessions.length > this.#state.listLimit;
    sessions.slice(0, this.#state.listLimit).forEach((session, index) => {
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
    const links = Boolean(ctx.links);
    const shared = [
      feed,
      this.language,
      this.headingLevel,
      ctx.enrolOpen,
      this.group,
      this.theme,
      this.hidePast,
      links,
    ];
    const changesOf = (list: Session[]) => [
      list[0],
      list.length,
      list.filter((session) => Date.parse(session.end) < now).length,
      list
        .filter((session) => this.#state.openPanels.has(session.id))
        .map((session) => session.id)
        .join(' '),
    ];
    // Months with one session each, one after another, share a heading ("maart–mei 2027"): a
    // heading per card would make a sparse programme a list of headings.
    const sections: { months: MonthKey[]; segments: Session[][]; lone: boolean }[] = [];
    for (const [month, segments] of months) {
      const last = sections.at(-1);
      const lone = segments.flat().length === 1;
      if (lone && last?.lone) {
        last.months.push(month);
        last.segments.push(...segments);
      } else sections.push({ months: [month], segments, lone });
    }
    const heading = (list: MonthKey[]) =>
      list.length === 1
        ? formatMonth(dayDate(firstDayOf(list[0]!)), this.language)
        : formatMonthRange(dayDate(firstDayOf(list[0]!)), dayDate(firstDayOf(list.at(-1)!)), this.language);
    // Long series get compact rows on a wide screen, so a group's dates read at a glance.
    const compact = sessions.length >= COMPACT_FROM;
    return html`<div class="list ${compact ? 'list--compact' : ''}">
      ${sections.map(({ months: list, segments }) =>
        guard(
          [...shared, list.join(' '), segments.length, ...changesOf(segments.flat())],
          () => html`<div class="list__month">
          <div class="month-heading" part="month-heading" role="heading" aria-level=${this.headingLevel}>
            ${heading(list)}
          </div>
          <ul class="sessions">
            ${segments.map((segment) => guard([...shared, ...changesOf(segment)], () => segment.map((session) => html`<li>${renderSessionCard(session, ctx)}</li>`)))}
          </ul>
        </div>`,
        ),
      )}
    </div>`;
  }

  #renderMonth(feed: Feed, sessions: Session[], status: EnrolmentStatus | undefined): TemplateResult {
    const t = this.t.calendar;
    const month = this.#state.shownMonth ?? monthOf(dayKey(this.clock));
    const byDay = new Map<DayKey, Session[]>();
    for (const session of sessions) {
      const key = dayKey(session.start);
      byDay.set(key, [...(byDay.get(key) ?? []), session]);
    }
    const inMonth = sessions.filter((s) => monthOf(dayKey(s.start)) === month);
    const title = formatMonth(dayDate(firstDayOf(month)), this.language);
    const nav = html`<div class="month-nav">
      <button type="button" class="cop-button cop-button--quiet" @click=${() => this.#goToMonth(-1)}>
        <span aria-hidden="true">‹</span> <span class="month-nav__label">${t.previousMonth}</span>
      </button>
      <div class="month-heading month-nav__title" part="month-heading" role="heading" aria-level=${this.headingLevel} id="month-title">${title}</div>
      <button type="button" class="cop-button cop-button--quiet" @click=${() => this.#goToMonth(1)}>
        <span class="month-nav__label">${t.nextMonth}</span> <span aria-hidden="true">›</span>
      </button>
      <button type="button" class="cop-button cop-button--quiet" @click=${() => this.#goToToday()}>${t.today}</button>
    </div>`;
    // On a narrow screen seven columns are illegible: show the month's sessions as a list.
    if (this.#state.narrow) {
      return html`${nav}${inMonth.length ? this.#renderDaySessions(feed, inMonth, status, this.headingLevel + 1) : this.renderEmpty(t.monthSummary(title, 0))}`;
    }
    const today = dayKey(this.clock);
    const weeks = monthWeeks(month);
    const selected = this.#state.selectedDay && byDay.get(this.#state.selectedDay);
    return html`${nav}
      <table
        class="grid ${this.#state.tipsHidden ? 'grid--tips-hidden' : ''}"
        part="grid"
        role="grid"
        aria-labelledby="month-title"
        aria-describedby="grid-help"
        @keydown=${this.#onGridKey}
        @pointerover=${() => {
          if (this.#state.tipsHidden) this.#state.tipsHidden = false;
        }}
      >
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
                  tabindex=${day === this.#state.focusedDay ? 0 : -1}
                  aria-selected=${day === this.#state.selectedDay ? 'true' : 'false'}
                  aria-current=${day === today ? 'date' : nothing}
                  @click=${() => this.#selectDay(day)}
                >
                  <!-- Named by its content, so what is read is what is seen: the full date, then the sessions. -->
                  <span class="visually-hidden">${formatDate(dayDate(day), this.language)}</span>
                  <span class="day__number" aria-hidden="true">${Number(day.slice(8))}</span>
                  ${daySessions.slice(0, 2).map((s) => html`<span class="day__session" lang=${this.feedLang(feed)}>${s.title}</span>`)}
                  ${
                    daySessions.length > 2
                      ? html`<span class="day__session">+${daySessions.length - 2}</span
                        ><span class="visually-hidden">${daySessions
                          .slice(2)
                          .map((s) => s.title)
                          .join(', ')}</span>`
                      : nothing
                  }
                  ${
                    // A label cut short ("Schurende wetge…") reads in full on hover and on focus;
                    // screen readers already have the full titles above, so this is for the eyes.
                    daySessions.length
                      ? html`<span class="day__tip" aria-hidden="true" lang=${this.feedLang(feed)}>${daySessions.map((s) => html`<span>${s.title}</span>`)}</span>`
                      : nothing
                  }
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="visually-hidden" id="grid-help">${t.gridHelp}</p>
      ${
        this.#state.selectedDay
          ? html`<div class="day-panel">
            <div class="month-heading" role="heading" aria-level=${this.headingLevel + 1}>
              ${t.sessionsOn(formatDate(dayDate(this.#state.selectedDay), this.language))}
            </div>
            ${selected ? this.#renderDaySessions(feed, selected, status, this.headingLevel + 2) : html`<p>${t.noneOnDay}</p>`}
          </div>`
          : nothing
      }`;
  }

  #renderDaySessions(
    feed: Feed,
    sessions: Session[],
    status: EnrolmentStatus | undefined,
    titleLevel: number,
  ): TemplateResult {
    const ctx = this.#cardContext(feed, status, titleLevel);
    return html`<ul class="sessions">
      ${sessions.map((session) => html`<li>${renderSessionCard(session, ctx)}</li>`)}
    </ul>`;
  }

  #onGridKey = (event: KeyboardEvent) => {
    const day = this.#state.focusedDay;
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
    if (event.key === 'Escape') {
      this.#state.tipsHidden = true;
      return;
    }
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    this.#focusDay(move());
  };

  #focusDay(day: DayKey): void {
    this.#state.focusedDay = day;
    this.#state.tipsHidden = false;
    this.#focusFocusedDay();
    if (monthOf(day) !== this.#state.shownMonth) {
      this.#state.shownMonth = monthOf(day);
      this.#announceMonth();
    }
  }

  /** The grid's roving focus follows `focusedDay` once the grid shows it. */
  #focusFocusedDay(): void {
    this.focusAfterUpdate(() => this.renderRoot.querySelector<HTMLElement>(`[data-day="${this.#state.focusedDay}"]`));
  }

  #selectDay(day: DayKey): void {
    this.#state.selectedDay = day;
    this.#state.focusedDay = day;
    const feed = this.readyFeed;
    if (!feed) return;
    const count = this.visibleSessions(feed).filter((s) => dayKey(s.start) === day).length;
    this.#state.announcement = `${formatDate(dayDate(day), this.language)}: ${count ? this.t.calendar.count(count) : this.t.calendar.noneOnDay}`;
  }

  #goToMonth(delta: number): void {
    const month = this.#state.shownMonth ?? monthOf(dayKey(this.clock));
    const first = shiftMonth(firstDayOf(month), delta);
    this.#state.shownMonth = monthOf(first);
    this.#state.focusedDay = first;
    this.#announceMonth();
  }

  #goToToday(): void {
    const today = dayKey(this.clock);
    this.#state.shownMonth = monthOf(today);
    this.#state.focusedDay = today;
    this.#focusFocusedDay();
    this.#announceMonth();
  }

  #announceMonth(): void {
    const feed = this.readyFeed;
    const month = this.#state.shownMonth;
    if (!feed || !month) return;
    const count = this.visibleSessions(feed).filter((s) => {
      const day = dayKey(s.start);
      return day >= firstDayOf(month) && day <= lastDayOf(month);
    }).length;
    this.#state.announcement = this.t.calendar.monthSummary(
      formatMonth(dayDate(firstDayOf(month)), this.language),
      count,
    );
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
    const feed = this.readyFeed;
    if (feed) this.#state.announcement = this.t.calendar.count(this.visibleSessions(feed).length);
  }

  async #calendarFiles(): Promise<CalendarFiles | undefined> {
    this.#files ??= await this.loadChunk(calendarFiles);
    return this.#files;
  }

  async #download(feed: Feed, sessions: Session[], name: string): Promise<void> {
    const files = await this.#calendarFiles();
    if (!files) return;
    const ics = files.buildIcs(feed, sessions, { name, locationUnknown: this.t.session.locationUnknown });
    downloadIcs(
      ics,
      files.icsFileName(feed.programme.id, sessions.length === 1 ? sessions[0]!.id : this.group || 'alle'),
    );
  }

  /** Fires cop-session-select, then hands the session to an enrolment form for the same programme. */
  #enrol(feed: Feed, session: Session): void {
    const proceed = this.emit('cop-session-select', { programmeId: feed.programme.id, sessionId: session.id });
    if (!proceed) return;
    const form = this.#enrolmentForm(feed);
    if (!form) return;
    if (form.chooseSession) form.chooseSession(session.id);
    else form.focus();
  }
}
