#!/usr/bin/env node
/**
 * Looks at pages as a visitor would: opens each URL in Debian's headless Chromium, prints the
 * console errors and failed requests, and saves a full-page PNG to /tmp (or --out DIR).
 *   node scripts/screenshot.mjs http://127.0.0.1:5173/ [--width 390] [--out DIR] [--selector CSS]
 */
import puppeteer from 'puppeteer-core';
import { parseArgs } from 'node:util';
import { CHROMIUM_FLAGS, findChromium } from './find-chromium.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: '/tmp' },
    width: { type: 'string', default: '1000' },
    selector: { type: 'string' },
  },
});

const browser = await puppeteer.launch({
  executablePath: findChromium(),
  headless: true,
  args: CHROMIUM_FLAGS,
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Number(values.width), height: 800 });
  page.on('console', (message) => message.type() === 'error' && console.log(`console error: ${message.text()}`));
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  page.on(
    'response',
    (response) => response.status() >= 400 && console.log(`HTTP ${response.status()}: ${response.url()}`),
  );
  for (const url of positionals) {
    // Not networkidle: live streams (poll results, places left) keep connections open for good,
    // more of them than networkidle2 allows on the overview page. Loaded, every widget defined,
    // and a second for feeds and fonts.
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => !document.querySelector(':not(:defined)'), { timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const file = `${values.out}/${url
      .replace(/^https?:\/\//, '')
      .replace(/\W+/g, '_')
      .slice(0, 80)}.png`;
    const target = values.selector ? await page.$(values.selector) : undefined;
    if (values.selector && !target) console.log(`no element matches ${values.selector}`);
    await (target ?? page).screenshot({ path: file, ...(target ? {} : { fullPage: true }) });
    console.log(`saved ${file}`);
  }
} finally {
  await browser.close();
}
