import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyRegionalWords, classifyScript, convertScript, countScript, detectRegion } from '../src/stages/script.js';
import { identityText } from '../src/text/mapped-text.js';
import { parsePlan } from '../src/index.js';
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
  });
  it('Taiwan vocabulary is converted when the page writes it', () => {
    const tree = parsePlan('臺中市資訊教育推動計畫\n一、目的\n（一）培養學生資訊素養與網路倫理觀念。\n（二）鼓勵教師使用軟體與數位教材。');
    expect(tree.source.conversion).toEqual({ variant: 'tw', vocabulary: true });
    expect(JSON.stringify(tree.children)).toContain('信息素养与网络伦理');
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
