// A table flattened into tab-separated rows (a plain page): its rows are cells, whatever they start with.
// The case lives apart from fixtures/outline because the Markdown output cannot keep its tabs (the
// round trip of every outline fixture would read its rows as numbered lines).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/index.js';
import { comparable, comparableTree } from './helpers/outline-compare.js';

describe('tab-separated table rows', () => {
  const dir = join(import.meta.dirname, 'cases', 'not-marker-tab-table');
  it('are text, and the outline around them keeps its levels', () => {
    const expected = comparable(readFileSync(join(dir, 'expected.outline'), 'utf8').split('\n'));
    const actual = comparableTree(parsePlan(readFileSync(join(dir, 'input.txt'))));
    expect(actual.join('\n')).toBe(expected.join('\n'));
  });
  it('a tab right after a marker makes no cells (一、\\t指导思想 is a heading)', () => {
    const tree = parsePlan('育英学校工作计划\n一、\t指导思想\n坚持育人为本。\n二、\t工作措施\n加强领导。');
    expect(comparableTree(tree).filter((l) => !l.startsWith('#'))).toEqual(['1 一、 指导思想', '1 二、 工作措施'].map((l) => comparable([l])[0]!));
  });
});
