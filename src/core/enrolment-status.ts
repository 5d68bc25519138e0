import type { Feed } from './schema.js';
import { formatDayMonth } from './datetime.js';
import { messages, type Lang } from './messages.js';

export type EnrolmentState = 'cancelled' | 'not-yet-open' | 'open' | 'waitlist' | 'full' | 'closed';

export interface EnrolmentStatus {
  state: EnrolmentState;
  opens?: string;
  closes?: string;
  /** `null`: no limit, or not known without the server. */
  placesLeft: number | null;
  waitlistLength: number;
}

/**
 * Where enrolment stands for a programme (or one session, when places are counted per
 * session). The server's live `availability` wins; a static feed is judged by its dates.
 * `undefined` when the programme takes no enrolments.
 */
export function enrolmentStatus(feed: Feed, now: number = Date.now(), sessionId?: string): EnrolmentStatus | undefined {
  const { enrolment, availability, programme } = feed;
  if (!enrolment) return undefined;
  const { opens, closes } = enrolment;
  const base = { opens, closes, placesLeft: enrolment.capacity ?? null, waitlistLength: 0 };
  if (programme.status === 'cancelled') return { ...base, state: 'cancelled' };
  const perSession = availability?.sessions;
  // Own keys only: a session may be called "constructor" or "toString".
  const live =
    (sessionId && enrolment.capacityPer === 'session' && perSession && Object.hasOwn(perSession, sessionId)
      ? perSession[sessionId]
      : undefined) ?? availability;
  if (live) return { ...base, state: live.state, placesLeft: live.placesLeft, waitlistLength: live.waitlistLength };
  if (opens && now < Date.parse(opens)) return { ...base, state: 'not-yet-open' };
  if (closes && now >= Date.parse(closes)) return { ...base, state: 'closed' };
  return { ...base, state: 'open' };
}

/** Whether a visitor can act now: sign up, or join the waiting list. */
export const canEnrol = (status: EnrolmentStatus | undefined) =>
  status?.state === 'open' || status?.state === 'waitlist';

/**
 * The state in one line, as the calendar and the form show it: "Aanmelden kan tot 26 april ·
 * Nog 3 plaatsen". Places left are only said when the server counted them (`live`).
 */
export function enrolmentStatusLine(status: EnrolmentStatus, lang: Lang, now: number, live: boolean): string {
  const t = messages(lang).enrolmentStatus;
  const day = (iso: string) => formatDayMonth(iso, lang, now);
  const parts: string[] = [];
  switch (status.state) {
    case 'not-yet-open':
      if (status.opens) parts.push(t.from(day(status.opens)));
      break;
    case 'open':
    case 'waitlist':
      parts.push(status.closes ? t.until(day(status.closes)) : t.open);
      if (status.state === 'waitlist') parts.push(t.waitlist);
      else if (live && status.placesLeft !== null) parts.push(t.placesLeft(status.placesLeft));
      break;
    default:
      parts.push(t[status.state]);
  }
  return parts.join(' · ');
}
