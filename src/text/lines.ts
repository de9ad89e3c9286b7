// The lines of a text, trimmed, with their matching form.
import { matchForm } from './match-form.js';

export interface Line {
  /** Index of the line among all lines of the text (blank ones included). */
  readonly index: number;
  /** Offsets of the trimmed line in the text. */
  readonly start: number;
  readonly end: number;
  /** The trimmed line and its matching form. */
  readonly text: string;
  readonly match: string;
  /** True when a blank line (or the start of the text) stands right before this one. */
  readonly afterBlank: boolean;
}

export function splitLines(text: string): Line[] {
  const folded = matchForm(text);
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  let afterBlank = true;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let s = start;
    let e = end;
    while (s < e && folded[s] === ' ') s++;
    while (e > s && folded[e - 1] === ' ') e--;
    if (e > s) {
      const line = text.slice(s, e);
      const match = folded.slice(s, e);
      // most lines fold to themselves: one string for both (a page of a million lines holds a million)
      lines.push({ index, start: s, end: e, text: line, match: match === line ? line : match, afterBlank });
      afterBlank = false;
    } else {
      afterBlank = true;
    }
    index++;
    start = end + 1;
  }
  return lines;
}
