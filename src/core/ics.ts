/**
 * iCalendar (RFC 5545) files and "add to calendar" links for sessions. Times are written as
 * Amsterdam wall-clock time with a VTIMEZONE, so every calendar shows them where Dutch clocks
 * do (in UTC where the wall clock is ambiguous, in the hour the autumn clock change repeats);
 * UIDs are stable and unique (see `sessionUid`), and SEQUENCE grows with every file, so
 * importing again updates an event instead of duplicating it.
 */
import type { Feed, Session } from './schema.js';
import { PROGRAMME_TIME_ZONE, wallClock } from './datetime.js';
import { locationText } from './location.js';

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

/**
 * TEXT values escape backslash, semicolon and comma, and write newlines (CRLF, LF or a lone CR)
 * as \n (RFC 5545 3.3.11). Other control characters cannot be written in a content line at all
 * (strict parsers refuse the file): they are left out.
 */
export function escapeText(value: string): string {
  return withoutControls(value.replace(/\r\n?/g, '\n'))
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** Drops C0 and C1 control characters except the newline (a tab stays: RFC 5545 allows it). */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const withoutControls = (value: string) => value.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');

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

const localDateTime = (instant: string | number) => {
  const c = wallClock(instant);
  return `${c.year}${c.month}${c.day}T${c.hour}${c.minute}${c.second}`;
};

const utcDateTime = (instant: string | number | Date) =>
  new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const HOUR = 3_600_000;

/**
 * Whether Amsterdam's wall clock shows this instant's time twice: in the hour the autumn change
 * repeats (02:00–03:00 on the last Sunday of October), an hour earlier or later reads the same.
 */
const ambiguous = (instant: string) => {
  const at = Date.parse(instant);
  const local = localDateTime(at);
  return localDateTime(at - HOUR) === local || localDateTime(at + HOUR) === local;
};

/**
 * A session's start and end: Amsterdam wall-clock time with the zone, or both in UTC when either
 * falls in the repeated autumn hour (a wall-clock time there could mean either hour, and a
 * session of one hour across the change would read as no time at all).
 */
function eventTimes(session: Session): string[] {
  if (ambiguous(session.start) || ambiguous(session.end))
    return [`DTSTART:${utcDateTime(session.start)}`, `DTEND:${utcDateTime(session.end)}`];
  return [
    `DTSTART;TZID=${PROGRAMME_TIME_ZONE}:${localDateTime(session.start)}`,
    `DTEND;TZID=${PROGRAMME_TIME_ZONE}:${localDateTime(session.end)}`,
  ];
}

/**
 * The UID a session keeps, so a calendar recognises it on every import, and no other session in
 * the world has: session, programme and the year the session is in, at the organiser's domain
 * (from the contact address). Not the host the feed came from: the same programme served by the
 * reference server (in its mails) and by a CDN copy must give the same UIDs, or calendars would
 * hold it twice. Two organisations that use the same ids differ in domain; one organisation
 * that runs `cop-monitoring` again next year differs in year.
 */
export const sessionUid = (feed: Feed, session: Session) => {
  const domain = feed.programme.contact.email.split('@').pop()!.toLowerCase();
  return `${session.id}.${feed.programme.id}.${wallClock(session.start).year}@${domain}`;
};

/**
 * SEQUENCE: minutes since 2024 at the moment the file is made. Every file outranks the ones before
 * it, so importing it updates a moved session everywhere (a feed has no edit history to count).
 */
const sequence = (now: Date) => Math.max(0, Math.floor((now.getTime() - Date.UTC(2024, 0, 1)) / 60_000));

/** Where the session takes place, as one line; empty when not yet known. */
export { locationText };

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
  const now = options.now ?? new Date();
  const stamp = utcDateTime(now);
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
      `LAST-MODIFIED:${stamp}`,
      `SEQUENCE:${sequence(now)}`,
      ...eventTimes(session),
      `SUMMARY:${escapeText(session.title)}`,
      `DESCRIPTION:${escapeText(sessionDescription(feed, session, options.locationUnknown))}`,
      ...(location ? [`LOCATION:${escapeText(location)}`] : []),
      ...(url ? [`URL:${url}`] : []),
      // A parameter value is quoted, not escaped (RFC 5545 3.2); quotes themselves cannot occur.
      `ORGANIZER;CN="${withoutControls(feed.programme.contact.name).replace(/["\n]/g, '')}":mailto:${feed.programme.contact.email}`,
      `STATUS:${session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** A file name safe on every system: `cop-monitoring-bijeenkomst-1.ics`. */
export const icsFileName = (...parts: string[]) => `${parts.join('-').replace(/[^A-Za-z0-9_-]+/g, '-')}.ics`;

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

/**
 * Outlook's "new event" link. Outlook on the web lives at two addresses: outlook.office.com for
 * work and school accounts (Microsoft 365: municipalities, schools, care providers) and
 * outlook.live.com for personal ones (Outlook.com, Hotmail); the calendar offers both.
 * Times as ISO 8601 with offset, which Outlook converts itself.
 */
export function outlookCalendarUrl(
  feed: Feed,
  session: Session,
  locationUnknown: string,
  account: 'work' | 'personal' = 'personal',
): string {
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: session.title,
    startdt: new Date(session.start).toISOString(),
    enddt: new Date(session.end).toISOString(),
    body: sessionDescription(feed, session, locationUnknown),
    location: locationText(session),
  });
  return `https://${account === 'work' ? 'outlook.office.com' : 'outlook.live.com'}/calendar/0/action/compose?${params}`;
}
