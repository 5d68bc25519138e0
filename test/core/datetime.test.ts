import { expect } from '@open-wc/testing';
import {
  dayKey,
  formatDate,
  formatMonth,
  formatMonthRange,
  formatSessionWhen,
  formatTime,
} from '../../src/core/datetime.js';

describe('date and time in Europe/Amsterdam', () => {
  it('runs in a browser whose own zone is not Dutch, so these tests prove the conversion', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
  });

  it('formats a CoP Monitoring session in Dutch and English', () => {
    const [start, end] = ['2020-03-02T13:00:00+01:00', '2020-03-02T17:00:00+01:00'];
    expect(formatSessionWhen(start, end, 'nl')).to.equal('ma 2 maart 2020, 13.00–17.00 uur');
    expect(formatSessionWhen(start, end, 'en')).to.equal('Mon 2 March 2020, 13:00–17:00');
  });

  it('shows Dutch wall-clock time on both sides of the March change (29 March 2020, 02:00 → 03:00)', () => {
    // Saturday before: CET (+01:00); Monday after: CEST (+02:00). New York changed on 8 March.
    expect(formatTime('2020-03-28T12:00:00Z', 'nl')).to.equal('13.00');
    expect(formatTime('2020-03-30T11:00:00Z', 'nl')).to.equal('13.00');
    // A session on the change day itself: 01:30 CET is 00:30Z, 03:30 CEST is 01:30Z.
    expect(formatSessionWhen('2020-03-29T00:30:00Z', '2020-03-29T01:30:00Z', 'nl')).to.equal(
      'zo 29 maart 2020, 01.30–03.30 uur',
    );
  });

  it('shows Dutch wall-clock time across the October change (25 October 2020, 03:00 → 02:00)', () => {
    expect(formatSessionWhen('2020-10-25T00:30:00Z', '2020-10-25T02:30:00Z', 'nl')).to.equal(
      'zo 25 oktober 2020, 02.30–03.30 uur',
    );
    expect(formatSessionWhen('2020-10-25T00:30:00Z', '2020-10-25T02:30:00Z', 'en')).to.equal(
      'Sun 25 October 2020, 02:30–03:30',
    );
    // New York still keeps summer time until 1 November: its own clock would say 20:30.
    expect(formatTime('2020-10-26T12:00:00Z', 'nl')).to.equal('13.00');
  });

  it("puts a late-evening session on its Dutch day, not the visitor's", () => {
    // 23:30 in Amsterdam is 17:30 the same day in New York, but 00:30 UTC the next day in summer.
    expect(dayKey('2020-07-01T21:30:00Z')).to.equal('2020-07-01');
    expect(dayKey('2020-07-01T22:30:00Z')).to.equal('2020-07-02');
    expect(formatDate('2020-07-01T22:30:00Z', 'nl')).to.equal('do 2 juli 2020');
  });

  it('names both days of a session that runs past midnight', () => {
    expect(formatSessionWhen('2027-07-01T17:30:00+02:00', '2027-07-02T01:00:00+02:00', 'nl')).to.equal(
      'do 1 juli 2027, 17.30 – vr 2 juli 2027, 01.00 uur',
    );
  });

  it('names a run of months, one year or two, the same way in every engine', () => {
    expect(formatMonthRange('2027-03-01T12:00:00+01:00', '2027-05-01T12:00:00+02:00', 'nl')).to.equal('maart–mei 2027');
    expect(formatMonthRange('2026-11-01T12:00:00+01:00', '2027-01-01T12:00:00+01:00', 'nl')).to.equal(
      'november 2026 – januari 2027',
    );
    expect(formatMonthRange('2027-03-01T12:00:00+01:00', '2027-05-01T12:00:00+02:00', 'en')).to.equal('March–May 2027');
  });

  it('formats months', () => {
    expect(formatMonth('2027-03-01T13:00:00+01:00', 'nl')).to.equal('maart 2027');
    expect(formatMonth('2027-03-01T13:00:00+01:00', 'en')).to.equal('March 2027');
  });
});
