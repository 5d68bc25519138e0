/**
 * What the distribution tests check on every page, as a visitor would see it: the calendar
 * shows the feed's sessions, the map draws the 42 regions and a keyboard choice reaches the
 * page's listener.
 */
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { countInShadow, waitForShadowText } from './browser.js';

/** From test/distribution/feeds/partner-programme.json. */
export const SESSION_TITLES = ['Startbijeenkomst: leervragen ophalen', 'Verdiepingssessie bindende afspraken'];

export async function calendarShowsSessions(page: Page, host = 'cop-session-calendar'): Promise<void> {
  for (const title of SESSION_TITLES) await waitForShadowText(page, host, title);
  // In Europe/Amsterdam, though the browser's clock runs in New York (see openPage).
  await waitForShadowText(page, host, 'ma 9 maart 2099, 13.00–16.00 uur');
}

/** Waits for the regions to be drawn (the geometry is a lazily loaded chunk) and counts them. */
export async function mapDrawsRegions(page: Page, host = 'cop-region-map'): Promise<void> {
  await page.waitForSelector(`${host} >>> path[data-code]`, { timeout: 10_000 });
  assert.equal(await countInShadow(page, host, 'path[data-code]'), 42, 'the 42 CBS youth-care regions are drawn');
  assert.equal(
    await countInShadow(page, host, 'path.region--covered'),
    6,
    "the two facilitators' six regions are coloured",
  );
}

/** Chooses JZ21 (Bas Wijnen's) on the map by keyboard and returns what the page's listener wrote. */
export async function chooseRegionByKeyboard(page: Page, host = 'cop-region-map', output = '#chosen'): Promise<string> {
  const before = await page.$eval(output, (el) => el.textContent);
  const region = await page.waitForSelector(`${host} >>> path[data-code="JZ21"]`);
  await region!.evaluate((path) => (path as SVGElement).focus());
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (selector, old) => document.querySelector(selector)?.textContent !== old,
    { timeout: 5000 },
    output,
    before,
  );
  return page.$eval(output, (el) => el.textContent!.trim());
}
