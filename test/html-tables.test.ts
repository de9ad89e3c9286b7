// Which HTML table rows are data cells (src/extract/html-tables.ts): a schedule's rows are, a table
// that lays the page out is not.
import { describe, expect, it } from 'vitest';
import type { Element, Root } from 'hast';
import { parseHtml } from '../src/extract/html.js';
import { dataRows } from '../src/extract/html-tables.js';

/** The first <table> of a fragment. */
function firstTable(html: string): Element {
  const { tree } = parseHtml(html, true);
  const stack: Array<Root | Element> = [tree];
  while (stack.length > 0) {
    const at = stack.shift()!;
    for (const child of at.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'table') return child;
      stack.push(child);
    }
  }
  throw new Error('no table');
}

const rowsOf = (html: string): number => dataRows(firstTable(html)).length;

describe('data rows of an HTML table', () => {
  it('a schedule: every row of short cells, head and body', () => {
    expect(rowsOf('<table><thead><tr><th>序号</th><th>内容</th></tr></thead><tbody><tr><td>1</td><td>开学典礼</td></tr><tr><td>2</td><td>消防演练</td></tr></tbody></table>')).toBe(3);
  });
  it('cells wrapped in paragraphs, as Word writes them, are still cells', () => {
    expect(rowsOf('<table><tr><td><p>1</p></td><td><p>开学典礼</p></td></tr><tr><td><p>2</p></td><td><p>消防演练</p></td></tr></table>')).toBe(2);
  });
  it('a layout: a menu beside a cell that holds the article', () => {
    const article = `<p>一、指导思想</p><p>${'坚持立德树人，落实各项工作。'.repeat(20)}</p>`;
    expect(rowsOf(`<table><tr><td>首页 概况</td><td>${article}</td></tr><tr><td>版权所有</td><td>备案号</td></tr></table>`)).toBe(0);
  });
  it('a row whose cell holds a table of its own is no data row', () => {
    expect(rowsOf('<table><tr><td>甲</td><td><table><tr><td>1</td><td>2</td></tr></table></td></tr><tr><td>乙</td><td>丙</td></tr></table>')).toBe(0);
  });
  it('one row of two cells (a date beside a view count) is no table', () => {
    expect(rowsOf('<table><tr><td>发布时间：2025-03-01</td><td>浏览：120</td></tr></table>')).toBe(0);
  });
  it('rows of one filled cell are no data rows', () => {
    expect(rowsOf('<table><tr><td>一、工作目标</td><td></td></tr><tr><td>二、主要任务</td><td> </td></tr></table>')).toBe(0);
  });
});
