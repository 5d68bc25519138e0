import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clearFeedCache, type FeedInput } from '../../src/core/feed.js';
import '../../src/session-calendar/session-calendar.js';
import type { CopSessionCalendar } from '../../src/session-calendar/session-calendar.component.js';
import { demoFeedUrl } from '../fixtures.js';
import { copMonitoring2020, samenLeren2024 } from './seed-feeds.js';
import { WAIT } from '../waits.js';
import { FORM_READY } from '../../src/shared/events.js';

/** 23 November 2026, the day these tests were written: everything in 2020 and 2024 is past. */
const NOW = Date.parse('2026-11-23T10:00:00+01:00');
/** A moment before the seed programmes, so their sessions are upcoming. */
const BEFORE_2020 = Date.parse('2020-01-15T10:00:00+01:00');

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** A session card's facts as a screen reader pairs them: "Begeleiding: Lieke Salomé, …". */
const facts = (card: Element) =>
  [...card.querySelectorAll('dl > div')].map(
    (row) => `${text(row.querySelector('dt'))}: ${text(row.querySelector('dd'))}`,
  );
/** A grid day's text without its hover tip (hidden from screen readers, which read the day itself). */
const seen = (day: Element) => {
  const copy = day.cloneNode(true) as Element;
  copy.querySelector('.day__tip')?.remove();
  return text(copy);
};
const all = (el: CopSessionCalendar, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const one = (el: CopSessionCalendar, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

async function calendar(feed: FeedInput, options: { now?: number; lang?: string; view?: string; group?: string } = {}) {
  const el = await fixture<CopSessionCalendar>(html`<cop-session-calendar
    .feed=${feed}
    .now=${options.now ?? BEFORE_2020}
    lang=${options.lang ?? 'nl'}
    view=${options.view ?? 'list'}
    group=${options.group ?? ''}
  ></cop-session-calendar>`);
  await el.updateComplete;
  return el;
}

describe('<cop-session-calendar>', () => {
  afterEach(() => clearFeedCache());

  describe('agenda list', () => {
    it('shows a long programme’s first sessions at once and the rest in the next frames', async () => {
      const feed = copMonitoring2020();
      const start = Date.parse('2030-01-07T13:00:00+01:00');
      feed.sessions = Array.from({ length: 300 }, (_, i) => ({
        id: `s${i}`,
        title: `Bijeenkomst ${i + 1}`,
        start: new Date(start + i * 86_400_000).toISOString(),
        end: new Date(start + i * 86_400_000 + 7_200_000).toISOString(),
        location: null,
      }));
      const el = await calendar(feed);
      const first = all(el, '[part="session"]').length;
      expect(first).to.be.above(0).and.below(300);
      await waitUntil(() => all(el, '[part="session"]').length === 300, 'the rest of the list did not arrive', WAIT);
      expect(text(all(el, '[part="session"] [part="title"]').at(-1))).to.equal('Bijeenkomst 300');
      // Chunks end mid-month: the cards still come in order, under one heading per month.
      expect(all(el, '[part="session"] [part="title"]').map(text)).to.deep.equal(feed.sessions.map((s) => s.title));
      const headings = all(el, '[part="month-heading"]').map(text);
      expect(headings).to.have.length(new Set(headings).size).and.length(11);
    });

    it("shows CoP Monitoring as its announcement does, in Dutch, whatever the visitor's zone", async () => {
      const el = await calendar(copMonitoring2020());
      const cards = all(el, '[part="session"]');
      expect(cards).to.have.length(5);
      expect(text(cards[0]!.querySelector('[part="date"]'))).to.equal('ma 2 maart 2020, 13.00–17.00 uur');
      // After the clocks changed on 29 March, the sessions still start at 13.00 Dutch time.
      expect(text(cards[1]!.querySelector('[part="date"]'))).to.equal('ma 6 april 2020, 13.00–17.00 uur');
      expect(facts(cards[0]!)).to.deep.equal([
        'Locatie: Locatie volgt',
        'Begeleiding: Lieke Salomé, Marianne Hooijsma',
      ]);
      // Five months with one session each share one heading, not a heading per card.
      expect(all(el, '[part="month-heading"]').map(text)).to.deep.equal(['maart–september 2020']);
      await expect(el).to.be.accessible();
    });

    it('gives a month with several sessions its own heading, and groups the lone months around it', async () => {
      const feed = copMonitoring2020();
      feed.sessions.push({
        ...feed.sessions[2]!,
        id: 'extra',
        title: 'Extra',
        start: '2020-05-20T13:00:00+02:00',
        end: '2020-05-20T17:00:00+02:00',
      });
      const el = await calendar(feed);
      expect(all(el, '[part="month-heading"]').map(text)).to.deep.equal([
        'maart–april 2020',
        'mei 2020',
        'juni–september 2020',
      ]);
    });

    it('keeps a session’s time on one line: "uur" never wraps alone', async () => {
      const el = await calendar(copMonitoring2020());
      const time = one(el, '[part="date"] .nowrap')!;
      expect(text(time)).to.equal('13.00–17.00 uur');
      expect(getComputedStyle(time).whiteSpace).to.equal('nowrap');
    });

    it('speaks English with lang="en"', async () => {
      const el = await calendar(copMonitoring2020(), { lang: 'en' });
      const first = all(el, '[part="session"]')[0]!;
      expect(text(first.querySelector('[part="date"]'))).to.equal('Mon 2 March 2020, 13:00–17:00');
      expect(facts(first)).to.deep.equal([
        'Location: Location to be announced',
        'Facilitated by: Lieke Salomé, Marianne Hooijsma',
      ]);
    });

    it('puts a session on the night the clocks go back on its Dutch day and hours', async () => {
      const feed = copMonitoring2020();
      feed.sessions = [
        { id: 'nacht', title: 'Nachtdienst', start: '2020-10-25T01:30:00+02:00', end: '2020-10-25T02:30:00+01:00' },
      ];
      const el = await calendar(feed);
      expect(text(one(el, '[part="date"]'))).to.equal('zo 25 oktober 2020, 01.30–02.30 uur');
    });

    it('mutes past sessions with a label, and hides them on request', async () => {
      const feed = copMonitoring2020();
      const el = await calendar(feed, { now: Date.parse('2020-05-01T12:00:00+02:00') });
      expect(all(el, '[part="session"]').map((card) => text(card.querySelector('[part="status"]')))).to.deep.equal([
        'Afgelopen',
        'Afgelopen',
        '',
        '',
        '',
      ]);
      one(el, 'input[type="checkbox"]')!.click();
      await el.updateComplete;
      expect(all(el, '[part="session"]')).to.have.length(3);
      expect(text(one(el, '[role="status"]'))).to.equal('3 bijeenkomsten');
      await expect(el).to.be.accessible();
    });

    it('marks a cancelled session as such, not by colour alone', async () => {
      const feed = copMonitoring2020();
      feed.sessions[2]!.status = 'cancelled';
      const el = await calendar(feed);
      const card = all(el, '[part="session"]')[2]!;
      expect(text(card.querySelector('[part="status"]'))).to.equal('Geannuleerd');
      expect(card.querySelector('[part="add-to-calendar"]')).to.equal(null);
    });

    it('shows an online location with its link', async () => {
      const feed = copMonitoring2020();
      feed.sessions[0]!.location = { name: 'Microsoft Teams', online: true, url: 'https://teams.example.org/cop' };
      const el = await calendar(feed);
      const link = all(el, '[part="session"]')[0]!.querySelector<HTMLAnchorElement>('[part="location"] a')!;
      expect(text(link.parentElement)).to.equal('Online: Microsoft Teams ↗ (opent in een nieuw venster)');
      expect(link.target, 'it opens a new window, and says so').to.equal('_blank');
      expect(link.href).to.equal('https://teams.example.org/cop');
    });

    it('says so when there are no sessions, accessibly', async () => {
      const el = await calendar({ ...copMonitoring2020(), sessions: [] });
      expect(text(one(el, '.state'))).to.equal('Er zijn nog geen bijeenkomsten gepland.');
      await expect(el).to.be.accessible();
    });

    it('reads its feed from src and shows loading, then the sessions', async () => {
      const el = await fixture<CopSessionCalendar>(
        html`<cop-session-calendar src=${demoFeedUrl('samen-leren-met-impact')} .now=${NOW}></cop-session-calendar>`,
      );
      expect(text(one(el, '[role="status"]'))).to.equal('Bezig met laden…');
      await expect(el).to.be.accessible();
      await waitUntil(() => el.feedState.status === 'ready', 'the feed did not load', WAIT);
      await el.updateComplete;
      expect(all(el, '[part="session"]')).to.have.length(18);
    });

    it("shows an invalid feed's problems instead of a blank box, accessibly", async () => {
      const feed = copMonitoring2020();
      feed.sessions[0]!.end = '2020-03-02T12:00:00+01:00';
      const el = await calendar(feed);
      expect(text(one(el, '[role="alert"]'))).to.contain('sessions[0].end ligt vóór of op start');
      await expect(el).to.be.accessible();
    });
  });

  describe('filters', () => {
    it("shows one intervision group's series when the visitor picks it", async () => {
      const el = await calendar(samenLeren2024());
      expect(all(el, '[part="session"]')).to.have.length(9);
      const select = one(el, 'select') as HTMLSelectElement;
      expect([...select.options].map((o) => o.text)).to.deep.equal([
        'Alle groepen',
        'Intervisiegroep 1',
        'Intervisiegroep 2',
        'Intervisiegroep 3',
      ]);
      select.value = 'groep-2';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const cards = all(el, '[part="session"]');
      expect(cards.map((c) => text(c.querySelector('[part="date"]')))).to.deep.equal([
        'wo 12 juni 2024, 14.00–16.30 uur',
        'ma 26 augustus 2024, 14.00–16.30 uur',
        'wo 2 oktober 2024, 14.00–16.30 uur',
      ]);
      expect(cards.every((c) => facts(c).includes('Groep: Intervisiegroep 2'))).to.equal(true);
      expect(text(one(el, '.series'))).to.equal('Alle bijeenkomsten van Intervisiegroep 2 in uw agenda (.ics)');
      await expect(el).to.be.accessible();
    });

    it('takes the group from an attribute, for pages that embed one group', async () => {
      const el = await calendar(samenLeren2024(), { group: 'groep-3' });
      expect(all(el, '[part="session"]')).to.have.length(2);
      expect((one(el, 'select') as HTMLSelectElement).value).to.equal('groep-3');
    });

    it('says when a choice leaves nothing', async () => {
      const feed = samenLeren2024();
      const el = await calendar(feed, { group: 'groep-3', now: Date.parse('2025-01-01T00:00:00+01:00') });
      one(el, 'input[type="checkbox"]')!.click();
      await el.updateComplete;
      expect(text(one(el, '.state'))).to.equal('Geen bijeenkomsten voor deze keuze.');
    });
  });

  describe('enrolment state', () => {
    it('says until when one can enrol, and how many places are left', async () => {
      const feed = samenLeren2024();
      feed.enrolment = { closes: '2024-04-26T23:59:00+02:00', waitlist: true, contactEmail: 'avj@example.org' };
      feed.availability = { state: 'open', placesLeft: 3, waitlistLength: 0, updatedAt: '2024-04-01T10:00:00+02:00' };
      const el = await calendar(feed, { now: Date.parse('2024-04-01T10:00:00+02:00') });
      expect(text(one(el, '[part="enrolment"]'))).to.equal('Aanmelden kan tot 26 april · Nog 3 plaatsen');
    });

    it('shows full with waiting list, and closed', async () => {
      const feed = samenLeren2024();
      feed.availability = {
        state: 'waitlist',
        placesLeft: 0,
        waitlistLength: 4,
        updatedAt: '2024-04-01T10:00:00+02:00',
      };
      let el = await calendar(feed, { now: Date.parse('2024-04-01T10:00:00+02:00') });
      expect(text(one(el, '[part="enrolment"]'))).to.equal('Aanmelden kan tot 1 mei · Vol — wachtlijst');
      el = await calendar(samenLeren2024(), { now: Date.parse('2024-05-02T10:00:00+02:00') });
      expect(text(one(el, '[part="enrolment"]'))).to.equal('Aanmelden gesloten');
      expect(all(el, '[part="enrol"]')).to.have.length(0);
    });
  });

  describe('"Aanmelden"', () => {
    /** Stands in for <cop-enrolment-form> (its own issue) with the hand-off it will implement. */
    class FakeEnrolmentForm extends HTMLElement {
      chosen: string | undefined;
      feedState = { status: 'ready', feed: { programme: { id: 'samen-leren' } } };
      chooseSession(id: string) {
        this.chosen = id;
        this.querySelector('input')?.focus();
      }
    }
    before(() => customElements.define('cop-enrolment-form', FakeEnrolmentForm));

    it('fires cop-session-select and hands the session to the enrolment form for the same programme', async () => {
      const page = await fixture(html`<div>
        <cop-session-calendar .feed=${samenLeren2024()} .now=${Date.parse('2024-04-01T10:00:00+02:00')}></cop-session-calendar>
        <cop-enrolment-form><input aria-label="Naam" /></cop-enrolment-form>
      </div>`);
      const el = page.querySelector<CopSessionCalendar>('cop-session-calendar')!;
      await el.updateComplete;
      const button = all(el, '[part="enrol"]')[0]!;
      expect(button.getAttribute('aria-label')).to.equal('Aanmelden voor Intervisiegesprek 1');
      setTimeout(() => button.click());
      const event = await oneEvent(page, 'cop-session-select');
      expect(event.detail).to.deep.equal({ programmeId: 'samen-leren', sessionId: 'groep-2-1' });
      const form = page.querySelector<FakeEnrolmentForm>('cop-enrolment-form')!;
      expect(form.chosen).to.equal('groep-2-1');
      expect(document.activeElement).to.equal(form.querySelector('input'));
    });

    it('offers no "Aanmelden" that leads nowhere: only with a form for the programme, or enrol-handled', async () => {
      const open = Date.parse('2024-04-01T10:00:00+02:00');
      const alone = await fixture<CopSessionCalendar>(
        html`<cop-session-calendar .feed=${samenLeren2024()} .now=${open}></cop-session-calendar>`,
      );
      await alone.updateComplete;
      expect(all(alone, '[part="session"]').length).to.be.above(0);
      expect(all(alone, '[part="enrol"]')).to.have.length(0);
      alone.toggleAttribute('enrol-handled', true);
      await alone.updateComplete;
      expect(all(alone, '[part="enrol"]').length).to.be.above(0);
      alone.toggleAttribute('enrol-handled', false);
      await alone.updateComplete;
      // A form for the programme that arrives later says so; the buttons follow.
      const form = document.createElement('cop-enrolment-form');
      document.body.append(form);
      try {
        document.dispatchEvent(new Event(FORM_READY));
        await alone.updateComplete;
        expect(all(alone, '[part="enrol"]').length).to.be.above(0);
      } finally {
        form.remove();
      }
      document.dispatchEvent(new Event(FORM_READY));
      await alone.updateComplete;
      expect(all(alone, '[part="enrol"]')).to.have.length(0);
    });

    it('leaves the form alone when the host page cancels the event', async () => {
      const page = await fixture(html`<div>
        <cop-session-calendar .feed=${samenLeren2024()} .now=${Date.parse('2024-04-01T10:00:00+02:00')}></cop-session-calendar>
        <cop-enrolment-form></cop-enrolment-form>
      </div>`);
      page.addEventListener('cop-session-select', (e) => e.preventDefault());
      const el = page.querySelector<CopSessionCalendar>('cop-session-calendar')!;
      await el.updateComplete;
      all(el, '[part="enrol"]')[0]!.click();
      expect(page.querySelector<FakeEnrolmentForm>('cop-enrolment-form')!.chosen).to.equal(undefined);
    });
  });

  describe('add to calendar', () => {
    it('opens a panel with .ics, Google and Outlook for work and for personal accounts, each saying it opens a new window', async () => {
      const el = await calendar(copMonitoring2020());
      const details = all(el, '[part="add-to-calendar"]')[0] as HTMLDetailsElement;
      expect(details.querySelector('summary')!.getAttribute('aria-label')).to.equal(
        'Toevoegen aan agenda: Bijeenkomst 1',
      );
      expect(details.querySelectorAll('a')).to.have.length(0);
      details.querySelector('summary')!.click();
      await aTimeout(0);
      await el.updateComplete;
      const options = [...details.querySelectorAll('li')].map(text);
      expect(options).to.deep.equal([
        'Agendabestand (.ics) voor Apple, Outlook en andere',
        'Google Agenda ↗ (opent in een nieuw venster)',
        'Outlook (werk of school, Microsoft 365) ↗ (opent in een nieuw venster)',
        'Outlook.com (persoonlijk account) ↗ (opent in een nieuw venster)',
      ]);
      const google = new URL(details.querySelector<HTMLAnchorElement>('a')!.href);
      expect(google.searchParams.get('dates')).to.equal('20200302T120000Z/20200302T160000Z');
      await expect(el).to.be.accessible();
    });

    it('downloads the .ics file when asked', async () => {
      const el = await calendar(copMonitoring2020());
      const details = all(el, '[part="add-to-calendar"]')[0] as HTMLDetailsElement;
      details.open = true;
      await aTimeout(0);
      await el.updateComplete;
      let downloaded: HTMLAnchorElement | undefined;
      // Catch the download link's click on its way up, and keep the browser from saving a file.
      const catchDownload = (event: Event) => {
        if (event.target instanceof HTMLAnchorElement && event.target.download) {
          downloaded = event.target;
          event.preventDefault();
        }
      };
      document.addEventListener('click', catchDownload);
      try {
        details.querySelector<HTMLButtonElement>('button')!.click();
        await waitUntil(() => downloaded, 'no download', WAIT);
      } finally {
        document.removeEventListener('click', catchDownload);
      }
      expect(downloaded?.download).to.equal('cop-monitoring-bijeenkomst-1.ics');
      const body = await (await fetch(downloaded!.href)).text();
      expect(body).to.contain('UID:bijeenkomst-1.cop-monitoring.2020@example.org\r\n');
      expect(body).to.contain('DTSTART;TZID=Europe/Amsterdam:20200302T130000\r\n');
    });
  });

  describe('month view', () => {
    it('opens on the month of the next session, as a grid of Dutch weeks', async () => {
      const el = await calendar(copMonitoring2020(), { view: 'month' });
      expect(text(one(el, '#month-title'))).to.equal('maart 2020');
      expect(all(el, 'th').map(text)).to.deep.equal(['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo']);
      const busy = all(el, '.day--busy');
      expect(busy.map((d) => d.dataset.day)).to.deep.equal(['2020-03-02']);
      expect(seen(busy[0]!)).to.equal('ma 2 maart 2020 2 Bijeenkomst 1');
      expect(text(one(el, '.day-panel [role="heading"]'))).to.equal('Bijeenkomsten op ma 2 maart 2020');
      await expect(el).to.be.accessible();
    });

    it('moves by keyboard: arrows between days, PageDown to the next month, Enter to choose a day', async () => {
      const el = await calendar(copMonitoring2020(), { view: 'month' });
      one(el, '[data-day="2020-03-02"]')!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement?.getAttribute('data-day')).to.equal('2020-03-03');
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement?.getAttribute('data-day')).to.equal('2020-03-10');
      await sendKeys({ press: 'PageDown' });
      await el.updateComplete;
      expect(text(one(el, '#month-title'))).to.equal('april 2020');
      expect(el.shadowRoot!.activeElement?.getAttribute('data-day')).to.equal('2020-04-10');
      expect(text(one(el, '[role="status"]'))).to.equal('april 2020: 1 bijeenkomst');
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement?.getAttribute('data-day')).to.equal('2020-04-06');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(one(el, '[data-day="2020-04-06"]')!.getAttribute('aria-selected')).to.equal('true');
      expect(text(one(el, '.day-panel [part="date"]'))).to.equal('ma 6 april 2020, 13.00–17.00 uur');
      expect(all(el, '[tabindex="0"]').map((d) => d.dataset.day)).to.deep.equal(['2020-04-06']);
    });

    it('goes back and forth by buttons and announces the month', async () => {
      const el = await calendar(copMonitoring2020(), { view: 'month', lang: 'en' });
      const [previous, next] = all(el, '.month-nav button');
      next!.click();
      await el.updateComplete;
      expect(text(one(el, '#month-title'))).to.equal('April 2020');
      expect(text(one(el, '[role="status"]'))).to.equal('April 2020: 1 session');
      previous!.click();
      previous!.click();
      await el.updateComplete;
      expect(text(one(el, '#month-title'))).to.equal('February 2020');
      expect(text(one(el, '[role="status"]'))).to.equal('February 2020: no sessions');
    });

    it('starts one- and two-digit day numbers at the same place', async () => {
      const el = await calendar(copMonitoring2020(), { view: 'month' });
      const start = (day: string) => {
        const number = one(el, `[data-day="${day}"] .day__number`)!;
        const range = document.createRange();
        range.selectNodeContents(number);
        return range.getBoundingClientRect().left - one(el, `[data-day="${day}"]`)!.getBoundingClientRect().left;
      };
      expect(Math.abs(start('2020-03-03') - start('2020-03-10'))).to.be.below(1);
    });

    it('shows a cut-off title in full on focus, and hides it again with Escape', async () => {
      const feed = copMonitoring2020();
      feed.sessions[0]!.title = 'Schurende wetgeving in de praktijk van gemeente en onderwijs';
      const el = await calendar(feed, { view: 'month' });
      const day = one(el, '[data-day="2020-03-02"]')!;
      const tip = day.querySelector<HTMLElement>('.day__tip')!;
      expect(getComputedStyle(tip).display).to.equal('none');
      day.focus();
      expect(getComputedStyle(tip).display).to.equal('block');
      expect(text(tip)).to.equal(feed.sessions[0]!.title);
      expect(tip.getAttribute('aria-hidden')).to.equal('true');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(getComputedStyle(tip).display).to.equal('none');
    });

    it('keeps the day panel in the month shown: another month shows its own first day, or none', async () => {
      const el = await calendar(copMonitoring2020(), { view: 'month' });
      const [previous, next] = all(el, '.month-nav button');
      next!.click();
      await el.updateComplete;
      expect(text(one(el, '.day-panel [role="heading"]'))).to.equal('Bijeenkomsten op ma 6 april 2020');
      previous!.click();
      previous!.click();
      await el.updateComplete;
      expect(text(one(el, '#month-title'))).to.equal('februari 2020');
      expect(one(el, '.day-panel')).to.equal(null);
    });

    it('follows a filter to the month where its sessions are', async () => {
      const el = await calendar(samenLeren2024(), { view: 'month', now: Date.parse('2024-05-01T10:00:00+02:00') });
      expect(text(one(el, '#month-title'))).to.equal('juni 2024');
      el.hidePast = true;
      el.now = Date.parse('2024-09-01T10:00:00+02:00');
      el.group = 'groep-3';
      await el.updateComplete;
      expect(text(one(el, '#month-title'))).to.equal('oktober 2024');
      expect(text(one(el, '.day-panel [role="heading"]'))).to.equal('Bijeenkomsten op wo 9 oktober 2024');
    });

    it('switches between list and month with the view buttons', async () => {
      const el = await calendar(copMonitoring2020());
      const [list, month] = all(el, '.switch__option');
      expect(list!.getAttribute('aria-pressed')).to.equal('true');
      month!.click();
      await el.updateComplete;
      expect(el.view).to.equal('month');
      expect(one(el, '[role="grid"]')).to.not.equal(null);
    });

    it('falls back to a list of the month on a narrow screen', async () => {
      const el = await fixture<CopSessionCalendar>(html`<div style="width: 320px">
        <cop-session-calendar view="month" .feed=${copMonitoring2020()} .now=${BEFORE_2020}></cop-session-calendar>
      </div>`).then((wrapper) => wrapper.querySelector<CopSessionCalendar>('cop-session-calendar')!);
      await waitUntil(() => one(el, '[role="grid"]') === null, 'the grid gives way to a list', WAIT);
      expect(all(el, '[part="session"]')).to.have.length(1);
      expect(text(one(el, '#month-title'))).to.equal('maart 2020');
      await expect(el).to.be.accessible();
    });

    it('keeps the grid on a wide page whose reset makes the host inline', async () => {
      const el = await fixture<CopSessionCalendar>(html`<div style="width: 900px">
        <cop-session-calendar style="display: inline" view="month" .feed=${copMonitoring2020()} .now=${BEFORE_2020}></cop-session-calendar>
      </div>`).then((wrapper) => wrapper.querySelector<CopSessionCalendar>('cop-session-calendar')!);
      // An inline host measures 0 px wide: the calendar must measure its own box instead.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await el.updateComplete;
      expect(one(el, '[role="grid"]'), 'the month grid').to.not.equal(null);
    });
  });
});

describe('cop-session-calendar and the language of the feed', () => {
  it('marks Dutch feed text with lang="nl" inside an English calendar, and the other way round', async () => {
    const feed = samenLeren2024();
    const english = await fixture<CopSessionCalendar>(
      html`<cop-session-calendar lang="en" .feed=${feed} .now=${Date.parse('2024-01-01T12:00:00Z')}></cop-session-calendar>`,
    );
    await english.updateComplete;
    const title = english.shadowRoot!.querySelector('.session__title')!;
    expect(title.getAttribute('lang')).to.equal('nl');
    expect(
      english.shadowRoot!.querySelector('.session__date')!.closest('[lang]'),
      'the calendar’s own words are English',
    ).to.equal(null);
    await expect(english).to.be.accessible();
    const dutch = await fixture<CopSessionCalendar>(
      html`<cop-session-calendar .feed=${feed} .now=${Date.parse('2024-01-01T12:00:00Z')}></cop-session-calendar>`,
    );
    await dutch.updateComplete;
    expect(
      dutch.shadowRoot!.querySelector('.session__title')!.hasAttribute('lang'),
      'nothing to mark when both are Dutch',
    ).to.equal(false);
    const written = await fixture<CopSessionCalendar>(
      html`<cop-session-calendar .feed=${{ ...feed, language: 'en-GB' }} .now=${Date.parse('2024-01-01T12:00:00Z')}></cop-session-calendar>`,
    );
    await written.updateComplete;
    expect(written.shadowRoot!.querySelector('.session__title')!.getAttribute('lang')).to.equal('en-GB');
  });
});
