// Markdown nested deeper than MAX_NESTING_DEPTH list or quote levels, flattened before it is parsed.
// micromark's work on a line grows with the square of the containers open on it: a line of 10,000
// `- ` took 33 s, a list indented 2,000 levels deep did not finish in 120 s and took 1.4 GB. So the
// container prefix of each line (its indentation, `>` marks and list markers) is read first, in one
// pass, and where it would nest deeper than the limit, the rest of the prefix is taken out: the
// line's content is then read at the limit's depth. The markers taken out are kept as removals
// (`markdown-nesting`), so every character of the page is still in the tree or in `removed`, and
// the page gets one `markdown-nesting-cut` diagnostic.
//
// The depth of a prefix is over-estimated, never under: each marker counts one level, and so does
// every two columns of indentation (the narrowest a list level can be: a one-character marker and
// a space), except the spaces that belong to the marker before them.
import { MAX_NESTING_DEPTH } from '../limits.js';
import { identityText, withoutRanges, type MappedText, type Range } from '../text/mapped-text.js';
import type { DroppedSpan, ExtractIssue } from './types.js';

/** The rule name of the markers taken out, in `removed`. */
export const NESTING_RULE = 'markdown-nesting';

export interface FlatMarkdown {
  /** The page with the excess prefixes taken out, mapped to the page. */
  readonly text: MappedText;
  /** The markers taken out (a span per line), in page offsets. */
  readonly dropped: readonly DroppedSpan[];
  /** The diagnostic for them, in page offsets. */
  readonly issue: ExtractIssue;
}

/** Where a line's prefix goes past the limit: the span to take out, and whether it holds markers (not only spaces). */
interface Excess extends Range {
  readonly markers: Range | null;
}

/** The page flattened to `limit` levels; null when no line nests deeper. */
export function flattenDeepNesting(source: string, limit = MAX_NESTING_DEPTH): FlatMarkdown | null {
  const cuts: Excess[] = [];
  for (let start = 0; start < source.length;) {
    const end = lineEndOf(source, start);
    const excess = excessOf(source, start === 0 && source[0] === '\uFEFF' ? 1 : start, end, 2 * limit);
    if (excess) cuts.push(excess);
    start = nextLineStart(source, end);
  }
  const marked = cuts.filter((c) => c.markers !== null);
  if (marked.length === 0) return null;
  const dropped: DroppedSpan[] = marked.map(({ markers }) => ({ rule: NESTING_RULE, text: source.slice(markers!.start, markers!.end), start: markers!.start, end: markers!.end }));
  const first = marked[0]!;
  const last = marked.at(-1)!;
  return {
    text: withoutRanges(identityText(source), cuts),
    dropped,
    issue: {
      code: 'markdown-nesting-cut',
      args: { limit, lines: marked.length, rule: NESTING_RULE },
      start: first.start,
      end: last.end,
    },
  };
}

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** Columns of indentation that a marker's own space takes: up to 4 after a list marker, 1 after `>`. */
const FREE_AFTER_LIST_MARKER = 4;
const FREE_AFTER_QUOTE = 1;

/**
 * The part of the line's container prefix past `budget` (in columns: 2 a level) to take out, else
 * null. The prefix ends at the line's first character that is not a space, a `>` or a list marker.
 */
function excessOf(source: string, start: number, end: number, budget: number): Excess | null {
  const breakFrom = thematicBreakFrom(source, start, end);
  let spent = 0;
  let column = 0;
  let free = 0;
  let cut = -1;
  let markersFrom = -1;
  let markersTo = -1;
  const spend = (at: number, cost: number, marker: boolean, width: number): void => {
    if (cut === -1 && spent + cost > budget) cut = at;
    spent += cost;
    if (cut !== -1 && marker) {
      if (markersFrom === -1) markersFrom = at;
      markersTo = at + width;
    }
  };
  let i = start;
  while (i < end) {
    const ch = source[i];
    if (isSpace(ch)) {
      const width = ch === '\t' ? 4 - (column % 4) : 1;
      const paid = Math.max(0, width - free);
      free = Math.max(0, free - width);
      spend(i, paid, false, 1);
      column += width;
      i++;
      continue;
    }
    free = 0;
    if (ch === '>') {
      spend(i, 2, true, 1);
      free = FREE_AFTER_QUOTE;
      column++;
      i++;
      continue;
    }
    const marker = listMarkerAt(source, i, end);
    if (marker === 0 || i >= breakFrom) break;
    spend(i, 2, true, marker);
    free = FREE_AFTER_LIST_MARKER;
    column += marker;
    i += marker;
  }
  if (cut === -1) return null;
  return { start: cut, end: i, markers: markersFrom === -1 ? null : { start: markersFrom, end: markersTo } };
}

/** The length of the list marker at `at` (`-`, `+`, `*`, or up to 9 digits and `.` or `)`), followed by a space or the line's end; else 0. */
function listMarkerAt(source: string, at: number, end: number): number {
  const ch = source[at];
  let length = 0;
  if (ch === '-' || ch === '+' || ch === '*') length = 1;
  else {
    let k = at;
    while (k < end && k - at < 9 && isDigit(source[k])) k++;
    if (k === at || (source[k] !== '.' && source[k] !== ')')) return 0;
    length = k - at + 1;
  }
  const after = at + length;
  return after >= end || isSpace(source[after]) ? length : 0;
}

/**
 * Where a thematic break that runs to the line's end may start (`- - -`, `* * *`, `___`: three or
 * more of one of those characters, and spaces): such a tail is a break, not list markers. The
 * line's end when there is none.
 */
function thematicBreakFrom(source: string, start: number, end: number): number {
  let mark: string | null = null;
  let count = 0;
  let from = end;
  for (let k = end - 1; k >= start; k--) {
    const ch = source[k]!;
    if (isSpace(ch)) continue;
    if (ch !== '-' && ch !== '*' && ch !== '_') break;
    if (mark !== null && ch !== mark) break;
    mark = ch;
    if (++count >= 3) from = k;
  }
  return from;
}

/** The end of the line starting at `start` (before its line break). */
function lineEndOf(source: string, start: number): number {
  for (let k = start; k < source.length; k++) if (source[k] === '\n' || source[k] === '\r') return k;
  return source.length;
}

/** The start of the next line, after the line break at `end` (CR LF, LF or CR). */
function nextLineStart(source: string, end: number): number {
  if (end >= source.length) return source.length;
  return source[end] === '\r' && source[end + 1] === '\n' ? end + 2 : end + 1;
}
