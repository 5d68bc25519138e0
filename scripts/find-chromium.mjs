#!/usr/bin/env node
/**
 * Finds the Chromium the browser tests run in: $CHROME_PATH, else Debian's /usr/bin/chromium.
 * Nothing here downloads a browser. With --install, a missing Chromium is installed from
 * Debian's packages when we may (root with apt-get); otherwise it says how to get one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** How every headless Chromium here starts: no sandbox (root in a VM), and nothing that phones home. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  return CANDIDATES.find((path) => existsSync(path));
}

function install() {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error('Chromium is missing. Install it with `sudo apt-get install -y chromium`, or set CHROME_PATH.');
    process.exit(1);
  }
  console.log("Chromium is missing: installing Debian's package (apt-get install -y chromium)…");
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!findChromium() && process.argv.includes('--install')) install();
  const path = findChromium();
  if (!path) {
    console.error('No Chromium found. Set CHROME_PATH or run `apt-get install -y chromium`.');
    process.exit(1);
  }
  console.log(`Browser tests run in ${path}`);
}
