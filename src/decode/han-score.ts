// Telling GB18030 from Big5 by what the bytes decode to. Both accept nearly any pair of high
// bytes, so trial decoding says little; but only the right decoding turns running text into common
// characters, while the wrong one scatters it over the whole Han block and odd symbols.
import iconv from 'iconv-lite';
import { countCommon, type CommonCount } from './common-han.js';

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

/**
 * One sample's GB18030 and Big5 scores, each decoded the first time it is asked for and never
 * again: detection asks in several steps, and decoding is what it costs.
 */
export class LegacyScoring {
  private readonly scores: { gb18030?: DecodingScore; big5?: DecodingScore } = {};
  constructor(readonly sample: Uint8Array) {}

  score(encoding: LegacyName): DecodingScore {
    return (this.scores[encoding] ??= scoreDecoding(this.sample, encoding));
  }

  both(): LegacyScore {
    return { gb18030: this.score('gb18030'), big5: this.score('big5') };
  }
}

/**
 * The sample decoded in one encoding, scored. A sample starting with a high byte is read from byte 0
 * and from byte 1, and the better reading kept (as legacyOffset decides): the two readings differ
 * only until they fall into step, so comparing them whole says what comparing their heads says, and
 * the kept one is the score — two decodings, not four.
 */
export function scoreDecoding(sample: Uint8Array, encoding: LegacyName): DecodingScore {
  const even = countCommon(decode(sample, encoding));
  if (sample.length < 2 || sample[0] < 0x80) return { chars: even.chars, common: even.common, offset: 0 };
  const odd = countCommon(decode(sample.subarray(1), encoding));
  const best = betterReading(even, odd) === 1 ? { ...odd, offset: 1 as const } : { ...even, offset: 0 as const };
  return { chars: best.chars, common: best.common, offset: best.offset };
}

/** 1 when the reading from byte 1 gives more common characters; on a tie, fewer stray ASCII letters after a hanzi (a Big5 second byte read as ASCII). */
function betterReading(even: CommonCount, odd: CommonCount): 0 | 1 {
  return odd.common > even.common || (odd.common === even.common && odd.strays < even.strays) ? 1 : 0;
}

/**
 * Whether a sample that starts with a high byte starts with the second half of a character: the
 * reading from byte 1 gives more common characters than the reading from byte 0.
 */
export function legacyOffset(sample: Uint8Array, encoding: LegacyName): 0 | 1 {
  if (sample.length < 2 || sample[0] < 0x80) return 0;
  const head = sample.subarray(0, ALIGNMENT_BYTES);
  return betterReading(countCommon(decode(head, encoding)), countCommon(decode(head.subarray(1), encoding)));
}

function decode(bytes: Uint8Array, encoding: LegacyName): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding === 'big5' ? 'big5hkscs' : 'gb18030');
}
