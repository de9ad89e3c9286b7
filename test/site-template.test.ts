import { describe, expect, it } from 'vitest';
import { parsePlan, prepareText, TemplateCounter } from '../src/index.js';
import { samplePage, templateKey } from '../src/boilerplate/site-template.js';

import { PLANS, disclaimer, footer, header, withTemplate } from './helpers/site-pages.js';

function templateOf(pages: readonly string[]): Set<string> {
  const counter = new TemplateCounter();
  for (const page of pages) counter.addPage(prepareText(page));
  return counter.template();
}

describe('site template across a batch', () => {
  it('5 pages of different plans sharing a header, a footer and a disclaimer: those lines are removed as site-template and listed in removed', () => {
    const pages = PLANS.map(withTemplate);
    const template = templateOf(pages);
    expect([...template].sort()).toEqual([header, footer, disclaimer].map(templateKey).sort());
    for (const [i, page] of pages.entries()) {
      const without = parsePlan(page);
      expect(without.removed).toEqual([]); // no built-in rule names these lines
      const tree = parsePlan(page, { templateLines: template });
      expect(tree.removed.map((r) => [r.rule, r.text])).toEqual([
        ['site-template', header],
        ['site-template', disclaimer],
        ['site-template', footer],
      ]);
      expect(tree.removed[0]!.position.start.offset).toBe(0);
      expect(tree.children[0]!.title).toBe(PLANS[i]!.split('\n')[0]);
      // the plan itself is untouched: the same tree as the plan alone, but for positions
      expect(JSON.stringify(tree.children, dropPositions)).toBe(JSON.stringify(parsePlan(PLANS[i]!).children, dropPositions));
    }
  });

  it('10 copies of one plan (in different chrome, or none): nothing of the plan is template', () => {
    const plan = PLANS[0]!;
    const chromes = ['', '某站首页 > 范文 > 计划', '欢迎来到第三方资料站点', ''];
    const copies = Array.from({ length: 10 }, (_, i) => (chromes[i % chromes.length] ? `${chromes[i % chromes.length]}\n${plan}` : plan));
    expect(templateOf(copies).size).toBe(0);
    // copies with the site's own template too: the template is still not found from one plan alone
    expect(templateOf(copies.map(withTemplate)).size).toBe(0);
  });

  it('copies of one plan among other plans count once: the template is found, the copied plan is kept', () => {
    const copies = Array.from({ length: 8 }, () => withTemplate(PLANS[0]!));
    const pages = [...copies, ...PLANS.slice(1).map(withTemplate)];
    const template = templateOf(pages);
    expect([...template].sort()).toEqual([header, footer, disclaimer].map(templateKey).sort());
    // the copied plan's unnumbered lines stand on 8 of 12 pages but in one plan of five
    expect(template.has(templateKey('坚持安全第一、预防为主的方针。'))).toBe(false);
  });

  it('a truncated or re-encoded copy (a few characters lost) is still a copy', () => {
    const plan = PLANS[1]!;
    const truncated = plan.split('\n').slice(0, 5).join('\n');
    const damaged = plan.replace('统一', '??');
    const counter = new TemplateCounter();
    for (const page of [plan, truncated, damaged, plan]) counter.addPage(page);
    expect(counter.plans().count).toBe(1);
  });

  it('a numbered line is plan content even when it equals a template line', () => {
    const numbered = '1.加强安全教育，每月开展一次主题班会';
    // a template set given by the library user that holds a numbered line: it is kept
    const tree = parsePlan(withTemplate(PLANS[0]!), { templateLines: new Set([templateKey(numbered), templateKey(header)]) });
    expect(tree.removed.map((r) => r.text)).toEqual([header]);
    expect(JSON.stringify(tree.children)).toContain('加强安全教育');
    // and a numbered line that every page holds is never counted as template
    const pages = PLANS.map((p) => withTemplate(`${p}\n4.${'做好总结评比工作，表彰先进集体和个人'}`));
    const template = templateOf(pages);
    expect(template.has(templateKey('4.做好总结评比工作，表彰先进集体和个人'))).toBe(false);
    expect(template.has(templateKey(header))).toBe(true);
  });

  it('short lines and heading words are never template', () => {
    const pages = PLANS.map((p) => `${header}\n首页\n${p}\n工作目标`);
    const template = templateOf(pages);
    expect([...template]).toEqual([templateKey(header)]);
  });

  it('a page sample is small: the keys that can be template, and hashes of its content lines', () => {
    const sample = samplePage(withTemplate(PLANS[0]!));
    expect(sample.keys).toContain(templateKey(header));
    expect(sample.keys.some((k) => k.startsWith('1.'))).toBe(false);
    expect(sample.content).toHaveLength(3); // the three numbered entries
    expect(JSON.parse(JSON.stringify(sample))).toEqual(sample);
  });
});

function dropPositions(key: string, value: unknown): unknown {
  return key === 'position' ? undefined : value;
}
