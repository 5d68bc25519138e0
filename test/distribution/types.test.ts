/**
 * The package's declarations as a partner's strict TypeScript project sees them: the fixture
 * apps' sources (plain TS with HTMLElementTagNameMap and typed events, React 19 JSX, Vue 3
 * GlobalComponents) compile against the packed package, and the `@ts-expect-error` lines in
 * each typings-check file prove that wrong values, unknown properties and wrong event details
 * are compile errors (an expected error that does not happen is itself an error).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES, INSTALLED, ROOT, packed } from './package.js';

describe('the packed type declarations', () => {
  before(() => packed());

  it('type-check the React, Vue and plain Vite fixtures (strict), refusing every wrong use', () => {
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(FIXTURES, 'tsconfig.json'), '--listFiles'],
      {
        encoding: 'utf8',
      },
    );
    const lines = tsc.stdout.split('\n');
    const errors = lines.filter((line) => line.includes('error TS'));
    assert.deepEqual(errors, [], 'tsc reports no error');
    assert.equal(tsc.status, 0, tsc.stderr);

    const fromPackage = lines
      .filter((line) => line.startsWith(`${INSTALLED}/`))
      .map((line) => line.slice(INSTALLED.length + 1));
    for (const declaration of [
      'dist/types/frameworks/react.d.ts',
      'dist/types/frameworks/vue.d.ts',
      'dist/types/session-calendar/session-calendar.d.ts',
      'dist/types/region-map/region-map.d.ts',
      'dist/types/index.d.ts',
    ]) {
      assert.ok(fromPackage.includes(declaration), `${declaration} came from the packed package`);
    }
    assert.deepEqual(
      lines.filter((line) => line.startsWith(join(ROOT, 'src'))),
      [],
      'nothing from the repository’s src',
    );
  });

  it('has negative checks in every typings-check file', () => {
    for (const app of ['vite-app', 'react-app', 'vue-app']) {
      const file = readdirSync(join(FIXTURES, app)).find((name) => name.startsWith('typings-check'))!;
      const expected = readFileSync(join(FIXTURES, app, file), 'utf8').match(/@ts-expect-error/g)?.length ?? 0;
      assert.ok(expected >= 3, `${app}/${file} has ${expected} @ts-expect-error lines`);
    }
  });
});
