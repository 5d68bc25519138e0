/**
 * Partner pages that make life hard for embedded widgets, each in headless Chromium:
 * - a strict Content-Security-Policy (no inline script or style, no eval): all four widgets work;
 * - the loader included twice: no error, each chunk fetched once;
 * - widgets whose tags appear later (added by a script, in shadow roots) load, and only those;
 * - aggressive global CSS: the widgets look the same inside and still work.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { countInShadow, openPage, waitForShadowText } from './browser.js';
import { startEnvironment, type Environment } from './environment.js';
import { HERE } from './package.js';
import { calendarShowsSessions, chooseRegionByKeyboard, mapDrawsRegions } from './widgets.js';

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
const TAGS = ['cop-session-calendar', 'cop-enrolment-form', 'cop-region-map', 'cop-principle-poll'];

describe('the CDN bundle on strict host pages', () => {
  let env: Environment;

  before(async () => {
    env = await startEnvironment([
      { prefix: '/pages/csp/', dir: join(HERE, 'pages', 'csp'), headers: { 'Content-Security-Policy': STRICT_CSP } },
      { prefix: '/pages/late/', dir: join(HERE, 'pages', 'late'), headers: { 'Content-Security-Policy': STRICT_CSP } },
      { prefix: '/pages/', dir: join(HERE, 'pages') },
    ]);
  });
  after(() => env?.close());

  it(`all four widgets work under "${STRICT_CSP}", with no violation`, async () => {
    const { page, problems, close } = await openPage(env.browser, `${env.site.url}pages/csp/`);
    try {
      const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('Content-Security-Policy'));
      assert.equal(csp, STRICT_CSP, 'the page is served with the strict policy');

      await calendarShowsSessions(page);
      await mapDrawsRegions(page);
      assert.equal(await chooseRegionByKeyboard(page), 'JZ21 bas');

      // The form validates: an empty submit gets the error summary …
      const form = 'cop-enrolment-form';
      await waitForShadowText(page, form, 'Aanmelden voor CoP Samen sterker in de regio');
      await page.click(`${form} >>> button[type="submit"]`);
      await page.waitForSelector(`${form} >>> #summary`);
      // … and a filled-in team is enrolled by the reference server.
      for (const [role, name] of [
        ['gemeente', 'Anna de Vries'],
        ['onderwijs', 'Bram Jansen'],
      ]) {
        await page.type(`${form} >>> #${role}-name`, name);
        await page.type(`${form} >>> #${role}-organisation`, `Organisatie van ${name}`);
        await page.type(`${form} >>> #${role}-email`, `${role}@example.org`);
      }
      await page.click(`${form} >>> #consent`);
      await page.click(`${form} >>> button[type="submit"]`);
      await waitForShadowText(page, form, 'U bent aangemeld');

      // The poll takes a vote and shows the results, live from the server.
      const poll = 'cop-principle-poll';
      await waitForShadowText(page, poll, 'Welke leidende principes hebben we al op orde?');
      for (const [principle, value] of [
        ['kind-centraal', 4],
        ['thuisnabij', 2],
        ['een-plan', 5],
      ] as const) {
        await page.click(`${poll} >>> input[name="rating-${principle}"][value="${value}"]`);
      }
      await page.click(`${poll} >>> button[type="submit"]`);
      await waitForShadowText(page, poll, 'Uw stem is opgeslagen');
      await waitForShadowText(page, poll, '1 deelnemer');
      assert.equal(await countInShadow(page, poll, 'tbody tr[data-principle]'), 3, 'results for the three principles');

      const events = await page.$$eval('#events li', (items) => items.map((item) => item.textContent));
      assert.deepEqual(events, ['cop-region-select JZ21', 'cop-enrolment-submit confirmed', 'cop-vote-submit 3']);
      assert.deepEqual(problems(), [], 'no CSP violation, console error or failed request');
    } finally {
      await close();
    }
  });

  it('the loader included twice (plain and versioned name): no error, each chunk fetched once, only the tags on the page', async () => {
    const before = env.site.requests.length;
    const { page, problems, warnings, close } = await openPage(env.browser, `${env.site.url}pages/double-load/`);
    try {
      await calendarShowsSessions(page);
      await mapDrawsRegions(page);
      assert.equal(await chooseRegionByKeyboard(page), 'JZ21 bas');
      const requested = env.site.requests.slice(before);
      assert.ok(requested.includes('/static/cop-widgets/cop-widgets.js'), 'the plain name was loaded');
      assert.ok(
        requested.includes(`/static/cop-widgets/cop-widgets.${env.version}.js`),
        'the versioned name was loaded too',
      );
      const chunks = requested.filter((path) => /-[\w-]{8}\.js$/.test(path));
      assert.deepEqual(chunks, [...new Set(chunks)], 'both copies share the chunks: each came once');
      assert.deepEqual(
        await page.evaluate((tags) => tags.map((tag) => Boolean(customElements.get(tag))), TAGS),
        [true, false, true, false],
        'only the tags on the page',
      );
      assert.deepEqual(warnings, [], 'nothing was registered twice, so nothing to warn about');
      assert.deepEqual(problems(), []);
    } finally {
      await close();
    }
  });

  it(`loads a widget whose tag appears later: added by a script, in a component's shadow root, in a closed root, under "${STRICT_CSP}"`, async () => {
    const before = env.site.requests.length;
    const { page, problems, close } = await openPage(env.browser, `${env.site.url}pages/late/`);
    try {
      const loaded = () =>
        env.site.requests
          .slice(before)
          .filter((path) => /-[\w-]{8}\.js$/.test(path))
          .map((path) => path.replace(/^.*\/|-[\w-]{8}\.js$/g, ''));
      assert.deepEqual(loaded(), [], 'an empty page fetches no widget, and not the base');
      // The page's script adds a calendar after a while, as a framework renders one.
      await calendarShowsSessions(page, '#later cop-session-calendar');
      // The page's own component, defined later still, renders a map into its open shadow root.
      const regions = (selector: string) =>
        page.evaluate((inner) => {
          const map = document.querySelector('partner-panel')?.shadowRoot?.querySelector('cop-region-map');
          return map?.shadowRoot?.querySelectorAll(inner).length ?? 0;
        }, selector);
      await page.waitForFunction(
        () =>
          document
            .querySelector('partner-panel')
            ?.shadowRoot?.querySelector('cop-region-map')
            ?.shadowRoot?.querySelector('path[data-code]'),
        { timeout: 10_000 },
      );
      assert.deepEqual(
        [await regions('path[data-code]'), await regions('path.region--covered')],
        [42, 6],
        'the map in the shadow root is drawn',
      );
      // A closed shadow root is out of the loader's sight: the page hands it over with discover().
      await page.waitForFunction(
        () => (window as unknown as { closedPoll(): string }).closedPoll().includes('Welke leidende principes'),
        { timeout: 10_000 },
      );
      assert.deepEqual(loaded().sort(), [
        'base',
        'gemeenten-2025',
        'geometry',
        'jeugdregio-2025.topojson',
        'principle-poll',
        'region-map',
        'session-calendar',
      ]);
      assert.equal(
        await page.evaluate(() => Boolean(customElements.get('cop-enrolment-form'))),
        false,
        'no form on the page, no form loaded',
      );
      // preload() fetches a widget before its tag is on the page.
      await page.evaluate(
        async (url) => (await import(url)).preload('cop-enrolment-form'),
        '/static/cop-widgets/cop-widgets.js',
      );
      assert.equal(
        await page.evaluate(() => Boolean(customElements.get('cop-enrolment-form'))),
        true,
        'preload registered the form',
      );
      assert.deepEqual(problems(), [], 'no CSP violation, console error or failed request');
    } finally {
      await close();
    }
  });

  it('aggressive global CSS (all: unset, !important, huge fonts, hidden divs and labels): the widgets look and work the same', async () => {
    const { page, problems, close } = await openPage(env.browser, `${env.site.url}pages/hostile-css/`);
    try {
      await calendarShowsSessions(page);
      await waitForShadowText(page, 'cop-enrolment-form', 'Aanmelden voor CoP Samen sterker in de regio');
      await waitForShadowText(page, 'cop-principle-poll', 'Welke leidende principes hebben we al op orde?');
      // The question shows at once; the ratings once the poll has asked the server about this visitor.
      await page.waitForSelector('cop-principle-poll >>> fieldset legend');
      await mapDrawsRegions(page);
      const hostile = await looks(page);
      await page.$eval('#hostile', (link) => ((link as HTMLLinkElement).disabled = true));
      const calm = await looks(page);
      await page.$eval('#hostile', (link) => ((link as HTMLLinkElement).disabled = false));
      const differences = LOOKS.flatMap(([host, selector], index) => {
        const [withCss, without] = [hostile[index]!, calm[index]!];
        if (typeof without === 'string' || typeof withCss === 'string')
          return [`${host} ${selector}: ${String(withCss)} / ${String(without)}`];
        return Object.keys(without)
          .filter((name) => withCss[name] !== without[name])
          .map((name) => `${host} ${selector} ${name}: ${withCss[name]} instead of ${without[name]}`);
      });
      assert.deepEqual(differences, [], 'every compared style is the same with and without the hostile CSS');

      assert.equal(await chooseRegionByKeyboard(page), 'JZ21 bas', 'the map still works');
      await page.type('cop-enrolment-form >>> #gemeente-email', 'anna@');
      await page.click('cop-enrolment-form >>> #gemeente-name');
      await waitForShadowText(page, 'cop-enrolment-form', 'E-mailadres is geen geldig e-mailadres.');
      await page.click('cop-principle-poll >>> input[name="rating-thuisnabij"][value="3"]');
      assert.equal(
        await page.$eval(
          'cop-principle-poll',
          (el) => el.shadowRoot!.querySelector<HTMLInputElement>('input[name="rating-thuisnabij"][value="3"]')!.checked,
        ),
        true,
        'a rating can be chosen',
      );
      assert.deepEqual(problems(), []);
    } finally {
      await close();
    }
  });
});

/** Elements inside the widgets whose look is compared, as [host, selector in its shadow root]. */
const LOOKS: [string, string][] = [
  ['cop-session-calendar', '.session__title'],
  ['cop-session-calendar', '.session__date'],
  ['cop-session-calendar', 'button[part="enrol"]'],
  ['cop-session-calendar', '.switch__option'],
  ['cop-enrolment-form', 'label[for="gemeente-name"]'],
  ['cop-enrolment-form', '#gemeente-name'],
  ['cop-enrolment-form', '#consent'],
  ['cop-enrolment-form', 'button[type="submit"]'],
  ['cop-enrolment-form', 'legend'],
  ['cop-principle-poll', 'legend'],
  ['cop-principle-poll', 'input[type="radio"]'],
  ['cop-principle-poll', 'button[type="submit"]'],
  ['cop-region-map', 'path[data-code="JZ21"]'],
  ['cop-region-map', 'path[data-code="JZ01"]'],
  ['cop-region-map', '#search'],
];

const PROPERTIES = [
  'display',
  'visibility',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'line-height',
  'letter-spacing',
  'text-transform',
  'text-align',
  'text-indent',
  'text-shadow',
  'white-space',
  'color',
  'background-color',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'padding-top',
  'padding-left',
  'margin-top',
  'box-sizing',
  'cursor',
  'appearance',
  'fill',
  'stroke',
  'list-style-type',
];

/** Computed styles and size of each element in LOOKS, or what is missing. */
async function looks(page: Page): Promise<(Record<string, string | number> | string)[]> {
  return page.evaluate(
    (targets, properties) =>
      targets.map(([host, selector]) => {
        const el = document.querySelector(host)?.shadowRoot?.querySelector(selector);
        if (!el) return `missing: ${host} ${selector}`;
        const style = getComputedStyle(el);
        const { width, height } = el.getBoundingClientRect();
        return {
          ...Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)])),
          width: Math.round(width),
          height: Math.round(height),
        };
      }),
    LOOKS,
    PROPERTIES,
  );
}
