// The seed pages through the whole pipeline: no boilerplate line left, no plan line missing.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePlan } from '../src/index.js';
import { toOutline } from '../src/emit/outline.js';
import { toText } from '../src/emit/text.js';
import { startsWithMarker } from '../src/numbering/line-marker.js';
import { matchForm } from '../src/text/match-form.js';
import { nodesOf, pageCases } from './helpers/tree.js';

/** Lines of each page a reader marks as not plan content. */
const BOILERPLATE: Record<string, readonly string[]> = {
  'seed-jiaoyu-gongzuo-jihua-5pian': ['网站首页', '当前位置', '集锦5篇', '人气', '小编'],
  'seed-jiaoyuju-jihua-daquan': ['约4.79千字', '约 9页', '发布于四川', '举报', '大全(2篇)', '原创力文档', '文档评论'],
  'seed-gaozhiliang-fazhan-fanti': ['精选6篇', '小编'],
  'seed-jiaoshijie-huizong': ['全面推进...'],
};

describe('seed pages', () => {
  for (const c of pageCases('pages')) {
    const bytes = readFileSync(c.inputFile);
    const tree = parsePlan(bytes, { path: c.inputFile });
    it(`${c.name}: no boilerplate line left in the outline or the text`, () => {
      const shown = toOutline(tree) + toText(tree);
      const kept = (BOILERPLATE[c.name] ?? []).filter((b) => shown.includes(b) && !(tree.title ?? '').includes(b));
      expect(kept).toEqual([]);
      expect(toText(tree)).not.toMatch(/^- \d*$/mu);
    });
    it(`${c.name}: every numbered line of the page is a node`, () => {
      const nodeLines = new Set<number>();
      for (const n of nodesOf(tree)) if ((n.type === 'section' || n.type === 'item') && n.marker) nodeLines.add(n.position.start.line);
      const removedLines = new Set(tree.removed.map((r) => r.position.start.line));
      const text = new TextDecoder().decode(bytes);
      const missing = text
        .split('\n')
        .map((line, i) => ({ line: i + 1, text: line.trim() }))
        .filter(({ line, text: t }) => t && startsWithMarker(matchForm(t)) && !removedLines.has(line) && !nodeLines.has(line));
      expect(missing).toEqual([]);
    });
  }
});
