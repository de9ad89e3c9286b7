// Big5 codes C6A1–C8FE mean different characters in the two layouts that fill them:
// - `hkscs`: the ETEN extension as Big5-HKSCS carries it (iconv-lite's big5hkscs, browsers):
//   ①–⑩ at C6A1, ⑴–⑽ at C6AB, ⅰ–ⅹ, radicals, then kana from C6E7 and Cyrillic from C7F3;
// - `big5-txt`: the table of Unicode's former BIG5.TXT mapping, which Python's big5 and cp950
//   codecs (and tools built on them) read and write: kana from C6A1, Cyrillic from C7B1,
//   ①–⑩ at C7E9–C7F2 and ⑴–⑽ at C7F3–C7FC; nothing past C7FC.
// A Taiwan plan numbered ⑴、 and saved in the second layout reads in the first as А、 (Cyrillic).
// Which layout a file uses is decided by where its characters from that range stand.
import iconv from 'iconv-lite';
import type { Big5Extension } from '../types.js';

export type { Big5Extension };

const codePoints = (from: number, to: number): string => {
  let out = '';
  for (let cp = from; cp <= to; cp++) out += String.fromCodePoint(cp);
  return out;
};

/**
 * The BIG5.TXT layout of C6A1–C7FC, in code order (trail bytes 40–7E and A1–FE). Checked code by
 * code against Python's cp950 codec in test/big5-extension.test.ts.
 */
const BIG5_TXT_TABLE =
  'ヾゝゞ々' + codePoints(0x3041, 0x3093) // iteration marks, hiragana ぁ–ん
  + codePoints(0x30a1, 0x30f6) // katakana ァ–ヶ
  + 'ДЕЁ' + codePoints(0x0416, 0x041c) + codePoints(0x0423, 0x042f) // Д–М, У–Я (the table has no А–Г, Н–Т)
  + 'абвгдеё' + codePoints(0x0436, 0x044f) // а–я
  + codePoints(0x2460, 0x2469) // ①–⑩ at C7E9
  + codePoints(0x2474, 0x247d); // ⑴–⑽ at C7F3

/** First and last codes whose reading differs between the layouts (BIG5.TXT has none past C7FC). */
export const EXTENSION_FIRST = 0xc6a1;
export const EXTENSION_LAST = 0xc8fe;
const BIG5_TXT_LAST = 0xc7fc;

/** Index of a C6A1–C7FC code in BIG5_TXT_TABLE, or -1. */
function big5TxtIndex(code: number): number {
  if (code < EXTENSION_FIRST || code > BIG5_TXT_LAST) return -1;
  const lead = code >> 8;
  const trail = code & 0xff;
  if (lead === 0xc6) return trail - 0xa1;
  if (trail >= 0x40 && trail <= 0x7e) return 94 + trail - 0x40;
  if (trail >= 0xa1) return 94 + 63 + trail - 0xa1;
  return -1;
}

/** The character a C6A1–C8FE code stands for in the BIG5.TXT layout; null for none (past C7FC). */
export function big5TxtChar(code: number): string | null {
  const k = big5TxtIndex(code);
  return k >= 0 ? BIG5_TXT_TABLE[k]! : null;
}

const hkscsChars = new Map<number, string>();
/** The character a code stands for in Big5-HKSCS (iconv-lite), cached. */
export function hkscsChar(code: number): string {
  let ch = hkscsChars.get(code);
  if (ch === undefined) {
    ch = iconv.decode(Buffer.from([code >> 8, code & 0xff]), 'big5hkscs');
    hkscsChars.set(code, ch);
  }
  return ch;
}

/** Whether a double-byte code lies in C6A1–C8FE. */
const inExtension = (code: number): boolean => code >= EXTENSION_FIRST && code <= EXTENSION_LAST;

const isTrail = (b: number): boolean => (b >= 0x40 && b <= 0x7e) || (b >= 0xa1 && b <= 0xfe);

type Kind = 'number' | 'foreign' | 'other';

/** Numbering characters (①, ⑴, ⅰ, Ⅰ), letters of other scripts (kana, Cyrillic, IPA), or anything else. */
function kindOf(ch: string | null): Kind {
  if (ch === null) return 'foreign'; // no character at all: as unlikely as a stray letter
  const cp = ch.codePointAt(0)!;
  if ((cp >= 0x2460 && cp <= 0x2487) || (cp >= 0x2160 && cp <= 0x217f)) return 'number';
  if ((cp >= 0x3041 && cp <= 0x30ff) || (cp >= 0x0400 && cp <= 0x04ff) || (cp >= 0x00c0 && cp <= 0x02af)) return 'foreign';
  return 'other';
}

/**
 * Big5 punctuation after which, or before which, a numbering character stands: the ideographic
 * space, ，、。．‧；：？！ (A140–A149), （） 〔〕 【】 「」; and the ASCII ones below.
 */
const BIG5_PUNCTUATION = new Set([0xa140, 0xa141, 0xa142, 0xa143, 0xa144, 0xa145, 0xa146, 0xa147, 0xa148, 0xa149, 0xa15d, 0xa15e, 0xa165, 0xa166, 0xa169, 0xa16a, 0xa175, 0xa176]);
/** ASCII: space, tab, line breaks, , . : ; ( ) and > (the end of an HTML tag, where a line of text starts). */
const ASCII_PUNCTUATION = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2c, 0x2e, 0x3a, 0x3b, 0x28, 0x29, 0x3e]);

export interface ExtensionEvidence {
  /** Codes in C6A1–C8FE met. */
  readonly codes: number;
  /** Per layout: numbering characters where numbering stands, less stray letters amid other text. */
  readonly hkscs: number;
  readonly big5Txt: number;
}

/**
 * Weigh the evidence for each layout in bytes [start, end) of a Big5 text. A code of the range
 * scores +1 for a layout that reads it as a numbering character standing where numbering stands
 * (line start, after punctuation, or before 、．. ： or a bracket), and −1 for a layout that reads it
 * as a kana, Cyrillic or other-script letter standing alone among characters of the text.
 * Sequences are numbers: a byte (below 0x100) or a double-byte code; -1 for none (the text's start or end).
 */
export function big5ExtensionEvidence(bytes: Uint8Array, start = 0, end = bytes.length): ExtensionEvidence {
  let codes = 0;
  let hkscs = 0;
  let big5Txt = 0;
  const isDouble = (seq: number): boolean => seq > 0xff;
  const isPunctuation = (seq: number): boolean => (isDouble(seq) ? BIG5_PUNCTUATION.has(seq) : ASCII_PUNCTUATION.has(seq));
  const score = (before: number, code: number, after: number): void => {
    codes++;
    const slot = before === -1 || isPunctuation(before) || (after !== -1 && isPunctuation(after));
    for (const layout of ['hkscs', 'big5-txt'] as const) {
      const charOf = (c: number): string | null => (layout === 'hkscs' ? hkscsChar(c) : big5TxtChar(c));
      const neighbour = (seq: number): Kind => (isDouble(seq) && inExtension(seq) ? kindOf(charOf(seq)) : 'other');
      const kind = kindOf(charOf(code));
      let points = 0;
      if (kind === 'number' && slot) points = 1;
      else if (kind === 'foreign' && neighbour(before) !== 'foreign' && neighbour(after) !== 'foreign') points = -1;
      if (layout === 'hkscs') hkscs += points;
      else big5Txt += points;
    }
  };
  let before = -1;
  let current = -1;
  for (let i = start; i < end;) {
    const b0 = bytes[i]!;
    let next = b0;
    i++;
    if (b0 >= 0x81 && b0 <= 0xfe && i < end) {
      const b1 = bytes[i]!;
      if ((b1 >= 0x40 && b1 <= 0x7e) || (b1 >= 0xa1 && b1 <= 0xfe)) {
        next = (b0 << 8) | b1;
        i++;
      }
    }
    // a single byte is below 0x100, so the range test alone tells a code of the range
    if (current >= EXTENSION_FIRST && current <= EXTENSION_LAST) score(before, current, next);
    before = current;
    current = next;
  }
  if (current >= EXTENSION_FIRST && current <= EXTENSION_LAST) score(before, current, -1);
  return { codes, hkscs, big5Txt };
}

/** The layout the evidence favours; `hkscs` (iconv-lite's reading) unless the BIG5.TXT one scores better and above zero. */
export function chooseBig5Extension(evidence: ExtensionEvidence): Big5Extension {
  return evidence.big5Txt > 0 && evidence.big5Txt > evidence.hkscs ? 'big5-txt' : 'hkscs';
}

/** Decide the layout of a Big5 text from its bytes [start, end). */
export function detectBig5Extension(bytes: Uint8Array, start = 0, end = bytes.length): Big5Extension {
  if (!hasExtensionLead(bytes, start, end)) return 'hkscs';
  return chooseBig5Extension(big5ExtensionEvidence(bytes, start, end));
}

/** Whether any byte C6–C8 stands in the bytes (a cheap screen: a text without one has no code of the range). */
function hasExtensionLead(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0xc6 && b <= 0xc8) return true;
  }
  return false;
}

/**
 * Decode well-formed Big5 bytes [from, to) (starting on a character) in the BIG5.TXT layout:
 * iconv-lite's Big5-HKSCS reading, with the codes C6A1–C7FC read from the BIG5.TXT table.
 */
export function decodeBig5Txt(bytes: Uint8Array, from: number, to: number): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let out = '';
  let runStart = from;
  let i = from;
  while (i < to) {
    const b0 = bytes[i]!;
    if (b0 < 0x81 || b0 > 0xfe || i + 1 >= to || !isTrail(bytes[i + 1]!)) { i++; continue; }
    const code = (b0 << 8) | bytes[i + 1]!;
    const ch = big5TxtChar(code);
    if (ch !== null) {
      if (i > runStart) out += iconv.decode(buffer.subarray(runStart, i), 'big5hkscs');
      out += ch;
      runStart = i + 2;
    }
    i += 2;
  }
  if (to > runStart) out += iconv.decode(buffer.subarray(runStart, to), 'big5hkscs');
  return out;
}
