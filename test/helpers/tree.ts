// Helpers the tests share: reading fixtures, walking trees, the nothing-lost check (whose logic
// lives in test/fuzz/invariants.mjs, shared with the long fuzz on dist/).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyNode, RootNode } from '../../src/types.js';
import type { ParseOptions } from '../../src/pipeline.js';
import { parsePlan } from '../../src/pipeline.js';
import { decodeBytes } from '../../src/decode/decode.js';
import { declaredCharset } from '../../src/decode/meta-charset.js';
import { normalizeText } from '../../src/text/normalize.js';
import { convertScript } from '../../src/script/convert.js';
import { extractText } from '../../src/extract/extract.js';
import { makeChecker, nothingLost as nothingLostJs } from '../fuzz/invariants.mjs';

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
        out.push(`${depth} ${n.marker?.raw.replace(/\s+/gu, '') ?? '_'} ${[...text.replace(/\s+/gu, ' ')].slice(0, textWidth).join('')}`);
        if (n.type === 'section') walk(n.children, depth + 1);
      }
    };
    walk(doc.children, 1);
  }
  return out;
}

export interface Reference {
  /** The visible UTF-16 code units the tree must hold, in input order… */
  readonly units: readonly string[];
  /** …and the offset of each in the decoded input. */
  readonly at: readonly number[];
}

export interface NothingLost {
  /** Characters of the reference no field holds. */
  readonly lost: string;
  /** Characters fields hold that the reference lacks. */
  readonly extra: string;
  /** The first place the fields do not hold the reference in input order; '' when they do. */
  readonly disorder: string;
}

const checker = makeChecker({ parsePlan, decodeBytes, declaredCharset, normalizeText, convertScript, extractText, validate: () => true }) as {
  referenceOf(input: Uint8Array | string, tree: RootNode, script: 'convert' | 'keep', vocabulary: boolean): Reference;
};

/**
 * The reference a tree is checked against: the input decoded as the tree says it was, its
 * adapter's text normalized and script-converted as the pipeline does (the chrome it left out too),
 * each visible unit with its input offset. test/fuzz/invariants.mjs holds the logic, shared with the long fuzz.
 */
export function referenceOf(input: Uint8Array | string, tree: RootNode, script: 'convert' | 'keep' = 'convert', vocabulary = false): Reference {
  return checker.referenceOf(input, tree, script, vocabulary);
}

/** Nothing lost, as a multiset (`lost`, `extra`) and in order (`disorder`): see test/fuzz/invariants.mjs. */
export const nothingLost = nothingLostJs as (tree: RootNode, reference: Reference) => NothingLost;

/** The check every test makes: nothing lost, nothing added, all in order. */
export const NOTHING_LOST: NothingLost = { lost: '', extra: '', disorder: '' };

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
