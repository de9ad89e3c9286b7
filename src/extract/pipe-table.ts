// A GFM pipe table, which CommonMark reads as a paragraph, as lines: one per row, the cells one
// space apart, the delimiter row (| --- | :-: |) dropped.
import type { MappedText } from '../text/mapped-text.js';

const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/u;

interface Row {
  readonly start: number;
  readonly end: number;
}

function rowsOf(text: string): Row[] {
  const rows: Row[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    rows.push({ start, end });
    if (nl === -1) return rows;
    start = nl + 1;
  }
}

/** The rows of a paragraph that is a pipe table; null when it is not one. */
export function pipeTableRows(paragraph: MappedText): MappedText[] | null {
  const { text } = paragraph;
  const rows = rowsOf(text);
  const lineOf = (r: Row): string => text.slice(r.start, r.end).trim();
  if (rows.length < 2 || !DELIMITER_ROW.test(lineOf(rows[1]!)) || !lineOf(rows[1]!).includes('-')) return null;
  if (!rows.every((r) => lineOf(r).includes('|'))) return null;
  return rows.filter((_, i) => i !== 1).map((r) => cellsJoined(paragraph, r));
}

/** A row's cells, trimmed, joined by one space that maps to the pipe between them. */
function cellsJoined(paragraph: MappedText, row: Row): MappedText {
  const { text, origin } = paragraph;
  let from = row.start;
  let to = row.end;
  while (from < to && /\s/u.test(text[from]!)) from++;
  while (to > from && /\s/u.test(text[to - 1]!)) to--;
  if (text[from] === '|') from++;
  if (to > from && text[to - 1] === '|') to--;
  const chars: string[] = [];
  const origins: number[] = [];
  let cellStart = from;
  const addCell = (end: number, pipeAt: number | null): void => {
    let s = cellStart;
    let e = end;
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    for (let i = s; i < e; i++) {
      chars.push(text[i]!);
      origins.push(origin[i]!);
    }
    if (pipeAt !== null && e > s) {
      chars.push(' ');
      origins.push(origin[pipeAt]!);
    }
  };
  for (let i = from; i < to; i++) {
    if (text[i] !== '|') continue;
    addCell(i, i);
    cellStart = i + 1;
  }
  addCell(to, null);
  while (chars[chars.length - 1] === ' ') {
    chars.pop();
    origins.pop();
  }
  const out = new Int32Array(origins.length + 1);
  out.set(origins);
  out[origins.length] = origin[row.end] ?? 0;
  return { text: chars.join(''), origin: out };
}
