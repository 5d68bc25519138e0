/**
 * The CDN bundle: one `<script type="module">` registers every cop-widgets tag.
 * Widgets add their `define` import here as they land.
 */
export * from './index.js';
import './session-calendar/session-calendar.js';
import './enrolment-form/enrolment-form.js';
import './region-map/region-map.js';
import './principle-poll/principle-poll.js';
