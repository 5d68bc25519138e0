/**
 * No import circle in src/: every kind of import counts, types and import() included
 * (scripts/import-graph.ts). A circle ties files together that should change on their own, and
 * lets a bundler put a widget's code where another widget's chunk pulls it in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCircles, importGraph, readSources } from '../../scripts/import-graph.js';

describe('imports in src/', () => {
  it('have no circle', () => {
    const graph = importGraph(readSources('src'));
    assert.ok(graph.size > 50, `read the whole of src/ (${graph.size} files)`);
    assert.ok(
      graph.get('session-calendar/session-calendar.component.ts')?.includes('shared/cop-element.ts'),
      'the graph follows imports',
    );
    assert.deepEqual(findCircles(graph), []);
  });

  it('would show a circle, also one made of a type import and an import()', () => {
    const sources = new Map([
      ['widget/widget.component.ts', "import { texts } from './widget.messages.js';\nimport { html } from 'lit';"],
      [
        'widget/widget.messages.ts',
        "import { widgetMessages } from '../shared/messages.js';\nexport const load = () => import('./widget.messages.en.js');",
      ],
      ['widget/widget.messages.en.ts', "import type { Texts } from './widget.messages.js';"],
      ['shared/messages.ts', "export type { Texts } from '../widget/widget.component.js';"],
      ['core/alone.ts', "import * as z from 'zod/mini';"],
    ]);
    assert.deepEqual(findCircles(importGraph(sources)), [
      ['shared/messages.ts', 'widget/widget.component.ts', 'widget/widget.messages.en.ts', 'widget/widget.messages.ts'],
    ]);
  });
});
