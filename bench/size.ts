/**
 * Size: each entry bundled and minified the way a page receives it (production Lit, every
 * dependency included), then gzip -9 and brotli -11. Budgets from shared/DESIGN.md.
 */
import { build } from 'esbuild';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface SizeRow {
  name: string;
  min: number;
  gzip: number;
  brotli: number;
  budget?: number;
  pass?: boolean;
  note?: string;
}

const KB = 1024;
const BUDGETS = { bundle: 45 * KB, widget: 25 * KB };

const compressed = (bytes: Uint8Array) => ({
  min: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

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

async function bundle(contents: string): Promise<Uint8Array> {
  const result = await build({ ...BUILD, stdin: { contents, resolveDir: process.cwd(), loader: 'ts' } });
  return result.outputFiles[0]!.contents;
}

/**
 * An entry as the browser loads it: what it imports statically counts as the entry; what it
 * loads with import() (the map's drawing code and geometry) is measured file by file.
 */
async function splitBundle(entry: string): Promise<{ initial: Uint8Array; lazy: { name: string; bytes: Uint8Array }[] }> {
  const result = await build({ ...BUILD, entryPoints: [entry], splitting: true, outdir: '/bench-out', metafile: true, entryNames: '[name]', chunkNames: '[name]-[hash]' });
  // Output files and the metafile name the same files by different paths: key both by file name.
  const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const files = new Map(result.outputFiles.map((f) => [base(f.path), f.contents]));
  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([path, output]) => [base(path), { ...output, imports: output.imports.map((i) => ({ ...i, path: base(i.path) })) }]));
  const initialFiles = new Set<string>();
  const visit = (file: string) => {
    if (initialFiles.has(file)) return;
    initialFiles.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(Object.keys(outputs).find((file) => outputs[file]!.entryPoint)!);
  const join = (parts: Uint8Array[]) => Buffer.concat(parts);
  return {
    initial: join([...initialFiles].map((file) => files.get(file)!)),
    lazy: [...files].filter(([file]) => !initialFiles.has(file) && file.endsWith('.js')).map(([file, bytes]) => ({ name: file.replace(/-[A-Z0-9]+\.js$/, ''), bytes })),
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

const LAZY_NAMES: Record<string, string> = { geometry: 'drawing code (d3-geo, topojson-client)', 'jeugdregio-2025.topojson': 'map geometry (CBS youth-care regions)' };

export async function measureSizes(): Promise<{ ours: SizeRow[]; alternatives: SizeRow[]; ratios: { ours: string; theirs: string; ratio: number }[] }> {
  const ours: SizeRow[] = [];
  const row = (name: string, bytes: Uint8Array, budget?: number, note?: string): SizeRow => {
    const sizes = compressed(bytes);
    return { name, ...sizes, ...(budget ? { budget, pass: sizes.gzip <= budget } : {}), ...(note ? { note } : {}) };
  };
  ours.push(row('CDN bundle (all widgets, without the lazily loaded map files)', (await splitBundle('src/cop-widgets.ts')).initial, BUDGETS.bundle));
  const base = await bundle(`export { CopElement } from './src/shared/cop-element.ts'; export * from './src/feed/index.ts';`);
  ours.push(row('shared base (Lit, zod, feed contract, CopElement)', base));
  for (const [name, entry] of WIDGETS) {
    const { initial, lazy } = await splitBundle(entry);
    ours.push(row(`${name} alone`, initial, BUDGETS.widget));
    for (const file of lazy) ours.push(row(`${name}: ${LAZY_NAMES[file.name] ?? file.name} (loaded when needed)`, file.bytes));
  }
  const alternatives: SizeRow[] = [];
  for (const [name, contents] of ALTERNATIVES) alternatives.push(row(name, await bundle(contents)));
  const calendar = ours.find((r) => r.name.startsWith('<cop-session-calendar>'))!;
  const ratios = alternatives.map((alt) => ({ ours: calendar.name, theirs: alt.name, ratio: Number((alt.gzip / calendar.gzip).toFixed(2)) }));
  return { ours, alternatives, ratios };
}
