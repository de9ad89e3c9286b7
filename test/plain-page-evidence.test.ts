// What a plain page's own characters say, though normalization and the boilerplate stage take them off
// the text: tabs that split a row into cells, a bullet mark before a line. The cases live in test/cases,
// apart from fixtures/outline, because the Markdown output cannot keep those characters (the round trip
// of every outline fixture would read the rows as numbered lines and the bullet lines as labels).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/index.js';
import { comparable, comparableTree } from './helpers/outline-compare.js';

function sameOutline(name: string): void {
  const dir = join(import.meta.dirname, 'cases', name);
  const expected = comparable(readFileSync(join(dir, 'expected.outline'), 'utf8').split('\n'));
  const actual = comparableTree(parsePlan(readFileSync(join(dir, 'input.txt'))));
  expect(actual.join('\n')).toBe(expected.join('\n'));
}

describe('tab-separated table rows', () => {
  it('are text, and the outline around them keeps its levels', () => sameOutline('not-marker-tab-table'));
  it('a tab right after a marker makes no cells (一、\\t指导思想 is a heading)', () => {
    const tree = parsePlan('育英学校工作计划\n一、\t指导思想\n坚持育人为本。\n二、\t工作措施\n加强领导。');
    expect(comparableTree(tree).filter((l) => !l.startsWith('#'))).toEqual(['1 一、 指导思想', '1 二、 工作措施'].map((l) => comparable([l])[0]!));
  });
});

describe('bullet items of a plain page', () => {
  it('are never headings, even ending in a colon; a named label right above another heads it', () => sameOutline('label-nested-named-and-bullet-colon'));
});
