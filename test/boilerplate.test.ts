import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/index.js';
import { builtInRules, compileRules, RuleError } from '../src/boilerplate/rules.js';
import { findBoilerplate } from '../src/boilerplate/strip.js';
import { parseRulesFile } from '../src/boilerplate/user-rules.js';
import { FIXTURES, pageCases } from './helpers/tree.js';

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
  it('plan lines that read like chrome stay: a bullet of spaced words, a classification with a definition, an address with a port', () => {
    expect(removedBy('1.1 部署方式\n- 透过 Docker API 与 Docker Engine 进行集成\n- 容器 服务 网络 存储 监控')).toEqual([['format-residue', '-'], ['format-residue', '-']]);
    expect(removedBy('分类：function＝业务功能；report＝报表数据集与分析呈现。')).toEqual([]);
    expect(removedBy('测试主机为 http://10.41.100.1:5173，前端预览为 http://localhost:4173。')).toEqual([]);
    // the families themselves are still removed
    expect(removedBy('网站首页 国学 语言 古诗词鉴赏 名言警句 对联锦集\n栏目: 工作计划\n本文来自 www.example.com 的文章。').map(([rule]) => rule)).toEqual(['site-chrome', 'page-metadata', 'watermark']);
  });
  it('the new families keep plan lines that only look like them', () => {
    const keep = [
      '友情链接\n由信息中心每学期核对一次，失效链接及时删除。\n新增链接须经办公室审核。', // a heading with no site names below
      '技术支持：学校信息中心\n主办：校长办公室', // an office, not a company; no footer beside it
      '活动详情\n时间：每周三下午，地点：学校礼堂。', // a 详情 heading with no chrome beside it
      '相关链接\n学校将完善网站的相关链接。',
      '采集时间：每日上午10点前\n抓取时间安排见附表。',
      '参赛作品版权所有归主办方。\n作品须为原创，版权所有者须本人签字确认。',
      '今天是我校建校六十周年，全校师生齐聚一堂。',
      '1\n总则\n正文。\n正文。\n正文。\n正文。\n正文。\n正文。\n正文。\n2\n组织体系\n正文。', // decimal chapters written alone
      '序号\n1\n开学工作检查，九月第一周完成。\n2\n教师培训，九月第二周完成。', // a table's first column
      '---\n一、指导思想\n---',
      '首页设计与栏目规划\n分享到班级群，扩大活动影响。\n扫码报名，名额有限，额满为止。', // 首页 as a word, not a link
      '信息来源：各处室每周五前报送。\n主题分类：按学段整理。',
    ];
    for (const page of keep) expect(removedBy(page), page).toEqual([]);
  });
  it('HTML: friend-link boxes and tool bars are chrome by their class', () => {
    const page = '<html><body><div class="topbar">今天是 设为首页</div><div class="content"><p>一、指导思想</p><p>坚持育人为本。</p></div><div class="flink"><a>教育部</a><a>省教育厅</a></div><div id="yqlj">市教育局</div></body></html>';
    const tree = parsePlan(page, { from: 'html' });
    expect(tree.removed.map((r) => [r.rule, r.text])).toEqual([['html-chrome', '今天是 设为首页'], ['html-chrome', '教育部省教育厅'], ['html-chrome', '市教育局']]);
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

describe('rules that weigh their neighbours', () => {
  const rulesOf = (rules: unknown[]) => compileRules({ rules }, 'test.yaml');
  const removed = (text: string, rules: unknown[]): Array<[string, string]> =>
    findBoilerplate(text, rulesOf(rules)).map((r) => [r.rule, text.slice(r.start, r.end)]);
  const footer = { name: 'footer', scope: 'line', patterns: ['ICP备\\d+号'] };

  it('near: a line goes only beside a removal of a named rule, and removals spread', () => {
    const address = { name: 'address', scope: 'line', near: ['footer', 'address'], within: 1, patterns: ['^(地址|电话):'] };
    expect(removed('电话: 123\n地址: 某路1号\n浙ICP备123号', [footer, address])).toEqual([['address', '电话: 123'], ['address', '地址: 某路1号'], ['footer', '浙ICP备123号']]);
    // two lines away: not beside it
    expect(removed('地址: 某路1号\n一段正文\n浙ICP备123号', [footer, address])).toEqual([['footer', '浙ICP备123号']]);
    expect(removed('地址: 某路1号', [footer, address])).toEqual([]);
  });
  it('near with repeats: only a line that stands beside such removals that many times', () => {
    const marker = { name: 'marker', scope: 'line', patterns: ['^- \\d+ -$'] };
    const head = { name: 'head', scope: 'line', near: ['marker'], within: 1, repeats: 2, maxLength: 40, patterns: ['^[^。]{2,40}$'] };
    const text = ['学校工作计划', '一、指导思想', '正文一。', '- 1 -', '学校工作计划', '正文二。', '- 2 -', '学校工作计划', '正文三。', '- 3 -', '附表'].join('\n');
    expect(removed(text, [marker, head]).map(([rule, t]) => `${rule} ${t}`)).toEqual(['marker - 1 -', 'head 学校工作计划', 'marker - 2 -', 'head 学校工作计划', 'marker - 3 -']);
  });
  it('series: page numbers that run on, far enough apart, without a title below them', () => {
    const page = { name: 'page', scope: 'line', series: true, gap: 3, patterns: ['^(\\d{1,3})$'] };
    const text = ['一、目标', '正文甲，', '1', '继续正文。', '正文乙。', '正文丙。', '2', '二、措施', '正文丁。'].join('\n');
    expect(removed(text, [page]).map(([, t]) => t)).toEqual(['1', '2']);
    // a lone number, or numbers closer than gap (a table's first column), stay
    expect(removed('正文。\n7\n正文。', [page])).toEqual([]);
    expect(removed('1\n张三，负责。\n2\n李四，负责。', [page])).toEqual([]);
    // decimal chapters written alone, each with its title below: stay
    expect(removed(['1', '总则', '正文。', '正文。', '2', '组织体系', '正文。'].join('\n'), [page])).toEqual([]);
  });
  it('echo: the column name alone below the breadcrumb that ends with it', () => {
    const echo = { name: 'column', scope: 'echo', patterns: ['^当前位置:.*> ?(\\S{2,12})$'] };
    expect(removed('当前位置: 首页 > 公告 > 教科室\n教科室\n2020年工作计划', [echo])).toEqual([['column', '教科室']]);
    expect(removed('当前位置: 首页 > 公告 > 教科室\n教科室工作计划', [echo])).toEqual([]);
    expect(removed('当前位置: 首页 > 公告 > 一、\n一、', [echo])).toEqual([]); // a numbered line is never an echo
  });
  it('list with close and minFollow: a block is removed only when it is closed, a list only with enough followers', () => {
    const block = { name: 'block', scope: 'list', minFollow: 1, patterns: ['^-{3,}$'], follow: ['^url:'], close: ['^-{3,}$'] };
    expect(removed('标题\n---\nurl: x\n---\n一、目标', [block]).map(([, t]) => t)).toEqual(['---', 'url: x', '---']);
    expect(removed('---\nurl: x\n正文。', [block])).toEqual([]);
    expect(removed('---\n---', [block])).toEqual([]);
    const links = { name: 'links', scope: 'list', minFollow: 2, patterns: ['^友情链接$'], follow: ['^\\S{2,10}局$'] };
    expect(removed('友情链接\n教育局\n公安局', [links]).length).toBe(3);
    expect(removed('友情链接\n教育局\n做好链接维护。', [links])).toEqual([]);
  });
  it('join: a page marker cutting a sentence takes its line breaks, so the sentence reads on', () => {
    const page = ['一、重点任务', '（一）物资储备。按照定额储备编织袋、救生衣、块石等防汛物资，', '', '- 2 -', '', '落实专人管理。', '（二）队伍建设。组建抢险突击队。'].join('\n');
    const tree = parsePlan(page);
    expect(tree.removed.map((r) => [r.rule, r.text, r.position.start.line])).toEqual([['page-marker', '- 2 -', 4]]);
    expect(JSON.stringify(tree.children)).toContain('防汛物资，落实专人管理。');
    const rules = rulesOf([{ name: 'marker', scope: 'line', join: true, patterns: ['^- \\d+ -$'] }]);
    expect(findBoilerplate('甲\n\n- 2 -\n\n乙', rules)).toEqual([{ rule: 'marker', start: 3, end: 8, cut: { start: 1, end: 9 } }]);
  });
  it('refuses fields on the wrong scope, series and echo patterns without a group, bad counts', () => {
    expect(() => rulesOf([{ name: 'a', scope: 'span', near: ['x'], patterns: ['x'] }])).toThrow(/near is for line rules/u);
    expect(() => rulesOf([{ name: 'a', scope: 'line', close: ['x'], patterns: ['x'] }])).toThrow(/close is for list rules/u);
    expect(() => rulesOf([{ name: 'a', scope: 'line', repeats: 2, patterns: ['x'] }])).toThrow(/repeats is for line rules with near/u);
    expect(() => rulesOf([{ name: 'a', scope: 'line', series: true, patterns: ['^\\d+$'] }])).toThrow(/needs a group/u);
    expect(() => rulesOf([{ name: 'a', scope: 'echo', patterns: ['^x$'] }])).toThrow(/needs a group/u);
    expect(() => rulesOf([{ name: 'a', scope: 'line', near: ['b'], within: 0, patterns: ['x'] }])).toThrow(/within must be a whole number/u);
    expect(() => rulesOf([{ name: 'a', scope: 'nope', patterns: ['x'] }])).toThrow(/line, span, list, teaser or echo/u);
  });
});

// fixtures/outline/<case>/expected.removed: every removal of the page, `RULE<TAB>TEXT` a line, in order
// (a line break inside TEXT written \n); an empty file says nothing is removed.
describe('boilerplate fixtures: every removal, by rule and text', () => {
  for (const c of pageCases('outline').filter((k) => existsSync(join(k.dir, 'expected.removed')))) {
    it(c.name, () => {
      const expected = readFileSync(join(c.dir, 'expected.removed'), 'utf8').split('\n').filter((l) => l !== '');
      const tree = parsePlan(readFileSync(c.inputFile), { ...c.options, path: c.inputFile });
      expect(tree.removed.map((r) => `${r.rule}\t${r.text.replace(/\n/gu, '\\n')}`)).toEqual(expected);
    });
  }
});
