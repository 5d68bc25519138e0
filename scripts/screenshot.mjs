#!/usr/bin/env node
/**
 * Looks at pages as a visitor would: opens each URL in Debian's headless Chromium, prints the
 * console errors and failed requests, and saves a full-page PNG to /tmp (or --out DIR).
 *   node scripts/screenshot.mjs http://127.0.0.1:5173/ [--width 390] [--out DIR] [--selector CSS]
 */
import puppeteer from 'puppeteer-core';
import { parseArgs } from 'node:util';
import { findChromium } from './find-chromium.mjs';

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
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Number(values.width), height: 800 });
  page.on('console', (message) => message.type() === 'error' && console.log(`console error: ${message.text()}`));
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  page.on('response', (response) => response.status() >= 400 && console.log(`HTTP ${response.status()}: ${response.url()}`));
  for (const url of positionals) {
    // networkidle2: live poll streams (Server-Sent Events) keep connections open for good.
    await page.goto(url, { waitUntil: 'networkidle2' });
    const file = `${values.out}/${url.replace(/^https?:\/\//, '').replace(/\W+/g, '_').slice(0, 80)}.png`;
    const target = values.selector ? await page.$(values.selector) : undefined;
    if (values.selector && !target) console.log(`no element matches ${values.selector}`);
    await (target ?? page).screenshot({ path: file, ...(target ? {} : { fullPage: true }) });
    console.log(`saved ${file}`);
  }
} finally {
  await browser.close();
}
