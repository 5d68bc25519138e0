#!/usr/bin/env -S npx tsx
/**
 * Prints the WCAG contrast of every colour pair in the default theme (light and dark values)
 * and in themes/dark.css, as a Markdown table, and fails when a required pair is below its
 * minimum:  npx tsx scripts/theme-contrast.ts
 */
import { readFileSync } from 'node:fs';
import { CONTRAST_PAIRS, contrastRatio, type ThemeColours } from './contrast.js';

/** `--cop-color-text: light-dark(#1b1b1b, #f2f2f2);` → { text: ['#1b1b1b', '#f2f2f2'] } */
function tokens(file: string): Record<string, [string, string]> {
  const css = readFileSync(new URL(`../themes/${file}`, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const found: Record<string, [string, string]> = {};
  for (const [, name, value] of css.matchAll(/--cop-(?:color-)?([\w-]+):\s*([^;]+);/g)) {
    const pair = /^light-dark\(\s*(#\w+)\s*,\s*(#\w+)\s*\)$/.exec(value!.trim());
    if (pair) found[name!] = [pair[1]!, pair[2]!];
    else if (/^#\w+$/.test(value!.trim())) found[name!] = [value!.trim(), value!.trim()];
  }
  return found;
}

const defaults = tokens('default.css');
const dark = tokens('dark.css');
const schemes: Array<[string, ThemeColours]> = [
  ['default, light', Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, v[0]]))],
  ['default, dark (`color-scheme: dark`)', Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, v[1]]))],
  [
    'themes/dark.css',
    {
      ...Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, v[1]])),
      ...Object.fromEntries(Object.entries(dark).map(([k, v]) => [k, v[0]])),
    },
  ],
];

let failed = 0;
console.log(`| pair | minimum | ${schemes.map(([name]) => name).join(' | ')} |`);
console.log(`| --- | --- | ${schemes.map(() => '---').join(' | ')} |`);
for (const pair of CONTRAST_PAIRS) {
  const cells = schemes.map(([, colours]) => {
    const ratio = contrastRatio(colours[pair.foreground]!, colours[pair.background]!);
    const low = ratio < pair.minimum;
    if (low && pair.required) failed += 1;
    return `${ratio.toFixed(2)}${low ? (pair.required ? ' ✗' : ' (numbers)') : ''}`;
  });
  console.log(`| ${pair.what} | ${pair.minimum}:1 | ${cells.join(' | ')} |`);
}
console.log(
  `\n${failed} required pair(s) below the minimum; "(numbers)": a map colour below 3:1, backed by the numbered badges.`,
);
process.exitCode = failed ? 1 : 0;
