// Files made of pieces in different encodings: a scraper that appends a UTF-8 page to a GB18030 one
// (or the reverse) writes a file no single encoding decodes. Such a file is split into runs of
// lines, each run in the encoding that decodes it cleanly: UTF-8, or the file's legacy encoding.
import { isUtf8 } from 'node:buffer';
import type { EncodingName } from '../types.js';
import { utf8Evidence } from './utf8-evidence.js';

/** A run of whole lines in one encoding: bytes [byteStart, byteEnd). */
export interface ByteSegment {
  readonly encoding: EncodingName;
  readonly byteStart: number;
  readonly byteEnd: number;
}

/** How a line reads: ASCII only (any encoding), UTF-8, or not UTF-8 (the legacy encoding). */
type LineKind = 'ascii' | 'utf-8' | 'legacy';

/** A run of lines of one kind, with the weight of evidence it carries. */
interface Run {
  kind: Exclude<LineKind, 'ascii'>;
  start: number;
  end: number;
  /** Bytes of the run that are not ASCII. */
  weight: number;
}

/**
 * Non-ASCII bytes a run needs to stand as a segment of its own (about eight hanzi): a shorter run
 * of one kind between runs of the other is a chance reading (a short GB18030 line that happens to
 * be well-formed UTF-8) or damage, and joins its neighbours.
 */
export const MIN_SEGMENT_BYTES = 24;

/**
 * Well-formed multi-byte sequences per ill-formed run above which a line that is not clean UTF-8
 * is still UTF-8 with damage: text in a legacy encoding forms about one such sequence per bad run.
 */
const DAMAGED_UTF8_RATIO = 8;

/**
 * Split bytes [start, end) into runs of whole lines in UTF-8 and in `legacy`, or null when the
 * bytes read as one encoding (every line of one kind once the short runs have joined their
 * neighbours). The segments cover [start, end) without gaps.
 */
export function splitByEncoding(bytes: Uint8Array, legacy: EncodingName, start = 0, end = bytes.length): ByteSegment[] | null {
  const runs: Run[] = [];
  let pending = start; // ASCII lines not yet given to a run
  for (let lineStart = start; lineStart < end;) {
    const newline = bytes.indexOf(0x0a, lineStart);
    const lineEnd = newline === -1 || newline >= end ? end : newline + 1;
    const line = bytes.subarray(lineStart, lineEnd);
    const kind = kindOfLine(line);
    if (kind !== 'ascii') {
      const weight = nonAscii(line);
      const last = runs[runs.length - 1];
      if (last && last.kind === kind) {
        last.end = lineEnd;
        last.weight += weight;
      } else {
        if (last) last.end = lineStart;
        runs.push({ kind, start: runs.length === 0 ? pending : lineStart, end: lineEnd, weight });
      }
      pending = lineEnd;
    }
    lineStart = lineEnd;
  }
  if (runs.length === 0) return null;
  runs[runs.length - 1]!.end = end;
  const merged = absorbWeakRuns(runs);
  if (merged.length < 2) return null;
  return merged.map((r) => ({ encoding: r.kind === 'utf-8' ? 'utf-8' : legacy, byteStart: r.start, byteEnd: r.end }));
}

function kindOfLine(line: Uint8Array): LineKind {
  let high = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i]! >= 0x80) {
      high = true;
      break;
    }
  }
  if (!high) return 'ascii';
  if (isUtf8(line)) return 'utf-8';
  const e = utf8Evidence(line);
  return e.multibyte >= DAMAGED_UTF8_RATIO && e.multibyte >= DAMAGED_UTF8_RATIO * e.invalidRuns ? 'utf-8' : 'legacy';
}

function nonAscii(line: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) if (line[i]! >= 0x80) n++;
  return n;
}

/**
 * Runs lighter than MIN_SEGMENT_BYTES join a neighbour, the lightest first, each into the heavier
 * of its neighbours; neighbours of one kind then make one run.
 */
function absorbWeakRuns(input: Run[]): Run[] {
  const runs = input.map((r) => ({ ...r }));
  for (;;) {
    if (runs.length < 2) return runs;
    let weakest = -1;
    for (let k = 0; k < runs.length; k++) {
      if (runs[k]!.weight < MIN_SEGMENT_BYTES && (weakest === -1 || runs[k]!.weight < runs[weakest]!.weight)) weakest = k;
    }
    if (weakest === -1) return runs;
    const before = runs[weakest - 1];
    const after = runs[weakest + 1];
    const into = !before ? after! : !after ? before : after.weight > before.weight ? after : before;
    const weak = runs[weakest]!;
    into.start = Math.min(into.start, weak.start);
    into.end = Math.max(into.end, weak.end);
    into.weight += weak.weight;
    runs.splice(weakest, 1);
    // the run absorbed may now touch one of its own kind
    for (let k = 1; k < runs.length; k++) {
      if (runs[k]!.kind === runs[k - 1]!.kind) {
        runs[k - 1]!.end = runs[k]!.end;
        runs[k - 1]!.weight += runs[k]!.weight;
        runs.splice(k, 1);
        k--;
      }
    }
  }
}
