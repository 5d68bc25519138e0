import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import { parseFeed } from '../../src/feed/index.js';
import { buildIcs, escapeText, foldLine, googleCalendarUrl, outlookCalendarUrl } from '../../src/shared/ics.js';
import { copMonitoring2020 } from '../session-calendar/seed-feeds.js';

const feed = parseFeed(copMonitoring2020());
const NOW = new Date('2026-11-23T10:00:00Z');

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  // Registers the file's VTIMEZONE, as a calendar app does on import.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar;
}

describe('iCalendar export', () => {
  it('parses back with ical.js: times in Amsterdam, stable UIDs, escaped text', () => {
    const withCommas = { ...feed, sessions: [{ ...feed.sessions[0]!, title: 'Monitoring; cijfers, duiden\\leren', description: 'Regel 1\nRegel 2' }] };
    const ics = buildIcs(withCommas, withCommas.sessions, { name: 'CoP Monitoring', locationUnknown: 'Locatie volgt', now: NOW });
    const event = new ICAL.Event(parse(ics).getFirstSubcomponent('vevent')!);
    expect(event.uid).to.equal('bijeenkomst-1.cop-monitoring@cop-widgets');
    expect(event.summary).to.equal('Monitoring; cijfers, duiden\\leren');
    expect(event.description).to.equal('Regel 1\nRegel 2\n\nCoP Monitoring\n\nLocatie volgt');
    expect(event.startDate.zone.tzid).to.equal('Europe/Amsterdam');
    expect(event.startDate.toString()).to.equal('2020-03-02T13:00:00');
    expect(event.startDate.toJSDate().toISOString()).to.equal('2020-03-02T12:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).to.equal('2020-03-02T16:00:00.000Z');
  });

  it('keeps Dutch time across the March change: the April session is 13.00 CEST = 11.00 UTC', () => {
    const ics = buildIcs(feed, feed.sessions, { name: 'CoP Monitoring', locationUnknown: 'Locatie volgt', now: NOW });
    const events = parse(ics).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).to.deep.equal(feed.sessions.map((s) => `${s.id}.cop-monitoring@cop-widgets`));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).to.deep.equal([
      '2020-03-02T12:00:00.000Z',
      '2020-04-06T11:00:00.000Z',
      '2020-05-18T11:00:00.000Z',
      '2020-06-08T11:00:00.000Z',
      '2020-09-07T11:00:00.000Z',
    ]);
  });

  it('writes CRLF line ends, folds long lines at 75 octets and marks cancelled sessions', () => {
    const long = { ...feed.sessions[0]!, title: 'Ééntje '.repeat(30), status: 'cancelled' as const };
    const ics = buildIcs(feed, [long], { name: 'x', locationUnknown: 'Locatie volgt', now: NOW });
    expect(ics.endsWith('\r\n')).to.equal(true);
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).to.equal(true);
    expect(ics.replace(/\r\n/g, '').includes('\n')).to.equal(false);
    const event = new ICAL.Event(parse(ics).getFirstSubcomponent('vevent')!);
    expect(event.summary).to.equal(long.title);
    expect(event.component.getFirstPropertyValue('status')).to.equal('CANCELLED');
  });

  it('folds without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'€'.repeat(40)}`;
    const folded = foldLine(line);
    expect(folded.split('\r\n ').join('')).to.equal(line);
    expect(escapeText('a,b;c\\d\ne')).to.equal('a\\,b\\;c\\\\d\\ne');
  });

  it('links to Google Calendar and Outlook.com with the right instants', () => {
    const session = feed.sessions[1]!;
    const google = new URL(googleCalendarUrl(feed, session, 'Locatie volgt'));
    expect(google.searchParams.get('dates')).to.equal('20200406T110000Z/20200406T150000Z');
    expect(google.searchParams.get('ctz')).to.equal('Europe/Amsterdam');
    expect(google.searchParams.get('text')).to.equal('Bijeenkomst 2');
    const outlook = new URL(outlookCalendarUrl(feed, session, 'Locatie volgt'));
    expect(outlook.hostname).to.equal('outlook.live.com');
    expect(outlook.searchParams.get('startdt')).to.equal('2020-04-06T11:00:00.000Z');
    expect(outlook.searchParams.get('subject')).to.equal('Bijeenkomst 2');
  });
});
