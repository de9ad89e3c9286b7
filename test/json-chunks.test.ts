// The JSON writer in pieces (emit/json.ts jsonChunks): the same characters as JSON.stringify, made a
// piece at a time, so that a large tree never becomes one string.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePlan } from '../src/index.js';
import { jsonChunks, toJson } from '../src/emit/json.js';
import { pageCases } from './helpers/tree.js';
import { valuesWithin } from '../src/emit/pieces.js';
import { readFileSync } from 'node:fs';

/** The pieces joined; walked value by value unless `whole` (a tree of an ordinary page is otherwise one piece). */
const joined = (value: unknown, pretty: boolean, size?: number, whole = 0): string => [...jsonChunks(value, pretty, size, whole)].join('');

describe('jsonChunks', () => {
  it('writes any JSON value as JSON.stringify does, compact and pretty, whatever the piece size', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), fc.integer({ min: 1, max: 200 }), (value, pretty, size) => {
        expect(joined(value, pretty, size)).toBe(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
      }),
    );
  });

  it('leaves out what JSON.stringify leaves out (undefined, functions), writes null for them in arrays, calls toJSON', () => {
    const value = { a: [1, undefined, () => 1], b: undefined, c: { toJSON: () => ['x'] }, d: [{ e: undefined, f: [] }], g: {} };
    for (const pretty of [false, true]) expect(joined(value, pretty)).toBe(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
  });

  it('writes every fixture tree as toJson does, walked or whole', () => {
    for (const c of pageCases('pages').slice(0, 20)) {
      const tree = parsePlan(readFileSync(c.inputFile), { ...c.options, path: c.inputFile });
      for (const pretty of [false, true]) {
        expect(joined(tree, pretty, 4096)).toBe(toJson(tree, pretty));
        expect([...jsonChunks(tree, pretty, 4096)]).toEqual([toJson(tree, pretty)]);
      }
    }
  });

  it('a tree over the budget of one piece is walked, one under it is one piece: the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), fc.integer({ min: 0, max: 64 }), (value, pretty, whole) => {
        const pieces = [...jsonChunks(value, pretty, 1, whole)];
        expect(pieces.join('')).toBe(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
        const small = value !== null && typeof value === 'object' && valuesWithin(value, whole) <= whole;
        if (small) expect(pieces).toHaveLength(1);
      }),
    );
  });

  it('a tree of 50,000 sections comes in pieces of about 64 K characters, none much longer', () => {
    const tree = parsePlan('一、标题\n'.repeat(50_000));
    const pieces = [...jsonChunks(tree, false)];
    expect(pieces.length).toBeGreaterThan(100);
    expect(Math.max(...pieces.slice(0, 1000).map((p) => p.length))).toBeLessThan(70_000);
    expect(pieces.join('')).toBe(toJson(tree, false));
  }, 60_000);
});
