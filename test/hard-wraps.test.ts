// Hard-wrapped pages (a PDF's text broken at one width): the evidence, the joins, and that a page
// written a paragraph a line is left as it is.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { displayWidth, joinHardWraps, wrapEvidence } from '../src/outline/hard-wraps.js';
import { identityText } from '../src/text/mapped-text.js';
import { parsePlan } from '../src/index.js';
import { nodesOf } from './helpers/tree.js';

const SENTENCES = [
  '坚持预防为主、防治结合，聚焦校园及周边的突出风险，切实提升学校应对各类突发事件的能力。',
  '落实校长第一责任人责任，学校与各年级、各班级逐级签订安全责任书，把安全工作纳入年度考核。',
  '建立安全工作例会制度，每月至少召开一次专题会议，分析研判安全形势，及时研究解决存在的问题。',
  '会同公安、交通等部门开展校园周边环境整治，清理校门口占道经营，规范接送车辆停放。',
  '把安全教育纳入课程计划，每学期安排不少于六课时，内容涵盖交通、防溺水、防火和网络安全。',
  '每学期至少组织两次应急疏散演练，演练前制定方案，演练后及时总结评估，不断完善应急预案。',
];

/** A plan written a paragraph a line. */
const PAGE = [
  '某校安全工作计划',
  '一、总体要求',
  SENTENCES[0],
  '二、主要任务',
  ...SENTENCES.slice(1).map((s, i) => `${i + 1}.${s}`),
  '三、保障措施',
  SENTENCES[0],
].join('\n');

/** Every line longer than `width` broken at `width` code units, as a PDF's text is. */
const wrapped = (text: string, width: number): string =>
  text
    .split('\n')
    .flatMap((line) => (line.length <= width ? [line] : Array.from({ length: Math.ceil(line.length / width) }, (_, i) => line.slice(i * width, (i + 1) * width))))
    .join('\n');

const outlineOf = (text: string): string[] => [...nodesOf(parsePlan(text))].map((n) => `${n.type} ${n.depth} ${'marker' in n && n.marker ? n.marker.raw : '_'} ${'title' in n ? n.title : ''}`);

describe('hard-wrapped pages', () => {
  it('a page written a paragraph a line shows no wrapping, and is left as it is', () => {
    expect(wrapEvidence(PAGE)).toBeNull();
    const text = identityText(PAGE);
    expect(joinHardWraps(text)).toBe(text);
  });

  it('the same page broken at a fixed width: the width found, the breaks joined, the outline as unwrapped', () => {
    for (const width of [18, 24, 30]) {
      const page = wrapped(PAGE, width);
      const evidence = wrapEvidence(page);
      expect(evidence?.wrapped, `width ${width}`).toBe(true);
      expect(evidence!.width).toBe(2 * width);
      expect(outlineOf(page)).toEqual(outlineOf(PAGE));
    }
  });

  it('a break before a numbered line stays, even after a line that ends without a mark', () => {
    // a line of the full width, with no closing mark, right before 二、
    const fullWidth = '为此要求各部门各单位高度重视认真抓好工作落实'.slice(0, 20);
    const page = wrapped(PAGE.replace('\n二、', `\n${fullWidth}\n二、`), 20);
    expect(page).toContain(`\n${fullWidth}\n二、`);
    const joined = joinHardWraps(identityText(page)).text;
    expect(joined).toContain('\n二、主要任务');
    expect(joined).toContain('\n2.建立安全工作例会制度');
  });

  it('joined text keeps each character where it stood in the input', () => {
    const page = wrapped(PAGE, 22);
    const joined = joinHardWraps(identityText(page));
    expect(joined.text.length).toBeLessThan(page.length);
    for (let i = 0; i < joined.text.length; i++) expect(page[joined.origin[i]!]).toBe(joined.text[i]);
  });

  it('a break between Latin words keeps one space; CJK text none', () => {
    // the typesetter wrapped at the space between two Latin words
    const withLatin = PAGE.replace(SENTENCES[3]!, '会同公安、交通等部门开展校园周边环境整治，采用 Raspberry Pi 4 搭建监控平台，规范接送车辆停放。');
    const page = wrapped(withLatin, 35);
    expect(page).toContain('Raspberry\n Pi 4');
    expect(wrapEvidence(page)?.wrapped).toBe(true);
    const joined = joinHardWraps(identityText(page)).text;
    expect(joined).toContain('采用 Raspberry Pi 4 搭建监控平台');
    expect(joined).toContain('逐级签订安全责任书');
  });

  it('a wide character counts two, a half-width one one', () => {
    expect(displayWidth('安全')).toBe(4);
    expect(displayWidth('PK赛3个')).toBe(7);
    expect(displayWidth('（一）')).toBe(6);
    expect(displayWidth('ｱｲ')).toBe(2);
    expect(displayWidth('𠀀')).toBe(2);
  });

  it('takes out only line breaks and the spaces beside them (property)', () => {
    const line = fc.oneof(fc.constantFrom(...SENTENCES, '二、主要任务', '（一）加强组织领导', ''), fc.string({ maxLength: 40 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.integer({ min: 8, max: 40 }), (lines, width) => {
        const page = wrapped(lines.join('\n'), width);
        const joined = joinHardWraps(identityText(page)).text;
        expect(joined.replace(/\s/gu, '')).toBe(page.replace(/\s/gu, ''));
      }),
    );
  });
});
