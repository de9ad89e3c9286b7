// How the bytes fare as UTF-16 without a byte order mark, for each byte order and both alignments
// (a piece cut at an odd byte offset starts with half a code unit). Chinese text read one byte
// off, or in the wrong byte order, still gives CJK-looking units; only the right reading gives
// mostly common characters, so units are judged by the common-character set.
import { isCommonChar } from './common-han.js';

export type Utf16Name = 'utf-16le' | 'utf-16be';

export interface Utf16Evidence {
  readonly encoding: Utf16Name;
  /** 1 when the code units start at the second byte. */
  readonly offset: 0 | 1;
  /** Code units read. */
  readonly units: number;
  /** ASCII text with a zero high byte, common hanzi, Chinese punctuation. */
  readonly common: number;
  /** Units text may hold but that say little: rarer hanzi, kana, symbols, Latin, surrogate pairs. */
  readonly plausible: number;
  /** Units no text is made of: controls, lone surrogates, Hangul, private use and the like. */
  readonly bad: number;
  /** Zero bytes in the sample (8-bit text has none). */
  readonly zeros: number;
}

/** The evidence for the best of the four readings (most common units less bad ones). */
export function bestUtf16Evidence(bytes: Uint8Array): Utf16Evidence {
  let zeros = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) zeros++;
  let best: Utf16Evidence | null = null;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    for (const offset of [0, 1] as const) {
      const e = readUnits(bytes, encoding, offset, zeros);
      if (!best || score(e) > score(best)) best = e;
    }
  }
  return best!;
}

/** The alignment that reads the bytes better in the given byte order: 1 only when clearly better. */
export function utf16Offset(bytes: Uint8Array, encoding: Utf16Name): 0 | 1 {
  const even = score(readUnits(bytes, encoding, 0, 0));
  const odd = score(readUnits(bytes, encoding, 1, 0));
  return odd > even && odd >= 2 ? 1 : 0;
}

const score = (e: Utf16Evidence): number => e.common - e.bad;

function readUnits(bytes: Uint8Array, encoding: Utf16Name, offset: 0 | 1, zeros: number): Utf16Evidence {
  const le = encoding === 'utf-16le';
  const n = bytes.length;
  let common = 0;
  let plausible = 0;
  let bad = 0;
  let units = 0;
  for (let i = offset; i + 1 < n; i += 2) {
    units++;
    const hi = le ? bytes[i + 1] : bytes[i];
    const lo = le ? bytes[i] : bytes[i + 1];
    const u = (hi << 8) | lo;
    if (u >= 0xd800 && u <= 0xdfff) {
      if (u <= 0xdbff && i + 3 < n) {
        const v = le ? bytes[i + 2] | (bytes[i + 3] << 8) : (bytes[i + 2] << 8) | bytes[i + 3];
        if (v >= 0xdc00 && v <= 0xdfff) { plausible++; units++; i += 2; continue; }
      }
      if (!(u <= 0xdbff && i + 3 >= n)) bad++; // a high surrogate cut off at the end is no evidence
      continue;
    }
    const kind = unitKind(u, hi, lo);
    if (kind === COMMON) common++;
    else if (kind === PLAUSIBLE) plausible++;
    else if (kind === BAD) bad++;
  }
  return { encoding, offset, units, common, plausible, bad, zeros };
}

const COMMON = 2;
const PLAUSIBLE = 1;
const NEUTRAL = 0;
const BAD = -1;

const isAsciiText = (b: number): boolean => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d;

function unitKind(u: number, hi: number, lo: number): number {
  if (hi === 0) {
    if (isAsciiText(lo)) return COMMON;
    return lo >= 0xa0 ? (isCommonChar(u) ? COMMON : PLAUSIBLE) : BAD;
  }
  // Two printable ASCII bytes pair into a "CJK" unit by chance: such units are no evidence.
  if (isAsciiText(hi) && isAsciiText(lo)) return NEUTRAL;
  if (isCommonChar(u)) return COMMON;
  if (u >= 0x3400 && u <= 0x9fff) return PLAUSIBLE; // other hanzi (extension A, unified)
  if (u >= 0x3000 && u <= 0x33ff) return PLAUSIBLE; // CJK symbols, kana, enclosed and compatibility forms
  if (u >= 0xff00 && u <= 0xffef) return PLAUSIBLE; // half- and full-width forms
  if (u >= 0x2000 && u <= 0x27bf) return PLAUSIBLE; // punctuation, letter-like, numbers, arrows, shapes
  if (u >= 0xfe30 && u <= 0xfe4f) return PLAUSIBLE; // CJK compatibility forms
  if (u >= 0x0100 && u <= 0x04ff) return PLAUSIBLE; // Latin, Greek, Cyrillic
  return BAD;
}
