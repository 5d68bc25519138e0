import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { findChromium } from './scripts/find-chromium.mjs';

/**
 * Every browser test runs in Debian's headless Chromium with its clock in a non-Dutch zone,
 * so a date shown right proves the Europe/Amsterdam conversion rather than the machine's zone.
 */
export const TEST_TIME_ZONE = 'America/New_York';

/** Counts every test of every file, so CI's log ends with one plain line: `tests: N passed, N failed, N skipped`. */
function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const count = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite?.tests ?? []) count[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed'] += 1;
        for (const child of suite?.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        const failedBefore = count.failed;
        walk(session.testResults);
        // A file that failed to load (or threw outside a test) has no failed test but must not pass unseen.
        if (session.passed === false && count.failed === failedBefore) count.failed += 1;
      }
      console.log(`\ntests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
    },
  };
}

/**
 * The real reference server for the widgets' browser tests, on the embedded database with the
 * feeds in test/fixtures/server-feeds. The test pages reach it at /api/… on their own origin,
 * through the proxy below, as they would on a partner site behind one domain.
 */
function referenceServer() {
  let child;
  let dataDir;
  const state = { port: 0 };
  const freePort = () =>
    new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => resolve(port));
      });
    });
  return {
    state,
    plugin: {
      name: 'reference-server',
      async serverStart() {
        state.port = await freePort();
        dataDir = mkdtempSync(join(tmpdir(), 'cop-wtr-'));
        child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
          env: { ...process.env, PORT: String(state.port), DATA_DIR: dataDir, FEEDS_DIR: 'test/fixtures/server-feeds', ADMIN_TOKEN, TRUST_PROXY: '1' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        await new Promise((resolve, reject) => {
          child.stdout.on('data', (chunk) => String(chunk).includes('cop-widgets server on') && resolve());
          child.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)));
        });
      },
      async serverStop() {
        child?.kill('SIGTERM');
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      },
    },
    /** Koa middleware: /api/* and /healthz go to the reference server, streams included. */
    async proxy(ctx, next) {
      if (!ctx.path.startsWith('/api/') || !state.port) return next();
      const body = ['GET', 'HEAD'].includes(ctx.method) ? undefined : await new Promise((resolve) => {
        const chunks = [];
        ctx.req.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      });
      const headers = { ...ctx.request.headers };
      delete headers.host;
      delete headers.origin; // same origin for the server, as behind a partner's own domain
      // Each request its own client address: the suite enrols from one machine far faster than
      // the per-address rate limit allows (which the server's own tests prove).
      headers['x-forwarded-for'] = `10.0.${(requests >> 8) & 255}.${requests++ & 255}`;
      const response = await fetch(`http://127.0.0.1:${state.port}${ctx.url}`, { method: ctx.method, headers, body, duplex: 'half' });
      ctx.status = response.status;
      response.headers.forEach((value, key) => key !== 'content-encoding' && key !== 'content-length' && ctx.set(key, value));
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
    files: readdirSync('stories', { recursive: true }).filter((name) => name.endsWith('.stories.ts')).sort(),
    // The project-wide annotations, so the checker can refuse ones it would not apply.
    preview: readFileSync('.storybook/preview.ts', 'utf8'),
  });
}

/** Vite's `?raw` imports (a stories file reading a theme's CSS as text), served as Vite serves them. */
const rawImports = {
  name: 'raw-imports',
  serve(context) {
    if (context.URL.searchParams.has('raw')) return { body: `export default ${JSON.stringify(readFileSync(`.${context.path}`, 'utf8'))};`, type: 'js' };
  },
};

/** The browser tests read stored rows through the admin API with this token. */
const ADMIN_TOKEN = 'browser-tests-admin';
let requests = 0;
const server = referenceServer();

export default {
  middleware: [server.proxy, storybookRoutes],
  reporters: [defaultReporter(), summaryReporter()],
  // The server's tests run in Node (npm run test:server), not in the browser.
  files: ['test/**/*.test.ts', '!test/server/**', '!test/distribution/**'],
  nodeResolve: true,
  concurrency: 2,
  testsFinishTimeout: 5 * 60_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [server.plugin, rawImports, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-dev-shm-usage',
          // Test pages run side by side in tabs; a background tab must still get timers and frames.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
      async createPage({ browser }) {
        // A window of its own for every test file: tabs that run side by side in one window
        // are background tabs, which get no animation frames and would stall tests.
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.emulateTimezone(TEST_TIME_ZONE);
        return page;
      },
    }),
  ],
};
