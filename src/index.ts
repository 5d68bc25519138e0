/**
 * cop-widgets without side effects: every class and helper, nothing registered.
 * Import `cop-widgets/<widget>` (or the CDN bundle) to register tags.
 */
export * from './core/feed.js';
export { CopElement, type FeedState } from './shared/cop-element.js';
export type { CopEventDetails, CopEventName } from './shared/events.js';
export { toLang, type Lang } from './core/messages.js';
export { resolveLang } from './shared/messages.js';
export { formatDate, formatMonth, formatSessionWhen, formatTime, PROGRAMME_TIME_ZONE } from './core/datetime.js';
export { VERSION } from './shared/version.js';
export { CopSessionCalendar, type CalendarView } from './session-calendar/session-calendar.component.js';
export { buildIcs, googleCalendarUrl, outlookCalendarUrl } from './core/ics.js';
export { enrolmentStatus, type EnrolmentStatus, type EnrolmentState } from './core/enrolment-status.js';
export { CopRegionMap, type RegionMapView } from './region-map/region-map.component.js';
export type { GeometryLoader } from './region-map/load.js';
export { CopPrinciplePoll } from './principle-poll/principle-poll.component.js';
export type { PollResults, PrincipleResult, ResultsOrder } from './principle-poll/results.js';
export { checkVote, VoteRequestSchema, type VoteRequest, type VoteCheck } from './core/vote-request.js';
export { CopEnrolmentForm } from './enrolment-form/enrolment-form.component.js';
export {
  checkEnrolment,
  EnrolmentRequestSchema,
  type EnrolmentRequest,
  type TeamMember,
} from './core/enrolment-request.js';
