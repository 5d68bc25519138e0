/**
 * What `npm pack` puts in the package: every export resolves to a packed file, the CDN bundle is
 * there under its plain and its versioned name with the lazy chunks it loads, the declarations
 * are complete, and the npm build imports only the package's own dependencies.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { before, describe, it } from 'node:test';
import { INSTALLED, packed, type Packed } from './package.js';

interface Manifest {
  version: string;
  exports: Record<string, string | Record<string, string>>;
  dependencies: Record<string, string>;
  files: string[];
}

const read = (path: string) => readFileSync(join(INSTALLED, path), 'utf8');
/** Relative module specifiers in `import … from`, `export … from` and `import()`. */
const relativeImports = (code: string) =>
  [...code.matchAll(/(?:from\s*|import\s*\(\s*)["'`](\.{1,2}\/[^"'`]+)["'`]/g)].map((match) => match[1]!);

describe('the packed package', () => {
  let pkg: Packed;
  let manifest: Manifest;
  let files: Set<string>;

  before(() => {
    pkg = packed();
    manifest = JSON.parse(read('package.json')) as Manifest;
    files = new Set(pkg.files.map((file) => file.path));
    console.log(
      `${pkg.files.length} files, ${(pkg.size / 1024).toFixed(0)} kB packed, ${(pkg.unpackedSize / 1024).toFixed(0)} kB unpacked`,
    );
  });

  it('holds the builds, the manifest and the README, and nothing from the repository besides', () => {
    for (const path of files)
      assert.match(
        path,
        /^(dist\/.+|themes\/[a-z-]+\.css|README\.md|custom-elements\.json|package\.json|LICEN[CS]E.*)$/,
        `${path} does not belong in the package`,
      );
    // The licence package.json names, in full: EUPL-1.2 asks for its text to travel with the work.
    assert.equal((JSON.parse(read('package.json')) as { license: string }).license, 'EUPL-1.2');
    assert.match(read('LICENSE'), /^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2\n/);
    const manifestTags = (
      JSON.parse(read('custom-elements.json')) as { modules: { declarations?: { tagName?: string }[] }[] }
    ).modules
      .flatMap((module) => module.declarations ?? [])
      .flatMap((declaration) => (declaration.tagName ? [declaration.tagName] : []));
    assert.deepEqual(manifestTags.sort(), [
      'cop-enrolment-form',
      'cop-principle-poll',
      'cop-region-map',
      'cop-session-calendar',
    ]);
  });

  it('resolves every export, types and code, to a packed file', () => {
    const targets = Object.values(manifest.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    assert.ok(targets.length >= 18, 'the exports map lists the widgets, the feed, React and Vue typings');
    for (const target of targets) {
      if (!target.includes('*')) assert.ok(files.has(posix.normalize(target)), `${target} is in the package`);
      else {
        // A subpath pattern (./themes/*) must match packed files: the three theme stylesheets.
        const [before, after] = posix.normalize(target).split('*') as [string, string];
        const matched = [...files].filter((file) => file.startsWith(before) && file.endsWith(after));
        assert.deepEqual(
          matched.sort(),
          ['themes/dark.css', 'themes/default.css', 'themes/nl-design-system.css'],
          `${target} matches the theme files`,
        );
      }
    }
    for (const subpath of [
      './session-calendar',
      './enrolment-form',
      './region-map',
      './principle-poll',
      './react',
      './vue',
    ]) {
      assert.ok(manifest.exports[subpath], `cop-widgets/${subpath.slice(2)} is exported`);
    }
  });

  it('ships the CDN loader as cop-widgets.js and cop-widgets.<version>.js, with every chunk it loads', () => {
    const plain = read('dist/cdn/cop-widgets.js');
    const versioned = read(`dist/cdn/cop-widgets.${manifest.version}.js`);
    const withoutMapComment = (code: string) => code.replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
    assert.equal(withoutMapComment(versioned), withoutMapComment(plain), 'the same code under both names');
    assert.match(
      versioned,
      new RegExp(`//# sourceMappingURL=cop-widgets\\.${manifest.version.replaceAll('.', '\\.')}\\.js\\.map\\s*$`),
    );
    assert.ok(files.has(`dist/cdn/cop-widgets.${manifest.version}.js.map`));
    assert.doesNotMatch(
      versioned,
      /\bfrom\s*["'`]|\bimport\s*["'`{*]/,
      'the loader imports nothing up front: every chunk comes by import()',
    );
    // Every chunk the loader can reach, directly or through another chunk.
    const reached = new Set<string>();
    const visit = (file: string) => {
      for (const chunk of relativeImports(read(posix.join('dist/cdn', file)))) {
        const name = posix.normalize(chunk);
        assert.ok(files.has(posix.join('dist/cdn', name)), `${chunk} (loaded by ${file}) is in the package`);
        assert.match(name, /-[\w-]{8}\.js$/, `${chunk} has a content hash in its name, so it can be cached forever`);
        if (reached.has(name)) continue;
        reached.add(name);
        visit(name);
      }
    };
    visit(`cop-widgets.${manifest.version}.js`);
    const names = [...reached].map((file) => file.replace(/-[\w-]{8}\.js$/, ''));
    const maps = ['geometry', 'jeugdregio-2025.topojson', 'gemeenten-2025'];
    for (const widget of ['session-calendar', 'enrolment-form', 'region-map', 'principle-poll', 'base', ...maps]) {
      assert.ok(names.includes(widget), `a chunk of its own: ${widget} (${names.join(', ')})`);
    }
    // A lazily loaded chunk that imports from a widget's makes the bundler split out its runtime (docs/architecture.md).
    assert.deepEqual(
      names.filter((name) => name.includes('runtime')),
      [],
      'no runtime chunk for a widget to wait for',
    );
    assert.match(
      read('dist/cdn/THIRD-PARTY-LICENSES.txt'),
      /Bron: CBS, PDOK\. Open data under .*\(CC BY 4\.0/s,
      'the map data is credited',
    );
    assert.ok(
      ![...reached].some((file) => file.startsWith('cop-widgets')),
      'no chunk loads the entry, whose plain name is not versioned',
    );
  });

  it('has declarations whose relative imports all resolve, so nothing turns silently into any', () => {
    const declarations = [...files].filter((path) => path.endsWith('.d.ts'));
    assert.ok(declarations.length > 20);
    for (const file of declarations) {
      for (const specifier of relativeImports(read(file))) {
        const target = posix.join(dirname(file), specifier).replace(/\.js$/, '.d.ts');
        assert.ok(files.has(target), `${file} imports ${specifier}, which is not in the package`);
      }
    }
    const tagMap = declarations.filter((file) => read(file).includes('interface HTMLElementTagNameMap'));
    assert.equal(tagMap.length, 4, 'each widget declares its tag in HTMLElementTagNameMap');
  });

  it('imports at run time only its own dependencies (the npm build leaves them to the app)', () => {
    const code = [...files].filter((path) => /^dist\/[^/]+\.js$/.test(path));
    const bare = new Set(
      code.flatMap((file) =>
        [...read(file).matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])([^./"'][^"']*)\1/g)].map(
          (match) => match[2]!,
        ),
      ),
    );
    const packageOf = (specifier: string) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
    assert.ok(bare.has('lit'), 'Lit stays an import');
    for (const specifier of bare)
      assert.ok(packageOf(specifier) in manifest.dependencies, `${specifier} is a dependency`);
  });
});
