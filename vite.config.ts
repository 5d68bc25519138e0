import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/** Library entries: one module per widget as they land, plus the whole set and the feed contract. */
const entries = {
  index: 'src/index.ts',
  feed: 'src/feed/index.ts',
  'session-calendar': 'src/session-calendar/session-calendar.ts',
  'enrolment-form': 'src/enrolment-form/enrolment-form.ts',
  'region-map': 'src/region-map/region-map.ts',
  'principle-poll': 'src/principle-poll/principle-poll.ts',
};

/**
 * Two builds from one config:
 * - `vite build`: ES modules for npm, with Lit, zod and date-fns left as dependencies
 *   so an app that uses them too loads them once;
 * - `vite build --mode cdn`: one self-contained, minified file that registers every tag.
 */
export default defineConfig(({ mode }) => {
  const cdn = mode === 'cdn';
  const dependencies = Object.keys(pkg.dependencies);
  return {
    define: { __COP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      target: 'es2022',
      outDir: cdn ? 'dist/cdn' : 'dist',
      emptyOutDir: true,
      sourcemap: true,
      minify: cdn,
      lib: cdn
        ? { entry: { 'cop-widgets': 'src/cop-widgets.ts' }, formats: ['es'] }
        : { entry: entries, formats: ['es'] },
      rolldownOptions: {
        external: cdn ? [] : (id: string) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      },
    },
  };
});
