import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import { parseFeed } from '../../src/core/feed.js';
import { buildIcs, escapeText, foldLine, googleCalendarUrl, outlookCalendarUrl } from '../../src/core/ics.js';
import { copMonitoring2020 } from '../session-calendar/seed-feeds.js';

const feed = parseFeed(copMonitoring2020());
const NOW = new Date('2026-11-23T10:00:00Z');
/** The organiser's domain, from the feed's contact address: part of every UID. */
const DOMAIN = feed.programme.contact.email.split('@')[1];

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  // Registers the file's VTIMEZONE, as a calendar app does on import.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar;
}

describe('iCalendar export', () => {
  it('parses back with ical.js: times in Amsterdam, stable UIDs, escaped text', () => {
    const withCommas = {
      ...feed,
      sessions: [
        { ...feed.sessions[0]!, title: 'Monitoring; cijfers, duiden\\leren', description: 'Regel 1\nRegel 2' },
      ],
    };
    const ics = buildIcs(withCommas, withCommas.sessions, {
      name: 'CoP Monitoring',
      locationUnknown: 'Locatie volgt',
      now: NOW,
    });
    const event = new ICAL.Event(parse(ics).getFirstSubcomponent('vevent')!);
    expect(event.uid).to.equal(`bijeenkomst-1.cop-monitoring.2020@${DOMAIN}`);
    expect(event.summary).to.equal('Monitoring; cijfers, duiden\\leren');
    expect(event.description).to.equal('Regel 1\nRegel 2\n\nCoP Monitoring\n\nLocatie volgt');
    expect(event.startDate.zone.tzid).to.equal('Europe/Amsterdam');
    expect(event.startDate.toString()).to.equal('2020-03-02T13:00:00');
    expect(event.startDate.toJSDate().toISOString()).to.equal('2020-03-02T12:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).to.equal('2020-03-02T16:00:00.000Z');
  });

  it('keeps Dutch time across the March change: the April session is 13.00 CEST = 11.00 UTC', () => {
    const ics = buildIcs(feed, feed.sessions, { name: 'CoP Monitoring', locationUnknown: 'Locatie volgt', now: NOW });
    const events = parse(ics)
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).to.deep.equal(feed.sessions.map((s) => `${s.id}.cop-monitoring.2020@${DOMAIN}`));
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

  it('links to Google Calendar and to Outlook for work or school accounts and for personal ones, with the right instants', () => {
    const session = feed.sessions[1]!;
    const google = new URL(googleCalendarUrl(feed, session, 'Locatie volgt'));
    expect(google.searchParams.get('dates')).to.equal('20200406T110000Z/20200406T150000Z');
    expect(google.searchParams.get('ctz')).to.equal('Europe/Amsterdam');
    expect(google.searchParams.get('text')).to.equal('Bijeenkomst 2');
    const personal = new URL(outlookCalendarUrl(feed, session, 'Locatie volgt', 'personal'));
    expect(personal.hostname).to.equal('outlook.live.com');
    expect(personal.searchParams.get('startdt')).to.equal('2020-04-06T11:00:00.000Z');
    expect(personal.searchParams.get('subject')).to.equal('Bijeenkomst 2');
    const work = new URL(outlookCalendarUrl(feed, session, 'Locatie volgt', 'work'));
    expect(work.hostname, 'Microsoft 365: municipalities, schools').to.equal('outlook.office.com');
    expect(work.pathname).to.equal('/calendar/0/action/compose');
    expect(work.searchParams.get('enddt')).to.equal('2020-04-06T15:00:00.000Z');
  });

  it('gives two organisations, or two years, that use the same ids different UIDs, and one programme the same UIDs on every download', () => {
    const other = parseFeed({
      ...copMonitoring2020(),
      programme: { ...copMonitoring2020().programme, contact: { name: 'Gemeente', email: 'cop@gemeente-ede.example' } },
    });
    const nextYear = parseFeed({
      ...copMonitoring2020(),
      sessions: copMonitoring2020().sessions.map((s) => ({
        ...s,
        start: s.start.replace('2020', '2021'),
        end: s.end.replace('2020', '2021'),
      })),
    });
    const uids = (f: typeof feed, now: Date) =>
      parse(buildIcs(f, f.sessions, { name: 'x', locationUnknown: 'x', now }))
        .getAllSubcomponents('vevent')
        .map((v) => new ICAL.Event(v).uid);
    const ours = uids(feed, NOW);
    expect(uids(feed, new Date('2027-01-01T00:00:00Z')), 'stable across downloads').to.deep.equal(ours);
    for (const uid of uids(other, NOW)) expect(ours).to.not.include(uid);
    for (const uid of uids(nextYear, NOW)) expect(ours).to.not.include(uid);
  });

  it('counts SEQUENCE up from one file to the next, so importing again updates a moved session', () => {
    const sequenceOf = (now: Date) =>
      Number(
        new ICAL.Event(
          parse(buildIcs(feed, feed.sessions, { name: 'x', locationUnknown: 'x', now })).getFirstSubcomponent(
            'vevent',
          )!,
        ).component.getFirstPropertyValue('sequence'),
      );
    const first = sequenceOf(NOW);
    const later = sequenceOf(new Date(NOW.getTime() + 5 * 60_000));
    expect(first).to.be.above(0);
    expect(later).to.be.above(first);
    const event = new ICAL.Event(
      parse(buildIcs(feed, feed.sessions, { name: 'x', locationUnknown: 'x', now: NOW })).getFirstSubcomponent(
        'vevent',
      )!,
    );
    expect(event.component.getFirstPropertyValue('last-modified')!.toString()).to.equal('2026-11-23T10:00:00Z');
  });

  it('writes a session across the autumn clock change in UTC, so it keeps its hour', () => {
    // 31 October 2027: at 03:00 summer time the clocks go back to 02:00; 02:30 happens twice.
    const session = { ...feed.sessions[0]!, start: '2027-10-31T01:30:00+01:00', end: '2027-10-31T02:30:00+01:00' };
    const ics = buildIcs(feed, [session], { name: 'x', locationUnknown: 'x', now: NOW });
    expect(ics).to.contain('DTSTART:20271031T003000Z');
    expect(ics).to.contain('DTEND:20271031T013000Z');
    const event = new ICAL.Event(parse(ics).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).to.equal('2027-10-31T00:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).to.equal('2027-10-31T01:30:00.000Z');
    expect(event.duration.toSeconds()).to.equal(3600);
    // An ordinary session that day keeps its wall-clock time and zone.
    const afternoon = buildIcs(
      feed,
      [{ ...session, start: '2027-10-31T13:00:00+01:00', end: '2027-10-31T17:00:00+01:00' }],
      { name: 'x', locationUnknown: 'x', now: NOW },
    );
    expect(afternoon).to.contain('DTSTART;TZID=Europe/Amsterdam:20271031T130000');
  });

  it('leaves control characters out and turns a lone CR into a new line', () => {
    expect(escapeText('a\rb\u0007c\u0000d\u001be\u0085f')).to.equal('a\\nbcdef');
    const session = { ...feed.sessions[0]!, title: 'Titel\u0007met\u0000stuurtekens', description: 'Regel 1\rRegel 2' };
    const ics = buildIcs(feed, [session], { name: 'x', locationUnknown: 'x', now: NOW });
    // eslint-disable-next-line no-control-regex -- looking for exactly these
    expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(ics)).to.equal(false);
    expect(ics.replace(/\r\n/g, '').includes('\r')).to.equal(false);
    const event = new ICAL.Event(parse(ics).getFirstSubcomponent('vevent')!);
    expect(event.summary).to.equal('Titelmetstuurtekens');
    expect(event.description.startsWith('Regel 1\nRegel 2')).to.equal(true);
  });
});
