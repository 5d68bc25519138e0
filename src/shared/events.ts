import type { FeedError } from '../core/errors.js';

/**
 * Every event cop-widgets fires, with the type of its `detail`. Widgets add theirs here, so the
 * host page's `addEventListener('cop-…', e => e.detail)` is typed in one place.
 */
export interface CopEventDetails {
  /** The feed could not be loaded or is invalid; the widget shows the same message. */
  'cop-feed-error': { error: FeedError; src?: string };
  /** A visitor chose "Aanmelden" for a session; cancel it to handle enrolment yourself. */
  'cop-session-select': { programmeId: string; sessionId: string };
  /**
   * A visitor chose a region on the map, in its list or with its search box. `facilitatorId` is
   * the (first) facilitator who covers it; absent when nobody does. `municipalityCode` (CBS,
   * `GM0228`) and `municipalityName` (`Ede`) when the visitor found the region by their municipality.
   */
  'cop-region-select': {
    programmeId: string;
    regionCode: string;
    facilitatorId?: string;
    municipalityCode?: string;
    municipalityName?: string;
  };
  /**
   * An enrolment was sent: stored (`confirmed`, `waitlisted` with a position) or prepared as an
   * e-mail (`mailto`). `members` only when the element has `include-personal-data`.
   */
  'cop-enrolment-submit': {
    programmeId: string;
    status: 'confirmed' | 'waitlisted' | 'mailto';
    position?: number;
    sessionId?: string;
    /** The sessions chosen, when a team may choose several. */
    sessionIds?: string[];
    members?: { roleId: string; name: string; organisation: string; email: string }[];
  };
  /**
   * A vote was stored: `ratings` principles got a score, `skipped` did not; `replaced` when it
   * replaced the participant's earlier vote. Never the participant's token.
   */
  'cop-vote-submit': { programmeId: string; pollId: string; ratings: number; skipped: number; replaced: boolean };
}

export type CopEventName = keyof CopEventDetails;

/**
 * Internal, not for host pages: an enrolment form dispatches this on the document when it is
 * ready (its feed loaded) or leaves the page, so a calendar for the same programme knows whether
 * its "Aanmelden" buttons lead anywhere. A calendar asks the page itself when it renders; the
 * event tells it to ask again.
 */
export const FORM_READY = 'cop-internal-enrolment-form-ready';

/** Each event as the DOM delivers it. */
type CopEvents = { [K in CopEventName]: CustomEvent<CopEventDetails[K]> };

declare global {
  // Typed where host pages listen: on the element, or on the document.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends CopEvents {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends CopEvents {}
}
