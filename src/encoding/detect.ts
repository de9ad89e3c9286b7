// Encoding detection: byte order mark, then UTF-16 without one, then UTF-8, then GB18030 or Big5.
// Each step reads only the bounded detection sample. docs/encoding-detection.md has the evidence
// behind the steps and thresholds.
import type { EncodingName } from '../types.js';
import { readBom } from './bom.js';
import { detectionSample, isPlainAscii } from './sample.js';
import { bestUtf16Evidence, type Utf16Evidence } from './utf16-evidence.js';
import { utf8Evidence, type Utf8Evidence } from './utf8-evidence.js';
import { scoreLegacy, type DecodingScore, type LegacyScore } from './han-score.js';

export interface Detection {
  readonly encoding: EncodingName;
  /** How sure the guess is, 0..1. */
  readonly confidence: number;
}

/** Chooses between GB18030 and Big5 for a sample that is neither UTF-16 nor UTF-8. */
export type LegacyDetector = (sample: Uint8Array) => Detection;

/** Guess the encoding of the bytes. */
export function detectEncoding(bytes: Uint8Array): Detection {
  return detectWith(bytes, legacyByHanScore);
}

/** The detection pipeline with the last step (GB18030 or Big5) left to `legacy`. */
export function detectWith(bytes: Uint8Array, legacy: LegacyDetector): Detection {
  const bom = readBom(bytes);
  if (bom) return { encoding: bom.encoding, confidence: 1 };
  const sample = detectionSample(bytes);
  if (isPlainAscii(sample)) return { encoding: 'utf-8', confidence: 1 }; // empty, or the same text in every candidate
  const utf8 = utf8Evidence(sample);
  const utf16 = utf16Verdict(bestUtf16Evidence(sample), utf8);
  if (utf16) return utf16;
  const asUtf8 = utf8Verdict(utf8);
  if (asUtf8) return asUtf8;
  return legacy(sample);
}

/**
 * UTF-16 without a BOM when most code units that say anything are ASCII, common hanzi or Chinese
 * punctuation. Zero bytes, which 8-bit text never has, lower the bar; bytes that are also clean
 * UTF-8 with multi-byte characters raise it.
 */
export function utf16Verdict(e: Utf16Evidence, utf8: Utf8Evidence): Detection | null {
  const telling = e.common + e.plausible + e.bad;
  if (e.common < 3) return null;
  const share = e.common / telling;
  const cleanUtf8 = utf8.invalidRuns === 0 && utf8.multibyte > 0;
  const needed = e.zeros > 0 ? 0.5 : cleanUtf8 ? 0.9 : 0.7;
  if (share < needed) return null;
  return { encoding: e.encoding, confidence: round(Math.min(0.99, (0.5 + share / 2) * (1 - Math.pow(0.5, e.common)))) };
}

/**
 * UTF-8 when the multi-byte sequences are well-formed. A few ill-formed runs (damage) are
 * tolerated as long as well-formed sequences outnumber them four to one; text in another
 * encoding forms a well-formed sequence only now and then, so it has about one per bad run.
 */
export function utf8Verdict(e: Utf8Evidence): Detection | null {
  if (e.invalidRuns === 0) return { encoding: 'utf-8', confidence: round(Math.min(0.99, 1 - Math.pow(0.1, e.multibyte))) };
  if (e.multibyte >= 4 * e.invalidRuns) return { encoding: 'utf-8', confidence: round(Math.min(0.95, 1 - e.invalidRuns / e.multibyte)) };
  return null;
}

/** GB18030 or Big5, whichever decodes more of the characters to common ones (GB18030 on a tie). */
export function legacyByHanScore(sample: Uint8Array): Detection {
  return legacyVerdict(scoreLegacy(sample));
}

export function legacyVerdict(s: LegacyScore): Detection {
  const gb = share(s.gb18030);
  const big5 = share(s.big5);
  const n = Math.max(s.gb18030.chars, s.big5.chars);
  const margin = Math.abs(gb - big5);
  const confidence = round(Math.min(0.99, 1 - 0.5 * Math.exp(-n * margin * margin)));
  return { encoding: big5 > gb ? 'big5' : 'gb18030', confidence };
}

const share = (d: DecodingScore): number => (d.chars > 0 ? d.common / d.chars : 0);
const round = (x: number): number => Math.round(x * 1000) / 1000;
