/**
 * Browser speed in Debian's headless Chromium: bench/page.ts bundled for production and served
 * from a throwaway folder; each scenario runs several times and is reported as median, min, max.
 */
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { findChromium } from '../scripts/find-chromium.mjs';
import type { Scenario } from './page.js';

export interface Timing {
  scenario: string;
  size: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

const CHROMIUM_FLAGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const round = (ms: number) => Math.round(ms * 100) / 100;

export function summarise(scenario: string, size: number, samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { scenario, size, runs: sorted.length, medianMs: round(sorted[sorted.length >> 1]!), minMs: round(sorted[0]!), maxMs: round(sorted.at(-1)!) };
}

async function servePage(): Promise<{ server: Server; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cop-bench-'));
  await build({
    entryPoints: [join(import.meta.dirname, 'page.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outdir: dir,
    splitting: true,
    entryNames: '[name]',
    define: { __COP_VERSION__: '"bench"' },
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="nl"><meta charset="utf-8"><body><script type="module" src="page.js"></script></body></html>');
  const server = createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : (req.url ?? '').slice(1);
    if (!/^[\w.-]+\.(js|html)$/.test(name) || !existsSync(join(dir, name))) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': name.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(readFileSync(join(dir, name)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/`, dir };
}

async function run(page: Page, scenario: Scenario, size: number, runs: number): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await page.evaluate((s, n) => (window as never as { bench: Record<string, (n: number) => Promise<number>> }).bench[s]!(n), scenario, size));
  return summarise(scenario, size, samples);
}

export async function measureBrowser(): Promise<Timing[]> {
  const { server, url, dir } = await servePage();
  const browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS, headless: true });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window);
    // One unmeasured run per scenario warms the JIT and the font cache, as a returning visitor has.
    await run(page, 'calendar', 50, 1);
    const timings: Timing[] = [];
    for (const size of [50, 500, 5000]) timings.push(await run(page, 'validate', size, size > 1000 ? 5 : 9));
    for (const size of [50, 500, 5000]) timings.push(await run(page, 'calendar', size, size > 1000 ? 5 : 9));
    for (const size of [500, 5000]) timings.push(await run(page, 'calendarComplete', size, size > 1000 ? 3 : 5));
    for (const size of [50, 500]) timings.push(await run(page, 'monthStep', size, 5));
    await run(page, 'map', 640, 1); // fetches the geometry and drawing code once
    for (const width of [320, 960]) timings.push(await run(page, 'map', width, 7));
    return timings;
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
