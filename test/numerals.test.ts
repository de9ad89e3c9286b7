import { describe, expect, it } from 'vitest';
import { enclosedNumberValue, parseChineseNumeral } from '../src/numbering/numerals.js';
import { canStartMarker } from '../src/outline/entries.js';

describe('Chinese numerals', () => {
  const cases: Array<[string, number]> = [
    ['零', 0], ['〇', 0], ['一', 1], ['二', 2], ['两', 2], ['九', 9], ['十', 10], ['十一', 11], ['十二', 12],
    ['十九', 19], ['二十', 20], ['二十一', 21], ['三十五', 35], ['九十九', 99], ['一百', 100], ['一百零五', 105],
    ['一百二十', 120], ['两百', 200], ['两百五', 250], ['一千零一', 1001], ['一〇五', 105], ['二〇二二', 2022],
    ['壹', 1], ['拾贰', 12], ['兩', 2],
  ];
  for (const [text, value] of cases) it(`${text} → ${value}`, () => expect(parseChineseNumeral(text)).toBe(value));
  it('every value 1–99 written out parses back', () => {
    const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    for (let n = 1; n < 100; n++) {
      const tens = Math.floor(n / 10);
      const ones = n % 10;
      const text = (tens > 1 ? digits[tens] : '') + (tens > 0 ? '十' : '') + digits[ones];
      expect(parseChineseNumeral(text)).toBe(n);
    }
  });
  for (const bad of ['', '年', '十十', '二三十', '一a', '百十']) it(`${JSON.stringify(bad)} is no numeral`, () => expect(parseChineseNumeral(bad)).toBeNull());
  it('enclosed numbers', () => {
    expect(enclosedNumberValue('①')).toBe(1);
    expect(enclosedNumberValue('⑴')).toBe(1);
    expect(enclosedNumberValue('⒀')).toBe(13);
    expect(enclosedNumberValue('⑳')).toBe(20);
    expect(enclosedNumberValue('㈠')).toBe(1);
    expect(enclosedNumberValue('㈩')).toBe(10);
    expect(enclosedNumberValue('a')).toBeNull();
  });
});

describe('the characters a marker can start with', () => {
  it('are, on every BMP code unit, the class the inline search used to scan with', () => {
    const CLASS = /[(\d第⑴-⒇①-⑳⒈-⒛零〇○一二两兩三四五六七八九十百壹贰貳叁參参肆伍陆陸柒捌玖拾—\-─－]/u;
    const wrong: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code < 0xe000) continue; // no marker starts inside a surrogate pair
      if (canStartMarker(code) !== CLASS.test(String.fromCharCode(code))) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});
