/**
 * Size: each entry bundled and minified the way a page receives it (production Lit, every
 * dependency included), then gzip -9 and brotli -11. Budgets from shared/DESIGN.md. The CDN
 * bundle is the file `vite build --mode cdn` writes; a widget alone is its npm entry bundled
 * by esbuild, as a partner's own build would, with what it loads lazily measured apart.
 */
import { decode } from '@jridgewell/sourcemap-codec';
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minifyCssLiterals, STYLES_FILE } from '../scripts/minify-css.js';

export interface SizeRow {
  name: string;
  min: number;
  gzip: number;
  brotli: number;
  budget?: number;
  pass?: boolean;
  note?: string;
  /** For a widget: what it is made of, biggest first (gzip: what leaving it out would save). */
  contributors?: Contributor[];
}

export interface Contributor {
  what: string;
  min: number;
  gzip: number;
}

const KB = 1024;
const BUDGETS = { bundle: 45 * KB, widget: 25 * KB };

const compressed = (bytes: Uint8Array) => ({
  min: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** The builds minify the CSS in Lit styles (vite.config.ts); the bench measures the same. */
export const minifiedStyles: Plugin = {
  name: 'minify-css-literals',
  setup(build) {
    build.onLoad({ filter: STYLES_FILE }, async ({ path }) => ({ contents: minifyCssLiterals(await readFile(path, 'utf8')), loader: 'ts' }));
  },
};

const BUILD = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  legalComments: 'none',
  define: { __COP_VERSION__: '"bench"', 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
} as const;
const PLUGINS = { plugins: [minifiedStyles] };

async function bundle(contents: string): Promise<Uint8Array> {
  const result = await build({ ...BUILD, ...PLUGINS, stdin: { contents, resolveDir: process.cwd(), loader: 'ts' } });
  return result.outputFiles[0]!.contents;
}

/**
 * An entry as the browser loads it: what it imports statically counts as the entry; what it
 * loads with import() (the map's drawing code and geometry) is measured file by file.
 */
async function splitBundle(entry: string): Promise<{ initial: Uint8Array; lazy: { name: string; bytes: Uint8Array }[]; contributors: Contributor[] }> {
  const result = await build({ ...BUILD, ...PLUGINS, entryPoints: [entry], splitting: true, outdir: '/bench-out', metafile: true, sourcemap: 'external', entryNames: '[name]', chunkNames: '[name]-[hash]' });
  // Output files and the metafile name the same files by different paths: key both by file name.
  const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const files = new Map(result.outputFiles.map((f) => [base(f.path), f.contents]));
  const entryFile = base(Object.keys(result.metafile.outputs).find((file) => result.metafile.outputs[file]!.entryPoint)!);
  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([path, output]) => [base(path), { ...output, imports: output.imports.map((i) => ({ ...i, path: base(i.path) })) }]));
  const initialFiles = new Set<string>();
  const visit = (file: string) => {
    if (initialFiles.has(file)) return;
    initialFiles.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entryFile);
  const join = (parts: Uint8Array[]) => Buffer.concat(parts);
  const contributors = contributorsOf([...initialFiles].filter((file) => file.endsWith('.js')).map((file) => ({ code: files.get(file)!, sourceMap: files.get(`${file}.map`)! })));
  return {
    contributors,
    initial: join([...initialFiles].filter((file) => file.endsWith('.js')).map((file) => files.get(file)!)),
    lazy: [...files].filter(([file]) => !initialFiles.has(file) && file.endsWith('.js')).map(([file, bytes]) => ({ name: file.replace(/-[A-Z0-9]+\.js$/, ''), bytes })),
  };
}

/** A source file's group in the contributors list: its package, or the file itself. */
function groupOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1]!;
  return source.replace(/^.*?\/src\//, 'src/');
}

/**
 * What each source (grouped as above) costs the minified file, from the source map: its bytes,
 * and how much smaller the gzipped file gets without them. Gzip shares repeats across the file,
 * so the gzip figures add up to about the whole, not exactly.
 */
function contributorsOf(files: { code: Uint8Array; sourceMap: Uint8Array }[]): Contributor[] {
  let text = '';
  const owner: (string | undefined)[] = [];
  for (const { code, sourceMap } of files) {
    const start = text.length;
    text += Buffer.from(code).toString('latin1');
    owner.length = text.length;
    const map = JSON.parse(Buffer.from(sourceMap).toString('utf8')) as { sources: string[]; mappings: string };
    const groups = map.sources.map(groupOf);
    let lineStart = start;
    for (const segments of decode(map.mappings)) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 ? text.length : newline;
      segments.forEach((segment, i) => {
        if (segment.length < 2) return;
        owner.fill(groups[segment[1]!], lineStart + segment[0], lineStart + (segments[i + 1]?.[0] ?? lineEnd - lineStart));
      });
      lineStart = lineEnd + 1;
    }
  }
  const whole = gzipSync(Buffer.from(text, 'latin1'), { level: 9 }).length;
  return [...new Set(owner.filter((group) => group !== undefined))]
    .map((what) => {
      let kept = '';
      let min = 0;
      for (let i = 0; i < text.length; i++) {
        if (owner[i] === what) min++;
        else kept += text[i];
      }
      return { what, min, gzip: whole - gzipSync(Buffer.from(kept, 'latin1'), { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** The CDN file exactly as `vite build --mode cdn` writes it, and the files it loads lazily. */
async function cdnBundle(): Promise<{ initial: Uint8Array; lazy: { name: string; bytes: Uint8Array }[] }> {
  const { build: viteBuild } = await import('vite');
  interface Chunk {
    type: 'chunk' | 'asset';
    fileName: string;
    code?: string;
    isEntry?: boolean;
    imports?: string[];
  }
  const result = (await viteBuild({ mode: 'cdn', logLevel: 'silent', build: { write: false } })) as { output: Chunk[] } | { output: Chunk[] }[];
  const chunks = (Array.isArray(result) ? result[0]! : result).output.filter((file) => file.type === 'chunk');
  const entry = chunks.find((chunk) => chunk.isEntry && chunk.fileName === 'cop-widgets.js');
  if (!entry) throw new Error('bench: the CDN build wrote no cop-widgets.js');
  const initial = new Set([entry.fileName, ...(entry.imports ?? [])]);
  const bytes = (chunk: Chunk) => Buffer.from(chunk.code ?? '');
  return {
    initial: Buffer.concat(chunks.filter((chunk) => initial.has(chunk.fileName)).map(bytes)),
    lazy: chunks.filter((chunk) => !chunk.isEntry && !initial.has(chunk.fileName)).map((chunk) => ({ name: chunk.fileName.replace(/-[\w-]{8}\.js$/, ''), bytes: bytes(chunk) })),
  };
}

const WIDGETS = [
  ['<cop-session-calendar>', 'src/session-calendar/session-calendar.ts'],
  ['<cop-enrolment-form>', 'src/enrolment-form/enrolment-form.ts'],
  ['<cop-region-map>', 'src/region-map/region-map.ts'],
  ['<cop-principle-poll>', 'src/principle-poll/principle-poll.ts'],
] as const;

/** The alternatives users compare us with, bundled the same way (installed for the bench only). */
const ALTERNATIVES = [
  ['add-to-calendar-button 2 (export only)', `import 'add-to-calendar-button';`],
  ['FullCalendar 6 core + list', `export { Calendar } from '@fullcalendar/core'; export { default as list } from '@fullcalendar/list';`],
  [
    'FullCalendar 6 core + list + daygrid',
    `export { Calendar } from '@fullcalendar/core'; export { default as list } from '@fullcalendar/list'; export { default as dayGrid } from '@fullcalendar/daygrid';`,
  ],
  [
    'FullCalendar 6 (list + daygrid) + add-to-calendar-button',
    `export { Calendar } from '@fullcalendar/core'; export { default as list } from '@fullcalendar/list'; export { default as dayGrid } from '@fullcalendar/daygrid'; import 'add-to-calendar-button';`,
  ],
] as const;

const LAZY_NAMES: Record<string, string> = {
  geometry: 'drawing code (d3-geo, topojson-client)',
  'jeugdregio-2025.topojson': 'map geometry (CBS youth-care regions)',
  'calendar.en': 'English texts',
  'enrolment.en': 'English texts',
  'map.en': 'English texts',
  'poll.en': 'English texts',
};

export async function measureSizes(): Promise<{ ours: SizeRow[]; alternatives: SizeRow[]; ratios: { ours: string; theirs: string; ratio: number }[] }> {
  const ours: SizeRow[] = [];
  const row = (name: string, bytes: Uint8Array, budget?: number, note?: string): SizeRow => {
    const sizes = compressed(bytes);
    return { name, ...sizes, ...(budget ? { budget, pass: sizes.gzip <= budget } : {}), ...(note ? { note } : {}) };
  };
  const cdn = await cdnBundle();
  ours.push(row('CDN bundle, dist/cdn/cop-widgets.js (all widgets; map files and English load when needed)', cdn.initial, BUDGETS.bundle));
  const english = cdn.lazy.filter((file) => file.name.endsWith('.en'));
  ours.push(row('CDN bundle: English texts of all four widgets (loaded when needed)', Buffer.concat(english.map((file) => file.bytes))));
  const base = await bundle(`export { CopElement } from './src/shared/cop-element.ts'; export * from './src/feed/index.ts';`);
  ours.push(row('shared base (Lit, zod, feed contract, CopElement)', base));
  for (const [name, entry] of WIDGETS) {
    const { initial, lazy, contributors } = await splitBundle(entry);
    ours.push({ ...row(`${name} alone`, initial, BUDGETS.widget), contributors });
    for (const file of lazy) ours.push(row(`${name}: ${LAZY_NAMES[file.name] ?? file.name} (loaded when needed)`, file.bytes));
  }
  const alternatives: SizeRow[] = [];
  for (const [name, contents] of ALTERNATIVES) alternatives.push(row(name, await bundle(contents)));
  const calendar = ours.find((r) => r.name.startsWith('<cop-session-calendar>'))!;
  const ratios = alternatives.map((alt) => ({ ours: calendar.name, theirs: alt.name, ratio: Number((alt.gzip / calendar.gzip).toFixed(2)) }));
  return { ours, alternatives, ratios };
}
