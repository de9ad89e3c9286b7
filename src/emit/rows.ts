// The tree as flat rows: one row per section and item, in tree order, with where it stands
// (document, the titles above it, id, depth). A pure function; the writers are in table.ts.
import type { BodyNode, RootNode } from '../types.js';

/** The columns of a row, in the order csv, tsv and items write them. */
export const ROW_COLUMNS = ['source', 'document', 'document_title', 'path', 'id', 'depth', 'type', 'marker', 'ordinal', 'title', 'text', 'line', 'offset'] as const;
export type RowColumn = (typeof ROW_COLUMNS)[number];

/** One section or item. */
export interface Row {
  /** The input's path as the tree's `source.path` gives it; null for standard input or a string. */
  readonly source: string | null;
  /** The document's number in the page, from 1. */
  readonly document: number;
  /** The document's own title, or null. */
  readonly document_title: string | null;
  /** The titles of the sections above the node, outermost first, joined with ` > `; '' at the top level. */
  readonly path: string;
  /** The node's id (d2/3/1/4). */
  readonly id: string;
  /** Its depth in its document, 1 = top level. */
  readonly depth: number;
  readonly type: 'section' | 'item';
  /** The marker as written; null for a label heading. */
  readonly marker: string | null;
  /** The marker's value; null when it has none. */
  readonly ordinal: number | null;
  readonly title: string;
  /** An item's whole text; null for a section (its text is in its children's rows). */
  readonly text: string | null;
  /** 1-based line of the node's start in the decoded input. */
  readonly line: number;
  /** 0-based offset of the node's start in the decoded input, in UTF-16 code units. */
  readonly offset: number;
}

/** Every section and item of the tree as a row, in tree order. */
export function rowsOf(tree: RootNode): Row[] {
  const rows: Row[] = [];
  tree.children.forEach((doc, index) => {
    const walk = (nodes: readonly BodyNode[], above: readonly string[]): void => {
      for (const node of nodes) {
        if (node.type === 'paragraph') continue;
        rows.push({
          source: tree.source.path,
          document: index + 1,
          document_title: doc.title,
          path: above.join(' > '),
          id: node.id,
          depth: node.depth,
          type: node.type,
          marker: node.marker?.raw ?? null,
          ordinal: node.marker?.ordinal ?? null,
          title: node.title,
          text: node.type === 'item' ? node.text : null,
          line: node.position.start.line,
          offset: node.position.start.offset,
        });
        if (node.type === 'section') walk(node.children, [...above, node.title]);
      }
    };
    walk(doc.children, []);
  });
  return rows;
}
