/**
 * Dates and times as the programme's visitors expect them: always in Europe/Amsterdam,
 * whatever zone the visitor's computer is set to, formatted with date-fns' nl or en-GB locale.
 * TZDate does the zone arithmetic, so daylight-saving changes fall where Dutch clocks change.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { nl as nlLocale } from 'date-fns/locale/nl';
import { messages, type Lang } from './i18n/index.js';

export const PROGRAMME_TIME_ZONE = 'Europe/Amsterdam';

const locales = { nl: nlLocale, en: enGB } as const;

/** The instant as a date in Amsterdam, whose calendar fields (day, hour) are Dutch wall-clock time. */
export function inAmsterdam(instant: string | number | Date): TZDate {
  const time = typeof instant === 'string' ? Date.parse(instant) : +instant;
  return new TZDate(time, PROGRAMME_TIME_ZONE);
}

function formatIn(instant: string | number | Date, pattern: string, lang: Lang): string {
  return format(inAmsterdam(instant), pattern, { locale: locales[lang] });
}

/** "ma 2 maart 2020" / "Mon 2 March 2020" */
export function formatDate(instant: string | number | Date, lang: Lang): string {
  return formatIn(instant, messages(lang).dateFormats.date, lang);
}

/** "13.00" / "13:00" */
export function formatTime(instant: string | number | Date, lang: Lang): string {
  return formatIn(instant, messages(lang).dateFormats.time, lang);
}

/** "maart 2020" / "March 2020" */
export function formatMonth(instant: string | number | Date, lang: Lang): string {
  return formatIn(instant, messages(lang).dateFormats.month, lang);
}

/** The Amsterdam calendar day of an instant as `yyyy-MM-dd`, for grouping sessions by day. */
export function dayKey(instant: string | number | Date): string {
  return format(inAmsterdam(instant), 'yyyy-MM-dd');
}

/**
 * "ma 2 maart 2020, 13.00–17.00 uur"; a session that ends on a later day names both days:
 * "vr 3 juli 2020, 17.30 – za 4 juli 2020, 01.00 uur".
 */
export function formatSessionWhen(start: string, end: string, lang: Lang): string {
  const { timeRange } = messages(lang).dateFormats;
  const startDay = formatDate(start, lang);
  if (dayKey(start) === dayKey(end)) return `${startDay}, ${timeRange(formatTime(start, lang), formatTime(end, lang))}`;
  return timeRange(`${startDay}, ${formatTime(start, lang)} `, ` ${formatDate(end, lang)}, ${formatTime(end, lang)}`);
}
