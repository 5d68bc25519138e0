/**
 * A Web Test Runner launcher for Firefox: Web Test Runner's own Chrome launcher driving Debian's
 * Firefox ESR through puppeteer-core over WebDriver BiDi. That is what @web/test-runner-puppeteer
 * does, without the full puppeteer package, which downloads a browser when it is installed.
 *
 * Two commands behave differently over BiDi than over Chrome's protocol, and are evened out here
 * for this launcher's sessions: Puppeteer's BiDi keyboard knows no "Space" (it takes " "), and
 * its mouse reset releases the buttons but leaves the pointer where it was (over Chrome's
 * protocol it moves to 0, 0), so the next test's element would find itself under the pointer.
 */
import { ChromeLauncher } from '@web/test-runner-chrome';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as puppeteer from 'puppeteer-core';

const BIDI_KEYS = { Space: ' ' };

export class FirefoxLauncher extends ChromeLauncher {
  /** @param {{ executablePath: string, createPage: (args: { browser: import('puppeteer-core').Browser }) => Promise<import('puppeteer-core').Page> }} options */
  constructor({ executablePath, createPage, concurrency }) {
    const extraPrefsFirefox = {
      // Test files run side by side, each in a window of its own, and only one window can be
      // the active one: focus and blur events then fire in every window, as in a visitor's
      // only window (the setting Firefox's own test harnesses use).
      'focusmanager.testmode': true,
      // A download (the poll's results as a file) goes quietly to a temporary folder: Firefox's
      // downloads panel would otherwise open and keep :focus-visible from later windows.
      'browser.download.folderList': 2,
      'browser.download.dir': mkdtempSync(join(tmpdir(), 'cop-firefox-downloads-')),
      'browser.download.useDownloadDir': true,
      'browser.download.alwaysOpenPanel': false,
      'browser.download.always_ask_before_handling_new_types': false,
    };
    super(
      { browser: 'firefox', executablePath, headless: true, extraPrefsFirefox },
      ({ browser }) => browser.defaultBrowserContext(),
      createPage,
      puppeteer,
      concurrency,
    );
  }

  async initialize(config, testFiles) {
    config.plugins.unshift(this.commandsPlugin());
    return super.initialize(config, testFiles);
  }

  commandsPlugin() {
    return {
      name: 'firefox-bidi-commands',
      executeCommand: async ({ command, payload, session }) => {
        if (session.browser !== this) return undefined;
        const page = this.getPage(session.id);
        if (command === 'send-keys' && 'press' in payload && BIDI_KEYS[payload.press]) {
          await page.keyboard.press(BIDI_KEYS[payload.press]);
          return true;
        }
        if (command === 'reset-mouse') {
          // Move first: a reset starts a new pointer at 0, 0 without moving the old one there.
          await page.mouse.move(0, 0);
          await page.mouse.reset();
          return true;
        }
        return undefined;
      },
    };
  }
}
