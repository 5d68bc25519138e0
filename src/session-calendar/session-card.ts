import { html, nothing, type TemplateResult } from 'lit';
import { formatSessionWhen } from '../core/datetime.js';
import { locationText } from '../core/location.js';
import type { Lang, SharedMessages } from '../core/messages.js';
import type { Feed, Session } from '../core/schema.js';
import { newWindowLink } from '../shared/links.js';
import type { CalendarMessages } from './session-calendar.messages.js';

/** What a session card needs from the calendar around it. */
export interface CardContext {
  feed: Feed;
  lang: Lang;
  t: Pick<SharedMessages, 'session' | 'states'> & { calendar: CalendarMessages };
  now: number;
  /** `lang` for the feed's text when the calendar speaks another language (see CopElement.feedLang). */
  feedLang: string | typeof nothing;
  /** aria-level of the session's title. */
  titleLevel: number;
  /** Whether the "Aanmelden" action is offered (enrolment open or waiting list). */
  enrolOpen: boolean;
  /** Sessions whose add-to-calendar panel is open; only those render their links. */
  openPanels: ReadonlySet<string>;
  /** Google Calendar and Outlook.com links, once the calendar files chunk is in. */
  links:
    | {
        google: (session: Session) => string;
        outlook: (session: Session) => string;
        outlookWork: (session: Session) => string;
      }
    | undefined;
  onPanelToggle: (session: Session, open: boolean) => void;
  onDownload: (session: Session) => void;
  onEnrol: (session: Session) => void;
}

const byId = <T extends { id: string }>(list: readonly T[] | undefined, ids: readonly string[] | undefined) =>
  (ids ?? []).map((id) => list?.find((item) => item.id === id)).filter((item): item is T => item !== undefined);

function renderLocation(session: Session, ctx: CardContext): TemplateResult {
  const { location } = session;
  if (!location) return html`<span class="muted">${ctx.t.session.locationUnknown}</span>`;
  if (location.online && location.url) {
    return html`<span>${ctx.t.calendar.online}: ${newWindowLink(location.url, html`<span lang=${ctx.feedLang}>${location.name}</span>`, ctx.t)}</span>`;
  }
  return html`<span lang=${ctx.feedLang}>${locationText(session)}</span>`;
}

/**
 * "ma 2 maart 2027, 13.00–17.00 uur" with the time kept on one line: "uur" never wraps alone.
 * A session over several days keeps its two halves ("…, 13.00 – di 3 maart …, 12.00") each whole.
 */
function renderWhen(session: Session, lang: Lang): TemplateResult {
  const when = formatSessionWhen(session.start, session.end, lang);
  const comma = when.indexOf(', ');
  if (comma < 0) return html`${when}`;
  const rest = when.slice(comma + 2);
  const dash = rest.indexOf(' – ');
  if (dash < 0) return html`${when.slice(0, comma + 2)}<span class="nowrap">${rest}</span>`;
  return html`${when.slice(0, comma + 2)}<span class="nowrap">${rest.slice(0, dash)}</span> – <span class="nowrap"
      >${rest.slice(dash + 3)}</span
    >`;
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
    <p class="session__date" part="date">${renderWhen(session, ctx.lang)}</p>
    <div class="session__title" part="title" role="heading" aria-level=${ctx.titleLevel} id=${titleId} lang=${ctx.feedLang}>${session.title}</div>
    ${
      cancelled || past
        ? html`<p class="session__status" part="status">
          ${cancelled ? html`<span class="badge badge--cancelled">${t.cancelled}</span>` : nothing}
          ${past ? html`<span class="badge">${t.past}</span>` : nothing}
        </p>`
        : nothing
    }
    <dl class="session__facts">
      ${group ? html`<div><dt>${ctx.t.calendar.group}</dt><dd lang=${ctx.feedLang}>${group.name}</dd></div>` : nothing}
      ${themes.length ? html`<div><dt>${t.themes}</dt><dd lang=${ctx.feedLang}>${themes.map((th) => th.title).join(', ')}</dd></div>` : nothing}
      <div part="location"><dt class="visually-hidden">${t.location}</dt><dd>${renderLocation(session, ctx)}</dd></div>
      ${
        facilitators.length
          ? html`<div><dt>${t.facilitators}</dt><dd>${facilitators.map((f) => f.name).join(', ')}</dd></div>`
          : nothing
      }
    </dl>
    ${session.description ? html`<p class="session__description" lang=${ctx.feedLang}>${session.description}</p>` : nothing}
    ${
      cancelled || past
        ? nothing
        : html`<div class="session__actions ${ctx.enrolOpen ? '' : 'session__actions--quiet'}" part="actions">
          ${
            ctx.enrolOpen
              ? html`<button class="cop-button" type="button" part="enrol" aria-label=${t.enrolFor(session.title)} @click=${() => ctx.onEnrol(session)}>
                ${t.enrol}
              </button>`
              : nothing
          }
          <details
            class="add"
            part="add-to-calendar"
            ?open=${panelOpen}
            @toggle=${(event: Event) => ctx.onPanelToggle(session, (event.target as HTMLDetailsElement).open)}
          >
            <summary aria-label=${t.addToCalendarFor(session.title)}>${t.addToCalendar}</summary>
            ${
              panelOpen && ctx.links
                ? html`<ul class="add__options">
                  <li><button class="link-button" type="button" @click=${() => ctx.onDownload(session)}>${t.downloadIcs}</button></li>
                  <li>${newWindowLink(ctx.links.google(session), t.google, ctx.t)}</li>
                  <li>${newWindowLink(ctx.links.outlookWork(session), t.outlookWork, ctx.t)}</li>
                  <li>${newWindowLink(ctx.links.outlook(session), t.outlook, ctx.t)}</li>
                </ul>`
                : nothing
            }
          </details>
        </div>`
    }
  </article>`;
}
