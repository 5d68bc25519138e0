import type { FeedError } from '../feed/errors.js';

/**
 * Every event cop-widgets fires, with the type of its `detail`. Widgets add theirs here, so the
 * host page's `addEventListener('cop-…', e => e.detail)` is typed in one place.
 */
export interface CopEventDetails {
  /** The feed could not be loaded or is invalid; the widget shows the same message. */
  'cop-feed-error': { error: FeedError; src?: string };
  /** A visitor chose "Aanmelden" for a session; cancel it to handle enrolment yourself. */
  'cop-session-select': { programmeId: string; sessionId: string };
}

export type CopEventName = keyof CopEventDetails;

declare global {
  interface HTMLElementEventMap {
    'cop-feed-error': CustomEvent<CopEventDetails['cop-feed-error']>;
    'cop-session-select': CustomEvent<CopEventDetails['cop-session-select']>;
  }
}
