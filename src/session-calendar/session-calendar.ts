import { CopSessionCalendar } from './session-calendar.component.js';

export { CopSessionCalendar };
export type { CalendarView } from './session-calendar.component.js';

CopSessionCalendar.define('cop-session-calendar');

declare global {
  interface HTMLElementTagNameMap {
    'cop-session-calendar': CopSessionCalendar;
  }
}
