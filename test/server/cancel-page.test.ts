/**
 * The cancellation page as a visitor's browser shows it: no accessibility violations (axe, in
 * Dutch and English, before and after cancelling, and for a link that no longer works), its own
 * style allowed by the page's strict CSP, and a keyboard path to the button.
 */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/find-chromium.mjs';
import { startServer, type RunningServer } from './process.js';

const AXE = await readFile(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe's violations on the page (its CSP forbids scripts: axe is added with the CSP bypassed). */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return result.violations.map((violation) => violation.id);
  });
}

describe('the cancellation page in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let link: string;
  before(async () => {
    server = await startServer({});
    const response = await fetch(`${server.url}/api/programmes/bindende-afspraken/enrolments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        members: [
          { roleId: 'gemeente', name: 'Anna de Vries', organisation: 'Gemeente Ede', email: 'anna.page@example.org' },
          { roleId: 'onderwijs', name: 'Bram Jansen', organisation: 'SWV De Vallei', email: 'bram.page@example.org' },
        ],
        consent: true,
      }),
    });
    assert.equal(response.status, 201);
    const mailDir = join(server.dataDir, 'mail');
    let mail = '';
    for (let i = 0; i < 100 && !mail; i += 1) {
      const files = (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.endsWith('.eml'));
      if (files.length) mail = await readFile(join(mailDir, files[0]!), 'utf8');
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const decoded = mail.replace(/=\r\n/g, '');
    link = /(http:\/\/127\.0\.0\.1:\d+\/afmelden\/[A-Za-z0-9_-]+)/.exec(decoded)![1]!;
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      args: CHROMIUM_FLAGS,
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('passes axe in Dutch and English, loads its style under its own CSP, and cancels by keyboard', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => message.type() === 'error' && blocked.push(message.text()));
    await page.goto(link);
    assert.deepEqual(blocked, [], 'the CSP lets the page’s own style in and nothing else is asked for');
    assert.equal(
      await page.$eval('button', (button) => getComputedStyle(button).backgroundColor),
      'rgb(1, 104, 155)',
      'its style applies',
    );
    await page.setBypassCSP(true);
    for (const lang of ['nl', 'en']) {
      await page.goto(`${link}?lang=${lang}`);
      assert.deepEqual(await violations(page), [], lang);
      assert.equal(await page.$eval('html', (html) => html.lang), lang);
    }
    await page.goto(link);
    // Tab to the button (past the language link and the two choices) and press Enter.
    for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.tagName)) !== 'BUTTON'; i += 1)
      await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(
      await page.$eval('[role="status"]', (status) => status.textContent ?? ''),
      /U bent afgemeld voor CoP Bindende afspraken/,
    );
    assert.deepEqual(await violations(page), []);
    await page.goto(link);
    assert.match(await page.$eval('h1', (h1) => h1.textContent ?? ''), /Deze link werkt niet \(meer\)/);
    assert.deepEqual(await violations(page), []);
  });
});
