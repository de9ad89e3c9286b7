// A short fuzz inside `npm test` (a few seconds): arbitrary bytes, arbitrary strings, plan-like
// text and mutated seed pages must never make plan-parse throw, must give a valid tree that
// survives JSON, must lose no character, and (in `npm run test:slow`, which also runs four times as
// many cases) must take time in proportion to their size. The long fuzz is `npm run fuzz`
// (test/fuzz/run.mjs), with the same properties on the built library.
// FUZZ_SEED=… reproduces a run; FUZZ_RUNS=… changes its length.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { parsePlan } from '../src/index.js';
import { decodeBytes } from '../src/decode/decode.js';
import { declaredCharset } from '../src/decode/meta-charset.js';
import { normalizeText } from '../src/text/normalize.js';
import { convertScript } from '../src/script/convert.js';
import { extractText } from '../src/extract/extract.js';
import type { RootNode } from '../src/types.js';
import { NOTHING_LOST, nothingLost, pageCases, referenceOf } from './helpers/tree.js';
import { makeChecker } from './fuzz/invariants.mjs';
import { makeArbitraries } from './fuzz/arbitraries.mjs';
import { loadSeeds } from './fuzz/seeds.mjs';
import { timeOf } from './fuzz/timing.mjs';
import { SLOW, bySuite } from './helpers/suite.js';

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(new URL('../schema/plan-tree.schema.json', import.meta.url), 'utf8')));
const { check } = makeChecker({ parsePlan, decodeBytes, declaredCharset, normalizeText, convertScript, extractText, validate });
const seeds = loadSeeds();
const arbitraries = makeArbitraries({ fc, iconv, seeds, maxSize: 8192 });

// A fixed seed by default, so that a run of npm test is the same on every machine (CI included);
// FUZZ_SEED=random (or a number) explores, as `npm run fuzz` does for minutes.
const DEFAULT_SEED = 20261202;
const seed = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const scale = Number(process.env.FUZZ_RUNS ?? bySuite(1, 4));
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns: Math.max(1, Math.round(numRuns * scale)), ...(seed !== undefined ? { seed } : {}) });

/**
 * The time an input may take: in proportion to its size, at 40 times the rate of real pages
 * measured now in this process, and never under 1.5 s (a GC pause or other work on the machine).
 * Only in test:slow: npm test asserts nothing about time.
 */
const rate = (() => {
  if (!SLOW) return null;
  const page = seeds.find((s) => s.name.startsWith('pages/'))!.text;
  parsePlan(page); // warm up
  return timeOf(() => parsePlan(page), 3) / page.length;
})();
const budget = (units: number): number => (rate === null ? Infinity : Math.max(1500, 40 * rate * units));

describe('short fuzz', () => {
  it('the nothing-lost check is ordered: a tree holding every character, but out of order, fails', () => {
    for (const c of pageCases('outline').slice(0, 12)) {
      const bytes = readFileSync(c.inputFile);
      const tree = parsePlan(bytes, c.options);
      const reference = referenceOf(bytes, tree, c.options.script ?? 'convert', c.options.vocabulary);
      expect(nothingLost(tree, reference)).toEqual(NOTHING_LOST);
      // a tree that lost a document is caught as a multiset
      const broken: RootNode = { ...tree, removed: [], children: tree.children.slice(1) };
      expect(nothingLost(broken, reference).lost).not.toBe('');
      // two documents swapped, each keeping its positions: the characters all there, in the wrong places
      if (tree.children.length >= 2) {
        const [a, b, ...rest] = tree.children;
        const swapped: RootNode = { ...tree, children: [{ ...a!, position: b!.position }, { ...b!, position: a!.position }, ...rest] };
        const result = nothingLost(swapped, reference);
        expect([result.lost, result.extra]).toEqual(['', '']);
        expect(result.disorder).toMatch(/holds .* where the input has/u);
      }
    }
  });

  it('the ordered check reads a removal inside a paragraph as interleaved, and catches it moved', () => {
    const text = '一、指导思想\n坚持育人为本【来源：某某范文网】，办好每一所学校。';
    const tree = parsePlan(text);
    expect(tree.removed.map((r) => r.text)).toEqual(['【来源：某某范文网】']);
    expect(nothingLost(tree, referenceOf(text, tree))).toEqual(NOTHING_LOST);
    const removal = tree.removed[0]!;
    const moved: RootNode = { ...tree, removed: [{ ...removal, position: { start: tree.position.end, end: tree.position.end } }] };
    expect(nothingLost(moved, referenceOf(text, tree)).disorder).not.toBe('');
    // a section title with the right characters in the wrong order
    const doc = tree.children[0]!;
    const section = doc.children[0]!;
    expect(section).toMatchObject({ type: 'section', title: '指导思想' });
    const reversed = { ...tree, children: [{ ...doc, children: [{ ...section, title: '想思导指' }] }] } as RootNode;
    const result = nothingLost(reversed, referenceOf(text, tree));
    expect([result.lost, result.extra]).toEqual(['', '']);
    expect(result.disorder).toMatch(/section title .* holds "一、想思导指" where the input has "一、指导思想"/u);
  });

  it('the end mark a section title drops is no loss, and only that one character after the title', () => {
    const text = '一、加强领导，提高认识。\n1、健全机制。';
    const tree = parsePlan(text);
    const doc = tree.children[0]!;
    const section = doc.children[0]!;
    expect(section).toMatchObject({ type: 'section', title: '加强领导，提高认识' });
    expect(nothingLost(tree, referenceOf(text, tree))).toEqual(NOTHING_LOST);
    // a title that lost another character is caught
    const cut = { ...tree, children: [{ ...doc, children: [{ ...section, title: '加强领导，提高认' }] }] } as RootNode;
    expect(nothingLost(cut, referenceOf(text, tree)).lost).toBe('识。');
  });

  it('a check fails when a character is lost', () => {
    expect(() => check('一、指导思想\n坚持', {}, Infinity)).not.toThrow();
    const lossy = makeChecker({ parsePlan: (t: string) => ({ ...parsePlan(t), removed: [], children: [] }), decodeBytes, declaredCharset, normalizeText, convertScript, extractText, validate });
    expect(() => lossy.check('一、指导思想', {}, Infinity)).toThrow(/nothing-lost broken: lost "一、指导思想"/u);
  });

  it('arbitrary bytes', () => {
    fc.assert(fc.property(arbitraries.bytes, (bytes) => void check(bytes, {}, budget(bytes.length))), params(300));
  });

  it('arbitrary strings (lone surrogates, control characters, junk), script kept and converted', () => {
    fc.assert(
      fc.property(arbitraries.text, fc.constantFrom('keep' as const, 'convert' as const), (text, script) => void check(text, { script }, budget(text.length))),
      params(300),
    );
  });

  it('plan-like text', () => {
    fc.assert(fc.property(arbitraries.planText, (text) => void check(text, {}, budget(text.length))), params(200));
  });

  it('seed pages cut, with junk inserted, ranges repeated, bytes flipped and encodings swapped', () => {
    fc.assert(fc.property(arbitraries.mutatedSeed, (m) => void check(m.bytes, {}, budget(m.bytes.length))), params(150));
  }, 60_000);

  it('Markdown and HTML nested deep (past the limit of 64 levels too)', () => {
    fc.assert(fc.property(arbitraries.nesting, (n) => void check(n.text, { from: n.from }, budget(n.text.length))), params(25));
  }, 120_000);

  it('floods of numbered lines', () => {
    fc.assert(fc.property(arbitraries.flood, (f) => void check(f.text, { from: f.from }, budget(f.text.length))), params(20));
  }, 120_000);

  it('pages in two encodings (the first part GB18030, the rest UTF-8, and others)', () => {
    fc.assert(fc.property(arbitraries.mixedEncoding, (m) => void check(m.bytes, {}, budget(m.bytes.length))), params(40));
  }, 60_000);

  it('the mutations do change the pages (a fuzzer that only fed seeds would find nothing)', () => {
    const samples = fc.sample(arbitraries.mutatedSeed, { numRuns: 50, seed: 1 });
    const kinds = new Set(samples.flatMap((m) => m.ops.map((o: { kind: string }) => o.kind)));
    expect([...kinds].sort()).toEqual(['cut', 'delete', 'flip', 'insert', 'repeat', 'splice-encoding']);
    expect(new Set(samples.map((m) => m.encoding)).size).toBeGreaterThan(4);
  });
});
