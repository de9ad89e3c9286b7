// Offsets ↔ unist points over the decoded input text.
import type { Point, Position } from '../types.js';

export interface LineIndex {
  /** Offsets at which each line starts. */
  readonly lineStarts: readonly number[];
  readonly length: number;
}

export function indexLines(text: string): LineIndex {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
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
