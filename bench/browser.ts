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
import { CHROMIUM_FLAGS, findChromium } from '../scripts/find-chromium.mjs';
import type { Scenario } from './page.js';
import { BENCH_POLL_ID, pollResults } from './poll-results.js';
import { buildServer, startServer } from './server.js';
import { minifiedStyles } from './size.js';

export interface Timing {
  scenario: string;
  size: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * How a demo page gets its widgets: `app`, as built (the widgets bundled into the page's own
 * script, as an npm user's build does); `cdn`, the page's script replaced by the CDN file
 * `/cdn/cop-widgets.js`, as a partner embeds it; `cdn-4g`, the same on a throttled network
 * (150 ms round trip, 1.6 Mbit/s down), where the number and size of files tell.
 */
export type PageVia = 'app' | 'cdn' | 'cdn-4g';
export const PAGE_VIAS: PageVia[] = ['app', 'cdn', 'cdn-4g'];

/** One demo page loading, median of several cold loads (each in a fresh browser context). */
export interface PageLoad {
  page: string;
  /** Absent in results from before the CDN variants: as built. */
  via?: PageVia;
  /** When the page was built (demo/dist is built by `npm start` or `npm run build:demo`). */
  builtAt: string;
  runs: number;
  widgets: number;
  /** Navigation start → the first widget shows its content. */
  firstMs?: Timing;
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
  return {
    scenario,
    size,
    runs: sorted.length,
    medianMs: round(sorted[sorted.length >> 1]!),
    minMs: round(sorted[0]!),
    maxMs: round(sorted.at(-1)!),
  };
}

export async function servePage(): Promise<{ server: Server; url: string; dir: string }> {
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
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="nl"><meta charset="utf-8"><body><script type="module" src="page.js"></script></body></html>',
  );
  const resultsPath = `/api/polls/${BENCH_POLL_ID}/results`;
  const server = createServer((req, res) => {
    // What the poll fetches before its stream opens; page.ts then pushes the updates.
    if (req.url === resultsPath)
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(pollResults(0)));
    const name = req.url === '/' ? 'index.html' : (req.url ?? '').slice(1);
    if (!/^[\w.-]+\.(js|html)$/.test(name) || !existsSync(join(dir, name))) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'Content-Type': name.endsWith('.html') ? 'text/html' : 'text/javascript' })
      .end(readFileSync(join(dir, name)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/`, dir };
}

export async function run(page: Page, scenario: Scenario, size: number, runs: number): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++)
    samples.push(
      await page.evaluate(
        (s, n) => (window as never as { bench: Record<string, (n: number) => Promise<number>> }).bench[s]!(n),
        scenario,
        size,
      ),
    );
  return summarise(scenario, size, samples);
}

/** The organiser's snippet builder: a tool page, not a page visitors load widgets on. */
const NOT_A_VISITOR_PAGE = new Set(['embed.html']);

/** Every built demo page visitors see, or the ones named (`kennisinstituut`, `regioportaal.html`, …). */
export function demoPages(names?: string[]): string[] {
  const dir = join(process.cwd(), 'demo', 'dist');
  const built = existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.html') && !NOT_A_VISITOR_PAGE.has(file))
        .sort()
    : [];
  if (!names?.length) return built;
  const wanted = names.map((name) => (name.endsWith('.html') ? name : `${name}.html`));
  const missing = wanted.filter((name) => !built.includes(name));
  if (missing.length)
    throw new Error(
      `bench: no built demo page ${missing.join(', ')} in demo/dist (built: ${built.join(', ') || 'none'}; run npm run build:demo)`,
    );
  return wanted;
}

/**
 * Whether a cop-* element shows its content (map drawn, poll form or results in). A string, run
 * in the page: tsx would wrap named functions in a helper the page does not have.
 */
const SHOWS_CONTENT = `(el) => {
  const root = el.shadowRoot;
  const status = el.feedState && el.feedState.status;
  if (!root || !customElements.get(el.localName) || (status !== 'ready' && status !== 'error')) return false;
  if (root.querySelector('.state--loading, [aria-busy="true"]')) return false;
  if (status === 'ready' && el.localName === 'cop-region-map') return Boolean(root.querySelector('svg path'));
  if (status === 'ready' && el.localName === 'cop-principle-poll') return Boolean(root.querySelector('form, .results, .state'));
  return true;
}`;

/** Every cop-* element on the page shows its content: then the time since navigation, else false. */
const WIDGETS_READY = `(() => {
  const widgets = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('cop-'));
  return widgets.length > 0 && widgets.every(${SHOWS_CONTENT}) ? { readyMs: performance.now(), widgets: widgets.length } : false;
})()`;

/** Runs in the page from its first byte: notes, frame by frame, when the first widget shows its content. */
const FIRST_WIDGET = `window.benchFirstWidget = 0;
  const shows = ${SHOWS_CONTENT};
  const check = () => {
    if ([...document.querySelectorAll('*')].some((el) => el.localName.startsWith('cop-') && shows(el))) window.benchFirstWidget = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);`;

/**
 * The page with its own module scripts replaced by the CDN file, as a partner page embeds it.
 * Vite may split the page's script into several entry tags (its shared chunks): all go.
 */
function viaCdn(html: string): string {
  const scripts = /<script type="module"[^>]*src="[^"]*"[^>]*><\/script>\s*/g;
  if (!scripts.test(html)) throw new Error('bench: a demo page for the CDN variant needs its module script');
  let first = true;
  // The app's own chunks are not needed: the CDN file brings the widgets.
  return html.replace(/<link rel="modulepreload"[^>]*>/g, '').replace(scripts, () => {
    const cdn = first ? '<script type="module" src="/cdn/cop-widgets.js"></script>\n' : '';
    first = false;
    return cdn;
  });
}

/** A mid-range phone network: what a visitor on 4G outdoors gets. */
const SLOW_NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

async function widgetsReady(page: Page): Promise<{ readyMs: number; widgets: number }> {
  const handle = await page.waitForFunction(WIDGETS_READY, { polling: 20, timeout: 60_000 });
  return (await handle.jsonValue()) as { readyMs: number; widgets: number };
}

/**
 * Cold loads of each demo page on the reference server (demo feeds, embedded database), in each
 * way a page can get its widgets (`PageVia`). The CDN variants need `dist/cdn` (npm run build:lib).
 */
export async function measurePages(
  browser: Browser,
  pages: string[],
  runs: number,
  vias: PageVia[] = PAGE_VIAS,
  log: (line: string) => void = () => {},
): Promise<PageLoad[]> {
  if (pages.length === 0) return [];
  buildServer();
  const server = await startServer(undefined, { demoFeeds: true });
  try {
    const loads: PageLoad[] = [];
    for (const file of pages)
      for (const via of file === 'index.html' ? ['app' as const] : vias) {
        const samples: Record<
          'firstMs' | Exclude<keyof PageLoad, 'page' | 'via' | 'builtAt' | 'runs' | 'widgets' | 'firstMs'>,
          number[]
        > = {
          firstMs: [],
          readyMs: [],
          taskMs: [],
          scriptMs: [],
          layoutAndStyleMs: [],
          longTasks: [],
          longTaskMs: [],
          longestTaskMs: [],
        };
        let widgets = 0;
        log(`${file} via ${via}…`);
        const url = `${server.base}/${file}`;
        const cdnHtml = via === 'app' ? undefined : viaCdn(await (await fetch(url)).text());
        for (let run = 0; run < runs; run++) {
          const context = await browser.createBrowserContext();
          const page = await context.newPage();
          await page.setViewport({ width: 1280, height: 900 });
          await page.evaluateOnNewDocument(`window.benchLongTasks = [];
          new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.benchLongTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
          ${FIRST_WIDGET}`);
          const cdp = await page.createCDPSession();
          await cdp.send('Performance.enable');
          if (cdnHtml) {
            await page.setRequestInterception(true);
            page.on('request', (request) => {
              if (request.url() === url)
                void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: cdnHtml });
              else void request.continue();
            });
          }
          if (via === 'cdn-4g') {
            await cdp.send('Network.enable');
            await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK);
          }
          await page.goto(url, { waitUntil: 'load' });
          const ready = await widgetsReady(page);
          await new Promise((resolve) => setTimeout(resolve, 1_000)); // what the widgets do after showing content (chunked lists, live results) counts too
          const { metrics } = await cdp.send('Performance.getMetrics');
          const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
          const longTasks = (await page.evaluate('window.benchLongTasks')) as number[];
          const first = (await page.evaluate('window.benchFirstWidget')) as number;
          await context.close();
          widgets = ready.widgets;
          samples.firstMs.push(first);
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
          page: file,
          via,
          builtAt,
          runs,
          widgets,
          firstMs: timing('firstMs'),
          readyMs: timing('readyMs'),
          taskMs: timing('taskMs'),
          scriptMs: timing('scriptMs'),
          layoutAndStyleMs: timing('layoutAndStyleMs'),
          longTasks: timing('longTasks'),
          longTaskMs: timing('longTaskMs'),
          longestTaskMs: timing('longestTaskMs'),
        });
      }
    return loads;
  } finally {
    await server.stop();
  }
}

export async function measureBrowser(
  options: { pages?: string[]; log?: (line: string) => void } = {},
): Promise<{ timings: Timing[]; pages: PageLoad[] }> {
  const log = options.log ?? (() => {});
  if (!options.pages?.length && demoPages().length === 0) {
    log('no built demo pages: npm run build:demo…');
    execFileSync('npm', ['run', '--silent', 'build:demo'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const pages = demoPages(options.pages);
  // The partner pages' CDN variants load what the source makes now, not an old build.
  log('CDN bundle (vite build --mode cdn)…');
  execFileSync('npx', ['vite', 'build', '--mode', 'cdn', '--logLevel', 'error'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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
    return { timings, pages: await measurePages(browser, pages, 5, PAGE_VIAS, log) };
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
