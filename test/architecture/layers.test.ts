/**
 * The lint rule that keeps the four layers apart (eslint.config.js): each wrong import below is
 * linted as if it were a file in that folder and must fail; the right ones must pass. `npm run
 * lint` runs the same configuration over the real files in CI.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

/** The layer rules' complaints about `code` as the file `path`, as `rule: message` lines. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result!.messages.filter((m) => m.ruleId && LAYER_RULES.has(m.ruleId)).map((m) => `${m.ruleId}: ${m.message}`);
}

const refused = async (path: string, code: string, message: RegExp) => {
  const errors = await layerErrors(path, code);
  assert.equal(errors.length, 1, `${path}: ${code} should fail once, got ${JSON.stringify(errors)}`);
  assert.match(errors[0]!, message);
};
const allowed = async (path: string, code: string) =>
  assert.deepEqual(await layerErrors(path, code), [], `${path}: ${code}`);

describe('the layer rule (npm run lint)', () => {
  it('refuses a server file that imports browser code from src/shared, a widget or the package entry', async () => {
    const server = /server\/ imports only src\/core/;
    await refused('server/example.ts', "import { CopElement } from '../src/shared/cop-element.js';", server);
    await refused('server/example.ts', "import type { FeedState } from '../src/shared/cop-element.js';", server);
    await refused(
      'server/example.ts',
      "export { CopRegionMap } from '../src/region-map/region-map.component.js';",
      server,
    );
    await refused('server/example.ts', "import '../src/index.js';", server);
    await refused('server/example.ts', "export const later = () => import('../src/shared/messages.js');", server);
    await allowed('server/example.ts', "import { parseFeed } from '../src/core/feed.js';\nexport { parseFeed };");
  });

  it('refuses a widget that imports another widget, also for types, re-exports and import()', async () => {
    const widget = /A widget imports only src\/core, src\/shared and its own folder/;
    await refused(
      'src/session-calendar/example.ts',
      "import { CopEnrolmentForm } from '../enrolment-form/enrolment-form.component.js';",
      widget,
    );
    await refused(
      'src/session-calendar/example.ts',
      "import type { MapMessages } from '../region-map/region-map.messages.js';",
      widget,
    );
    await refused('src/principle-poll/example.ts', "export * from '../session-calendar/month.js';", widget);
    await refused(
      'src/region-map/example.ts',
      "export const later = () => import('../principle-poll/principle-poll.js');",
      widget,
    );
    await allowed(
      'src/session-calendar/example.ts',
      "import { CopElement } from '../shared/cop-element.js';\nexport { CopElement };",
    );
    await allowed(
      'src/session-calendar/example.ts',
      "import { formatDate } from '../core/datetime.js';\nexport { formatDate };",
    );
    await allowed(
      'src/session-calendar/example.ts',
      "export const later = () => import('./session-calendar.messages.en.js');",
    );
  });

  it('keeps src/shared under the widgets and src/core free of the DOM and of everything above it', async () => {
    await refused(
      'src/shared/example.ts',
      "import '../session-calendar/session-calendar.js';",
      /src\/shared is the browser base/,
    );
    await refused(
      'src/core/example.ts',
      "import { CopElement } from '../shared/cop-element.js';",
      /src\/core runs in a browser and in Node/,
    );
    await refused('src/core/example.ts', "import { html } from 'lit';", /src\/core runs in a browser and in Node/);
    await refused(
      'src/core/example.ts',
      'export const title = () => document.title;',
      /src\/core runs in a browser and in Node/,
    );
    await allowed('src/core/example.ts', "import * as z from 'zod/mini';\nexport const Id = z.string();");
  });

  it('lets the entry points import every widget', async () => {
    await allowed('src/cop-widgets.ts', "export const later = () => import('./session-calendar/session-calendar.js');");
    await allowed(
      'src/frameworks/example.ts',
      "import type { CopRegionMap } from '../region-map/region-map.component.js';\nexport type { CopRegionMap };",
    );
  });
});
