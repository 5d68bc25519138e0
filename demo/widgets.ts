/** The four widgets, as every demo page loads them (a partner site loads the CDN bundle instead). */
import '../src/enrolment-form/enrolment-form.js';
import '../src/region-map/region-map.js';
import '../src/principle-poll/principle-poll.js';
import '../src/session-calendar/session-calendar.js';
