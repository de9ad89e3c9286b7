// Lean positions (SpanPosition, parsePlan's leanPositions, what the command uses): the same values as
// plain positions wherever they are read, and the same JSON and YAML, on every fixture group.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePlan } from '../src/index.js';
import { SpanPosition, indexLines, pointAt, positionOf } from '../src/text/location.js';
import { toYaml } from '../src/emit/yaml.js';
import { formatTree, OUTPUT_FORMATS } from '../src/emit/format.js';
import { jsonChunks } from '../src/emit/json.js';
import { pageCases } from './helpers/tree.js';
import type { BodyNode, RootNode } from '../src/types.js';

const TEXT = '一、总体要求\n（一）工作目标\n\n1. 落实责任。\n';

describe('SpanPosition', () => {
  const index = indexLines(TEXT);

  it('reads as the plain position of the same range, at every pair of offsets', () => {
    for (let start = 0; start <= TEXT.length; start++) {
      for (let end = 0; end <= TEXT.length + 2; end++) {
        const lean = new SpanPosition(index, start, end);
        const plain = positionOf(index, start, end);
        expect(lean.start).toEqual(plain.start);
        expect(lean.end).toEqual(plain.end);
        expect(lean.toJSON()).toEqual(plain);
        expect(JSON.stringify(lean)).toBe(JSON.stringify(plain));
      }
    }
  });

  it('shows no keys of its own, so a walk over keys never reaches the line index', () => {
    const lean = new SpanPosition(index, 3, 9);
    expect(Object.keys(lean)).toEqual([]);
    expect(lean.start).toEqual(pointAt(index, 3));
  });
});

/** Every body node's position, in document order. */
function positionsOf(tree: RootNode): unknown[] {
  const out: unknown[] = [];
  const visit = (nodes: readonly BodyNode[]): void => {
    for (const n of nodes) {
      out.push({ start: n.position.start, end: n.position.end });
      if ('children' in n) visit(n.children);
    }
  };
  for (const d of tree.children) {
    out.push({ start: d.position.start, end: d.position.end });
    visit(d.children);
  }
  return out;
}

describe('parsePlan with leanPositions: the same tree in every output', () => {
  const groups = ['pages', 'outline', 'markdown-html', 'encodings', 'roundtrip'];
  for (const group of groups) {
    for (const c of pageCases(group)) {
      it(`${group}/${c.name}`, () => {
        const input = readFileSync(c.inputFile);
        const plain = parsePlan(input, { ...c.options, path: c.inputFile });
        const lean = parsePlan(input, { ...c.options, path: c.inputFile, leanPositions: true });
        expect(positionsOf(lean)).toEqual(positionsOf(plain));
        expect(JSON.stringify(lean, null, 2)).toBe(JSON.stringify(plain, null, 2));
        expect([...jsonChunks(lean, false, 256)].join('')).toBe(JSON.stringify(plain) + '\n');
        expect(toYaml(lean)).toBe(toYaml(plain));
        for (const format of OUTPUT_FORMATS) expect(formatTree(lean, format, { pretty: true })).toBe(formatTree(plain, format, { pretty: true }));
      });
    }
  }
});
