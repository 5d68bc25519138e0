/**
 * The month grid's arithmetic, in Amsterdam calendar days. date-fns does the calendar maths on
 * TZDate (@date-fns/tz), so weeks and months follow Dutch days whatever the visitor's zone.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, endOfISOWeek, endOfMonth, startOfISOWeek, startOfMonth } from 'date-fns';
import { dayKey, PROGRAMME_TIME_ZONE } from '../core/datetime.js';

/** `yyyy-MM-dd` */
export type DayKey = string;
/** `yyyy-MM` */
export type MonthKey = string;

/** Noon on that day in Amsterdam: far from midnight, so no daylight-saving change moves it. */
export function dayDate(key: DayKey): TZDate {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day, 12, PROGRAMME_TIME_ZONE);
}

export const monthOf = (key: DayKey): MonthKey => key.slice(0, 7);

export const firstDayOf = (month: MonthKey): DayKey => `${month}-01`;

export const shiftDay = (key: DayKey, days: number): DayKey => dayKey(addDays(dayDate(key), days));

/** The same day of another month, clamped to that month's last day (31 Jan + 1 → 28/29 Feb). */
export const shiftMonth = (key: DayKey, months: number): DayKey => dayKey(addMonths(dayDate(key), months));

/** Monday and Sunday of the day's week (ISO weeks, as Dutch calendars show them). */
export const weekStart = (key: DayKey): DayKey => dayKey(startOfISOWeek(dayDate(key)));
export const weekEnd = (key: DayKey): DayKey => dayKey(endOfISOWeek(dayDate(key)));

export const lastDayOf = (month: MonthKey): DayKey => dayKey(endOfMonth(dayDate(firstDayOf(month))));

/** The weeks shown for a month: Monday to Sunday, including the neighbouring months' days. */
export function monthWeeks(month: MonthKey): DayKey[][] {
  const first = startOfMonth(dayDate(firstDayOf(month)));
  const weeks: DayKey[][] = [];
  let day = dayKey(startOfISOWeek(first));
  const last = weekEnd(lastDayOf(month));
  while (day <= last) {
    const week: DayKey[] = [];
    for (let i = 0; i < 7; i += 1) {
      week.push(day);
      day = shiftDay(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}
