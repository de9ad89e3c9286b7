import { describe, expect, it } from 'vitest';
import { parsePlan, TemplateCounter } from '../src/index.js';
import { templateKey } from '../src/stages/site-template.js';

const footer = '本站所有资料均来源于网络，仅供学习交流';
const header = '某某范文网 — 你身边的写作助手';
const page = (n: number): string => `${header}\n学校第${n}号工作计划\n一、指导思想\n坚持育人为本，办好第${n}所学校。\n二、工作目标\n${footer}`;

describe('site template across a batch', () => {
  it('lines a site repeats on many pages are found, numbered lines and heading words are not', () => {
    const counter = new TemplateCounter();
    for (let n = 1; n <= 6; n++) counter.addPage(page(n));
    const template = counter.template();
    expect([...template].sort()).toEqual([header, footer].map(templateKey).sort());
    const tree = parsePlan(page(1), { templateLines: template });
    expect(tree.removed.map((r) => [r.rule, r.text])).toEqual([
      ['site-template', header],
      ['site-template', footer],
    ]);
    expect(tree.children[0]!.title).toBe('学校第1号工作计划');
  });
  it('plan content repeated in two copies of one plan is not template', () => {
    const counter = new TemplateCounter();
    counter.addPage(page(1));
    counter.addPage(page(1));
    expect(counter.template().size).toBe(0);
  });
});
