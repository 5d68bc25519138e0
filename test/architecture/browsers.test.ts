/**
 * The browser floor in .browserslistrc is what the package is built and checked for: the build
 * targets its oldest browsers, and the CSS the widgets ship uses only what they support, or what
 * the widgets work without (scripts/css-browsers.ts, also run by `npm run lint`). JavaScript
 * APIs are checked by eslint-plugin-compat in `npm run lint`, the built files' syntax by es-check
 * (`npm run lint:dist`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkCss, shippedCss } from '../../scripts/css-browsers.js';
import { floorTarget } from '../../vite.config.js';

describe('the browser floor', () => {
  it('is the build target: the oldest Chrome, Edge, Firefox, Safari and iOS Safari in .browserslistrc', () => {
    assert.deepEqual(floorTarget(), ['chrome111', 'edge111', 'firefox115', 'ios16.4', 'safari16.4']);
  });

  it('is what the README tells webmasters', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const browser of ['Chrome 111', 'Edge 111', 'Firefox 115', 'Safari 16.4', 'iOS 16.4'])
      assert.match(readme, new RegExp(browser), browser);
  });

  it('fits the CSS the package ships: every widget style sheet and theme file', async () => {
    const sources = await shippedCss();
    assert.ok(sources.length >= 10, sources.map((source) => source.name).join(', '));
    assert.deepEqual(await checkCss(sources), []);
  });

  it('is enforced: light-dark() outside @supports and a feature the floor lacks are refused', async () => {
    const problems = await checkCss([
      {
        name: 'probe.css',
        css: `
          :host { --_colour: light-dark(#000, #fff); }
          .button { background: light-dark(#01689b, #8fcdf0); }
          @supports (color: light-dark(#000, #fff)) { :host { --_colour: light-dark(#000, #fff); } }
          .title { text-box-trim: both; }
        `,
      },
    ]);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0]!, /css-text-box-trim/);
    assert.match(problems[1]!, /--_colour: light-dark\(#000, #fff\) — light-dark\(\) outside @supports/);
    assert.match(problems[2]!, /background: light-dark\(#01689b, #8fcdf0\) — light-dark\(\) outside @supports/);
  });
});
