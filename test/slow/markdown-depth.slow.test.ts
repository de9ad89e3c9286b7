// Slow: how the time of Markdown nested one level deeper on each line grows, measured (not in
// `npm test`, which runs no timing this coarse; `npm run test:slow`). The page's size grows with the
// square of its depth n. Before flattening (src/extract/markdown-depth.ts) the ordered list's time
// grew faster than its size: ×2 the depth (95 K → 377 K characters) was ×7.1 the time (5.2 s →
// 36.7 s). Flattened, the lines past the limit cost what a line at the limit costs, so ×4 the size
// is at most about ×4 the time. (The one-line families, whose time was quadratic, are measured in
// test/markdown-depth.test.ts.)
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/index.js';
import { settledGrowth } from '../fuzz/timing.mjs';

const FAMILIES: ReadonlyArray<readonly [string, (n: number) => string]> = [
  ['a list indented one level more on each line', (n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- 项目`).join('\n')],
  ['an ordered list indented one level more on each line', (n) => Array.from({ length: n }, (_, i) => `${'   '.repeat(i)}1. 项目`).join('\n')],
  ['a quote one level deeper on each line', (n) => Array.from({ length: n }, (_, i) => `${'>'.repeat(i + 1)} 项目`).join('\n')],
];

describe('Markdown nested one level deeper a line: time linear in the size', () => {
  for (const [name, make] of FAMILIES) {
    it(name, () => {
      // n levels, then 2n: four times the characters
      const g = settledGrowth((n) => parsePlan(make(n), { from: 'markdown' }), { start: 250, minMs: 300, maxN: 4000, factor: 2, tries: 2 });
      const sizes = `${make(g.n).length} → ${make(2 * g.n).length} characters: ${g.small.toFixed(0)} → ${g.big.toFixed(0)} ms (×${g.ratio.toFixed(2)})`;
      expect(g.ratio, sizes).toBeLessThan(5);
    }, 600_000);
  }
});
