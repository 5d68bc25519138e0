import type { Feed } from '../feed/schema.js';

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
  const live = (sessionId && enrolment.capacityPer === 'session' ? availability?.sessions?.[sessionId] : undefined) ?? availability;
  if (live) return { ...base, state: live.state, placesLeft: live.placesLeft, waitlistLength: live.waitlistLength };
  if (opens && now < Date.parse(opens)) return { ...base, state: 'not-yet-open' };
  if (closes && now >= Date.parse(closes)) return { ...base, state: 'closed' };
  return { ...base, state: 'open' };
}

/** Whether a visitor can act now: sign up, or join the waiting list. */
export const canEnrol = (status: EnrolmentStatus | undefined) => status?.state === 'open' || status?.state === 'waitlist';
