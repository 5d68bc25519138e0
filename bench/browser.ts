/**
 * Browser speed in Debian's headless Chromium: bench/page.ts bundled for production and served
 * from a throwaway folder; each scenario runs several times and is reported as median, min, max.
 * Then the built demo pages (demo/dist/*.html) on the reference server: main-thread time and
 * long tasks while all their widgets load.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findChromium } from '../scripts/find-chromium.mjs';
import type { Scenario } from './page.js';
import { BENCH_POLL_ID, pollResults } from './poll-results.js';
import { startServer } from './server.js';
import { minifiedStyles } from './size.js';

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

/** One demo page loading, median of several cold loads (each in a fresh browser context). */
export interface PageLoad {
  page: string;
  /** When the page was built (demo/dist is built by `npm start` or `npm run build:demo`). */
  builtAt: string;
  runs: number;
  widgets: number;
  /** Navigation start → every widget on the page shows its content (map drawn, poll results in). */
  readyMs: Timing;
  /** Chromium's main-thread task time for the page until 1 s after ready (CDP Performance.getMetrics). */
  taskMs: Timing;
  scriptMs: Timing;
  layoutAndStyleMs: Timing;
  /** Tasks over 50 ms (PerformanceObserver 'longtask'): how many, their total and the longest. */
  longTasks: Timing;
  longTaskMs: Timing;
  longestTaskMs: Timing;
}

export function summarise(scenario: string, size: number, samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { scenario, size, runs: sorted.length, medianMs: round(sorted[sorted.length >> 1]!), minMs: round(sorted[0]!), maxMs: round(sorted.at(-1)!) };
}

async function servePage(): Promise<{ server: Server; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cop-bench-'));
  await build({
    plugins: [minifiedStyles],
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
  const resultsPath = `/api/polls/${BENCH_POLL_ID}/results`;
  const server = createServer((req, res) => {
    // What the poll fetches before its stream opens; page.ts then pushes the updates.
    if (req.url === resultsPath) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(pollResults(0)));
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

/** Every built demo page, or the ones named (`kennisinstituut`, `regioportaal.html`, …). */
export function demoPages(names?: string[]): string[] {
  const dir = join(process.cwd(), 'demo', 'dist');
  const built = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.html')).sort() : [];
  if (!names?.length) return built;
  const wanted = names.map((name) => (name.endsWith('.html') ? name : `${name}.html`));
  const missing = wanted.filter((name) => !built.includes(name));
  if (missing.length) throw new Error(`bench: no built demo page ${missing.join(', ')} in demo/dist (built: ${built.join(', ') || 'none'}; run npm run build:demo)`);
  return wanted;
}

/**
 * Whether every cop-* element on the page shows its content (map drawn, poll form or results
 * in): then the time since navigation, else false. A string, run in the page: tsx would wrap
 * named functions in a helper the page does not have.
 */
const WIDGETS_READY = `(() => {
  const widgets = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('cop-'));
  const notReady = widgets.filter((el) => {
    const root = el.shadowRoot;
    const status = el.feedState && el.feedState.status;
    if (!root || !customElements.get(el.localName) || (status !== 'ready' && status !== 'error')) return true;
    if (root.querySelector('.state--loading, [aria-busy="true"]')) return true;
    if (status === 'ready' && el.localName === 'cop-region-map') return !root.querySelector('svg path');
    if (status === 'ready' && el.localName === 'cop-principle-poll') return !root.querySelector('form, .results, .state');
    return false;
  });
  return widgets.length > 0 && notReady.length === 0 ? { readyMs: performance.now(), widgets: widgets.length } : false;
})()`;

async function widgetsReady(page: Page): Promise<{ readyMs: number; widgets: number }> {
  const handle = await page.waitForFunction(WIDGETS_READY, { polling: 20, timeout: 60_000 });
  return (await handle.jsonValue()) as { readyMs: number; widgets: number };
}

/** Cold loads of each demo page on the reference server (demo feeds, embedded database). */
export async function measurePages(browser: Browser, pages: string[], runs: number): Promise<PageLoad[]> {
  if (pages.length === 0) return [];
  const server = await startServer(undefined, { demoFeeds: true });
  try {
    const loads: PageLoad[] = [];
    for (const file of pages) {
      const samples: Record<Exclude<keyof PageLoad, 'page' | 'builtAt' | 'runs' | 'widgets'>, number[]> = {
        readyMs: [], taskMs: [], scriptMs: [], layoutAndStyleMs: [], longTasks: [], longTaskMs: [], longestTaskMs: [],
      };
      let widgets = 0;
      for (let run = 0; run < runs; run++) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.setViewport({ width: 1280, height: 900 });
        await page.evaluateOnNewDocument(`window.benchLongTasks = [];
          new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.benchLongTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });`);
        const cdp = await page.createCDPSession();
        await cdp.send('Performance.enable');
        await page.goto(`${server.base}/${file}`, { waitUntil: 'load' });
        const ready = await widgetsReady(page);
        await new Promise((resolve) => setTimeout(resolve, 1_000)); // what the widgets do after showing content (chunked lists, live results) counts too
        const { metrics } = await cdp.send('Performance.getMetrics');
        const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
        const longTasks = (await page.evaluate('window.benchLongTasks')) as number[];
        await context.close();
        widgets = ready.widgets;
        samples.readyMs.push(ready.readyMs);
        samples.taskMs.push(metric('TaskDuration'));
        samples.scriptMs.push(metric('ScriptDuration'));
        samples.layoutAndStyleMs.push(metric('LayoutDuration') + metric('RecalcStyleDuration'));
        samples.longTasks.push(longTasks.length);
        samples.longTaskMs.push(longTasks.reduce((a, b) => a + b, 0));
        samples.longestTaskMs.push(Math.max(0, ...longTasks));
      }
      const builtAt = statSync(join(process.cwd(), 'demo', 'dist', file)).mtime.toISOString();
      const timing = (name: keyof typeof samples) => summarise(name, widgets, samples[name]);
      loads.push({
        page: file, builtAt, runs, widgets,
        readyMs: timing('readyMs'), taskMs: timing('taskMs'), scriptMs: timing('scriptMs'), layoutAndStyleMs: timing('layoutAndStyleMs'),
        longTasks: timing('longTasks'), longTaskMs: timing('longTaskMs'), longestTaskMs: timing('longestTaskMs'),
      });
    }
    return loads;
  } finally {
    await server.stop();
  }
}

export async function measureBrowser(options: { pages?: string[]; log?: (line: string) => void } = {}): Promise<{ timings: Timing[]; pages: PageLoad[] }> {
  const log = options.log ?? (() => {});
  if (!options.pages?.length && demoPages().length === 0) {
    log('no built demo pages: npm run build:demo…');
    execFileSync('npm', ['run', '--silent', 'build:demo'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const pages = demoPages(options.pages);
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
    await run(page, 'pollUpdates', 10, 1);
    for (const count of [100, 1000]) timings.push(await run(page, 'pollUpdates', count, count > 100 ? 5 : 7));
    await page.close();
    log(`demo pages: ${pages.join(', ') || 'none'}…`);
    return { timings, pages: await measurePages(browser, pages, 5) };
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
