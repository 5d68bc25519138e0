/**
 * Size: each entry bundled and minified the way a page receives it (production Lit, every
 * dependency included), then gzip -9 and brotli -11. Budgets from shared/DESIGN.md and issue 16.
 * The CDN rows are the files `vite build --mode cdn` writes: the loader, the shared base chunk
 * and each widget's chunk, each compressed on its own as a browser receives it, so what a page
 * downloads is the sum of its files. A widget alone is its npm entry bundled by esbuild, as a
 * partner's own build would, with what it loads lazily measured apart. Beside each figure, what
 * the same page or entry cost before the loader (BEFORE).
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
  /** Gzip bytes of the same thing before: issue 16 (one CDN file of all four widgets), or for the map's lazily loaded files issue 20. */
  before?: number;
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
const BUDGETS = { bundle: 45 * KB, widget: 25 * KB, loader: 2 * KB };

/**
 * Gzip bytes before issue 16 (bench/results.json of 23 November 2026, commit 3601f18): one CDN
 * file registered all four widgets, so a page with any one of them downloaded all of it.
 */
const BEFORE: { cdn: number; alone: Record<string, number> } = {
  cdn: 49_263,
  alone: { 'session-calendar': 32_049, 'enrolment-form': 30_776, 'region-map': 27_448, 'principle-poll': 29_663 },
};

/**
 * Gzip bytes of the map's lazily loaded files before issue 20 (bench/results.json of 2 December
 * 2026, commit 472a278), when the map had no municipalities, zoom or badge placement.
 */
const BEFORE_MAP: Record<string, number> = { 'jeugdregio-2025.topojson': 6_963, geometry: 11_185 };

type Sizes = { min: number; gzip: number; brotli: number };
const sum = (list: Sizes[], key: keyof Sizes) => list.reduce((total, sizes) => total + sizes[key], 0);

const compressed = (bytes: Uint8Array) => ({
  min: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** The builds minify the CSS in Lit styles (vite.config.ts); the bench measures the same. */
export const minifiedStyles: Plugin = {
  name: 'minify-css-literals',
  setup(build) {
    build.onLoad({ filter: STYLES_FILE }, async ({ path }) => ({
      contents: minifyCssLiterals(await readFile(path, 'utf8')),
      loader: 'ts',
    }));
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
async function splitBundle(
  entry: string,
): Promise<{ initial: Uint8Array; lazy: { name: string; bytes: Uint8Array }[]; contributors: Contributor[] }> {
  const result = await build({
    ...BUILD,
    ...PLUGINS,
    entryPoints: [entry],
    splitting: true,
    outdir: '/bench-out',
    metafile: true,
    sourcemap: 'external',
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
  });
  // Output files and the metafile name the same files by different paths: key both by file name.
  const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const files = new Map(result.outputFiles.map((f) => [base(f.path), f.contents]));
  const entryFile = base(
    Object.keys(result.metafile.outputs).find((file) => result.metafile.outputs[file]!.entryPoint)!,
  );
  const outputs = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([path, output]) => [
      base(path),
      { ...output, imports: output.imports.map((i) => ({ ...i, path: base(i.path) })) },
    ]),
  );
  const initialFiles = new Set<string>();
  const visit = (file: string) => {
    if (initialFiles.has(file)) return;
    initialFiles.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entryFile);
  const join = (parts: Uint8Array[]) => Buffer.concat(parts);
  const contributors = contributorsOf(
    [...initialFiles]
      .filter((file) => file.endsWith('.js'))
      .map((file) => ({ code: files.get(file)!, sourceMap: files.get(`${file}.map`)! })),
  );
  return {
    contributors,
    initial: join([...initialFiles].filter((file) => file.endsWith('.js')).map((file) => files.get(file)!)),
    lazy: [...files]
      .filter(([file]) => !initialFiles.has(file) && file.endsWith('.js'))
      .map(([file, bytes]) => ({ name: file.replace(/-[A-Z0-9]+\.js$/, ''), bytes })),
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
        owner.fill(
          groups[segment[1]!],
          lineStart + segment[0],
          lineStart + (segments[i + 1]?.[0] ?? lineEnd - lineStart),
        );
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

interface CdnChunk {
  fileName: string;
  bytes: Uint8Array;
  imports: string[];
  dynamicImports: string[];
}

/** The CDN folder exactly as `vite build --mode cdn` writes it: the loader and every chunk. */
async function cdnChunks(): Promise<{ loader: CdnChunk; chunks: Map<string, CdnChunk> }> {
  const { build: viteBuild } = await import('vite');
  interface Output {
    type: 'chunk' | 'asset';
    fileName: string;
    code?: string;
    isEntry?: boolean;
    imports?: string[];
    dynamicImports?: string[];
  }
  type Result = { output: Output[] };
  const result = (await viteBuild({ mode: 'cdn', logLevel: 'silent', build: { write: false } })) as Result | Result[];
  const chunk = (file: Output): CdnChunk => ({
    fileName: file.fileName,
    bytes: Buffer.from(file.code ?? ''),
    imports: file.imports ?? [],
    dynamicImports: file.dynamicImports ?? [],
  });
  const output = (Array.isArray(result) ? result[0]! : result).output;
  const chunks = new Map(output.filter((file) => file.type === 'chunk').map((file) => [file.fileName, chunk(file)]));
  const loader = chunks.get('cop-widgets.js');
  if (!loader) throw new Error('bench: the CDN build wrote no cop-widgets.js');
  return { loader, chunks };
}

/** A chunk's name without its content hash: `session-calendar-BXcA4W8q.js` → `session-calendar`. */
const chunkName = (fileName: string) => fileName.replace(/-[\w-]{8}\.js$/, '');

const WIDGETS = [
  ['<cop-session-calendar>', 'src/session-calendar/session-calendar.ts'],
  ['<cop-enrolment-form>', 'src/enrolment-form/enrolment-form.ts'],
  ['<cop-region-map>', 'src/region-map/region-map.ts'],
  ['<cop-principle-poll>', 'src/principle-poll/principle-poll.ts'],
] as const;

/** The alternatives users compare us with, bundled the same way (installed for the bench only). */
const ALTERNATIVES = [
  ['add-to-calendar-button 2 (export only)', `import 'add-to-calendar-button';`],
  [
    'FullCalendar 6 core + list',
    `export { Calendar } from '@fullcalendar/core'; export { default as list } from '@fullcalendar/list';`,
  ],
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
  'gemeenten-2025': 'municipalities (CBS, 342 with their region)',
  ics: 'calendar files and links',
  'session-calendar.messages.en': 'English texts',
  'enrolment-form.messages.en': 'English texts',
  'region-map.messages.en': 'English texts',
  'principle-poll.messages.en': 'English texts',
};

export async function measureSizes(): Promise<{
  ours: SizeRow[];
  alternatives: SizeRow[];
  ratios: { ours: string; theirs: string; ratio: number }[];
}> {
  const ours: SizeRow[] = [];
  const row = (name: string, bytes: Uint8Array, budget?: number, note?: string): SizeRow => {
    const sizes = compressed(bytes);
    return { name, ...sizes, ...(budget ? { budget, pass: sizes.gzip <= budget } : {}), ...(note ? { note } : {}) };
  };
  // The CDN: what a page downloads is its files, each compressed on its own, added up.
  const { loader, chunks } = await cdnChunks();
  const files = (...list: CdnChunk[]) => {
    const sizes = list.map((chunk) => compressed(chunk.bytes));
    return { min: sum(sizes, 'min'), gzip: sum(sizes, 'gzip'), brotli: sum(sizes, 'brotli') };
  };
  const cdnRow = (name: string, list: CdnChunk[], budget?: number, before?: number): SizeRow => {
    const sizes = files(...list);
    return { name, ...sizes, ...(budget ? { budget, pass: sizes.gzip <= budget } : {}), ...(before ? { before } : {}) };
  };
  const byName = (name: string) => [...chunks.values()].find((chunk) => chunkName(chunk.fileName) === name);
  const base = byName('base');
  if (!base) throw new Error('bench: the CDN build wrote no base chunk');
  const widgetChunks = WIDGETS.map(([tag, entry]) => {
    const name = entry.split('/')[1]!;
    const chunk = byName(name);
    if (!chunk || !loader.dynamicImports.includes(chunk.fileName)) {
      throw new Error(`bench: the loader does not import a ${name} chunk`);
    }
    const extra = chunk.imports.filter((file) => file !== base.fileName);
    if (extra.length) throw new Error(`bench: ${chunk.fileName} needs more than the base: ${extra.join(', ')}`);
    return { tag, chunk };
  });
  const describe = { loader: 'CDN loader, dist/cdn/cop-widgets.js (finds the tags, loads their chunks)' };
  ours.push(cdnRow(describe.loader, [loader], BUDGETS.loader));
  ours.push(cdnRow('CDN shared base chunk (Lit, zod, feed contract, CopElement, shared styles)', [base]));
  for (const { tag, chunk } of widgetChunks) {
    ours.push(cdnRow(`CDN base + ${tag}`, [base, chunk], BUDGETS.widget));
    const page = `CDN page with only ${tag}: loader + base + widget`;
    ours.push(cdnRow(page, [loader, base, chunk], undefined, BEFORE.cdn));
  }
  const all =
    'CDN page with all four widgets: loader + base + four widget chunks (map files and English load when needed)';
  ours.push(cdnRow(all, [loader, base, ...widgetChunks.map((w) => w.chunk)], BUDGETS.bundle, BEFORE.cdn));
  const english = [...chunks.values()].filter((chunk) => chunkName(chunk.fileName).endsWith('.en'));
  ours.push(cdnRow('CDN: English texts of all four widgets (loaded when needed)', english));
  for (const [name, entry] of WIDGETS) {
    const { initial, lazy, contributors } = await splitBundle(entry);
    const alone = row(`${name} alone (npm entry, bundled as an app would)`, initial, BUDGETS.widget);
    ours.push({ ...alone, contributors, before: BEFORE.alone[entry.split('/')[1]!] });
    for (const file of lazy) {
      const lazyRow = row(`${name}: ${LAZY_NAMES[file.name] ?? file.name} (loaded when needed)`, file.bytes);
      ours.push({ ...lazyRow, ...(BEFORE_MAP[file.name] ? { before: BEFORE_MAP[file.name] } : {}) });
    }
    // Issue 20 asked whether the municipalities go with the region geometry or in a file of their own.
    const [regions, municipalities] = ['jeugdregio-2025.topojson', 'gemeenten-2025'].map((n) =>
      lazy.find((f) => f.name === n),
    );
    if (regions && municipalities) {
      const oneFile = Buffer.concat([regions.bytes, municipalities.bytes]);
      ours.push(row(`${name}: map geometry and municipalities in one file (measured to choose; not shipped)`, oneFile));
    }
  }
  const alternatives: SizeRow[] = [];
  for (const [name, contents] of ALTERNATIVES) alternatives.push(row(name, await bundle(contents)));
  const calendar = ours.find((r) => r.name.startsWith('<cop-session-calendar>'))!;
  const ratios = alternatives.map((alt) => ({
    ours: calendar.name,
    theirs: alt.name,
    ratio: Number((alt.gzip / calendar.gzip).toFixed(2)),
  }));
  return { ours, alternatives, ratios };
}
