// Which rows of an HTML table hold data cells (a schedule, a roster, a form), as against a table
// that lays a page out. A data row's numbers are cells (`1 春节慰问 1月`, `序号 工作内容`), never
// outline; a layout table's cells hold the article itself, whose numbering is the outline.
//
// Evidence, per table: at least two rows of two or more non-empty cells, each cell short and holding
// no table of its own. A layout table shows itself by a cell that holds the article (long text, or a
// nested table), or by one row of a few cells (a date beside a view count).
import type { Element, ElementContent } from 'hast';

/** A cell longer than this holds running text: an article laid out in a table, not a table's cell. */
const MAX_CELL_CHARS = 200;
/** A table needs this many data rows: one row of two cells is as often a layout's. */
const MIN_DATA_ROWS = 2;

const CELL_TAGS: ReadonlySet<string> = new Set(['td', 'th']);
const ROW_GROUP_TAGS: ReadonlySet<string> = new Set(['thead', 'tbody', 'tfoot']);

/** The rows of a table that hold data cells; none when the table lays the page out. */
export function dataRows(table: Element): readonly Element[] {
  const rows: Element[] = [];
  for (const row of rowsOf(table)) {
    if (isDataRow(row)) rows.push(row);
  }
  return rows.length >= MIN_DATA_ROWS ? rows : [];
}

/** A table's own rows (directly, or in its head, body and foot), not those of tables inside it. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (ROW_GROUP_TAGS.has(child.tagName)) {
      for (const row of child.children) if (row.type === 'element' && row.tagName === 'tr') rows.push(row);
    }
  }
  return rows;
}

function isDataRow(row: Element): boolean {
  let filled = 0;
  for (const cell of row.children) {
    if (cell.type !== 'element' || !CELL_TAGS.has(cell.tagName)) continue;
    const length = shortTextLength(cell);
    if (length === null) return false;
    if (length > 0) filled++;
  }
  return filled >= 2;
}

/** The length of a cell's text without white space, or null when it runs long or holds a table. */
function shortTextLength(node: ElementContent): number | null {
  let length = 0;
  const stack: ElementContent[] = [node];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at.type === 'text') {
      for (const ch of at.value) if (ch.trim() !== '') length++;
      if (length > MAX_CELL_CHARS) return null;
    } else if (at.type === 'element') {
      if (at.tagName === 'table') return null;
      for (const child of at.children) stack.push(child);
    }
  }
  return length;
}
