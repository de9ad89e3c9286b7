// Invariants checked on every output: JSON round-trip, ordered positions, nothing lost, never a throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parsePlan } from '../src/index.js';
import type { RootNode } from '../src/types.js';
import { decodeBytes } from '../src/stages/decode.js';
import { normalizeText } from '../src/stages/normalize.js';
import { convertScript } from '../src/stages/script.js';
import { identityText } from '../src/text/mapped-text.js';
import { lostAndExtra, nodesOf, pageCases } from './helpers/tree.js';

/** The text every character of the tree must come from: decoded, normalized, script-converted. */
function referenceText(bytes: Uint8Array | string, script: 'convert' | 'keep' = 'convert'): string {
  const text = typeof bytes === 'string' ? bytes : decodeBytes(bytes).text;
  return convertScript(normalizeText(identityText(text)), script).text.text;
}

function checkInvariants(tree: RootNode, reference: string): void {
  expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
  for (const node of nodesOf(tree)) {
    expect(node.position.start.offset).toBeLessThanOrEqual(node.position.end.offset);
    expect(node.position.end.offset).toBeLessThanOrEqual(tree.position.end.offset);
    if (node.type === 'section' || node.type === 'document') expect(Array.isArray(node.children)).toBe(true);
  }
  expect(lostAndExtra(tree, reference)).toEqual({ lost: '', extra: '' });
}

describe('invariants on every fixture', () => {
  for (const group of ['pages', 'outline']) {
    for (const c of pageCases(group)) {
      it(`${group}/${c.name}`, () => {
        const bytes = readFileSync(c.inputFile);
        checkInvariants(parsePlan(bytes, { ...c.options, path: c.inputFile }), referenceText(bytes, c.options.script));
      });
    }
  }
});

const planLine = fc.oneof(
  fc.constantFrom('一、', '二、', '（一）', '(二)', '1.', '2、', '（1）', '⑵', '①', '一是', '第一，', '——', '1.1 ', '', '', ''),
).chain((marker) => fc.string({ unit: fc.constantFrom(...'教育工作计划加强管理提高质量，。；：、（）()12 一二三是年月日的'), maxLength: 40 }).map((t) => marker + t));

describe('properties', () => {
  it('never throws on any bytes, and the tree is valid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const tree = parsePlan(bytes);
        expect(tree.type).toBe('root');
        expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
      }),
      { numRuns: 300 },
    );
  });
  it('loses no character of plan-like text', () => {
    fc.assert(
      fc.property(fc.array(planLine, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        checkInvariants(parsePlan(text), referenceText(text));
      }),
      { numRuns: 300 },
    );
  });
  it('loses no character of arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        checkInvariants(parsePlan(text, { script: 'keep' }), referenceText(text, 'keep'));
      }),
      { numRuns: 300 },
    );
  });
});
