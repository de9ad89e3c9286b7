// Flat outputs of the rows (rows.ts): CSV (RFC 4180), TSV (backslash escapes) and items (one JSON
// object a line). Each writes a header row (csv, tsv) only when asked: a batch to one stream
// writes it once, above the rows of every file.
import type { RootNode } from '../types.js';
import { ROW_COLUMNS, rowsOf, type Row } from './rows.js';
import { PIECE_CHARS } from './pieces.js';

export const TABLE_FORMATS = ['csv', 'tsv', 'items'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export const isTableFormat = (format: string): format is TableFormat => (TABLE_FORMATS as readonly string[]).includes(format);

type Cell = string | number | null;

/** A CSV field: quoted when it holds a comma, a double quote, CR or LF, its quotes doubled (RFC 4180). */
export function csvField(value: Cell): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

/** A TSV field: backslash, tab, LF and CR written `\\` `\t` `\n` `\r`. */
export function tsvField(value: Cell): string {
  const s = value === null ? '' : String(value);
  return s.replace(/[\\\t\n\r]/gu, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

const cellsOf = (row: Row): Cell[] => ROW_COLUMNS.map((c) => row[c]);

/** A CSV record ends with CRLF, as RFC 4180 has it; a TSV line with LF. */
const csvLine = (cells: readonly Cell[]): string => cells.map(csvField).join(',') + '\r\n';
const tsvLine = (cells: readonly Cell[]): string => cells.map(tsvField).join('\t') + '\n';
const itemLine = (row: Row): string => JSON.stringify(row) + '\n';

/** The header row of the format; '' for items. */
export function tableHeader(format: TableFormat): string {
  if (format === 'csv') return csvLine(ROW_COLUMNS);
  if (format === 'tsv') return tsvLine(ROW_COLUMNS);
  return '';
}

/** The rows of the tree in the format, in pieces of about 64 K characters; the header first when asked. */
export function* tableChunks(tree: RootNode, format: TableFormat, header: boolean): Generator<string> {
  const line = format === 'csv' ? (r: Row) => csvLine(cellsOf(r)) : format === 'tsv' ? (r: Row) => tsvLine(cellsOf(r)) : itemLine;
  let piece = header ? tableHeader(format) : '';
  for (const row of rowsOf(tree)) {
    piece += line(row);
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}

/** The whole output of one tree in the format, with its header. */
export const toTable = (tree: RootNode, format: TableFormat, header = true): string => [...tableChunks(tree, format, header)].join('');
