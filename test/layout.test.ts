// The layout a maintainer relies on (docs/architecture.md): no import cycle between files or between
// folders, no import from a lower layer to a higher one, no function over 80 lines.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** Layers from the bottom up: a file may import its own folder and the layers below its own. */
const LAYERS: readonly (readonly string[])[] = [
  ['types.ts', 'limits.ts', 'text'],
  ['numbering', 'diagnostics.ts', 'schema.ts'],
  ['wording', 'decode'],
  ['extract', 'script'],
  ['boilerplate'],
  ['outline'],
  ['emit'],
  ['pipeline.ts'],
  ['index.ts', 'cli'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const rel = (path: string): string => relative(SRC, path).split('\\').join('/');
const IMPORT = /(?:^|\n)\s*(?:import|export)\b(?:[^'"`;]*?from\s*)?\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gu;

/** Each source file's imports of other source files (static, dynamic and type-only alike). */
const imports = new Map<string, string[]>(files.map((file) => {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(IMPORT)].map((m) => rel(resolve(dirname(file), (m[1] ?? m[2])!).replace(/\.js$/u, '.ts')));
  return [rel(file), targets.filter((t) => t !== rel(file))];
}));

const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\b(?!\s+type\b)(?:[^'"`;]*?from\s*)?\s*['"](\.{1,2}\/[^'"]+)['"]/gu;

/** The files a file loads when it is loaded: its static imports, transitively (type-only imports load nothing). */
function loadedWith(start: string): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) {
      const target = rel(resolve(dirname(join(SRC, file)), m[1]!).replace(/\.js$/u, '.ts'));
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

const layerOf = (file: string): number => LAYERS.findIndex((layer) => layer.includes(file.split('/')[0]!));
/** A file's folder; a file at the top of src/ stands for itself (types.ts is no neighbour of pipeline.ts). */
const folderOf = (file: string): string => (file.includes('/') ? dirname(file) : file);

/** The cycles of a graph (its strongly connected components of more than one node). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('layout', () => {
  it('every source file belongs to a layer', () => {
    expect([...imports.keys()].filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('no import cycle between files', () => {
    expect(cycles(imports)).toEqual([]);
  });

  it('no import cycle between folders', () => {
    const folders = new Map<string, string[]>();
    for (const [file, targets] of imports) {
      const from = folderOf(file);
      const list = folders.get(from) ?? [];
      for (const t of targets) if (folderOf(t) !== from) list.push(folderOf(t));
      folders.set(from, list);
    }
    expect(cycles(folders)).toEqual([]);
  });

  it('no import from a lower layer to a higher one', () => {
    const upward = [...imports].flatMap(([file, targets]) => targets.filter((t) => layerOf(t) > layerOf(file)).map((t) => `${file} → ${t}`));
    expect(upward).toEqual([]);
  });

  it('no function is longer than 80 lines', () => {
    const long: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (last - first + 1 > 80) long.push(`${rel(file)}:${first + 1} (${last - first + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });

  it('a start loads no ReDoS checker, Markdown or HTML parser, converter tables or YAML: each is loaded when needed', () => {
    const loaded = [...loadedWith('cli/main.ts')];
    expect(loaded.filter((f) => /regex-safety|user-rules|extract\/(markdown|html)|emit\/(yaml|markdown)/u.test(f))).toEqual([]);
  });
});
