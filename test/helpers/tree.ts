// Helpers the tests share: reading fixtures, walking trees, the nothing-lost check.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyNode, RootNode } from '../../src/types.js';
import type { ParseOptions } from '../../src/pipeline.js';

export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

export interface PageCase {
  readonly name: string;
  readonly dir: string;
  readonly inputFile: string;
  readonly options: ParseOptions;
}

/** Every fixtures/<group>/<case>/ with an input.* file. */
export function pageCases(group: string): PageCase[] {
  const root = join(FIXTURES, group);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(root, d.name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'));
      const optionsFile = join(dir, 'options.json');
      const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as ParseOptions) : {};
      return input ? { name: d.name, dir, inputFile: join(dir, input), options } : null;
    })
    .filter((c): c is PageCase => c !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The tree with the source path replaced by a placeholder, so fixtures do not depend on where they live. */
export function portable(tree: RootNode): RootNode {
  return { ...tree, source: { ...tree.source, path: tree.source.path === null ? null : '<input>' } };
}

/** Outline lines `DEPTH MARKER TEXT` per document, as in fixtures/outline and the gold files. */
export function outlineLines(tree: RootNode, textWidth = 12): string[] {
  const out: string[] = [];
  for (const doc of tree.children) {
    out.push(`# doc: ${doc.title ?? 'null'}`);
    const walk = (nodes: readonly BodyNode[], depth: number): void => {
      for (const n of nodes) {
        if (n.type === 'paragraph') continue;
        const text = n.type === 'item' ? n.text : n.title;
        out.push(`${depth} ${n.marker?.raw ?? '_'} ${[...text.replace(/\s+/gu, ' ')].slice(0, textWidth).join('')}`);
        if (n.type === 'section') walk(n.children, depth + 1);
      }
    };
    walk(doc.children, 1);
  }
  return out;
}

interface Piece {
  readonly offset: number;
  readonly order: number;
  readonly text: string;
}

/** Every text field that carries input characters, with where it starts. */
export function textPieces(tree: RootNode): Piece[] {
  const pieces: Piece[] = [];
  let order = 0;
  const add = (offset: number, text: string): void => {
    pieces.push({ offset, order: order++, text });
  };
  for (const doc of tree.children) {
    if (doc.title !== null) add(doc.position.start.offset, doc.title);
    const walk = (nodes: readonly BodyNode[]): void => {
      for (const n of nodes) {
        const at = n.position.start.offset;
        if (n.type === 'paragraph') add(at, n.text);
        else if (n.type === 'item') add(at, n.marker.raw + n.text);
        else {
          add(at, (n.marker?.raw ?? '') + n.title);
          walk(n.children);
        }
      }
    };
    walk(doc.children);
  }
  for (const r of tree.removed) add(r.position.start.offset, r.text);
  return pieces;
}

const visible = (s: string): string[] => [...s.replace(/[\s\u200B-\u200D\u2060\uFEFF\u00AD]/gu, '')];

/** Characters of `reference` that the tree lost, and characters it has that the reference lacks. */
export function lostAndExtra(tree: RootNode, reference: string): { lost: string; extra: string } {
  const counts = new Map<string, number>();
  for (const ch of visible(reference)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let extra = '';
  for (const piece of textPieces(tree)) {
    for (const ch of visible(piece.text)) {
      const n = counts.get(ch) ?? 0;
      if (n === 0) extra += ch;
      else counts.set(ch, n - 1);
    }
  }
  let lost = '';
  for (const [ch, n] of counts) if (n > 0) lost += ch.repeat(n);
  return { lost, extra };
}

/** Walk every node of a tree. */
export function* nodesOf(tree: RootNode): Generator<BodyNode | RootNode['children'][number]> {
  const walk = function* (nodes: readonly BodyNode[]): Generator<BodyNode> {
    for (const n of nodes) {
      yield n;
      if (n.type === 'section') yield* walk(n.children);
    }
  };
  for (const doc of tree.children) {
    yield doc;
    yield* walk(doc.children);
  }
}
