import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePlan } from '../src/index.js';
import { builtInRules, compileRules, findBoilerplate, parseRulesFile, RuleError } from '../src/stages/boilerplate.js';
import { FIXTURES } from './helpers/tree.js';

const removedBy = (text: string): Array<[string, string]> => parsePlan(text).removed.map((r) => [r.rule, r.text]);

describe('boilerplate rules', () => {
  it('every rule of the shipped file has a name, a description and a known scope', () => {
    const rules = builtInRules();
    expect(rules.length).toBeGreaterThanOrEqual(12);
    for (const r of rules) {
      expect(r.name).toMatch(/^[a-z-]+$/u);
      expect(r.description.length).toBeGreaterThan(10);
    }
  });
  it('removes each family and records rule, text and position', () => {
    const page = [
      '网站首页 国学 语言 古诗词鉴赏 名言警句 对联锦集 文学闲聊',
      '当前位置:文书馆 > 范文 > 工作计划',
      '栏目: 工作计划 / 发布于: / 人气:9.04K',
      '下面是小编收集整理的教育工作计划，供大家参考借鉴，希望可以帮助到有需要的朋友。',
      '实用的教育工作计划集锦5篇',
      '一、指导思想',
      '坚持育人为本，时(shí)间安排合理,,全面推进素质教育。',
      '第 1 页 共 6 页',
      '二、工作目标',
      '做好专用教室的`使用记载，做好市第四届成果奖的.评选工作。',
      '【返回 栏目列表】',
      '- 约4.79千字',
      '原创力文档',
      '文档评论(0)',
    ].join('\n');
    const tree = parsePlan(page);
    const rules = tree.removed.map((r) => r.rule);
    for (const rule of ['site-chrome', 'page-metadata', 'editor-intro', 'collection-title', 'pinyin-gloss', 'doubled-punctuation', 'pagination', 'anti-copy-mark', 'library-metadata']) {
      expect(rules).toContain(rule);
    }
    const pinyin = tree.removed.find((r) => r.rule === 'pinyin-gloss')!;
    expect(pinyin.text).toBe('(shí)');
    expect(pinyin.position.start.line).toBe(7);
    expect(page.slice(pinyin.position.start.offset, pinyin.position.end.offset)).toBe('(shí)');
    const body = JSON.stringify(tree.children);
    expect(body).toContain('坚持育人为本，时间安排合理,全面推进素质教育。');
    expect(body).toContain('做好专用教室的使用记载');
    expect(body).not.toContain('小编');
  });
  it('never removes a numbered line of plan text, nor a heading that merely contains 范文', () => {
    expect(removedBy('一、下面是本校今年的工作重点，供全体教师参考执行。\n二、范文写作教学研究\n1、首页设计与栏目规划')).toEqual([]);
    expect(removedBy('教育工作计划范文写作指导\n一、指导思想')).toEqual([]);
  });
  it('a numbered download disclaimer above the plan is removed', () => {
    expect(removedBy('1、本文档由用户上传，版权归属用户。\n一、指导思想').map(([rule]) => rule)).toEqual(['paywall']);
  });
  it('a truncated teaser that repeats the start of the text', () => {
    const text = readFileSync(`${FIXTURES}pages/seed-jiaoshijie-huizong/input.txt`, 'utf8');
    expect(parsePlan(text).removed.map((r) => r.rule)).toContain('truncated-teaser');
  });
  it('user rules: a file of the same shape', () => {
    const rules = parseRulesFile("rules:\n  - name: my-site\n    description: my site's footer\n    scope: line\n    patterns: ['^本站由.*提供$']\n", 'my.yaml');
    expect(findBoilerplate('一、指导思想\n本站由某某提供', rules)).toHaveLength(1);
    expect(() => parseRulesFile('rules:\n  - name: x\n    scope: line\n    patterns: ["("]\n', 'bad.yaml')).toThrow(RuleError);
    expect(() => compileRules({ nope: 1 }, 'x.yaml')).toThrow(/rules/u);
  });
  it('--keep-boilerplate keeps everything', () => {
    expect(parsePlan('原创力文档\n一、指导思想', { keepBoilerplate: true }).removed).toEqual([]);
  });
});
