import browserslist from 'browserslist';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { minifyCssLiteralsPlugin } from './scripts/minify-css.js';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/** Library entries: one module per widget, the feed contract, and the framework typings. */
const entries = {
  index: 'src/index.ts',
  feed: 'src/core/feed.ts',
  'session-calendar': 'src/session-calendar/session-calendar.ts',
  'enrolment-form': 'src/enrolment-form/enrolment-form.ts',
  'region-map': 'src/region-map/region-map.ts',
  'principle-poll': 'src/principle-poll/principle-poll.ts',
  react: 'src/frameworks/react.ts',
  vue: 'src/frameworks/vue.ts',
};

/**
 * Writes the CDN entry (the loader) a second time as `cop-widgets.<version>.js` (with its own
 * source map), so a partner can pin a version and cache it forever. The chunks it loads (the
 * shared base, each widget, map geometry and drawing code, English texts) have content hashes in
 * their names and are shared by both names; they must not import the entry back, or the versioned
 * file would pull in the unversioned one.
 */
function versionedCdnEntry(version: string): Plugin {
  return {
    name: 'cop-versioned-cdn-entry',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find(
        (file) => file.type === 'chunk' && file.isEntry && file.name === 'cop-widgets',
      );
      if (entry?.type !== 'chunk')
        throw new Error('cop-versioned-cdn-entry: no cop-widgets entry chunk in the CDN build');
      for (const file of Object.values(bundle)) {
        if (
          file.type === 'chunk' &&
          file !== entry &&
          [...file.imports, ...file.dynamicImports].includes(entry.fileName)
        ) {
          throw new Error(
            `cop-versioned-cdn-entry: ${file.fileName} imports the entry; the versioned copy would load it twice`,
          );
        }
      }
      const name = `cop-widgets.${version}.js`;
      const code = entry.code.replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
      this.emitFile({
        type: 'asset',
        fileName: name,
        source: entry.map ? `${code}//# sourceMappingURL=${name}.map\n` : code,
      });
      if (entry.map)
        this.emitFile({ type: 'asset', fileName: `${name}.map`, source: JSON.stringify({ ...entry.map, file: name }) });
    },
  };
}

/**
 * The CDN folder is what a partner copies or links: the theme files go next to the bundle
 * (`themes/dark.css`), and so do the licences of the packages minified into it, whose
 * notices the minifier removed (Lit's BSD-3-Clause asks for them to travel with the code).
 */
function cdnCompanions(): Plugin {
  return {
    name: 'cop-cdn-companions',
    generateBundle(_options, bundle) {
      // Each theme twice: `dark.css` (cached for minutes, so fixes arrive) and `dark.<version>.css`
      // (cached for a year: pin it as you pin cop-widgets.<version>.js).
      for (const name of readdirSync('themes').filter((file) => file.endsWith('.css'))) {
        const source = readFileSync(join('themes', name), 'utf8');
        this.emitFile({ type: 'asset', fileName: `themes/${name}`, source });
        this.emitFile({ type: 'asset', fileName: `themes/${name.replace(/\.css$/, `.${pkg.version}.css`)}`, source });
      }
      const packages = new Set<string>();
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        for (const id of file.moduleIds) {
          const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id.replaceAll('\\', '/'));
          if (match) packages.add(match[1]!);
        }
      }
      const notices = [...packages].sort().map((name) => {
        const dir = join('node_modules', name);
        const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
          version: string;
          license?: string;
        };
        const text = readdirSync(dir).find((file) => /^licen[cs]e/i.test(file));
        return `${name} ${version} (${license ?? 'see package'})\n\n${text ? readFileSync(join(dir, text), 'utf8').trim() : ''}`;
      });
      const packagesText = `Packages included in cop-widgets.js and its chunks:\n\n${notices.join('\n\n---\n\n')}\n`;
      this.emitFile({
        type: 'asset',
        fileName: 'THIRD-PARTY-LICENSES.txt',
        source: `${packagesText}\n${MAP_DATA_NOTICE}`,
      });
    },
  };
}

/** The credit the map's data asks for (CC BY 4.0), beside the packages' licences. */
const MAP_DATA_NOTICE = `Data included in the map's chunks (jeugdregio-2025.topojson-*.js, gemeenten-2025-*.js):

The CBS youth-care regions ("jeugdregio's") and the municipalities ("gemeenten") of 2025, with the
region each municipality lies in. Bron: CBS, PDOK. Open data under the Creative Commons Attribution
4.0 licence (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). The region outlines were
simplified by the cartomap/nl project; each municipality was given the region that holds most of
its area.
`;

/** The CDN build's one shared chunk: every module that two or more chunks (widgets, the loader) import. */
const SHARED_BASE = { name: 'base', minShareCount: 2 };

/** Browserslist's names for the browsers of the floor, and the build target's. */
const TARGET_NAMES: Record<string, string> = {
  chrome: 'chrome',
  edge: 'edge',
  firefox: 'firefox',
  safari: 'safari',
  ios_saf: 'ios',
};

/**
 * The build target: the oldest version of each browser in the floor (.browserslistrc), so the
 * output's syntax is what those browsers parse (`npm run lint:dist` checks it with es-check).
 */
export function floorTarget(): string[] {
  const oldest = new Map<string, number>();
  for (const entry of browserslist()) {
    const [name = '', version = ''] = entry.split(' ');
    const target = TARGET_NAMES[name];
    if (!target)
      throw new Error(`.browserslistrc names ${entry}, which the build target does not know: add it to TARGET_NAMES`);
    const number = Number.parseFloat(version.split('-')[0]!);
    if (!(number >= (oldest.get(target) ?? Infinity))) oldest.set(target, number);
  }
  return [...oldest].map(([target, version]) => `${target}${version}`);
}

/**
 * Two builds from one config:
 * - `vite build`: ES modules for npm, with Lit, zod and date-fns left as dependencies
 *   so an app that uses them too loads them once;
 * - `vite build --mode cdn`: self-contained and minified for browsers: a small loader,
 *   `cop-widgets.js` and `cop-widgets.<version>.js`, that imports a widget's chunk when its tag
 *   appears on the page, with one shared base chunk and the lazily loaded map and English files.
 */
export default defineConfig(({ mode }) => {
  const cdn = mode === 'cdn';
  const dependencies = Object.keys(pkg.dependencies);
  return {
    define: { __COP_VERSION__: JSON.stringify(pkg.version) },
    // Both builds: minify the CSS in Lit styles, which JavaScript minifiers leave as written.
    plugins: [minifyCssLiteralsPlugin(), ...(cdn ? [versionedCdnEntry(pkg.version), cdnCompanions()] : [])],
    build: {
      target: floorTarget(),
      outDir: cdn ? 'dist/cdn' : 'dist',
      emptyOutDir: true,
      sourcemap: true,
      minify: cdn,
      lib: cdn
        ? { entry: { 'cop-widgets': 'src/cop-widgets.ts' }, formats: ['es'] }
        : { entry: entries, formats: ['es'] },
      rolldownOptions: {
        external: cdn ? [] : (id: string) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
        // Library mode keeps an ES build's whitespace and comments (for the next bundler); the CDN
        // file goes straight to browsers, so it is minified in full (192 → 157 KB before gzip).
        // The loader (src/cop-widgets.ts) imports each widget's chunk when its tag appears; whatever
        // two or more chunks use goes into one shared `base` chunk, fetched once.
        ...(cdn ? { output: { minify: true, comments: false, codeSplitting: { groups: [SHARED_BASE] } } } : {}),
      },
    },
  };
});
