// Chinese numerals → numbers: 一 … 九十九 and beyond (零 〇 两 十 百 千 万), plus circled forms.

const DIGITS: Readonly<Record<string, number>> = {
  '零': 0, '〇': 0, '○': 0, '一': 1, '二': 2, '两': 2, '兩': 2, '三': 3, '四': 4, '五': 5,
  '六': 6, '七': 7, '八': 8, '九': 9, '壹': 1, '贰': 2, '貳': 2, '叁': 3, '參': 3, '肆': 4,
  '伍': 5, '陆': 6, '陸': 6, '柒': 7, '捌': 8, '玖': 9, '参': 3,
};
const UNITS: Readonly<Record<string, number>> = { '十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000 };

/** Characters that may appear in a Chinese numeral. */
export const CJK_NUMERAL_CHARS = '零〇○一二两兩三四五六七八九十百千';

/** The formal (banking) numerals: 壹 贰 叁 …, the top level of many Taiwan documents (壹、貳、參、). */
export const FORMAL_NUMERAL_CHARS = '壹贰貳叁參参肆伍陆陸柒捌玖拾佰仟';

/** The heavenly stems, a sequence of ten (甲、乙、丙、): the items of Taiwan and older mainland documents. */
export const STEM_CHARS = '甲乙丙丁戊己庚辛壬癸';
/** Roman numerals of one character, upper (Ⅰ Ⅱ … Ⅻ) and lower (ⅰ ⅱ … ⅻ). */
export const ROMAN_UPPER_CHARS = 'ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ';
export const ROMAN_LOWER_CHARS = 'ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ';

/**
 * The value of a Chinese numeral, or null when the string is not one.
 * Handles positional forms (十二, 二十, 一百零五, 两百) and digit-by-digit forms (一〇五, 二〇二二).
 */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0) return null;
  let hasUnit = false;
  for (const ch of text) {
    if (UNITS[ch] !== undefined) hasUnit = true;
    else if (DIGITS[ch] === undefined) return null;
  }
  if (!hasUnit) {
    // digit by digit: 一〇五 → 105; a single 零 is 0
    let value = 0;
    for (const ch of text) value = value * 10 + (DIGITS[ch] ?? 0);
    return value;
  }
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  for (const ch of text) {
    const digit = DIGITS[ch];
    if (digit !== undefined) {
      if (pending !== null && digit !== 0) return null; // two digits in a row: 二三十
      pending = digit === 0 ? null : digit;
      continue;
    }
    const unit = UNITS[ch] ?? 0;
    if (unit >= lastUnit) return null; // 十百, 十十
    total += (pending ?? (unit === 10 && total === 0 ? 1 : NaN)) * unit;
    if (Number.isNaN(total)) return null;
    pending = null;
    lastUnit = unit;
  }
  if (pending !== null) {
    // 两百五 (250) style: a trailing digit after 百/千 without 十 scales to the next unit down
    total += lastUnit >= 100 && !text.includes('零') && text.length === 3 ? pending * (lastUnit / 10) : pending;
  }
  return total;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PAREN_CIRCLED = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';
const DOTTED = '⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛';
/** ㈠ … ㈩: （一） … （十） in one character, as Word's numbering and some fonts write them. */
const PAREN_IDEOGRAPH = '㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩';

/** ① → 1, ⑴ → 1, ⒀ → 13, ㈢ → 3; null for other characters. */
export function enclosedNumberValue(ch: string): number | null {
  for (const set of [CIRCLED, PAREN_CIRCLED, DOTTED, PAREN_IDEOGRAPH]) {
    const i = set.indexOf(ch);
    if (i >= 0) return i + 1;
  }
  return null;
}

export const CIRCLED_CHARS = CIRCLED;
export const PAREN_CIRCLED_CHARS = PAREN_CIRCLED;
export const DOTTED_CHARS = DOTTED;
export const PAREN_IDEOGRAPH_CHARS = PAREN_IDEOGRAPH;
