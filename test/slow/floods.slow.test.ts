// Floods: pages of a hundred thousand numbered lines. No stage may spread an array as long as the
// page into a call (push(...x), Math.max(...x)): V8 puts each element on the stack, and about
// 120,000 of them overflow it (`Maximum call stack size exceeded`).
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/index.js';
import { toMarkdown } from '../../src/emit/markdown.js';
import { appendAll, maxOf } from '../../src/text/arrays.js';
import { FINDINGS_PER_CODE } from '../../src/outline/finding-cap.js';

const FLOOD_LINES = 130_000;

describe('a flood of numbered lines', () => {
  it(`${FLOOD_LINES.toLocaleString('en')} lines of 一、 (0.9 MB) parse without overflowing the stack, the first 100 repeats listed and the rest counted`, () => {
    const text = '一、\n'.repeat(FLOOD_LINES);
    const tree = parsePlan(text);
    expect(tree.children).toHaveLength(1);
    expect(tree.children[0]!.children).toHaveLength(FLOOD_LINES);
    expect(tree.diagnostics).toHaveLength(FINDINGS_PER_CODE + 1);
    expect(tree.diagnostics.at(-1)).toMatchObject({ code: 'findings-capped', message: expect.stringContaining(`${FLOOD_LINES - 1 - FINDINGS_PER_CODE} more numbering-repeat`) });
  }, 60_000);

  it(`${(FLOOD_LINES / 2).toLocaleString('en')} sections of one item each are written as Markdown (a block list longer than an argument list)`, () => {
    const text = '一、甲\n（一）乙\n'.repeat(FLOOD_LINES / 2);
    const markdown = toMarkdown(parsePlan(text));
    expect(markdown.split('\n').filter((l) => l.startsWith('## ')).length).toBe(FLOOD_LINES / 2);
  }, 60_000);

  it('appendAll and maxOf take arrays longer than any argument list', () => {
    const many = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(appendAll([-1], many)).toHaveLength(1_000_001);
    expect(maxOf(many)).toBe(999_999);
    expect(maxOf([], 0)).toBe(0);
  });
});
