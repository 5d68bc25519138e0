/**
 * The import graph of a source folder and the circles in it. Every kind of import counts: static
 * imports and re-exports, `import type` (a type-only circle still ties the files together) and
 * `import()`. Read with TypeScript's own pre-processor, so no dependency is needed; bare
 * specifiers (packages) are left out.
 *   node --import tsx scripts/import-graph.ts src   (prints the circles, exits 1 when there are any)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/** Source files by path (`session-calendar/month.ts`), relative to the folder read. */
export type Sources = Map<string, string>;

export function readSources(dir: string): Sources {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'));
  return new Map(files.sort().map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

/** Each file and the files it imports (`./x.js` is `x.ts` when that is the source). */
export function importGraph(sources: Sources): Map<string, string[]> {
  const resolve = (from: string, specifier: string) => {
    const target = posix.normalize(posix.join(posix.dirname(from), specifier));
    return [target, target.replace(/\.js$/, '.ts')].find((file) => sources.has(file));
  };
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const relative = importedFiles.filter(({ fileName }) => fileName.startsWith('.'));
    const targets = relative.map(({ fileName }) => resolve(file, fileName));
    graph.set(file, [...new Set(targets.filter((target) => target !== undefined))]);
  }
  return graph;
}

/** The circles: groups of files that import each other, directly or round about (Tarjan). */
export function findCircles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file)?.includes(file)) circles.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return circles;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const circles = findCircles(importGraph(readSources(process.argv[2] ?? 'src')));
  for (const circle of circles) console.log(`circle of ${circle.length}: ${circle.join(' → ')}`);
  console.log(circles.length ? `${circles.length} import circle(s)` : 'no import circles');
  process.exitCode = circles.length ? 1 : 0;
}
