import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { findFirefox, findWebKit, selectedEngines } from './scripts/find-browsers.mjs';
import { CHROMIUM_FLAGS, findChromium } from './scripts/find-chromium.mjs';
import { FirefoxLauncher } from './scripts/firefox-launcher.mjs';
import { webkitLauncher } from './scripts/webkit-launcher.mjs';
import { compareSnapshot, FAILED, saveSnapshot } from './scripts/visual-compare.mjs';

/**
 * Every browser test runs with the browser's clock in a non-Dutch zone, so a date shown right
 * proves the Europe/Amsterdam conversion rather than the machine's zone.
 */
export const TEST_TIME_ZONE = 'America/New_York';

/**
 * Counts every test of every file in every engine, so CI's log ends with a line per engine and
 * one plain line: `tests: N passed, N failed, N skipped`.
 */
function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const zero = () => ({ passed: 0, failed: 0, skipped: 0 });
      const total = zero();
      const perEngine = new Map();
      for (const session of sessions) {
        const engine =
          perEngine.get(session.browser.name) ?? perEngine.set(session.browser.name, zero()).get(session.browser.name);
        const failedBefore = total.failed;
        const add = (outcome) => {
          total[outcome] += 1;
          engine[outcome] += 1;
        };
        const walk = (suite) => {
          for (const test of suite?.tests ?? []) add(test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed');
          for (const child of suite?.suites ?? []) walk(child);
        };
        walk(session.testResults);
        // A file that failed to load (or threw outside a test) has no failed test but must not pass unseen.
        if (session.passed === false && total.failed === failedBefore) add('failed');
      }
      const line = (c) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
      console.log('');
      for (const [name, count] of perEngine) console.log(`  in ${name}: ${line(count)}`);
      console.log(`tests: ${line(total)}`);
    },
  };
}

/**
 * The real reference server for the widgets' browser tests, on the embedded database with the
 * feeds in test/fixtures/server-feeds. The test pages reach it at /api/… on their own origin,
 * through the proxy below, as they would on a partner site behind one domain.
 *
 * One server (and database) per engine: the same test file runs in each engine at the same time,
 * and its places, votes and counts must be its own. The proxy tells the engines apart by the
 * browser's User-Agent.
 */
function referenceServer(engines, { before, env: extraEnv = () => ({}) } = {}) {
  const children = [];
  const dataDirs = [];
  const ports = new Map();
  const freePort = () =>
    new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => resolve(port));
      });
    });
  const start = async (engine) => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), `cop-wtr-${engine}-`));
    dataDirs.push(dataDir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        FEEDS_DIR: 'test/fixtures/server-feeds',
        ADMIN_TOKEN,
        TRUST_PROXY: '1',
        ...extraEnv(),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => String(chunk).includes('cop-widgets server on') && resolve());
      child.once('exit', (code) => reject(new Error(`reference server (${engine}) exited with ${code}`)));
    });
    ports.set(engine, port);
  };
  /** Which engine sent a request: Firefox says Firefox/, Chromium Chrome/, WebKitGTK neither. */
  const engineOf = (userAgent = '') =>
    /Firefox\//.test(userAgent) ? 'firefox' : /Chrome\//.test(userAgent) ? 'chromium' : 'webkit';
  return {
    plugin: {
      name: 'reference-server',
      async serverStart() {
        await before?.();
        await Promise.all(engines.map(start));
      },
      async serverStop() {
        for (const child of children) child.kill('SIGTERM');
        for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
      },
    },
    /** Koa middleware: /api/* and /healthz go to the reference server, streams included. */
    async proxy(ctx, next) {
      const port = ports.get(engineOf(ctx.get('user-agent')));
      if (!ctx.path.startsWith('/api/') || !port) return next();
      const body = ['GET', 'HEAD'].includes(ctx.method)
        ? undefined
        : await new Promise((resolve) => {
            const chunks = [];
            ctx.req.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
          });
      const headers = { ...ctx.request.headers };
      delete headers.host;
      // The test pages' own origin: the same origin for the server, as behind a partner's own
      // domain. Another origin (the partner sites below) is passed on, for the server to judge.
      if (headers.origin === ctx.origin) delete headers.origin;
      // Each request its own client address: the suite enrols from one machine far faster than
      // the per-address rate limit allows (which the server's own tests prove).
      headers['x-forwarded-for'] = `10.0.${(requests >> 8) & 255}.${requests++ & 255}`;
      const response = await fetch(`http://127.0.0.1:${port}${ctx.url}`, {
        method: ctx.method,
        headers,
        body,
        duplex: 'half',
      });
      ctx.status = response.status;
      response.headers.forEach(
        (value, key) => key !== 'content-encoding' && key !== 'content-length' && ctx.set(key, value),
      );
      ctx.body = response.body ? Readable.fromWeb(response.body) : '';
    },
  };
}

/**
 * What the story checker (test/stories) needs from the test server, as Storybook has it:
 * the demo feeds at /feeds/… (Storybook's staticDirs) and the list of every stories file,
 * read from disk on each request, so a new stories file is checked without anyone listing it.
 */
async function storybookRoutes(ctx, next) {
  if (ctx.path.startsWith('/feeds/')) ctx.url = `/demo${ctx.url}`;
  if (ctx.path !== '/__stories__/index.json') return next();
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({
    // The same files as .storybook/main.ts: stories/**/*.stories.ts.
    files: readdirSync('stories', { recursive: true })
      .filter((name) => name.endsWith('.stories.ts'))
      .sort(),
    // The project-wide annotations, so the checker can refuse ones it would not apply.
    preview: readFileSync('.storybook/preview.ts', 'utf8'),
  });
}

/** Vite's `?raw` imports (a stories file reading a theme's CSS as text), served as Vite serves them. */
const rawImports = {
  name: 'raw-imports',
  serve(context) {
    if (context.URL.searchParams.has('raw'))
      return { body: `export default ${JSON.stringify(readFileSync(`.${context.path}`, 'utf8'))};`, type: 'js' };
  },
};

/**
 * `executeServerCommand('accessibility-tree')`: Chromium's full accessibility tree of the test's
 * page, as a screen reader gets it (CDP Accessibility.getFullAXTree), as role/name pairs. A test
 * uses it to prove what axe cannot: that content is in the tree at all. The DevTools protocol is
 * Chromium's, so these tests live in `*.accessibility-tree.test.ts` files that run in Chromium only.
 */
const accessibilityTree = {
  name: 'accessibility-tree',
  async executeCommand({ command, session }) {
    if (command !== 'accessibility-tree') return undefined;
    const page = session.browser.getPage?.(session.id);
    if (!page?.createCDPSession)
      throw new Error('accessibility-tree needs Chromium (it reads the tree over the DevTools protocol)');
    const cdp = await page.createCDPSession();
    try {
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      return nodes
        .filter((node) => !node.ignored)
        .map((node) => ({
          role: node.role?.value ?? '',
          name: node.name?.value ?? '',
          level: node.properties?.find((p) => p.name === 'level')?.value?.value,
        }));
    } finally {
      await cdp.detach();
    }
  },
};

/**
 * Two partner sites on origins of their own, for the embed builder's tests: one in the reference
 * server's ALLOWED_ORIGINS, one not. A test saves a page on either with
 * `executeServerCommand('partner-page', { site, html, csp })` and opens the address it gets back
 * (in a frame): served with that Content-Security-Policy, beside /report.js (see test/embed/).
 */
function partnerSites() {
  const pages = new Map();
  const origins = {};
  const servers = [];
  const serve = (request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/report.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
      return response.end(readFileSync('test/embed/partner-report.js'));
    }
    const page = pages.get(path);
    if (!page) return response.writeHead(404).end();
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(page.csp ? { 'Content-Security-Policy': page.csp } : {}),
    });
    response.end(page.html);
  };
  return {
    origins,
    async start() {
      for (const site of ['allowed', 'stranger']) {
        const server = createHttpServer(serve);
        servers.push(server);
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        origins[site] = `http://127.0.0.1:${server.address().port}`;
      }
    },
    plugin: {
      name: 'partner-sites',
      async serverStop() {
        for (const server of servers) server.close();
      },
      async executeCommand({ command, payload }) {
        if (command !== 'partner-page') return undefined;
        const path = `/page-${pages.size + 1}.html`;
        pages.set(path, { html: payload.html, csp: payload.csp });
        return `${origins[payload.site]}${path}`;
      },
    },
  };
}

/**
 * The CDN folder as the reference server serves it (`/cdn/cop-widgets.<version>.js`,
 * `/cdn/themes/dark.<version>.css`), from source: the loader by a redirect to src/cop-widgets.ts
 * (so its chunks resolve next to it), the themes from themes/. Every file here may be loaded by
 * another origin, as from a CDN: the partner sites load the widgets' modules from this server.
 */
async function cdnFromSource(ctx, next) {
  const loader = /^\/cdn\/cop-widgets(\.[\w.-]+)?\.js$/.test(ctx.path);
  const theme = /^\/cdn\/themes\/([\w-]+?)(\.(?:\d+\.\d+\.\d+|dev))?\.css$/.exec(ctx.path);
  if (loader) {
    ctx.set('Access-Control-Allow-Origin', '*');
    return ctx.redirect('/src/cop-widgets.ts');
  }
  if (theme) ctx.url = `/themes/${theme[1]}.css`;
  await next();
  if (!ctx.path.startsWith('/api/')) ctx.set('Access-Control-Allow-Origin', '*');
}

/**
 * `executeServerCommand('visual-snapshot', { name, selector })`: a PNG of the element (its own
 * box, not the page) compared with its baseline (scripts/visual-compare.mjs). Chromium only, in
 * the visual group (test/visual): one engine, so the baselines are one set of images.
 */
const VISUAL_MAX_HEIGHT = 3000;
const visualSnapshot = {
  name: 'visual-snapshot',
  // What a run found, not what an earlier one did.
  serverStart() {
    rmSync(FAILED, { recursive: true, force: true });
  },
  async executeCommand({ command, payload, session }) {
    if (command !== 'visual-snapshot') return undefined;
    const page = session.browser.getPage?.(session.id);
    if (!page?.$) throw new Error('visual-snapshot needs Chromium');
    // VISUAL_ONLY=<regex> compares only the screenshots whose name ("390/<story-id>") matches.
    if (process.env.VISUAL_ONLY && !new RegExp(process.env.VISUAL_ONLY).test(payload.name)) return { passed: true };
    const element = await page.$(payload.selector);
    if (!element) return { passed: false, message: `no element ${payload.selector}` };
    // The first VISUAL_MAX_HEIGHT px of a long story: enough to show its layout, and baselines
    // stay small (the long lists repeat the same card).
    const box = await element.boundingBox();
    const clip =
      box && box.height > VISUAL_MAX_HEIGHT ? { x: 0, y: 0, width: box.width, height: VISUAL_MAX_HEIGHT } : {};
    const png = await element.screenshot({ type: 'png', ...(clip.width ? { clip } : {}) });
    // VISUAL_OUT=<dir> saves the screenshots there instead (docs/visual/before|after).
    if (process.env.VISUAL_OUT) return saveSnapshot(process.env.VISUAL_OUT, payload.name, png);
    return compareSnapshot(payload.name, png);
  },
};

/** The browser tests read stored rows through the admin API with this token. */
const ADMIN_TOKEN = 'browser-tests-admin-token-of-32-characters-or-more';
let requests = 0;

/**
 * A window of its own for every test file: tabs that run side by side in one window are
 * background tabs, which get no animation frames and would stall tests.
 */
async function pageInItsOwnWindow({ browser }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.emulateTimezone(TEST_TIME_ZONE);
  return page;
}

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: [
          ...CHROMIUM_FLAGS,
          '--disable-dev-shm-usage',
          // Test pages run side by side in tabs; a background tab must still get timers and frames.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
      createPage: pageInItsOwnWindow,
    }),
  // Debian's Firefox ESR over WebDriver BiDi (scripts/firefox-launcher.mjs).
  firefox: () =>
    new FirefoxLauncher({
      executablePath: findFirefox(),
      // One file at a time: a Firefox process has one active window, and a test in a second
      // window (setting its viewport, focusing) takes focus away from a field being typed in.
      concurrency: 1,
      async createPage({ browser }) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage({ type: 'window' });
        // The new window is not always the active one: :focus-visible and :focus-within match
        // only in the active window, whatever focusmanager.testmode does for the events.
        await page.bringToFront();
        await page.emulateTimezone(TEST_TIME_ZONE);
        return page;
      },
    }),
  // Debian's WebKitGTK through WebKitWebDriver, in a virtual display (scripts/webkit-launcher.mjs).
  webkit: () => webkitLauncher({ webkit: findWebKit(), timeZone: TEST_TIME_ZONE }),
};
const NAMES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };
const engines = selectedEngines();
const partners = partnerSites();
const server = referenceServer(engines, {
  before: () => partners.start(),
  env: () => ({ ALLOWED_ORIGINS: partners.origins.allowed }),
});
const browsers = engines.map((engine) => Object.assign(launchers[engine](), { name: NAMES[engine] }));
const chromium = browsers[engines.indexOf('chromium')];
const ACCESSIBILITY_TREE_TESTS = 'test/**/*.accessibility-tree.test.ts';
const VISUAL_TESTS = 'test/visual/*.visual.test.ts';
/**
 * Test files named on the command line (`web-test-runner test/session-calendar/*.test.ts`): then
 * the screenshots (a minute and more) run only when one of those files is a visual test.
 */
const namedFiles = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && /\.test\.ts$/.test(arg));
const withVisual = namedFiles.length === 0 || namedFiles.some((file) => file.includes('test/visual/'));

export default {
  middleware: [cdnFromSource, server.proxy, storybookRoutes],
  reporters: [defaultReporter(), summaryReporter()],
  // The server's tests, the package's and the architecture checks run in Node, not in the browser.
  files: [
    'test/**/*.test.ts',
    '!test/server/**',
    '!test/distribution/**',
    '!test/architecture/**',
    `!${ACCESSIBILITY_TREE_TESTS}`,
    `!${VISUAL_TESTS}`,
  ],
  // What a screen reader gets, read from Chromium's own accessibility tree (see accessibilityTree).
  // Screenshots of every story, compared with their baselines (test/visual), in Chromium only.
  groups: engines.includes('chromium')
    ? [
        { name: 'accessibility-tree', files: ACCESSIBILITY_TREE_TESTS, browsers: [chromium] },
        ...(withVisual ? [{ name: 'visual', files: VISUAL_TESTS, browsers: [chromium] }] : []),
      ]
    : [],
  nodeResolve: true,
  concurrency: 2,
  // Starting a browser, loading a test file and running all of it: limits for a busy machine
  // (three engines on two cores, and a CI host with other jobs), not for an idle one.
  browserStartTimeout: 2 * 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 10 * 60_000,
  // A time limit stops a test that would never end; it does not measure speed (the benchmarks
  // do). Generous, since three engines share two cores and a CI host may be busy with more;
  // tests that do much more than most set their own (test/enrolment-form, test/stories).
  testFramework: { config: { timeout: 30_000 } },
  plugins: [
    server.plugin,
    partners.plugin,
    rawImports,
    accessibilityTree,
    visualSnapshot,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
  browsers,
};
