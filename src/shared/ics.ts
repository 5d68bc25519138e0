/**
 * iCalendar (RFC 5545) files and "add to calendar" links for sessions. Times are written as
 * Amsterdam wall-clock time with a VTIMEZONE, so every calendar shows them where Dutch clocks
 * do; UIDs are stable (session + programme), so importing again updates instead of duplicating.
 */
import type { Feed, Session } from '../feed/schema.js';
import { PROGRAMME_TIME_ZONE, wallClock } from './datetime.js';

const CRLF = '\r\n';

/** The Dutch rules since 1996: summer time from the last Sunday of March to the last of October. */
const VTIMEZONE_AMSTERDAM = [
  'BEGIN:VTIMEZONE',
  `TZID:${PROGRAMME_TIME_ZONE}`,
  `X-LIC-LOCATION:${PROGRAMME_TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT values escape backslash, semicolon and comma, and write newlines as \n (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

const localDateTime = (instant: string) => {
  const c = wallClock(instant);
  return `${c.year}${c.month}${c.day}T${c.hour}${c.minute}${c.second}`;
};

const utcDateTime = (instant: string | number | Date) => new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The UID a session keeps for ever, so a calendar recognises it on every import. */
export const sessionUid = (feed: Feed, session: Session) => `${session.id}.${feed.programme.id}@cop-widgets`;

/** Where the session takes place, as one line; empty when not yet known. */
export function locationText(session: Session): string {
  const { location } = session;
  if (!location) return '';
  return [location.name, location.address].filter(Boolean).join(', ');
}

function sessionDescription(feed: Feed, session: Session, locationUnknown: string): string {
  return [
    session.description,
    feed.programme.title,
    session.location === null || session.location === undefined ? locationUnknown : undefined,
    session.location?.url,
    feed.programme.url,
  ]
    .filter(Boolean)
    .join('\n\n');
}

export interface IcsOptions {
  /** The calendar's name, e.g. the programme or group. */
  name: string;
  /** Said in the description of a session whose location is not yet known ("Locatie volgt"). */
  locationUnknown: string;
  /** DTSTAMP; defaults to now. */
  now?: Date;
}

/** One .ics file with a VEVENT per session. */
export function buildIcs(feed: Feed, sessions: readonly Session[], options: IcsOptions): string {
  const stamp = utcDateTime(options.now ?? new Date());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//cop-widgets//session-calendar//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${PROGRAMME_TIME_ZONE}`,
    ...VTIMEZONE_AMSTERDAM,
  ];
  for (const session of sessions) {
    const location = locationText(session);
    const url = session.location?.url ?? feed.programme.url;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${sessionUid(feed, session)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${PROGRAMME_TIME_ZONE}:${localDateTime(session.start)}`,
      `DTEND;TZID=${PROGRAMME_TIME_ZONE}:${localDateTime(session.end)}`,
      `SUMMARY:${escapeText(session.title)}`,
      `DESCRIPTION:${escapeText(sessionDescription(feed, session, options.locationUnknown))}`,
      ...(location ? [`LOCATION:${escapeText(location)}`] : []),
      ...(url ? [`URL:${url}`] : []),
      // A parameter value is quoted, not escaped (RFC 5545 3.2); quotes themselves cannot occur.
      `ORGANIZER;CN="${feed.programme.contact.name.replace(/["\r\n]/g, '')}":mailto:${feed.programme.contact.email}`,
      `STATUS:${session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** A file name safe on every system: `cop-monitoring-bijeenkomst-1.ics`. */
export const icsFileName = (...parts: string[]) => `${parts.join('-').replace(/[^A-Za-z0-9_-]+/g, '-')}.ics`;

/** Offers `ics` as a download, without a server round-trip and without inline scripts (CSP). */
export function downloadIcs(ics: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on a later task, once the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Google Calendar's "add event" link; times in UTC with the programme's zone for display. */
export function googleCalendarUrl(feed: Feed, session: Session, locationUnknown: string): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: session.title,
    dates: `${utcDateTime(session.start)}/${utcDateTime(session.end)}`,
    ctz: PROGRAMME_TIME_ZONE,
    details: sessionDescription(feed, session, locationUnknown),
    location: locationText(session),
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

/** Outlook.com's "new event" link; times as ISO 8601 with offset, which it converts itself. */
export function outlookCalendarUrl(feed: Feed, session: Session, locationUnknown: string): string {
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: session.title,
    startdt: new Date(session.start).toISOString(),
    enddt: new Date(session.end).toISOString(),
    body: sessionDescription(feed, session, locationUnknown),
    location: locationText(session),
  });
  return `https://outlook.live.com/calendar/0/action/compose?${params}`;
}
