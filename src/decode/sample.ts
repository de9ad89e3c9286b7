// The bounded stretch of input that encoding detection looks at, so detecting a 50 MB batch costs
// the same as detecting a page.

/** Bytes detection reads at most. */
export const SAMPLE_BYTES = 16 * 1024;

/**
 * The detection sample: the first SAMPLE_BYTES, or, when those are plain 7-bit ASCII without a
 * NUL (an HTML head, say) and the input goes on, SAMPLE_BYTES from just before the first byte
 * that is not. The window starts at an even offset so UTF-16 code units stay aligned.
 */
export function detectionSample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SAMPLE_BYTES) return bytes;
  const head = bytes.subarray(0, SAMPLE_BYTES);
  if (!isPlainAscii(head)) return head;
  const first = firstTelling(bytes, SAMPLE_BYTES);
  if (first < 0) return head;
  const start = Math.max(0, first - 64) & ~1;
  return bytes.subarray(start, Math.min(bytes.length, start + SAMPLE_BYTES));
}

/** True when every byte is 0x01..0x7f. */
export function isPlainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0 || b >= 0x80) return false;
  }
  return true;
}

/** Index of the first NUL or high byte at or after `from`, or -1. */
function firstTelling(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0 || b >= 0x80) return i;
  }
  return -1;
}
