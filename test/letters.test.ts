import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countLetters, isLetterCode, lettersOf } from '../src/text/letters.js';

// the pattern the table stands for, read the slow way
const LETTER = /[\p{Script=Han}\p{L}\p{N}]/u;
const slowLetters = (s: string): string => s.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, '');
const slowCount = (s: string): number => [...s].filter((ch) => LETTER.test(ch)).length;

describe('letters', () => {
  it('read every BMP code unit as the pattern does', () => {
    for (let code = 0; code <= 0xffff; code++) expect(isLetterCode(code)).toBe(LETTER.test(String.fromCharCode(code)));
  });

  it('keep and count the letters of any text as the pattern does, lone surrogates and astral characters included (property)', () => {
    const units = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('\uD800', '\uDC00', '𠀀', '𝒜', '一', '、', '（', 'Ａ', '１', ' ', '\n'));
    fc.assert(
      fc.property(fc.array(units, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        expect(lettersOf(text)).toBe(slowLetters(text));
        expect(countLetters(text)).toBe(slowCount(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('give the text itself back when it is all letters', () => {
    const text = '教育工作计划2024';
    expect(lettersOf(text)).toBe(text);
    expect(lettersOf('一、指导思想：')).toBe('一指导思想');
  });
});
