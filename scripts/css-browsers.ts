#!/usr/bin/env -S npx tsx
/**
 * Checks the CSS the widgets ship against the floor in .browserslistrc (`npm run lint` runs it):
 * the styles in every `src/**\/*.styles.ts` (as Lit builds them: the modules are imported and
 * each exported `css` result read) and the theme files in themes/.
 *
 * - doiuse (caniuse data) names each feature that a browser of the floor does not support. A
 *   feature may stay only when the widget works without it; ALLOWED says why for each one.
 *   Partial support ("only partially supported") is not reported: those notes are about parts
 *   of a feature we do not use.
 * - light-dark(), which doiuse does not know, may appear only inside an
 *   `@supports (color: light-dark(…))` block, after plain values: a browser without it keeps a
 *   light-dark() value in a custom property and then loses the colour where it is used.
 */
import doiuse from 'doiuse';
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import postcss, { type AtRule, type Node } from 'postcss';

/** Features outside the floor that the widgets use anyway, each with what happens without it. */
export const ALLOWED: Record<string, string> = {
  'css-has':
    '.option:has(input:checked) thickens the chosen option of the poll; without :has() (Firefox 115–120) the radio button itself shows the choice.',
  'css-dir-pseudo':
    ":host(:dir(rtl)) grows the poll's bars from the right on a right-to-left page; without :dir() (Chrome and Edge 111–119) they grow from the left, as on every Dutch page.",
  'extended-system-fonts': 'ui-monospace leads a font stack that ends in monospace.',
};

export interface CssSource {
  name: string;
  css: string;
}

interface Usage {
  feature: string;
  message: string;
}

const insideLightDarkSupports = (node: Node): boolean => {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (
      parent.type === 'atrule' &&
      (parent as AtRule).name === 'supports' &&
      /^\(\s*color\s*:\s*light-dark\(/.test((parent as AtRule).params)
    )
      return true;
  }
  return false;
};

/** The problems in these style sheets for the floor, one line each; none when they are fine. */
export async function checkCss(sources: CssSource[], browsers?: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { name, css } of sources) {
    const usages: Usage[] = [];
    const root = postcss.parse(css, { from: name });
    await postcss([doiuse({ browsers, onFeatureUsage: (usage: Usage) => usages.push(usage) })]).process(root, {
      from: name,
    });
    for (const usage of usages) {
      if (ALLOWED[usage.feature] || / only partially supported by: /.test(usage.message)) continue;
      problems.push(`${name}: ${usage.message.replace(/^<input css \w+>/, '')}`);
    }
    root.walkDecls((decl) => {
      if (decl.value.includes('light-dark(') && !insideLightDarkSupports(decl)) {
        problems.push(
          `${name}: ${decl.prop}: ${decl.value} — light-dark() outside @supports (color: light-dark(…)): browsers without it lose this colour (give a plain value first and the pair in an @supports block).`,
        );
      }
    });
  }
  return problems;
}

/** The CSS the package ships: every style sheet the widgets adopt, and the theme files. */
export async function shippedCss(): Promise<CssSource[]> {
  const sources: CssSource[] = [];
  for (const folder of readdirSync('src', { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(`src/${folder.name}`).filter((name) => name.endsWith('.styles.ts'))) {
      const module = (await import(pathToFileURL(`${process.cwd()}/src/${folder.name}/${file}`).href)) as Record<
        string,
        unknown
      >;
      for (const [name, value] of Object.entries(module)) {
        if (value && typeof value === 'object' && 'cssText' in value)
          sources.push({ name: `src/${folder.name}/${file} (${name})`, css: String(value.cssText) });
      }
    }
  }
  for (const file of readdirSync('themes').filter((name) => name.endsWith('.css')))
    sources.push({ name: `themes/${file}`, css: readFileSync(`themes/${file}`, 'utf8') });
  return sources;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sources = await shippedCss();
  const problems = await checkCss(sources);
  for (const problem of problems) console.error(problem);
  if (problems.length) {
    console.error(
      `\n${problems.length} CSS problem(s) for the browsers in .browserslistrc (see scripts/css-browsers.ts).`,
    );
    process.exit(1);
  }
  console.log(`CSS: ${sources.length} style sheets fit the browsers in .browserslistrc.`);
}
