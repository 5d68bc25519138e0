/**
 * The packed package used the four ways a partner uses it, each in headless Chromium with no
 * console error: one script tag from a CDN on another origin, a Vite app, a React 19 app and a
 * Vue 3 app, the apps built with Vite 8 from the tarball.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPage, waitForShadowText } from './browser.js';
import { CDN_PATH, FEED_PATH, startEnvironment, type Environment } from './environment.js';
import { buildFixtureApp, type BuiltApp, type FixtureApp } from './fixture-apps.js';
import { INSTALLED } from './package.js';
import { calendarShowsSessions, chooseRegionByKeyboard, mapDrawsRegions } from './widgets.js';

const APPS: FixtureApp[] = ['vite-app', 'react-app', 'vue-app'];

describe('the packed package on partner pages', () => {
  let env: Environment;
  const built = new Map<FixtureApp, BuiltApp>();

  before(async () => {
    const [started] = await Promise.all([
      startEnvironment(),
      ...APPS.map(async (app) => built.set(app, await buildFixtureApp(app))),
    ]);
    env = started;
  });
  after(() => env?.close());

  it('each app is built from the tarball, not from the repository', () => {
    for (const app of APPS) {
      const modules = built.get(app)!.modules;
      assert.ok(
        modules.some((id) => id.startsWith(`${INSTALLED}/dist/`)),
        `${app} bundles the packed package`,
      );
      assert.deepEqual(
        modules.filter((id) => /\/(src|dist)\//.test(id) && !id.includes('/node_modules/')),
        [],
        `${app} takes nothing from the repository's src or dist`,
      );
    }
  });

  it('a plain HTML page: one versioned script tag from a CDN on another origin and path', async () => {
    const [siteBefore, cdnBefore] = [env.site.requests.length, env.cdn.requests.length];
    const { page, problems, close } = await openPage(env.browser, `${env.site.url}cdn-page/`);
    try {
      await calendarShowsSessions(page);
      await mapDrawsRegions(page);
      assert.equal(await chooseRegionByKeyboard(page), 'JZ21 bas', "the page's listener got cop-region-select");
      const fromCdn = env.cdn.requests
        .slice(cdnBefore)
        .filter((path) => path.endsWith('.js'))
        .map((path) => path.slice(CDN_PATH(env.version).length + 1));
      assert.ok(fromCdn.includes(`cop-widgets.${env.version}.js`), 'the versioned loader came from the CDN');
      const chunks = (name: string) => fromCdn.filter((file) => new RegExp(`^${name}-[\\w-]{8}\\.js$`).test(file));
      for (const name of ['base', 'session-calendar', 'region-map'])
        assert.equal(chunks(name).length, 1, `the ${name} chunk came once, from the CDN`);
      for (const name of ['enrolment-form', 'principle-poll'])
        assert.deepEqual(chunks(name), [], `no ${name}: it is not on the page`);
      assert.ok(
        fromCdn.some((file) => file.startsWith('jeugdregio-2025.topojson-')),
        'the map geometry came from the CDN, next to the bundle',
      );
      assert.ok(
        fromCdn.some((file) => file.startsWith('geometry-')),
        'the drawing code came from the CDN, next to the bundle',
      );
      assert.ok(
        fromCdn.some((file) => file.startsWith('gemeenten-2025-')),
        'the municipalities came from the CDN, next to the bundle',
      );
      assert.deepEqual(
        env.site.requests.slice(siteBefore).filter((path) => path.endsWith('.js')),
        [],
        'no script was asked from the page’s own origin',
      );
      // The loader asks for the feed while the widgets' code downloads; the widgets take that answer.
      assert.equal(
        env.site.requests.slice(siteBefore).filter((path) => path === FEED_PATH).length,
        1,
        'the feed was fetched once for both widgets',
      );
      assert.deepEqual(problems(), []);
    } finally {
      await close();
    }
  });

  it('the reference server hands its /cdn bundle and /feeds files to pages on any origin, the versioned file cached for a year', async () => {
    const from = { headers: { Origin: 'https://www.gemeente.example' } };
    const versioned = await fetch(`${env.api.url}/cdn/cop-widgets.${env.version}.js`, from);
    assert.equal(versioned.status, 200);
    assert.equal(versioned.headers.get('Access-Control-Allow-Origin'), '*');
    assert.equal(versioned.headers.get('Cache-Control'), 'public, max-age=31536000, immutable');
    const plain = await fetch(`${env.api.url}/cdn/cop-widgets.js`, from);
    assert.equal(plain.headers.get('Cache-Control'), 'public, max-age=300');
    const feed = await fetch(`${env.api.url}${FEED_PATH}`, from);
    assert.equal(feed.status, 200);
    assert.equal(feed.headers.get('Access-Control-Allow-Origin'), '*');
    const missing = await fetch(`${env.api.url}/cdn/cop-widgets.0.0.0-missing.js`, from);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('Cache-Control'), null, 'a 404 must not be cached for a year');
  });

  it('a Vite app importing cop-widgets/<widget>: all four widgets, typed events, the version', async () => {
    const { page, problems, close } = await openPage(env.browser, `${env.site.url}apps/vite-app/`);
    try {
      await calendarShowsSessions(page);
      await waitForShadowText(page, 'cop-enrolment-form', 'Aanmelden voor CoP Samen sterker in de regio');
      await waitForShadowText(page, 'cop-principle-poll', 'Welke leidende principes hebben we al op orde?');
      await mapDrawsRegions(page);
      assert.equal(await chooseRegionByKeyboard(page), 'JZ21 bas');
      assert.equal(
        await page.$eval('#version', (el) => el.textContent),
        env.version,
        'VERSION is the package’s version',
      );
      assert.deepEqual(problems(), []);
    } finally {
      await close();
    }
  });

  for (const [app, framework] of [
    ['react-app', 'React 19'],
    ['vue-app', 'Vue 3'],
  ] as const) {
    it(`a ${framework} app: the feed set as a property, cop-* events reach the framework's handlers`, async () => {
      const { page, problems, close } = await openPage(env.browser, `${env.site.url}apps/${app}/`);
      try {
        await calendarShowsSessions(page);
        const feed = await page.$eval('cop-session-calendar', (el) => ({
          id: el.feed?.programme?.id,
          attribute: el.hasAttribute('feed'),
        }));
        assert.deepEqual(
          feed,
          { id: 'partner-programme', attribute: false },
          'the feed is a property holding the object, not an attribute',
        );
        await mapDrawsRegions(page);
        assert.equal(
          await chooseRegionByKeyboard(page),
          'regio JZ21 bas',
          'cop-region-select reached the handler, which re-rendered',
        );
        await page.click('cop-session-calendar >>> button[part="enrol"]');
        await page.waitForFunction(() => document.querySelector('#chosen')?.textContent === 'sessie start', {
          timeout: 5000,
        });
        assert.deepEqual(problems(), []);
      } finally {
        await close();
      }
    });
  }
});
