/**
 * What a screen reader gets: Chromium's full accessibility tree, read over the DevTools protocol
 * (the `accessibility-tree` command in web-test-runner.config.mjs). axe checks the markup; these
 * tests check that the content is in the tree at all, with the names a visitor hears. They run
 * in Chromium only, the one engine whose tree the test runner can read.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../src/enrolment-form/enrolment-form.js';
import type { CopEnrolmentForm } from '../../src/enrolment-form/enrolment-form.component.js';
import '../../src/region-map/region-map.js';
import '../../src/session-calendar/session-calendar.js';
import type { CopSessionCalendar } from '../../src/session-calendar/session-calendar.component.js';
import { regionMap, seedFeed } from '../region-map/helpers.js';
import { feedUrl } from '../reference-server.js';
import { copMonitoring2020 } from '../session-calendar/seed-feeds.js';
import { WAIT } from '../waits.js';

interface AccessibleNode {
  role: string;
  name: string;
  level?: number;
}

const accessibilityTree = async () => (await executeServerCommand('accessibility-tree')) as AccessibleNode[];
const named = (tree: AccessibleNode[], role: string) =>
  tree.filter((node) => node.role === role).map((node) => node.name);

describe('cop-session-calendar for a screen reader', () => {
  it('keeps every card of a long programme in the accessibility tree, with its heading and name, at 390 px', async () => {
    await setViewport({ width: 390, height: 800 });
    try {
      const base = copMonitoring2020();
      const sessions = Array.from({ length: 150 }, (_, i) => {
        const day = new Date(Date.UTC(2030, 0, 7 + i * 2, 12));
        const iso = (hour: number) => `${day.toISOString().slice(0, 10)}T${hour}:00:00+01:00`;
        return { id: `s${i}`, title: `Bijeenkomst ${i + 1}`, start: iso(13), end: iso(17), location: null };
      });
      const el = await fixture<CopSessionCalendar>(
        html`<cop-session-calendar .feed=${{ ...base, sessions }} .now=${Date.parse('2029-12-01T12:00:00Z')}></cop-session-calendar>`,
      );
      await waitUntil(
        () => el.shadowRoot!.querySelectorAll('article').length === sessions.length,
        'not every card rendered',
        WAIT,
      );
      // Cards far below the viewport included.
      const tree = await accessibilityTree();
      const headings = new Set(named(tree, 'heading'));
      const missing = sessions.filter((s) => !headings.has(s.title)).map((s) => s.title);
      expect(missing, 'cards whose heading a screen reader does not get').to.deep.equal([]);
      expect(named(tree, 'article'), 'each card named by its title').to.deep.equal(sessions.map((s) => s.title));
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('names a day of the month grid by its date and sessions, without the day number again', async () => {
    const el = await fixture<CopSessionCalendar>(
      html`<cop-session-calendar view="month" .feed=${copMonitoring2020()} .now=${Date.parse('2020-02-20T12:00:00Z')}></cop-session-calendar>`,
    );
    await el.updateComplete;
    const cells = named(await accessibilityTree(), 'gridcell');
    expect(cells).to.include('ma 2 maart 2020 Bijeenkomst 1');
    expect(cells.find((name) => name.startsWith('di 3 maart 2020'))).to.equal('di 3 maart 2020');
  });
});

describe('cop-enrolment-form for a screen reader', () => {
  it('names each field as it is seen ("Functie (optioneel)") and reads no warning sign before an error', async () => {
    const el = await fixture<CopEnrolmentForm>(
      html`<cop-enrolment-form src=${feedUrl('form-open')}></cop-enrolment-form>`,
    );
    const $ = (selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
    await waitUntil(() => $('form'), 'the form did not render', WAIT);
    $('button[type="submit"]')!.click();
    await waitUntil(() => $('#summary'), 'the error summary', WAIT);
    await el.updateComplete;
    const tree = await accessibilityTree();
    const fields = named(tree, 'textbox');
    expect(fields).to.include('Functie (optioneel)');
    expect(fields).to.include('E-mailadres');
    // The sign before an error is decoration: the text after it says what is wrong.
    const read = tree.map((node) => node.name).join(' ');
    expect(read).to.contain('Vul dit veld in.');
    expect(read).to.not.contain('⚠');
    expect($('#gemeente-email-error')!.textContent, 'an empty address is missing, not invalid').to.equal(
      'Vul dit veld in.',
    );
  });
});

describe('cop-region-map for a screen reader', () => {
  it("reads a facilitator's e-mail address and phone number whole, as link names", async () => {
    await regionMap(await seedFeed(), { region: 'JZ21' });
    const links = named(await accessibilityTree(), 'link');
    expect(links).to.include('m.driedonks@example.org');
    expect(links).to.include('+31 30 000 00 00');
  });
});
