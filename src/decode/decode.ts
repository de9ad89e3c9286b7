// Stage 1: bytes → text. Detects the encoding from the bytes (or takes the one forced),
// decodes with iconv-lite, and reports every invalid byte run with its byte offset. A file whose
// parts are in different encodings (UTF-8 and GB18030 or Big5) is decoded part by part.
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import type { EncodingName, EncodingSegment, Finding, SourceEncoding } from '../types.js';
import { findInvalidRuns, type ByteRun } from './byte-validity.js';
import { bomLength } from './bom.js';
import { detectEncoding, type Detection } from './detect.js';
import { SAMPLE_BYTES } from './sample.js';
import { utf16Offset } from './utf16-evidence.js';
import { findReplacedSequences } from './unmapped.js';
import { legacyOffset } from './han-score.js';
import { legacyByHanScore, utf8Verdict } from './detect.js';
import { utf8Evidence } from './utf8-evidence.js';
import { splitByEncoding } from './segments.js';
import { decodeBig5Txt, detectBig5Extension, type Big5Extension } from './big5-extension.js';

export type { Detection };

/** A decoding problem, placed by byte offset in the input and code-unit offset in the text. */
export type DecodeIssue = Extract<Finding, { readonly code: 'invalid-bytes' | 'unmapped-character' | 'invalid-utf16' }> & {
  readonly byteOffset: number | null;
  readonly textOffset: number;
};

export interface Decoded {
  readonly text: string;
  /** The encoding decoded, or `mixed` when parts of the file were in different encodings (see `segments`). */
  readonly encoding: SourceEncoding;
  readonly confidence: number;
  readonly issues: DecodeIssue[];
  /** For a `mixed` file: its runs of lines, each with the encoding it was decoded in, in byte order. */
  readonly segments?: readonly EncodingSegment[];
  /** For Big5: which layout the codes C6A1–C8FE were read in (see big5-extension.ts). */
  readonly big5Extension?: Big5Extension;
}

/** Names accepted by --encoding, mapped to what is decoded. */
const ENCODING_ALIASES: Readonly<Record<string, EncodingName>> = {
  'utf8': 'utf-8', 'utf-8': 'utf-8', 'utf-8-bom': 'utf-8-bom', 'utf8bom': 'utf-8-bom',
  'utf-16le': 'utf-16le', 'utf16le': 'utf-16le', 'utf-16be': 'utf-16be', 'utf16be': 'utf-16be',
  'gb18030': 'gb18030', 'gbk': 'gb18030', 'gb2312': 'gb18030', 'cp936': 'gb18030', 'euc-cn': 'gb18030',
  'big5': 'big5', 'big5-hkscs': 'big5', 'cp950': 'big5',
};

/** The encoding a user-given name stands for, or null when it is not one plan-parse decodes. */
export function resolveEncodingName(name: string): EncodingName | null {
  return ENCODING_ALIASES[name.trim().toLowerCase()] ?? null;
}

export const ENCODING_NAMES: readonly string[] = Object.keys(ENCODING_ALIASES);

/** The GB family is always decoded as GB18030, its superset; Big5 with the HKSCS additions. */
const ICONV_NAME: Readonly<Record<EncodingName, string>> = {
  'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'gb18030': 'gb18030', 'big5': 'big5hkscs',
};

export interface DecodeOptions {
  /**
   * Try decoding a file with invalid bytes by segments (runs of lines in UTF-8 and in GB18030 or
   * Big5). Default: when the encoding is detected, not when it is forced.
   */
  readonly split?: boolean;
}

/**
 * Decode the bytes. Each invalid run becomes one U+FFFD with an `invalid-bytes` issue at its byte
 * offset; each well-formed code the encoding leaves unassigned (or a U+FFFD already in the input)
 * becomes one U+FFFD with an `unmapped-character` issue. No U+FFFD appears without an issue.
 * A file with invalid bytes whose lines decode cleanly in UTF-8 here and in a legacy encoding there
 * is decoded by segments (`mixed`), when that leaves fewer invalid bytes.
 */
export function decodeBytes(bytes: Uint8Array, forced?: EncodingName, options: DecodeOptions = {}): Decoded {
  const detection = forced ? { encoding: forced, confidence: 1 } : detectEncoding(bytes);
  const encoding = detection.encoding;
  const whole = decodeWhole(bytes, encoding);
  if ((options.split ?? forced === undefined) && !whole.realigned && countInvalid(whole.issues) > 0) {
    const mixed = decodeMixed(bytes, encoding, countInvalid(whole.issues));
    if (mixed) return mixed;
  }
  reportStrayReplacements(whole.text, whole.issues, encoding);
  return { text: whole.text, encoding, confidence: detection.confidence, issues: whole.issues, ...(whole.big5Extension ? { big5Extension: whole.big5Extension } : {}) };
}

interface RegionText {
  readonly text: string;
  /** Issues with byte offsets in the input, text offsets in `text`. */
  readonly issues: DecodeIssue[];
}

const countInvalid = (issues: readonly DecodeIssue[]): number => issues.reduce((n, i) => n + (i.code === 'invalid-bytes' ? 1 : 0), 0);

/** The whole input in one encoding, after its byte order mark; `realigned` when it started with half a character. */
function decodeWhole(bytes: Uint8Array, encoding: EncodingName): RegionText & { readonly realigned: boolean; readonly big5Extension?: Big5Extension } {
  let start = bomLength(bytes, encoding);
  // Bytes cut from the middle of a text may start with the second half of a character (UTF-8
  // shows that as invalid bytes by itself; UTF-16, GB18030 and Big5 would read on misaligned):
  // the first byte then is an invalid run of its own, or the start of the first one.
  const realigned = start === 0 && startsWithHalfCharacter(bytes.subarray(0, SAMPLE_BYTES), encoding);
  if (realigned) start = 1;
  const extension = encoding === 'big5' ? detectBig5Extension(bytes, start) : 'hkscs';
  const big5 = encoding === 'big5' ? { big5Extension: extension } : {};
  if (!realigned) {
    const clean = decodeClean(bytes, encoding, start, extension);
    if (clean !== null) return { text: clean, issues: [], realigned, ...big5 };
  }
  return { ...decodeRegion(bytes, encoding, start, realigned, extension), realigned, ...big5 };
}

/**
 * Decode bytes [start, bytes.length) (pass a subarray to end earlier; offsets stay those of the
 * input). `realigned`: byte 0, just before start, is half a character, reported as invalid.
 */
function decodeRegion(bytes: Uint8Array, encoding: EncodingName, start: number, realigned = false, extension: Big5Extension = 'hkscs'): RegionText {
  const bad = findInvalidRuns(bytes, encoding, start);
  if (realigned) {
    if (bad[0]?.start === 1) bad[0] = { start: 0, end: bad[0].end };
    else bad.unshift({ start: 0, end: 1 });
  }

  const issues: DecodeIssue[] = [];
  const parts: string[] = [];
  let textLength = 0;
  const emit = (chunk: string): void => { parts.push(chunk); textLength += chunk.length; };
  const replace = (run: ByteRun, code: 'invalid-bytes' | 'unmapped-character'): void => {
    const args = { encoding, byte: run.start, count: run.end - run.start };
    issues.push({ ...(code === 'invalid-bytes' ? { code, args } : { code, args }), byteOffset: run.start, textOffset: textLength });
    emit('\uFFFD');
  };
  const decodeRange = rangeDecoder(bytes, encoding, start, extension);
  const decodeWellFormed = (from: number, to: number): void => {
    if (from >= to) return;
    const chunk = decodeRange(from, to);
    if (!chunk.includes('\uFFFD')) { emit(chunk); return; }
    let at = from;
    for (const run of findReplacedSequences(bytes, from, to, encoding)) {
      if (run.start > at) emit(decodeRange(at, run.start));
      replace(run, 'unmapped-character');
      at = run.end;
    }
    if (at < to) emit(decodeRange(at, to));
  };

  let at = start;
  for (const run of bad) {
    decodeWellFormed(at, run.start);
    replace(run, 'invalid-bytes');
    at = run.end;
  }
  decodeWellFormed(at, bytes.length);
  return { text: parts.join(''), issues };
}

/**
 * A file of UTF-8 and legacy (GB18030 or Big5) parts, decoded part by part, or null when it does
 * not split (see splitByEncoding) or the parts leave no fewer invalid bytes than `invalidWhole`.
 * The legacy parts are read in the encoding detected for the file, or, when that was UTF-8, in the
 * one their own bytes score best in.
 */
function decodeMixed(bytes: Uint8Array, detected: EncodingName, invalidWhole: number): Decoded | null {
  if (detected === 'utf-16le' || detected === 'utf-16be') return null;
  const bom = bomLength(bytes, detected);
  const split = splitByEncoding(bytes, detected === 'big5' ? 'big5' : 'gb18030', bom);
  if (!split || (bom > 0 && split[0]!.encoding !== 'utf-8')) return null;
  let legacy: EncodingName = detected === 'big5' ? 'big5' : 'gb18030';
  if (detected === 'utf-8' || detected === 'utf-8-bom') legacy = legacyByHanScore(legacySample(bytes, split)).encoding;
  const segments: EncodingSegment[] = split.map((s, k) => {
    const encoding: EncodingName = s.encoding === 'utf-8' ? (k === 0 && bom > 0 ? 'utf-8-bom' : 'utf-8') : legacy;
    const byteStart = k === 0 ? 0 : s.byteStart;
    if (encoding !== 'big5') return { encoding, byteStart, byteEnd: s.byteEnd };
    return { encoding, byteStart, byteEnd: s.byteEnd, big5Extension: detectBig5Extension(bytes, byteStart, s.byteEnd) };
  });
  const parts: string[] = [];
  const issues: DecodeIssue[] = [];
  let textLength = 0;
  let confidence = 1;
  for (const segment of segments) {
    const from = segment.byteStart === 0 ? bom : segment.byteStart;
    const piece = bytes.subarray(0, segment.byteEnd);
    const extension = segment.big5Extension ?? 'hkscs';
    const clean = decodeClean(piece, segment.encoding, from, extension);
    const region = clean !== null ? { text: clean, issues: [] } : decodeRegion(piece, segment.encoding, from, false, extension);
    for (const issue of region.issues) issues.push({ ...issue, textOffset: issue.textOffset + textLength });
    parts.push(region.text);
    textLength += region.text.length;
    confidence = Math.min(confidence, segmentConfidence(bytes.subarray(from, segment.byteEnd), segment.encoding));
  }
  if (countInvalid(issues) >= invalidWhole) return null;
  const text = parts.join('');
  reportStrayReplacements(text, issues, 'mixed');
  return { text, encoding: 'mixed', confidence, issues, segments };
}

/** The first SAMPLE_BYTES of the legacy segments, joined. */
function legacySample(bytes: Uint8Array, split: readonly { encoding: EncodingName; byteStart: number; byteEnd: number }[]): Uint8Array {
  const pieces: Uint8Array[] = [];
  let length = 0;
  for (const s of split) {
    if (s.encoding === 'utf-8' || length >= SAMPLE_BYTES) continue;
    const piece = bytes.subarray(s.byteStart, Math.min(s.byteEnd, s.byteStart + SAMPLE_BYTES - length));
    pieces.push(piece);
    length += piece.length;
  }
  return Buffer.concat(pieces);
}

/** How sure the reading of one segment is, judged on its own bytes as detection judges a file. */
function segmentConfidence(segment: Uint8Array, encoding: EncodingName): number {
  const sample = segment.subarray(0, SAMPLE_BYTES);
  if (encoding === 'gb18030' || encoding === 'big5') {
    const verdict = legacyByHanScore(sample);
    return verdict.encoding === encoding ? verdict.confidence : 1 - verdict.confidence;
  }
  return utf8Verdict(utf8Evidence(sample))?.confidence ?? 0.5;
}

/** Lone surrogates, which a UTF-16 decoding keeps as they are. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The fast path for the common case, input without a flaw: the whole text in one native or
 * iconv-lite call, or null when it may hold a bad run (the byte-by-byte path then finds each).
 * A decoding without U+FFFD (and, for UTF-16, without a lone surrogate or odd byte) has none.
 */
function decodeClean(bytes: Uint8Array, encoding: EncodingName, start: number, extension: Big5Extension): string | null {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  let text: string;
  switch (encoding) {
    case 'utf-8': case 'utf-8-bom':
      if (!isUtf8(body)) return null;
      text = body.toString('utf8');
      break;
    case 'utf-16le': case 'utf-16be': {
      if (body.length % 2 !== 0) return null;
      text = encoding === 'utf-16le' ? body.toString('utf16le') : Buffer.from(body).swap16().toString('utf16le');
      if (LONE_SURROGATE.test(text)) return null;
      break;
    }
    default:
      text = encoding === 'big5' && extension === 'big5-txt' ? decodeBig5Txt(bytes, start, bytes.length) : iconv.decode(body, ICONV_NAME[encoding], { stripBOM: false });
  }
  return text.includes('\uFFFD') ? null : text;
}

/** Whether the input's first byte is the second half of a character, judged on its head. */
function startsWithHalfCharacter(head: Uint8Array, encoding: EncodingName): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return utf16Offset(head, encoding) === 1;
  if (encoding === 'gb18030' || encoding === 'big5') return legacyOffset(head, encoding) === 1;
  return false;
}

/**
 * Decodes well-formed byte ranges. The Unicode encodings go through Node's own decoders, which
 * cost next to nothing per call (input with many bad runs means many calls); UTF-16BE is swapped
 * to little-endian once, from the first code unit on.
 */
function rangeDecoder(bytes: Uint8Array, encoding: EncodingName, firstUnit: number, extension: Big5Extension): (from: number, to: number) => string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  switch (encoding) {
    case 'utf-8': case 'utf-8-bom': return (from, to) => buffer.toString('utf8', from, to);
    case 'utf-16le': return (from, to) => buffer.toString('utf16le', from, to);
    case 'utf-16be': {
      const swapped = Buffer.from(buffer);
      for (let i = firstUnit; i + 1 < swapped.length; i += 2) { swapped[i] = buffer[i + 1]!; swapped[i + 1] = buffer[i]!; }
      return (from, to) => swapped.toString('utf16le', from, to);
    }
    default:
      if (encoding === 'big5' && extension === 'big5-txt') return (from, to) => decodeBig5Txt(bytes, from, to);
      return (from, to) => iconv.decode(buffer.subarray(from, to), ICONV_NAME[encoding], { stripBOM: false });
  }
}

/** A safety net: any U+FFFD in the text that no issue accounts for is reported without a byte offset. */
function reportStrayReplacements(text: string, issues: DecodeIssue[], encoding: SourceEncoding): void {
  // Issues are in text order, so the U+FFFDs and the issues are walked side by side.
  const stray: DecodeIssue[] = [];
  let k = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    while (k < issues.length && issues[k]!.textOffset < i) k++;
    if (k < issues.length && issues[k]!.textOffset === i) continue;
    stray.push({ code: 'unmapped-character', args: { encoding, byte: null, count: 1 }, byteOffset: null, textOffset: i });
  }
  if (stray.length === 0) return;
  issues.push(...stray);
  issues.sort((a, b) => a.textOffset - b.textOffset);
}
