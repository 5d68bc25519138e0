#!/usr/bin/env node
/**
 * Copies the hand-written declarations in src (e.g. the map geometry's .d.ts next to its data
 * module) to dist/types after `tsc -p tsconfig.build.json`, which emits declarations for .ts
 * files only: without them, the published types would import files that are not there.
 */
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

for (const file of readdirSync('src', { recursive: true, encoding: 'utf8' })) {
  if (file.endsWith('.d.ts')) cpSync(join('src', file), join('dist', 'types', file));
}
