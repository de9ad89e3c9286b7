// Letters: the characters that carry a line's words, as the pattern [\p{Script=Han}\p{L}\p{N}]
// reads them (Han characters, any script's letters, digits). Counting or keeping them is asked of
// nearly every line, so the answer for each character of the Basic Multilingual Plane is worked out
// by that pattern once, the first time the character is met, and then read from a table.
const LETTER = /[\p{Script=Han}\p{L}\p{N}]/u;

const UNKNOWN = 0;
const YES = 1;
const NO = 2;
/** Per BMP code unit: UNKNOWN, YES or NO (a lone surrogate is NO, as the pattern reads it). */
const bmpAnswer = new Uint8Array(0x10000);

/** Whether a code point (or a lone UTF-16 code unit) is a letter. */
export function isLetterCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  if (code > 0xffff) return LETTER.test(String.fromCodePoint(code));
  let answer = bmpAnswer[code]!;
  if (answer === UNKNOWN) bmpAnswer[code] = answer = LETTER.test(String.fromCharCode(code)) ? YES : NO;
  return answer === YES;
}

/** How many letters a text holds (by code point). */
export function countLetters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (isLetterCode(code)) n++;
  }
  return n;
}

/** The text's letters alone, in order (the text itself when it holds nothing else). */
export function lettersOf(text: string): string {
  let kept: string[] | null = null;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (!isLetterCode(code)) {
      kept ??= [];
      if (i > runStart) kept.push(text.slice(runStart, i));
      runStart = i + width;
    }
    i += width - 1;
  }
  if (kept === null) return text;
  if (runStart < text.length) kept.push(text.slice(runStart));
  return kept.join('');
}
