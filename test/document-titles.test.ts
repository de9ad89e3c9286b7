// Where a page's documents start: each form of numbered document title, as a run of two, is found;
// lines that only look like one are not.
import { describe, expect, it } from 'vitest';
import { findDocumentTitles } from '../src/outline/documents.js';
import { splitLines } from '../src/text/lines.js';

const titlesOf = (lines: readonly string[]): Array<[number, number]> => findDocumentTitles(splitLines(lines.join('\n'))).map((t) => [t.line, t.ordinal]);

/** Two documents of one page, each titled by `title(n)`. */
const page = (title: (n: number) => string): string[] => [title(1), '一、目标', '（一）提高质量。', title(2), '一、目标', '（一）加强管理。'];

describe('document titles', () => {
  it.each([
    ['篇 N', (n: number) => `学校工作计划 篇${n}`],
    ['【篇N】', (n: number) => `【篇${'一二'[n - 1]}】`],
    ['第N篇', (n: number) => `学校工作计划范文第${n}篇`],
    ['第N篇：title', (n: number) => `第${'一二'[n - 1]}篇：学校工作计划`],
    ['【范文N】', (n: number) => `【范文${'一二'[n - 1]}】`],
    ['plan word (N)', (n: number) => `教育局工作计划(${'一二'[n - 1]})`],
    ['plan word （N） full-width', (n: number) => `教育局工作计划（${n}）`],
    ['plan word N', (n: number) => `措施方案${n}`],
    ['plan word CJK N', (n: number) => `活动方案汇总${'一二'[n - 1]}`],
  ])('%s', (_, title) => {
    expect(titlesOf(page(title))).toEqual([[0, 1], [3, 2]]);
  });

  it('a title glued to the first marker of its document', () => {
    const lines = ['学校工作计划1一、指导思想', '（一）提高质量。', '学校工作计划2一、指导思想', '（一）加强管理。'];
    const titles = findDocumentTitles(splitLines(lines.join('\n')));
    expect(titles.map((t) => [t.line, t.ordinal, t.titleEnd])).toEqual([[0, 1, 7], [2, 2, 7]]);
  });

  it('lines that only look like titles are not', () => {
    expect(titlesOf(['一、工作计划', '二、工作方案', '第一阶段：准备', '第二阶段：实施'])).toEqual([]);
    expect(titlesOf(['本计划共三篇。', '按方案1执行。', '按方案2执行。'])).toEqual([]);
  });
});
