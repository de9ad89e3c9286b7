// Structural validity of byte sequences per encoding: where the invalid runs are.
import type { EncodingName } from '../types.js';

/** Half-open byte range [start, end). */
export interface ByteRun {
  readonly start: number;
  readonly end: number;
}

/**
 * Runs of bytes that are not well-formed in the encoding, from byte `from` on (offsets stay those
 * of `bytes`); adjacent bad bytes form one run.
 */
export function findInvalidRuns(bytes: Uint8Array, encoding: EncodingName, from = 0): ByteRun[] {
  const step = STEPPERS[encoding];
  const runs: ByteRun[] = [];
  let i = from;
  let badStart = -1;
  while (i < bytes.length) {
    const n = step(bytes, i);
    if (n > 0) {
      if (badStart >= 0) { runs.push({ start: badStart, end: i }); badStart = -1; }
      i += n;
    } else {
      if (badStart < 0) badStart = i;
      // A UTF-16 code unit is bad as a whole (a lone surrogate); stepping one byte would misalign the rest.
      i += isUtf16(encoding) ? Math.min(2, bytes.length - i) : 1;
    }
  }
  if (badStart >= 0) runs.push({ start: badStart, end: bytes.length });
  return runs;
}

const isUtf16 = (encoding: EncodingName): boolean => encoding === 'utf-16le' || encoding === 'utf-16be';

/** Length of the well-formed sequence starting at i, or 0 when the byte at i starts none. */
export function sequenceLengthAt(bytes: Uint8Array, i: number, encoding: EncodingName): number {
  return STEPPERS[encoding](bytes, i);
}

/** Length of the well-formed sequence starting at i, or 0 when the byte at i starts none. */
type Stepper = (bytes: Uint8Array, i: number) => number;

const at = (bytes: Uint8Array, i: number): number => (i < bytes.length ? (bytes[i] ?? -1) : -1);
const inRange = (b: number, lo: number, hi: number): boolean => b >= lo && b <= hi;

/** Is the byte at i a continuation byte within [lo, hi]? */
const cont = (bytes: Uint8Array, i: number, lo = 0x80, hi = 0xbf): boolean => inRange(at(bytes, i), lo, hi);

// The steppers run once for every character of a sample: they make no closure or object per call
// (a closure per step was a sixth of all the memory a batch allocated).
const utf8Step: Stepper = (bytes, i) => {
  const b0 = at(bytes, i);
  if (b0 < 0x80) return 1;
  if (inRange(b0, 0xc2, 0xdf)) return cont(bytes, i + 1) ? 2 : 0;
  if (b0 === 0xe0) return cont(bytes, i + 1, 0xa0, 0xbf) && cont(bytes, i + 2) ? 3 : 0;
  if (inRange(b0, 0xe1, 0xec) || b0 === 0xee || b0 === 0xef) return cont(bytes, i + 1) && cont(bytes, i + 2) ? 3 : 0;
  if (b0 === 0xed) return cont(bytes, i + 1, 0x80, 0x9f) && cont(bytes, i + 2) ? 3 : 0;
  if (b0 === 0xf0) return cont(bytes, i + 1, 0x90, 0xbf) && cont(bytes, i + 2) && cont(bytes, i + 3) ? 4 : 0;
  if (inRange(b0, 0xf1, 0xf3)) return cont(bytes, i + 1) && cont(bytes, i + 2) && cont(bytes, i + 3) ? 4 : 0;
  if (b0 === 0xf4) return cont(bytes, i + 1, 0x80, 0x8f) && cont(bytes, i + 2) && cont(bytes, i + 3) ? 4 : 0;
  return 0;
};

const gb18030Step: Stepper = (bytes, i) => {
  const b0 = at(bytes, i);
  if (b0 < 0x80) return 1;
  if (!inRange(b0, 0x81, 0xfe)) return 0;
  const b1 = at(bytes, i + 1);
  if (inRange(b1, 0x40, 0x7e) || inRange(b1, 0x80, 0xfe)) return 2;
  if (inRange(b1, 0x30, 0x39) && inRange(at(bytes, i + 2), 0x81, 0xfe) && inRange(at(bytes, i + 3), 0x30, 0x39)) return 4;
  return 0;
};

const big5Step: Stepper = (bytes, i) => {
  const b0 = at(bytes, i);
  if (b0 < 0x80) return 1;
  if (!inRange(b0, 0x81, 0xfe)) return 0;
  const b1 = at(bytes, i + 1);
  return inRange(b1, 0x40, 0x7e) || inRange(b1, 0xa1, 0xfe) ? 2 : 0;
};

/** The UTF-16 code unit at byte k, in the byte order given. */
const unitAt = (bytes: Uint8Array, k: number, littleEndian: boolean): number =>
  littleEndian ? (at(bytes, k) | (at(bytes, k + 1) << 8)) : ((at(bytes, k) << 8) | at(bytes, k + 1));

const utf16Step = (littleEndian: boolean): Stepper => (bytes, i) => {
  if (i + 1 >= bytes.length) return 0;
  const u = unitAt(bytes, i, littleEndian);
  if (u >= 0xd800 && u <= 0xdbff) {
    if (i + 3 >= bytes.length) return 0;
    const v = unitAt(bytes, i + 2, littleEndian);
    return v >= 0xdc00 && v <= 0xdfff ? 4 : 0;
  }
  return u >= 0xdc00 && u <= 0xdfff ? 0 : 2;
};

const STEPPERS: Readonly<Record<EncodingName, Stepper>> = {
  'utf-8': utf8Step,
  'utf-8-bom': utf8Step,
  'gb18030': gb18030Step,
  'big5': big5Step,
  'utf-16le': utf16Step(true),
  'utf-16be': utf16Step(false),
};
