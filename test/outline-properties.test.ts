// Properties of the outline engine: well-formed numbered pages come back as written, and no node
// ever claims a marker that is not in the text where it says it stands.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePlan } from '../src/index.js';
import type { BodyNode } from '../src/types.js';
import { nodesOf } from './helpers/tree.js';

/** Marker writers by level family: ordinal → marker text. */
const CJK = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const FAMILIES: ReadonlyArray<(n: number) => string> = [
  (n) => `${CJK[n]}、`,
  (n) => `（${CJK[n]}）`,
  (n) => `${n}.`,
  (n) => `（${n}）`,
  (n) => '①②③④⑤⑥⑦⑧⑨⑩⑪⑫'[n - 1]!,
];

interface Spec {
  readonly title: string;
  readonly children: Spec[];
}

const WORDS = ['加强', '管理', '教育', '工作', '质量', '提高', '推进', '建设', '服务', '保障', '完善', '落实', '机制', '队伍', '课程', '安全'];
const title = fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 6 }).map((w) => w.join(''));
const specs = (depth: number): fc.Arbitrary<Spec[]> =>
  fc.array(
    fc.record({ title, children: depth > 1 ? fc.oneof(fc.constant([] as Spec[]), fc.constant(null)).chain((x) => (x === null ? specs(depth - 1) : fc.constant(x))) : fc.constant([] as Spec[]) }),
    { minLength: 1, maxLength: 4 },
  );

function render(list: readonly Spec[], families: ReadonlyArray<(n: number) => string>, level: number, blank: boolean, out: string[], expected: string[]): void {
  list.forEach((spec, i) => {
    const marker = families[level]!(i + 1);
    out.push(`${marker}${spec.title}`);
    if (blank) out.push('');
    expected.push(`${level + 1} ${marker} ${spec.title}`);
    render(spec.children, families, level + 1, blank, out, expected);
  });
}

function outlineOf(nodes: readonly BodyNode[], depth: number, out: string[]): void {
  for (const n of nodes) {
    if (n.type === 'paragraph') continue;
    out.push(`${depth} ${n.marker?.raw ?? '_'} ${n.title}`);
    if (n.type === 'section') outlineOf(n.children, depth + 1, out);
  }
}

describe('outline properties', () => {
  it('well-formed numbered lines round-trip to the same outline', () => {
    fc.assert(
      // any four of the families, in their usual order of rank (一、 above （一） above 1. …)
      fc.property(specs(4), fc.subarray([0, 1, 2, 3, 4], { minLength: 4, maxLength: 4 }), fc.boolean(), (tree, order, blank) => {
        const families = order.map((k) => FAMILIES[k]!);
        const lines: string[] = [];
        const expected: string[] = [];
        render(tree, families, 0, blank, lines, expected);
        const parsed = parsePlan(lines.join('\n'));
        const got: string[] = [];
        for (const doc of parsed.children) outlineOf(doc.children, 1, got);
        expect(got).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('random text never yields a node whose marker is not in the text at its position', () => {
    const alphabet = fc.constantFrom(...'一二三十（）()1234.、，。；：是第条章部分⑴①——-\n 加强工作年月'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 200 }), (text) => {
        const tree = parsePlan(text, { script: 'keep' });
        const removedAt = new Set<number>();
        for (const r of tree.removed) for (let k = r.position.start.offset; k < r.position.end.offset; k++) removedAt.add(k);
        for (const node of nodesOf(tree)) {
          if ((node.type === 'section' || node.type === 'item') && node.marker) {
            // the marker as it stands from the node's position on, less what was removed as boilerplate
            let standing = '';
            for (let k = node.position.start.offset; k < text.length && standing.length < node.marker.raw.length; k++) {
              if (!removedAt.has(k)) standing += text[k];
            }
            expect(standing).toBe(node.marker.raw);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
