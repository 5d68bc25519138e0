import js from '@eslint/js';
import compat from 'eslint-plugin-compat';
import { readdirSync } from 'node:fs';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Four layers, imports pointing one way (docs/architecture.md): a widget folder may import
 * src/shared and src/core, src/shared only src/core, src/core nothing outside itself and nothing
 * that needs a DOM; server/ imports src/core only. Every folder in src/ but these is a widget;
 * the entry points (src/index.ts, src/cop-widgets.ts, src/frameworks/) may import them all.
 * test/architecture/layers.test.ts proves that a wrong import fails.
 */
const NOT_WIDGETS = new Set(['core', 'shared', 'frameworks']);
const WIDGETS = readdirSync(new URL('src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !NOT_WIDGETS.has(entry.name))
  .map((entry) => entry.name);

const LAYER_MESSAGES = {
  core: 'src/core runs in a browser and in Node without a DOM: it imports only src/core and DOM-free packages.',
  shared: 'src/shared is the browser base under every widget: it imports only src/core, never a widget.',
  widget: 'A widget imports only src/core, src/shared and its own folder: each widget is a chunk of its own.',
  server: 'server/ imports only src/core (feed contract, calendar files, dates, base messages), never browser code.',
};

/** What exists in a browser only: core must not touch it (the loader reads the page's URL via globalThis). */
const DOM_GLOBALS = [
  ...['document', 'window', 'navigator', 'location', 'customElements', 'localStorage', 'sessionStorage'],
  ...['HTMLElement', 'Element', 'ShadowRoot', 'EventSource', 'requestAnimationFrame', 'getComputedStyle'],
];

/**
 * Rules that refuse import specifiers matching `regex` (a string, as in a RegExp), in static
 * imports and re-exports (`no-restricted-imports`) and in `import()`, which that rule misses.
 */
const refuse = (regexes, message) => ({
  'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message })) }],
  'no-restricted-syntax': ['error', ...regexes.map((regex) => ({ selector: importCall(regex), message }))],
});
const importCall = (regex) => `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`;

const layers = [
  {
    files: ['src/core/**'],
    rules: {
      ...refuse(['^\\.\\./', '^lit($|/)'], LAYER_MESSAGES.core),
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: LAYER_MESSAGES.core }))],
    },
  },
  { files: ['src/shared/**'], rules: refuse(['^\\.\\./(?!core/)'], LAYER_MESSAGES.shared) },
  {
    files: WIDGETS.map((widget) => `src/${widget}/**`),
    rules: refuse(['^\\.\\./(?!(core|shared)/)'], LAYER_MESSAGES.widget),
  },
  { files: ['server/**'], rules: refuse(['(^|/)src/(?!core/)'], LAYER_MESSAGES.server) },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'demo/dist',
      'storybook-static',
      'custom-elements.json',
      'bench/.tmp',
      '.data',
      'test/distribution/.work',
      'build',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  litA11y.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.config.*', 'scripts/**', 'server/**', 'bench/**', '.storybook/**'].concat([
      'test/server/**',
      'test/architecture/**',
    ]),
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The elements' properties are declared once (src/shared/properties.ts); an interface of the
    // class's own name gives them their types, merged into the class. Lit defines every one of
    // them on the class, so the merge is safe here.
    files: ['src/shared/cop-element.ts', 'src/*/*.component.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  ...layers,
  {
    // The server reads as small parts (issue 16): no function longer than a screen.
    files: ['server/**'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  {
    // A browser test's wait stops a test that would never end; it does not measure speed. The
    // default of one second runs out on a busy machine, so every wait names its limit (test/waits.ts).
    files: ['test/**', 'stories/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='waitUntil'][arguments.length<3]",
          message: 'Give waitUntil a limit: waitUntil(check, message, WAIT) (test/waits.ts).',
        },
      ],
    },
  },
  {
    // What runs in visitors' browsers uses only what every browser of the floor (.browserslistrc)
    // has: eslint-plugin-compat checks each web API against MDN's compatibility data.
    // lintAllEsApis: the JavaScript built-ins too (Promise.withResolvers, Set methods …), not only DOM APIs.
    files: ['src/**'],
    ...compat.configs['flat/recommended'],
    settings: { lintAllEsApis: true },
  },
);
