#!/usr/bin/env node
/**
 * The three engines the browser tests run in, all from Debian's packages: Chromium (`chromium`),
 * Firefox ESR (`firefox-esr`, driven by puppeteer-core over WebDriver BiDi) and WebKitGTK
 * (`webkit2gtk-driver`: WebKitWebDriver and its MiniBrowser, in a virtual display from `xvfb`).
 * Nothing here downloads a browser. With --install, what is missing is installed with apt-get
 * when we may (root); otherwise it says which packages to install.
 *
 * TEST_BROWSERS (comma-separated: chromium, firefox, webkit) narrows the engines, e.g. for a
 * quick run while developing; `npm test` and CI run all three.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { findChromium } from './find-chromium.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

const first = (paths) => paths.find((path) => existsSync(path));

export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FIREFOX_PATH is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  return first(['/usr/bin/firefox-esr', '/usr/bin/firefox']);
}

/** WebKitWebDriver, and the MiniBrowser it starts (Debian's webkit2gtk-driver and libwebkit2gtk-4.1-0). */
export function findWebKit() {
  const driver = first(['/usr/bin/WebKitWebDriver']);
  const miniBrowser = first(
    ['x86_64-linux-gnu', 'aarch64-linux-gnu'].map((arch) => `/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`),
  );
  const xvfbRun = first(['/usr/bin/xvfb-run']);
  const xauth = first(['/usr/bin/xauth']);
  return driver && miniBrowser && xvfbRun && xauth ? { driver, miniBrowser, xvfbRun } : undefined;
}

/** The engines to test in: all three unless TEST_BROWSERS names fewer. */
export function selectedEngines() {
  const names = (process.env.TEST_BROWSERS ?? ENGINES.join(','))
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((name) => !ENGINES.includes(name));
  if (unknown.length)
    throw new Error(`TEST_BROWSERS names ${unknown.join(', ')}; known engines: ${ENGINES.join(', ')}.`);
  return names;
}

const FOUND = { chromium: findChromium, firefox: findFirefox, webkit: findWebKit };
const PACKAGES = { chromium: ['chromium'], firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver', 'xvfb', 'xauth'] };

function install(engines) {
  const packages = engines.flatMap((engine) => PACKAGES[engine]);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `Missing for the browser tests: ${engines.join(', ')}. Install with \`sudo apt-get install -y ${packages.join(' ')}\`,`,
    );
    console.error('or run fewer engines with TEST_BROWSERS (e.g. TEST_BROWSERS=chromium).');
    process.exit(1);
  }
  console.log(`Installing Debian's packages for the browser tests: apt-get install -y ${packages.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const engines = selectedEngines();
  const missing = () => engines.filter((engine) => !FOUND[engine]());
  if (missing().length && process.argv.includes('--install')) install(missing());
  if (missing().length) {
    console.error(
      `Not found: ${missing().join(', ')}. Packages: ${missing()
        .flatMap((engine) => PACKAGES[engine])
        .join(' ')}.`,
    );
    process.exit(1);
  }
  const where = { chromium: findChromium(), firefox: findFirefox(), webkit: findWebKit()?.driver };
  console.log(`Browser tests run in ${engines.map((engine) => `${engine} (${where[engine]})`).join(', ')}`);
}
