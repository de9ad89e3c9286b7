// Offsets ↔ unist points over the decoded input text.
import type { Point, Position } from '../types.js';

export interface LineIndex {
  /** Offsets at which each line starts. */
  readonly lineStarts: Int32Array;
  readonly length: number;
}

/** Where each line of the text starts: counted first, so the offsets fill one typed array of their size. */
export function indexLines(text: string): LineIndex {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const lineStarts = new Int32Array(lines);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts[k++] = i + 1;
  return { lineStarts, length: text.length };
}

export function pointAt(index: LineIndex, offset: number): Point {
  const clamped = Math.max(0, Math.min(offset, index.length));
  const starts = index.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= clamped) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: clamped - (starts[lo] ?? 0) + 1, offset: clamped };
}

export function positionOf(index: LineIndex, start: number, end: number): Position {
  return { start: pointAt(index, start), end: pointAt(index, Math.max(start, end)) };
}

/**
 * A position held as its two offsets, its points worked out when read: 48 bytes where the plain
 * object and its two points take 136, which on a page of a million numbered lines is most of the
 * difference between its tree fitting in memory or not (docs/performance.md). Reads like a plain
 * position (`position.start.line`); JSON.stringify and the yaml package write it through toJSON, so
 * every output is the same. Its offsets and index are private: a walk over its keys finds none, and
 * sees the plain position only through toJSON.
 */
export class SpanPosition implements Position {
  readonly #index: LineIndex;
  readonly #start: number;
  readonly #end: number;

  constructor(index: LineIndex, start: number, end: number) {
    this.#index = index;
    this.#start = start;
    this.#end = Math.max(start, end);
  }

  get start(): Point {
    return pointAt(this.#index, this.#start);
  }

  get end(): Point {
    return pointAt(this.#index, this.#end);
  }

  /** The plain position: what JSON and YAML write. */
  toJSON(): Position {
    return { start: this.start, end: this.end };
  }
}
