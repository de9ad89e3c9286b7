// The YAML writer in pieces (emit/yaml.ts yamlChunks): the same characters as the yaml package writes
// for the whole value, made a run of entries at a time, so that a large tree never becomes one model.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parsePlan } from '../src/index.js';
import { toYaml, yamlChunks } from '../src/emit/yaml.js';
import { pageCases } from './helpers/tree.js';
import type { RootNode } from '../src/types.js';

const joined = (value: unknown, size?: number): string => [...yamlChunks(value, size)].join('');
const whole = (value: unknown): string => toYaml(value as RootNode);

/** Text with what YAML treats with care: line breaks (block scalars), blank lines, quotes, `: `, `#`, leading spaces. */
const awkwardText = fc.array(fc.constantFrom('a', '一', '\n', '\n\n', ' ', ': ', ' #', '"', "'", '- ', 'true', '1', '{', '[', '\t'), { maxLength: 12 }).map((parts) => parts.join(''));
const leaf = fc.oneof(awkwardText, fc.integer(), fc.boolean(), fc.constant(null));
/** Values large enough to be cut into runs: arrays and objects of many entries, nested. */
const large = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 300 }),
  object: fc.dictionary(fc.constantFrom('type', 'children', 'title', 'a b', 'true', 'x:', 'text', 'id', 'n'), tie('value'), { maxKeys: 9 }),
})).value;

describe('yamlChunks', () => {
  it('writes any value as the yaml package does, whatever the piece size', () => {
    fc.assert(
      fc.property(large, fc.integer({ min: 1, max: 5000 }), (value, size) => {
        expect(joined(value, size)).toBe(whole(value));
      }),
      { numRuns: 60 },
    );
  });

  it('cuts long sequences and mappings, nested in each other, at any depth', () => {
    const items = (n: number, tag: string): unknown[] => Array.from({ length: n }, (_, i) => ({ type: 'item', id: `${tag}${i}`, text: i % 7 === 0 ? `第一行\n\n第${i}行` : `事项${i}` }));
    const value = { type: 'root', children: [{ title: 'x', children: items(900, 'a') }, [items(700, 'b'), 'y'], { nested: { deeper: items(600, 'c') } }], empty: [], none: {} };
    expect(joined(value, 1000)).toBe(whole(value));
  });

  it('writes every fixture tree as toYaml does, cut into small runs', () => {
    for (const c of pageCases('pages')) {
      const tree = parsePlan(readFileSync(c.inputFile), { ...c.options, path: c.inputFile, leanPositions: true });
      expect(joined(tree, 4096)).toBe(toYaml(tree));
    }
  });

  it('a tree of 5,000 items comes in pieces, none much longer than 64 K characters', () => {
    const tree = parsePlan('一、标题\n'.repeat(5_000), { leanPositions: true });
    const pieces = [...yamlChunks(tree)];
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(80_000);
    expect(pieces.join('')).toBe(toYaml(tree));
  }, 60_000);
});
