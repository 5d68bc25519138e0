/**
 * What the browser tests of the package run against, as on a partner's site:
 * - the partner's web server (one origin): their pages, the fixture apps' builds, the feed as a
 *   static file, the bundle copied into /static/cop-widgets/ (self-hosted), and /api/ passed
 *   on to the reference server;
 * - a CDN (another origin, another path) serving the package's dist/cdn with CORS;
 * - the reference server on its embedded database, with the partner's origin allowed;
 * - headless Chromium.
 */
import type { Browser } from 'puppeteer-core';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/process.js';
import { launchBrowser } from './browser.js';
import { HERE, INSTALLED, WORK, packed } from './package.js';
import { startStaticServer, type Mount, type StaticServer } from './static-server.js';

export const FEED_PATH = '/feeds/partner-programme.json';
/** Where the CDN serves the package: an npm CDN's layout, deliberately unlike the page's paths. */
export const CDN_PATH = (version: string) => `/npm/cop-widgets@${version}/dist/cdn`;

export interface Environment {
  version: string;
  site: StaticServer;
  cdn: StaticServer;
  api: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/** As docs/embed.md advises: CORS for pages elsewhere, long caching except for the unversioned name. */
const cdnHeaders = (file: string) => ({
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': file === 'cop-widgets.js' ? 'public, max-age=300' : 'public, max-age=31536000, immutable',
});

export async function startEnvironment(pageMounts: Mount[] = []): Promise<Environment> {
  const { version } = packed();
  const bundleDir = join(INSTALLED, 'dist', 'cdn');
  // The reference server starts after the site, which it must know as an allowed origin.
  const target: { api?: string } = {};
  const cdn = await startStaticServer({
    mounts: [{ prefix: `${CDN_PATH(version)}/`, dir: bundleDir, headers: cdnHeaders }],
  });
  const site = await startStaticServer({
    mounts: [
      { prefix: '/feeds/', dir: join(HERE, 'feeds') },
      { prefix: '/static/cop-widgets/', dir: bundleDir },
      { prefix: '/apps/', dir: join(WORK, 'apps') },
      { prefix: '/cdn-page/', dir: join(HERE, 'fixtures', 'cdn-page') },
      ...pageMounts,
    ],
    htmlVariables: () => ({ CDN: `${cdn.origin}${CDN_PATH(version)}`, VERSION: version }),
    apiTarget: () => target.api,
  });
  const [api, browser] = await Promise.all([
    startServer({ FEEDS_DIR: join(HERE, 'feeds'), ALLOWED_ORIGINS: site.origin }),
    launchBrowser(),
  ]);
  target.api = api.url;
  return {
    version,
    site,
    cdn,
    api,
    browser,
    async close() {
      await browser.close();
      await Promise.all([api.stop(), site.close(), cdn.close()]);
    },
  };
}
