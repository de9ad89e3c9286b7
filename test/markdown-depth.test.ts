// Markdown nested deeper than MAX_NESTING_DEPTH list or quote levels: flattened to that depth
// before parsing (src/extract/markdown-depth.ts), with one markdown-nesting-cut diagnostic and the
// markers taken out kept in `removed`. micromark's work per line grows with the square of its
// depth, so before this a line of 10,000 `- ` took 33 s and a list indented 2,000 levels deep did
// not finish in 120 s (1.4 GB).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parsePlan } from '../src/index.js';
import type { RootNode } from '../src/types.js';
import { flattenDeepNesting, NESTING_RULE } from '../src/extract/markdown-depth.js';
import { markdownToText } from '../src/extract/markdown.js';
import { MAX_NESTING_DEPTH } from '../src/limits.js';
import { NOTHING_LOST, nodesOf, nothingLost, referenceOf } from './helpers/tree.js';
import { describeGrowth, nearLinear, settledGrowth } from './fuzz/timing.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schema/plan-tree.schema.json'), 'utf8')));

/** Valid, nothing lost against the adapter's text, and every `word` of the page in a node. */
function checkDeep(text: string, word: string, expected: number): RootNode {
  const tree = parsePlan(text, { from: 'markdown' });
  expect(validate(tree), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  expect(nothingLost(tree, referenceOf(text, tree))).toEqual(NOTHING_LOST);
  let found = 0;
  for (const node of nodesOf(tree)) {
    const own = node.type === 'paragraph' ? node.text : node.type === 'item' ? node.text : node.title ?? '';
    found += own.split(word).length - 1;
  }
  expect(found, 'the text of every line is in the tree').toBe(expected);
  return tree;
}

const codes = (tree: RootNode): string[] => tree.diagnostics.map((d) => d.code);

type Family = readonly [string, (n: number) => string];

/** Nesting on one line, `n` levels deep (10,000 bullets took 33 s). */
const ONE_LINE: readonly Family[] = [
  ['one line of n bullets - - - …', (n) => `${'- '.repeat(n)}项目`],
  ['one line of n quote marks > > > …', (n) => `${'> '.repeat(n)}项目`],
  ['one line of n ordered markers 1. 1. 1. …', (n) => `${'1. '.repeat(n)}项目`],
];

/** Nesting one level deeper on each of `n` lines (indented 500 deep took 6.6 s, 2,000 did not finish in 120 s; its size grows with the square of n). */
const LINE_BY_LINE: readonly Family[] = [
  ['a list indented one level more on each of n lines', (n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- 项目`).join('\n')],
  ['a quote one level deeper on each of n lines', (n) => Array.from({ length: n }, (_, i) => `${'>'.repeat(i + 1)} 项目`).join('\n')],
  ['an ordered list indented one level more on each of n lines', (n) => Array.from({ length: n }, (_, i) => `${'   '.repeat(i)}1. 项目`).join('\n')],
];

describe('Markdown nested past the limit is flattened to it', () => {
  it('a page nested no deeper than the limit is left as it is', () => {
    expect(flattenDeepNesting(`${'- '.repeat(MAX_NESTING_DEPTH)}项目\n${'> '.repeat(MAX_NESTING_DEPTH)}项目`)).toBeNull();
    expect(flattenDeepNesting(`${' '.repeat(2 * MAX_NESTING_DEPTH)}项目`)).toBeNull();
    // a thematic break of many dashes is no list
    expect(flattenDeepNesting(`${'- '.repeat(500)}\n${'* '.repeat(500)}`)).toBeNull();
  });

  it('the markers past the limit are taken out and kept in removed; the line is read at the limit', () => {
    const text = `${'- '.repeat(100)}一、指导思想\n`;
    const tree = checkDeep(text, '指导思想', 1);
    expect(codes(tree)).toEqual(['markdown-nesting-cut']);
    expect(tree.children[0]!.children[0]).toMatchObject({ title: '指导思想' });
    const removal = tree.removed.find((r) => r.rule === NESTING_RULE)!;
    expect(removal.text).toBe('- '.repeat(100 - MAX_NESTING_DEPTH).trimEnd());
    expect(removal.position.start.column).toBe(1 + 2 * MAX_NESTING_DEPTH);
  });

  it('ordered markers taken out are in removed, so every character of the page is in the tree or in removed', () => {
    const text = `${Array.from({ length: 80 }, (_, i) => `${i + 1}.`).join(' ')} 项目`;
    const tree = checkDeep(text, '项目', 1);
    const removed = tree.removed.filter((r) => r.rule === NESTING_RULE).map((r) => r.text).join(' ');
    expect(removed).toBe(Array.from({ length: 80 - MAX_NESTING_DEPTH }, (_, i) => `${i + 1 + MAX_NESTING_DEPTH}.`).join(' '));
  });

  it('offsets after a cut line still point at their characters (CR LF line ends, a tab in the indentation)', () => {
    const text = `${'>'.repeat(70)} 甲\r\n${'\t'.repeat(40)}- 乙\r\n丙`;
    const read = markdownToText(text);
    for (let i = 0; i < read.text.text.length; i++) {
      const ch = read.text.text[i]!;
      if ('甲乙丙'.includes(ch)) expect(text[read.text.origin[i]!]).toBe(ch);
    }
    checkDeep(text, '丙', 1);
  });

  for (const [name, make, levels] of [...ONE_LINE.map(([a, b]) => [a, b, 10_000] as const), ...LINE_BY_LINE.map(([a, b]) => [a, b, 500] as const)]) {
    it(`${name}: ${levels.toLocaleString('en')} levels read with one diagnostic, every line's text kept`, () => {
      const text = make(levels);
      const tree = checkDeep(text, '项目', text.split('\n').length);
      expect(codes(tree)).toContain('markdown-nesting-cut');
      expect(codes(tree)).not.toContain('markdown-read-as-text');
    }, 60_000);
  }
});

describe('time grows linearly with the depth of a one-line nesting', () => {
  // a line n levels deep took time quadratic in n (10,000 took 33 s): ×4 the depth was ×16 the time
  for (const [name, make] of ONE_LINE) {
    it(name, () => {
      const g = settledGrowth((n) => parsePlan(make(n), { from: 'markdown' }), { start: 500, maxN: 400_000 });
      expect(nearLinear(g), describeGrowth(g)).toBe(true);
    }, 120_000);
  }
});
