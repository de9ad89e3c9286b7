// How the bytes fare as UTF-8: well-formed multi-byte sequences against ill-formed runs.

export interface Utf8Evidence {
  /** Well-formed sequences of two to four bytes. */
  readonly multibyte: number;
  /** Runs of adjacent bytes that are not well-formed UTF-8. */
  readonly invalidRuns: number;
  /** Bytes in those runs. */
  readonly invalidBytes: number;
}

/**
 * Walk the bytes as UTF-8. A sample may be cut anywhere, so up to three continuation bytes at the
 * very start and one incomplete (but so far well-formed) sequence at the very end are not counted
 * against it.
 */
export function utf8Evidence(bytes: Uint8Array): Utf8Evidence {
  const n = bytes.length;
  let i = 0;
  while (i < 3 && i < n && (bytes[i] & 0xc0) === 0x80) i++;
  let multibyte = 0;
  let invalidRuns = 0;
  let invalidBytes = 0;
  let inRun = false;
  while (i < n) {
    const b0 = bytes[i];
    if (b0 < 0x80) { i++; inRun = false; continue; }
    const need = sequenceLength(b0);
    let ok = need > 0;
    let k = 1;
    for (; ok && k < need; k++) {
      if (i + k >= n) break; // cut at the end of the sample
      const b = bytes[i + k];
      const lo = k === 1 ? secondLow(b0) : 0x80;
      const hi = k === 1 ? secondHigh(b0) : 0xbf;
      if (b < lo || b > hi) ok = false;
    }
    if (ok && i + need > n) break; // a well-formed start of a sequence the cut ended
    if (ok) { multibyte++; i += need; inRun = false; continue; }
    invalidBytes++;
    if (!inRun) { invalidRuns++; inRun = true; }
    i++;
  }
  return { multibyte, invalidRuns, invalidBytes };
}

function sequenceLength(b0: number): number {
  if (b0 >= 0xc2 && b0 <= 0xdf) return 2;
  if (b0 >= 0xe0 && b0 <= 0xef) return 3;
  if (b0 >= 0xf0 && b0 <= 0xf4) return 4;
  return 0;
}

// The second byte's range is narrower after E0, ED, F0 and F4 (no overlong forms, surrogates or
// code points past U+10FFFF).
function secondLow(b0: number): number {
  return b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80;
}

function secondHigh(b0: number): number {
  return b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf;
}
