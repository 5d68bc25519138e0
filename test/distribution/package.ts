/**
 * The package as a partner gets it: `npm run build` (library, CDN bundle, types, manifest), then
 * `npm pack`, then the tarball unpacked into fixtures/node_modules/cop-widgets, where the fixture
 * apps import it by name. Its own dependencies (lit, zod, date-fns…) resolve from the
 * repository's node_modules further up, so nothing is installed from the network.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = join(HERE, '..', '..');
/** Generated files: the tarball and the fixture apps' builds (gitignored). */
export const WORK = join(HERE, '.work');
export const FIXTURES = join(HERE, 'fixtures');
/** Where the unpacked package lives, so `import 'cop-widgets/…'` from a fixture finds it. */
export const INSTALLED = join(FIXTURES, 'node_modules', 'cop-widgets');

export interface PackedFile {
  path: string;
  size: number;
}

export interface Packed {
  version: string;
  tarball: string;
  files: PackedFile[];
  size: number;
  unpackedSize: number;
}

const npm = (args: string[]) =>
  execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Builds, packs and unpacks; returns what `npm pack` reported. */
export function preparePackage(): Packed {
  npm(['run', 'build']);
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const [report] = JSON.parse(npm(['pack', '--json', '--pack-destination', WORK])) as [
    { version: string; filename: string; files: PackedFile[]; size: number; unpackedSize: number },
  ];
  const tarball = join(WORK, report.filename);
  rmSync(INSTALLED, { recursive: true, force: true });
  mkdirSync(INSTALLED, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', INSTALLED, '--strip-components=1']);
  const packed: Packed = {
    version: report.version,
    tarball,
    files: report.files.map(({ path, size }) => ({ path, size })),
    size: report.size,
    unpackedSize: report.unpackedSize,
  };
  writeFileSync(join(WORK, 'packed.json'), JSON.stringify(packed));
  return packed;
}

/** The package prepared by `npm run test:dist` (test/distribution/prepare.ts), or prepared now. */
export function packed(): Packed {
  const record = join(WORK, 'packed.json');
  if (!existsSync(record) || !existsSync(join(INSTALLED, 'package.json'))) return preparePackage();
  return JSON.parse(readFileSync(record, 'utf8')) as Packed;
}
