import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
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

export default {
  reporters: [defaultReporter(), summaryReporter()],
  // The server's tests run in Node (npm run test:server), not in the browser.
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: true,
  concurrency: 2,
  testsFinishTimeout: 5 * 60_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
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
