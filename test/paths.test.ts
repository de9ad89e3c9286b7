// Paths in the tree (schema version 2): every section and item has its depth and an id built from
// its document number and the ordinals above it, unique within the output.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parsePlan } from '../src/index.js';
import type { BodyNode, Marker, RootNode } from '../src/types.js';
import { placeNodes, UNPLACED_DEPTH, UNPLACED_ID } from '../src/outline/paths.js';
import { pageCases } from './helpers/tree.js';

/** [id, depth, parent id] of every section and item, in tree order. */
function placed(tree: RootNode): { id: string; depth: number; parent: string }[] {
  const out: { id: string; depth: number; parent: string }[] = [];
  tree.children.forEach((doc, d) => {
    const walk = (nodes: readonly BodyNode[], parent: string, depth: number): void => {
      for (const n of nodes) {
        if (n.type === 'paragraph') continue;
        out.push({ id: n.id, depth: n.depth, parent });
        expect(n.depth).toBe(depth);
        if (n.type === 'section') walk(n.children, n.id, depth + 1);
      }
    };
    walk(doc.children, `d${d + 1}`, 1);
  });
  return out;
}

function expectWellPlaced(tree: RootNode): void {
  const nodes = placed(tree);
  expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
  for (const n of nodes) {
    // the parent's id, then one segment: an ordinal or p + position
    expect(n.id.startsWith(`${n.parent}/`)).toBe(true);
    expect(n.id.slice(n.parent.length + 1)).toMatch(/^(0|[1-9]\d*|p[1-9]\d*)$/u);
    expect(n.id.split('/').length - 1).toBe(n.depth);
  }
}

describe('ids and depths', () => {
  for (const group of ['pages', 'outline', 'markdown-html']) {
    it(`are unique and follow the nesting on every ${group} fixture`, () => {
      const cases = pageCases(group);
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) expectWellPlaced(parsePlan(readFileSync(c.inputFile), { ...c.options, path: c.inputFile }));
    });
  }

  it('use the ordinal, or p and the position among sibling sections and items when it is null or repeats', () => {
    const tree = parsePlan(['一、目标', '1、读书。', '1、写字。', '2、算术。', '二、措施', '指导思想', '（一）加强领导。', '——唱歌。'].join('\n'));
    const ids = placed(tree).map((n) => n.id);
    // the two 1、 repeat (p1, p2) and 2、 keeps 2; 指导思想 has no marker (p1), a dash no ordinal (p1)
    expect(ids).toEqual(['d1/1', 'd1/1/p1', 'd1/1/p2', 'd1/1/2', 'd1/2', 'd1/2/p1', 'd1/2/p1/1', 'd1/2/p1/1/p1']);
  });

  it('count documents from 1', () => {
    const tree = parsePlan(['学校工作计划范文第1篇', '一、目标', '1、读书。', '学校工作计划范文第2篇', '一、目标', '1、写字。'].join('\n'));
    expect(tree.children.length).toBe(2);
    expect(placed(tree).map((n) => n.id)).toEqual(['d1/1', 'd1/1/1', 'd2/1', 'd2/1/1']);
  });

  it('are unique over any tree of sections, items and paragraphs (property)', () => {
    const marker = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }).map((ordinal): Marker => ({ raw: '1、', style: 'arabic-dun', ordinal }));
    const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    const { body } = fc.letrec<{ body: BodyNode[]; node: BodyNode }>((tie) => ({
      body: fc.array(tie('node'), { maxLength: 5 }),
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant<BodyNode>({ type: 'paragraph', text: '段落', position }),
        marker.map((m): BodyNode => ({ type: 'item', id: UNPLACED_ID, depth: UNPLACED_DEPTH, marker: m, title: '条目', text: '条目', position })),
        fc.tuple(fc.option(marker, { nil: null }), tie('body') as fc.Arbitrary<BodyNode[]>).map(([m, children]): BodyNode => ({ type: 'section', id: UNPLACED_ID, depth: UNPLACED_DEPTH, marker: m, title: '标题', children, position })),
      ),
    }));
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 3 }), (documents) => {
        const ids: string[] = [];
        const collect = (nodes: readonly BodyNode[]): void => {
          for (const n of nodes) {
            if (n.type === 'paragraph') continue;
            ids.push(n.id);
            if (n.type === 'section') collect(n.children);
          }
        };
        // placed in place: a copy each run, as fast-check may hand the same node objects again
        structuredClone(documents).forEach((nodes, i) => collect(placeNodes(nodes, i + 1)));
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });
});

describe('titles end the same way for sections and items', () => {
  it('drop a single trailing 。 ； or ; and keep the rest of the text', () => {
    const tree = parsePlan(['一、加强领导，提高认识。', '1、健全机制；明确分工。', '2、营造氛围。', '二、重视安全；', '（一）消防演练;', '（二）交通安全'].join('\n'));
    const nodes = [...walkAll(tree.children[0]!.children)];
    expect(nodes.map((n) => [n.type, n.title])).toEqual([
      ['section', '加强领导，提高认识'],
      ['item', '健全机制；明确分工'], // a lead clause of fewer than six letters runs on
      ['item', '营造氛围'],
      ['section', '重视安全'],
      ['item', '消防演练'],
      ['item', '交通安全'],
    ]);
    // an item's text is unchanged
    expect(nodes[1]).toMatchObject({ text: '健全机制；明确分工。' });
    for (const n of nodes) expect(n.title).not.toMatch(/[。；;]$/u);
  });
});

function* walkAll(nodes: readonly BodyNode[]): Generator<Exclude<BodyNode, { type: 'paragraph' }>> {
  for (const n of nodes) {
    if (n.type === 'paragraph') continue;
    yield n;
    if (n.type === 'section') yield* walkAll(n.children);
  }
}
