import { html, nothing, type TemplateResult } from 'lit';
import type { Feed, Session } from '../feed/schema.js';
import { formatSessionWhen } from '../shared/datetime.js';
import type { Lang, Messages } from '../shared/i18n/index.js';
import { googleCalendarUrl, locationText, outlookCalendarUrl } from '../shared/ics.js';

/** What a session card needs from the calendar around it. */
export interface CardContext {
  feed: Feed;
  lang: Lang;
  t: Pick<Messages, 'calendar' | 'session'>;
  now: number;
  /** aria-level of the session's title. */
  titleLevel: number;
  /** Whether the "Aanmelden" action is offered (enrolment open or waiting list). */
  enrolOpen: boolean;
  /** Sessions whose add-to-calendar panel is open; only those render their links. */
  openPanels: ReadonlySet<string>;
  onPanelToggle: (session: Session, open: boolean) => void;
  onDownload: (session: Session) => void;
  onEnrol: (session: Session) => void;
}

const byId = <T extends { id: string }>(list: readonly T[] | undefined, ids: readonly string[] | undefined) =>
  (ids ?? []).map((id) => list?.find((item) => item.id === id)).filter((item): item is T => item !== undefined);

function renderLocation(session: Session, t: Messages['calendar'], locationUnknown: string): TemplateResult {
  const { location } = session;
  if (!location) return html`<span class="muted">${locationUnknown}</span>`;
  const text = locationText(session);
  if (location.online && location.url) {
    return html`<span>${t.online}: <a href=${location.url} rel="noopener" target="_blank">${location.name}</a></span>`;
  }
  return html`<span>${text}</span>`;
}

/** One session: when, what, where, who, and what the visitor can do with it. */
export function renderSessionCard(session: Session, ctx: CardContext): TemplateResult {
  const t = ctx.t.calendar;
  const { feed } = ctx;
  const cancelled = session.status === 'cancelled';
  const past = Date.parse(session.end) < ctx.now;
  const group = feed.groups?.find((g) => g.id === session.groupId);
  const themes = byId(feed.themes, session.themeIds);
  const facilitators = byId(feed.facilitators, session.facilitatorIds);
  const titleId = `title-${session.id}`;
  const panelOpen = ctx.openPanels.has(session.id);
  return html`<article
    class="session ${cancelled ? 'session--cancelled' : ''} ${past ? 'session--past' : ''}"
    part="session"
    aria-labelledby=${titleId}
  >
    <p class="session__date" part="date">${formatSessionWhen(session.start, session.end, ctx.lang)}</p>
    <div class="session__title" part="title" role="heading" aria-level=${ctx.titleLevel} id=${titleId}>${session.title}</div>
    ${cancelled || past
      ? html`<p class="session__status" part="status">
          ${cancelled ? html`<span class="badge badge--cancelled">${t.cancelled}</span>` : nothing}
          ${past ? html`<span class="badge">${t.past}</span>` : nothing}
        </p>`
      : nothing}
    <dl class="session__facts">
      ${group ? html`<div><dt>${ctx.t.calendar.group}</dt><dd>${group.name}</dd></div>` : nothing}
      ${themes.length ? html`<div><dt>${t.themes}</dt><dd>${themes.map((th) => th.title).join(', ')}</dd></div>` : nothing}
      <div part="location"><dt class="visually-hidden">${t.location}</dt><dd>${renderLocation(session, t, ctx.t.session.locationUnknown)}</dd></div>
      ${facilitators.length
        ? html`<div><dt>${t.facilitators}</dt><dd>${facilitators.map((f) => f.name).join(', ')}</dd></div>`
        : nothing}
    </dl>
    ${session.description ? html`<p class="session__description">${session.description}</p>` : nothing}
    ${cancelled || past
      ? nothing
      : html`<div class="session__actions" part="actions">
          ${ctx.enrolOpen
            ? html`<button class="cop-button" type="button" part="enrol" aria-label=${t.enrolFor(session.title)} @click=${() => ctx.onEnrol(session)}>
                ${t.enrol}
              </button>`
            : nothing}
          <details
            class="add"
            part="add-to-calendar"
            ?open=${panelOpen}
            @toggle=${(event: Event) => ctx.onPanelToggle(session, (event.target as HTMLDetailsElement).open)}
          >
            <summary aria-label=${t.addToCalendarFor(session.title)}>${t.addToCalendar}</summary>
            ${panelOpen
              ? html`<ul class="add__options">
                  <li><button class="link-button" type="button" @click=${() => ctx.onDownload(session)}>${t.downloadIcs}</button></li>
                  <li><a href=${googleCalendarUrl(feed, session, ctx.t.session.locationUnknown)} target="_blank" rel="noopener">${t.google}</a></li>
                  <li><a href=${outlookCalendarUrl(feed, session, ctx.t.session.locationUnknown)} target="_blank" rel="noopener">${t.outlook}</a></li>
                </ul>`
              : nothing}
          </details>
        </div>`}
  </article>`;
}
