// A Markdown page parsed in pieces, so that a long list costs time linear in its length.
// micromark (remark-parse 11) takes time quadratic in the number of items of a list
// (remarkjs/remark#1010: 1,320 items of `- 1. …` took 1.6 s), so the page is cut into pieces of
// about PIECE_ITEMS list items, each parsed on its own, its positions moved to the page's.
//
// A cut is kept only where the parse of the whole page would start afresh too: before a list item
// written at column 0 that is the next item of a list the piece before it ends with. micromark
// tries the outermost open container first, so such a line is always that list's next item, and
// whatever was open inside the item before it (a fence, an HTML block, a paragraph the line could
// have continued lazily) is closed by it. Whether the piece before does end in such a list is read
// from that piece's own parse, which is the whole page's parse up to the cut: a fence or HTML
// block still open at the cut would be its last block instead. Link reference definitions reach
// across the whole page, so a page that may hold one is never cut.
import type { Nodes, Root, RootContent } from 'mdast';
import type { Point } from 'unist';

/** List items per piece: few enough that a piece's quadratic cost stays small, enough to make it worth a parse. */
export const PIECE_ITEMS = 100;

/**
 * A piece that cannot be cut (no safe place to cut it) holding more list items than this is not
 * parsed: at about 1.6 s for 1,320 items, more would take seconds for a page of a few KB.
 */
export const MAX_PIECE_ITEMS = 1500;

export type ParseMarkdown = (source: string) => Root;

/** A line opening a list item (up to three spaces in); at column 0 it may be where a piece is cut. */
const ITEM_LINE = /^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/gmu;
/** The same, for the search of a cut, which moves its lastIndex (matchAll starts from a pattern's lastIndex). */
const CUT_ITEM_LINE = /^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/gmu;
/** A list item's marker: a bullet (its character), or a number and its delimiter. */
const ITEM_MARKER = /[ \t]*(?:([-*+])|\d{1,9}([.)]))/uy;
/** Where a link reference definition `[label]: url` may stand. */
const DEFINITION_LIKE = ']:';

/**
 * The page's blocks with page offsets, parsed in pieces where that is safe; null when a piece
 * holds more than MAX_PIECE_ITEMS list items (the caller reads such a page as plain text).
 */
export function parseInPieces(source: string, parse: ParseMarkdown, pieceItems = PIECE_ITEMS): RootContent[] | null {
  const cuttable = !source.includes(DEFINITION_LIKE);
  const blocks: RootContent[] = [];
  let start = 0;
  let line = 0;
  for (;;) {
    const cut = cuttable ? nextCut(source, start, pieceItems) : null;
    if (cut !== null) {
      const piece = source.slice(start, cut);
      const parsed = parse(piece);
      if (nextItemAt(parsed, piece, markerKind(source, cut))) {
        appendMoved(blocks, parsed.children, start + skippedAtStart(piece), line);
        line += countLineBreaks(piece);
        start = cut;
        continue;
      }
    }
    // no cut left, or not a safe one: the rest is one piece
    const rest = source.slice(start);
    if (countItems(rest) > MAX_PIECE_ITEMS) return null;
    appendMoved(blocks, parse(rest).children, start + skippedAtStart(rest), line);
    return blocks;
  }
}

/**
 * micromark skips a byte order mark that starts what it parses, and counts its offsets from after
 * it (one only: a second U+FEFF is text).
 */
const skippedAtStart = (text: string): number => (text.startsWith('\uFEFF') ? 1 : 0);

/** The first column-0 list item line after `pieceItems` item lines from `from`, else null. */
function nextCut(source: string, from: number, pieceItems: number): number | null {
  const items = CUT_ITEM_LINE;
  items.lastIndex = from;
  let seen = 0;
  for (let m = items.exec(source); m; m = items.exec(source)) {
    // (`^` also matches after U+2028 and U+2029, which Markdown does not read as line breaks)
    const before = source[m.index - 1];
    const atColumn0 = source[m.index] !== ' ' && source[m.index] !== '\t' && (before === '\n' || before === '\r');
    if (m.index > from && seen >= pieceItems && atColumn0) return m.index;
    if (++seen > MAX_PIECE_ITEMS) return null;
  }
  return null;
}

function countItems(text: string): number {
  let n = 0;
  for (const m of text.matchAll(ITEM_LINE)) if (m && ++n > MAX_PIECE_ITEMS) break;
  return n;
}

/** Line endings as Markdown reads them: CR LF, LF or CR. */
const countLineBreaks = (text: string): number => text.match(/\r\n?|\n/gu)?.length ?? 0;

/**
 * Whether the piece ends in a list whose next item is the line after the piece (its end): the
 * list's last item has text on its marker's line (an item opened by a blank line is closed by a
 * second one) and the line after the piece (`nextMarker`) opens an item with the same marker.
 */
function nextItemAt(parsed: Root, piece: string, nextMarker: string | null): boolean {
  const list = parsed.children.at(-1);
  if (list?.type !== 'list') return false;
  const item = list.children.at(-1);
  const first = item?.children[0];
  const itemStart = item?.position?.start.offset;
  const firstStart = first?.position?.start.offset;
  if (itemStart === undefined || firstStart === undefined) return false;
  if (piece.slice(itemStart, firstStart).includes('\n')) return false;
  return nextMarker !== null && markerKind(piece, itemStart) === nextMarker;
}

/** `-`, `*`, `+` for a bullet, `1.` or `1)` for any number with that delimiter; null when no marker is there. */
function markerKind(text: string, at: number): string | null {
  ITEM_MARKER.lastIndex = at;
  const m = ITEM_MARKER.exec(text);
  return m ? m[1] ?? `1${m[2]}` : null;
}

/** Append a piece's blocks, their positions moved by the piece's start (an offset and a line count). */
function appendMoved(blocks: RootContent[], moved: readonly RootContent[], offset: number, lines: number): void {
  for (const block of moved) blocks.push(block);
  if (offset === 0) return;
  const todo: Nodes[] = [...moved];
  for (let node = todo.pop(); node; node = todo.pop()) {
    const at = node.position;
    // the piece starts a line: columns stay as they are
    if (at) node.position = { start: movePoint(at.start, offset, lines), end: movePoint(at.end, offset, lines) };
    if ('children' in node) for (const child of node.children) todo.push(child);
  }
}

const movePoint = (point: Point, offset: number, lines: number): Point => ({
  line: point.line + lines,
  column: point.column,
  offset: point.offset === undefined ? undefined : point.offset + offset,
});
