// Telling GB18030 from Big5 by what the bytes decode to. Both accept nearly any pair of high
// bytes, so trial decoding says little; but only the right decoding turns running text into common
// characters, while the wrong one scatters it over the whole Han block and odd symbols.
import iconv from 'iconv-lite';
import { countCommon } from './common-han.js';

export type LegacyName = 'gb18030' | 'big5';

export interface DecodingScore {
  /** Non-ASCII characters of the decoding (U+FFFD included). */
  readonly chars: number;
  /** Those of them that are common hanzi or Chinese punctuation. */
  readonly common: number;
  /** 1 when the bytes read better from the second byte on (the first is half a character). */
  readonly offset: 0 | 1;
}

export interface LegacyScore {
  readonly gb18030: DecodingScore;
  readonly big5: DecodingScore;
}

/** Bytes the alignment check reads: a cut-off first character only throws the reading off until it resynchronises. */
const ALIGNMENT_BYTES = 4096;

/**
 * The decoding to try first: Big5 when many double-byte characters have an ASCII-range second
 * byte (about 40% in Big5 text; GB 2312 characters have none), else GB18030. A guess from byte
 * values alone, used only to order the work.
 */
export function likelierLegacy(sample: Uint8Array): LegacyName {
  let pairs = 0;
  let asciiTrail = 0;
  for (let i = 0; i + 1 < sample.length; i++) {
    if (sample[i] < 0x81) continue;
    const trail = sample[i + 1];
    pairs++;
    if (trail >= 0x40 && trail <= 0x7e) asciiTrail++;
    i++;
  }
  return asciiTrail > 0.15 * pairs ? 'big5' : 'gb18030';
}

/** Decode the sample both ways and count, in each, the non-ASCII characters and the common ones. */
export function scoreLegacy(sample: Uint8Array): LegacyScore {
  return { gb18030: scoreDecoding(sample, 'gb18030'), big5: scoreDecoding(sample, 'big5') };
}

export function scoreDecoding(sample: Uint8Array, encoding: LegacyName): DecodingScore {
  const offset = legacyOffset(sample, encoding);
  const { chars, common } = countCommon(decode(sample.subarray(offset), encoding));
  return { chars, common, offset };
}

/**
 * Whether a sample that starts with a high byte starts with the second half of a character: the
 * reading from byte 1 gives more common characters than the reading from byte 0.
 */
export function legacyOffset(sample: Uint8Array, encoding: LegacyName): 0 | 1 {
  if (sample.length < 2 || sample[0] < 0x80) return 0;
  const head = sample.subarray(0, ALIGNMENT_BYTES);
  const even = countCommon(decode(head, encoding));
  const odd = countCommon(decode(head.subarray(1), encoding));
  // On a tie, the reading with fewer stray ASCII letters right after a hanzi (a Big5 second byte
  // read as ASCII) wins.
  return odd.common > even.common || (odd.common === even.common && odd.strays < even.strays) ? 1 : 0;
}

function decode(bytes: Uint8Array, encoding: LegacyName): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding === 'big5' ? 'big5hkscs' : 'gb18030');
}
