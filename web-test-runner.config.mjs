import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChromium } from './scripts/find-chromium.mjs';

/**
 * Every browser test runs in Debian's headless Chromium with its clock in a non-Dutch zone,
 * so a date shown right proves the Europe/Amsterdam conversion rather than the machine's zone.
 */
export const TEST_TIME_ZONE = 'America/New_York';

export default {
  files: ['test/**/*.test.ts'],
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
        ],
      },
      async createPage({ browser }) {
        const page = await browser.newPage();
        await page.emulateTimezone(TEST_TIME_ZONE);
        return page;
      },
    }),
  ],
};
