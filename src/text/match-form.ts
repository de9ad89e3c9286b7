// The matching form of a text: the same length, with full-width ASCII folded to half-width
// and every kind of space folded to ' ', so patterns need one spelling. Output keeps the
// text's own characters; only matching uses this form.

const SPACES = new Set([0x00a0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000, 0x09, 0x0b, 0x0c, 0x0d, 0xfeff, 0x200b, 0x200c, 0x200d, 0x2060]);

/** One character of the matching form (same length as the input character). */
export function foldChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0; // full-width ASCII
  if (SPACES.has(code)) return 0x20;
  if (code === 0x3002 || code === 0xff61) return code; // 。 stays 。
  if (code === 0xfe50 || code === 0xfe51) return 0x3001; // small comma forms → 、
  return code;
}

/**
 * Every code unit foldChar changes, as one character class (built from foldChar itself, over the
 * only units it can change: full-width ASCII, the spaces, the small comma forms; not over all
 * 65,536, which cost a few milliseconds at every start).
 */
const FOLDED = ((): RegExp => {
  const candidates = [...SPACES, 0xfe50, 0xfe51];
  for (let c = 0xff01; c <= 0xff5e; c++) candidates.push(c);
  const changed = candidates.filter((c) => foldChar(c) !== c).sort((a, b) => a - b);
  let ranges = '';
  const hex = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
  for (let k = 0; k < changed.length; k++) {
    const first = changed[k]!;
    while (k + 1 < changed.length && changed[k + 1] === changed[k]! + 1) k++;
    ranges += changed[k] === first ? hex(first) : `${hex(first)}-${hex(changed[k]!)}`;
  }
  return new RegExp(`[${ranges}]`, 'g');
})();
const foldOne = (ch: string): string => String.fromCharCode(foldChar(ch.charCodeAt(0)));

/** The matching form of the whole text (the search for foldable characters runs natively). */
export function matchForm(text: string): string {
  return text.replace(FOLDED, foldOne);
}

