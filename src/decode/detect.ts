// Encoding detection: byte order mark, then UTF-16 without one, then UTF-8, then GB18030 or Big5.
// Each step reads only the bounded detection sample. docs/encoding-detection.md has the evidence
// behind the steps and thresholds.
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import type { EncodingName } from '../types.js';
import { findInvalidRuns } from './byte-validity.js';
import { readBom } from './bom.js';
import { commonShare, countCommon } from './common-han.js';
import { LegacyScoring, likelierLegacy, scoreLegacy, type DecodingScore, type LegacyScore } from './han-score.js';
import { detectionSample, isPlainAscii } from './sample.js';
import { bestUtf16Evidence, type Utf16Evidence } from './utf16-evidence.js';
import { utf8Evidence, type Utf8Evidence } from './utf8-evidence.js';

export interface Detection {
  readonly encoding: EncodingName;
  /** How sure the guess is, 0..1. */
  readonly confidence: number;
}

/**
 * Chooses between GB18030 and Big5 for a sample that is neither UTF-16 nor UTF-8; `scoring` holds
 * the decodings earlier steps made of the same sample.
 */
export type LegacyDetector = (sample: Uint8Array, scoring?: LegacyScoring) => Detection;

/**
 * Guess the encoding of the bytes from a bounded sample: BOM, UTF-16 without BOM, strict UTF-8
 * (tolerating a few bad runs), then GB18030 or Big5 by which decoding gives common characters.
 */
export function detectEncoding(bytes: Uint8Array): Detection {
  return detectWith(bytes, legacyByHanScore, true);
}

/**
 * The detection pipeline with the choice between GB18030 and Big5 left to `legacy`. `settledFirst`:
 * a sample with no NUL byte that is not clean UTF-8 is first decoded the likelier legacy way, and
 * when that decoding settles it (see `settles`), it is the verdict, without the UTF-8 and UTF-16
 * walks: no Unicode text reads as GB18030 or Big5 with 90% of 50 characters common (UTF-16 hanzi
 * units give GB18030 trail bytes below 0xA1 and Big5 about a quarter common; damaged UTF-8 gives
 * lead bytes outside GB 2312's first level), and the walks would end at the same legacy verdict.
 * docs/encoding-detection.md has the check over every page we have.
 */
export function detectWith(bytes: Uint8Array, legacy: LegacyDetector, settledFirst = false): Detection {
  const bom = readBom(bytes);
  if (bom && bomHolds(bytes.subarray(bom.length), bom.encoding)) return { encoding: bom.encoding, confidence: 1 };
  const sample = detectionSample(bytes);
  if (isPlainAscii(sample)) return { encoding: 'utf-8', confidence: 1 }; // empty, or the same text in every candidate
  if (isCleanUtf8(sample)) return { encoding: 'utf-8', confidence: 0.99 };
  const scoring = new LegacyScoring(sample);
  if (settledFirst && sample.indexOf(0) === -1) {
    const settled = settledLegacy(scoring, true);
    if (settled) return settled;
  }
  const utf8 = utf8Evidence(sample);
  // Clean UTF-8 with several multi-byte characters and no NUL byte is not UTF-16 by chance.
  if (utf8.invalidRuns === 0 && utf8.multibyte >= 4 && sample.indexOf(0) === -1) return utf8Verdict(utf8)!;
  const utf16 = bestUtf16Evidence(sample);
  const asUtf16 = utf16Verdict(utf16, utf8);
  if (asUtf16) return asUtf16;
  if (!hasHighByte(sample)) return { encoding: 'utf-8', confidence: 0.9 }; // ASCII with stray NUL bytes
  const asUtf8 = utf8Verdict(utf8);
  if (asUtf8) return asUtf8;
  return damagedUnicode(sample, utf8, utf16, scoring) ?? legacy(sample, scoring);
}

/**
 * A BOM decides, unless it is two or three bytes of something else that happen to look like one
 * (a damaged GB18030 or Big5 text can start FE FF): the text after it is then not well-formed in
 * the BOM's encoding, and reads as GB18030 or Big5 with mostly common characters (at least 80%,
 * and more than the BOM's encoding gives).
 */
export function bomHolds(body: Uint8Array, encoding: EncodingName): boolean {
  const sample = detectionSample(body);
  const unicode = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  // The sample may end inside a character where it cuts a longer input; that is no damage.
  const cutAtEnd = sample.byteOffset + sample.length < body.byteOffset + body.length;
  const checked = cutAtEnd ? sample.subarray(0, sample.length - 4) : sample;
  // well-formed UTF-8 (checked natively first) has no invalid run in the walk either
  const wellFormed = unicode === 'utf-8' ? isUtf8(asBuffer(checked)) || utf8Evidence(checked).invalidRuns === 0 : findInvalidRuns(checked, unicode).length === 0;
  if (wellFormed) return true;
  const legacy = scoreLegacy(sample);
  const legacyShare = Math.max(commonShare(legacy.gb18030), commonShare(legacy.big5));
  return legacyShare < 0.8 || commonShare(countCommon(iconv.decode(asBuffer(sample), unicode))) >= legacyShare;
}

/**
 * UTF-16 without a BOM when most code units that say anything are ASCII, common hanzi or Chinese
 * punctuation. Zero bytes, which 8-bit text never has, lower the bar; bytes that are also clean
 * UTF-8 with multi-byte characters raise it.
 */
export function utf16Verdict(e: Utf16Evidence, utf8: Utf8Evidence): Detection | null {
  if (e.common < 3) return null;
  const share = e.common / (e.common + e.plausible + e.bad);
  const cleanUtf8 = utf8.invalidRuns === 0 && utf8.multibyte > 0;
  const needed = e.zeros > 0 ? 0.5 : cleanUtf8 ? 0.9 : 0.7;
  if (share < needed) return null;
  return { encoding: e.encoding, confidence: round(Math.min(0.99, (0.5 + share / 2) * (1 - Math.pow(0.5, e.common)))) };
}

/**
 * UTF-8 when the multi-byte sequences are all well-formed, or when well-formed ones are many and
 * outnumber ill-formed runs (damage) twenty to one. Text in another encoding forms a well-formed
 * sequence only now and then (GB18030 text: about one per bad run), but in a short piece it can
 * be by chance nearly all, so fewer or more mixed sequences are left to `damagedUnicode`.
 */
export function utf8Verdict(e: Utf8Evidence): Detection | null {
  if (e.multibyte === 0) return null; // nothing but pieces of characters cut off at the ends
  if (e.invalidRuns === 0) return { encoding: 'utf-8', confidence: round(Math.min(0.99, 1 - Math.pow(0.1, e.multibyte))) };
  if (e.multibyte >= 20 && e.multibyte >= 20 * e.invalidRuns) return { encoding: 'utf-8', confidence: round(Math.min(0.95, 1 - e.invalidRuns / e.multibyte)) };
  return null;
}

/**
 * UTF-8 or UTF-16 text with bad bytes can miss the bars above, and a short GB18030 or Big5 piece
 * can look like damaged UTF-8. When a Unicode reading came close, decode the sample each way and
 * keep the Unicode reading if it gives a larger share of common characters than GB18030 and Big5
 * do; null leaves the choice to the legacy step.
 */
export function damagedUnicode(sample: Uint8Array, utf8: Utf8Evidence, utf16: Utf16Evidence, scoring = new LegacyScoring(sample)): Detection | null {
  const utf8Close = utf8.multibyte >= utf8.invalidRuns && utf8.multibyte > 0;
  const utf16Close = utf16.common >= 3 && utf16.common / (utf16.common + utf16.plausible + utf16.bad) >= 0.4;
  if (!utf8Close && !utf16Close) return null;
  // a legacy decoding that settles the sample by itself (see legacyByHanScore) is the right one: no
  // wrong decoding of Chinese bytes reaches that share, so no Unicode reading is tried against it
  if (settles(scoring.score(likelierLegacy(sample)))) return null;
  const options: { encoding: EncodingName; share: number }[] = [];
  if (utf8Close) options.push({ encoding: 'utf-8', share: commonShare(countCommon(iconv.decode(asBuffer(sample), 'utf-8'))) });
  if (utf16Close) {
    const text = iconv.decode(asBuffer(sample.subarray(utf16.offset)), utf16.encoding);
    options.push({ encoding: utf16.encoding, share: commonShare(countCommon(text)) });
  }
  const legacy = scoring.both();
  const legacyShare = Math.max(commonShare(legacy.gb18030), commonShare(legacy.big5));
  const best = options.reduce((a, b) => (b.share > a.share ? b : a));
  if (best.share <= legacyShare) return null;
  return { encoding: best.encoding, confidence: round(Math.min(0.8, 0.5 + (best.share - legacyShare) / 2)) };
}

/** Characters and share of common ones that settle a decoding without trying the other. */
const SETTLED_CHARS = 50;
const SETTLED_SHARE = 0.9;
/**
 * A bound on the share of common characters the wrong decoding gives: the study saw at most 0.64
 * on pieces of 100 bytes or more (50 characters need about that many), 0.76 on 60-byte windows.
 */
const WRONG_DECODING_SHARE = 0.76;

/** At least 50 characters, 90% of them common: a decoding no wrong reading of the bytes comes near. */
const settles = (score: DecodingScore): boolean => score.chars >= SETTLED_CHARS && commonShare(score) >= SETTLED_SHARE;

/**
 * GB18030 or Big5, whichever decodes more of the characters to common ones (GB18030 on a tie).
 * The likelier decoding is tried first; when it gives at least 50 characters, 90% of them common,
 * the other is not tried (which spares loading its table).
 */
export function legacyByHanScore(sample: Uint8Array, scoring = new LegacyScoring(sample)): Detection {
  return settledLegacy(scoring, false) ?? legacyVerdict(scoring.both());
}

/**
 * The legacy verdict when a decoding settles the sample: the likelier one by itself, or, with
 * `tryOther`, the other one (weighed against the first, as legacyByHanScore then does: a GB18030 page
 * in traditional script has many ASCII-range second bytes and looks like Big5). Null when none does.
 */
function settledLegacy(scoring: LegacyScoring, tryOther: boolean): Detection | null {
  const first = likelierLegacy(scoring.sample);
  const score = scoring.score(first);
  if (settles(score)) {
    const gap = commonShare(score) - WRONG_DECODING_SHARE;
    return { encoding: first, confidence: round(Math.min(0.99, 1 - 0.5 * Math.exp(-score.chars * gap * gap))) };
  }
  if (!tryOther || !settles(scoring.score(first === 'gb18030' ? 'big5' : 'gb18030'))) return null;
  return legacyVerdict(scoring.both());
}

/**
 * The confidence grows with the gap between the two shares and with the number of characters,
 * 1 − ½·e^(−n·gap²), and is scaled down when even the better decoding is not mostly common
 * characters (Chinese text in the right decoding scores above 0.9; bytes that are no Chinese
 * text score low in both).
 */
export function legacyVerdict(s: LegacyScore): Detection {
  const gb = commonShare(s.gb18030);
  const big5 = commonShare(s.big5);
  const n = Math.max(s.gb18030.chars, s.big5.chars);
  const gap = Math.abs(gb - big5);
  const plausible = Math.min(1, Math.max(gb, big5) / 0.9);
  const confidence = round(Math.min(0.99, (1 - 0.5 * Math.exp(-n * gap * gap)) * plausible));
  return { encoding: big5 > gb ? 'big5' : 'gb18030', confidence };
}

/**
 * The common case decided natively: the sample is well-formed UTF-8, with no NUL byte and at
 * least four multi-byte characters (each adds at most three bytes to its one or two code units,
 * so twelve bytes more than code units make at least four). The same verdict the walk below
 * gives such a sample, at a fraction of its cost.
 */
function isCleanUtf8(sample: Uint8Array): boolean {
  const buffer = asBuffer(sample).subarray(0, withoutCutEnd(sample));
  if (!isUtf8(buffer) || buffer.indexOf(0) !== -1) return false;
  // bytes beyond the UTF-16 code units they decode to: 1 for a two-byte sequence, 2 for three or four
  let extra = 0;
  for (let i = 0; i < buffer.length && extra < 12; i++) {
    const b = buffer[i]!;
    if (b >= 0xe0) extra += 2;
    else if (b >= 0xc0) extra += 1;
  }
  return extra >= 12;
}

/**
 * The sample's length without a final UTF-8 sequence its end cut off: a lead byte and fewer
 * continuation bytes than it needs, well-formed so far, as the walk (utf8Evidence) lets pass. A
 * 16 KB sample of a longer UTF-8 page ends so three times in four.
 */
function withoutCutEnd(sample: Uint8Array): number {
  const n = sample.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const lead = sample[n - back]!;
    if ((lead & 0xc0) === 0x80) continue;
    const need = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (need <= back) return n;
    if (back >= 2 && !secondByteFits(lead, sample[n - back + 1]!)) return n;
    return n - back;
  }
  return n;
}

/** The second byte's range after a lead byte (narrower after E0, ED, F0 and F4), as utf8Evidence reads it. */
function secondByteFits(lead: number, second: number): boolean {
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  return second >= low && second <= high;
}

function hasHighByte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.length);
const round = (x: number): number => Math.round(x * 1000) / 1000;
