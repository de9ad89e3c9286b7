import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyRegionalWords, classifyScript, convertScript, countScript, detectRegion } from '../src/script/convert.js';
import { identityText } from '../src/text/mapped-text.js';
import { createRequire } from 'node:module';
import { parsePlan } from '../src/index.js';
import type { RootNode } from '../src/types.js';
import { FIXTURES } from './helpers/tree.js';

const seed = (name: string): string => readFileSync(`${FIXTURES}pages/seed-${name}/input.txt`, 'utf8');

describe('script detection', () => {
  it('by proportion, not by the first character met', () => {
    expect(classifyScript(countScript('關系到教育工作的发展，我们要加强管理，提高质量，推进改革'))).toBe('simplified');
    expect(classifyScript(countScript('教育高質量發展措施方案，為貫徹落實黨的要求，切實保障適齡兒童'))).toBe('traditional');
    expect(classifyScript(countScript('教育发展规划。教育發展規劃。学校管理制度。學校管理制度。'))).toBe('mixed');
    expect(classifyScript(countScript('2024 ABC'))).toBe('none');
  });
  it('the seed pages', () => {
    expect(parsePlan(seed('gaozhiliang-fazhan-fanti')).source.script).toBe('traditional');
    for (const name of ['jiaoshijie-huizong', 'jiaoyu-gongzuo-jihua-5pian', 'jiaoyuju-jihua-daquan']) {
      expect(parsePlan(seed(name)).source.script).toBe('simplified');
    }
  });
  it('regional variant', () => {
    expect(detectRegion('網路與資訊教育的軟體')).toBe('tw');
    expect(detectRegion('學校衞生與羣體活動')).toBe('hk');
    expect(detectRegion('教育發展')).toBe('generic');
  });
});

describe('script conversion', () => {
  it('simplified pages come out byte-identical (no converter runs over them)', () => {
    for (const name of ['jiaoshijie-huizong', 'jiaoyu-gongzuo-jihua-5pian', 'jiaoyuju-jihua-daquan']) {
      const text = seed(name);
      const result = convertScript(identityText(text), 'convert');
      expect(result.converted).toBe(false);
      expect(result.text.text).toBe(text);
    }
  });
  it('mainland words in simplified text are never rewritten by the Taiwan phrase table', () => {
    const text = '严格执行文件精神，建立档案，程序规范。\n一、指导思想';
    expect(convertScript(identityText(text), 'convert').text.text).toBe(text);
  });
  it('converts a traditional page, keeping the length so positions map one to one', () => {
    const text = seed('gaozhiliang-fazhan-fanti');
    const result = convertScript(identityText(text), 'convert');
    expect(result.script).toBe('traditional');
    expect(result.text.text).toContain('教育高质量发展措施方案1');
    expect(result.text.text.length).toBe(text.length);
    // converted whole, every line as long as before: the input's map serves as it is
    const input = identityText(text);
    expect(convertScript(input, 'convert').text.origin).toBe(input.origin);
  });
  it('a traditional page with a line that changes length maps that line run by run, and the others one to one', () => {
    const text = '臺北市部落格，經營計畫\n一、資料來源，說明\n二、學校';
    const result = convertScript(identityText(text), 'convert', true);
    const out = result.text.text;
    expect(out.split('\n')).toEqual(['台北市博客，经营计划', '一、数据源，说明', '二、学校']);
    const originOf = (s: string): number => result.text.origin[out.indexOf(s)]!;
    expect(originOf('经营')).toBe(text.indexOf('經營'));
    expect(originOf('说明')).toBe(text.indexOf('說明'));
    expect(originOf('二、学校')).toBe(text.indexOf('二、學校'));
    expect(result.text.origin[out.length]).toBe(text.length);
  });
  it('a mixed page converts only its traditional lines', () => {
    const text = '一、学校应当落实规范办学行为，认真贯彻执行。\n二、學校應當落實規範辦學行為，認真貫徹執行。';
    const result = convertScript(identityText(text), 'convert');
    expect(result.script).toBe('mixed');
    const [first, second] = result.text.text.split('\n');
    expect(first).toBe('一、学校应当落实规范办学行为，认真贯彻执行。');
    expect(second).toBe('二、学校应当落实规范办学行为，认真贯彻执行。');
  });
  it('--script keep leaves the text alone', () => {
    const tree = parsePlan('一、指導思想\n堅持育人為本。', { script: 'keep' });
    expect(tree.source.converted).toBe(false);
    expect(JSON.stringify(tree.children)).toContain('指導思想');
  });
});

const OpenCC = createRequire(import.meta.url)('opencc-js') as { Converter(o: { from: string; to: string }): (text: string) => string };
const openccTw = OpenCC.Converter({ from: 'tw', to: 'cn' });
const openccHk = OpenCC.Converter({ from: 'hk', to: 'cn' });
const textOf = (tree: RootNode): string => JSON.stringify(tree.children);

// A Taiwan plan written for these tests, with words the regional phrase tables rewrite.
const TAIWAN_PLAN = [
  '臺北市國民小學資訊教育推動計畫',
  '一、核心功能',
  '（一）建立使用者帳號與資料來源清單。',
  '（二）農村國小於期末繳交成果簡報。',
  '二、經費來源',
  '由本校相關經費支應。',
].join('\n');

describe('characters, not vocabulary', () => {
  it('a Taiwan page comes out exactly as opencc-js tw → cn converts it', () => {
    const result = convertScript(identityText(TAIWAN_PLAN), 'convert');
    expect(result.text.text).toBe(openccTw(TAIWAN_PLAN));
    expect(parsePlan(TAIWAN_PLAN).source.conversion).toEqual({ variant: 'tw', opencc: 'tw', vocabulary: false, secondPass: null });
  });
  it('a Hong Kong page, exactly as opencc-js hk → cn converts it', () => {
    const page = '學校衞生與羣體活動計劃\n一、加強校園綫上學習的支援。\n二、啓動家長教師會的工作。';
    expect(convertScript(identityText(page), 'convert').text.text).toBe(openccHk(page));
    expect(parsePlan(page).source.conversion).toEqual({ variant: 'hk', opencc: 'hk', vocabulary: false, secondPass: null });
  });
  it('the traditional seed page is exactly opencc-js tw → cn (its Hong Kong form 衞 stays as those tables leave it)', () => {
    const text = seed('gaozhiliang-fazhan-fanti');
    expect(text.split('衞').length - 1).toBe(12);
    expect(convertScript(identityText(text), 'convert').text.text).toBe(openccTw(text));
    expect(parsePlan(text).source.conversion).toEqual({ variant: 'tw', opencc: 'tw', vocabulary: false, secondPass: null });
  });
  it('the words stay as the page wrote them, in simplified characters', () => {
    const out = textOf(parsePlan(TAIWAN_PLAN));
    for (const word of ['核心功能', '建立使用者', '资料来源', '农村国小', '成果简报', '资讯教育']) expect(out).toContain(word);
    for (const word of ['内核', '创建', '用户', '数据源', '小学于', '演示文稿', '信息']) expect(out).not.toContain(word);
  });
  it('vocabulary: true converts regional vocabulary and the project dictionary too', () => {
    const tree = parsePlan(TAIWAN_PLAN, { vocabulary: true });
    expect(tree.source.conversion).toEqual({ variant: 'tw', opencc: 'twp', vocabulary: true, secondPass: null });
    const out = textOf(tree);
    for (const word of ['内核功能', '创建用户', '数据源', '农村小学', '成果演示文稿', '信息教育']) expect(out).toContain(word);
    expect(tree.children[0]!.title).toBe('台北市国民小学信息教育推动计划');
  });
  it('the project dictionary runs only with vocabulary (国小 → 小学, 中國小 → 中小学)', () => {
    const page = '一、推動國小與中國小教師交流計畫。';
    expect(textOf(parsePlan(page))).toContain('推动国小与中国小教师');
    expect(textOf(parsePlan(page, { vocabulary: true }))).toContain('推动小学与中小学教师');
  });
  it('simplified pages stay byte-identical with vocabulary too', () => {
    for (const name of ['jiaoshijie-huizong', 'jiaoyu-gongzuo-jihua-5pian', 'jiaoyuju-jihua-daquan']) {
      const text = seed(name);
      const result = convertScript(identityText(text), 'convert', true);
      expect(result.converted).toBe(false);
      expect(result.text.text).toBe(text);
    }
  });
  it('a Hong Kong form on a Taiwan page: kept as opencc-js leaves it by default; with vocabulary a second pass over that character only', () => {
    const page = '臺灣學校衞生計畫\n一、改善學校衞生設施，推動資訊與網路教育。';
    expect(convertScript(identityText(page), 'convert').text.text).toBe(openccTw(page));
    expect(parsePlan(page).source.conversion?.secondPass).toBe(null);
    const tree = parsePlan(page, { vocabulary: true });
    expect(textOf(tree)).toContain('卫生');
    expect(tree.source.conversion?.secondPass).toBe('hk');
  });
});

describe('regional dictionary after opencc-js', () => {
  const cases: Array<[string, string]> = [
    ['农村国小由60所调整为50所', '农村小学由60所调整为50所'],
    ['改革中国小考评办法', '改革中小学考评办法'],
    ['新《国小生守则》', '新《小学生守则》'],
    ['全国小学教育', '全国小学教育'],
    ['中国小说选读', '中国小说选读'],
    ['各国中学生交流', '各国中学生交流'],
    ['县立国中教师', '县立初中教师'],
  ];
  for (const [from, to] of cases) it(`${from} → ${to}`, () => expect(applyRegionalWords(from)).toBe(to));
});
