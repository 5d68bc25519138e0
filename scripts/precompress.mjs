/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of a build folder, so
 * the reference server (or any static server that looks for them, as nginx's gzip_static and
 * brotli_static do) sends compressed bytes without compressing on every request, at the
 * highest settings. `node scripts/precompress.mjs dist/cdn demo/dist`
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(html|js|mjs|css|json|svg|txt|map|ics|xml)$/;
/** Smaller files gain less than the Content-Encoding header costs. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.test(entry.name) && statSync(path).size >= MIN_BYTES) yield path;
  }
}

for (const dir of process.argv.slice(2)) {
  let count = 0;
  for (const path of files(dir)) {
    const bytes = readFileSync(path);
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    );
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    count += 1;
  }
  console.log(`precompressed ${count} files in ${dir}`);
}
