// Paths in the tree: every section and item gets its depth in its document and a stable id
// built from the document number and the ordinals above it (d2/3/1/4).
import type { BodyNode, ItemNode, ParagraphNode, SectionNode } from '../types.js';

/** A section as the outline builds it, before it has a place. */
export interface UnplacedSection extends Omit<SectionNode, 'id' | 'depth' | 'children'> {
  readonly children: UnplacedBody[];
}
/** An item as the outline builds it, before it has a place. */
export type UnplacedItem = Omit<ItemNode, 'id' | 'depth'>;
export type UnplacedBody = UnplacedSection | UnplacedItem | ParagraphNode;

/**
 * The id segment of each section and item among its siblings (paragraphs have none): its marker's
 * ordinal when that is a number no other sibling section or item has; else `p` and its position
 * among the sibling sections and items, 1-based. A `p` segment never equals an ordinal one, so
 * the segments of siblings are distinct.
 */
export function siblingSegments(nodes: readonly UnplacedBody[]): (string | null)[] {
  const count = new Map<number, number>();
  for (const n of nodes) {
    const ordinal = n.type === 'paragraph' ? null : (n.marker?.ordinal ?? null);
    if (ordinal !== null) count.set(ordinal, (count.get(ordinal) ?? 0) + 1);
  }
  let position = 0;
  return nodes.map((n) => {
    if (n.type === 'paragraph') return null;
    position++;
    const ordinal = n.marker?.ordinal ?? null;
    return ordinal !== null && count.get(ordinal) === 1 ? String(ordinal) : `p${position}`;
  });
}

/** The nodes of a document with `id` and `depth` set; `documentNumber` is 1-based. */
export function placeNodes(nodes: readonly UnplacedBody[], documentNumber: number): BodyNode[] {
  return placeLevel(nodes, `d${documentNumber}`, 1);
}

function placeLevel(nodes: readonly UnplacedBody[], parentId: string, depth: number): BodyNode[] {
  const segments = siblingSegments(nodes);
  return nodes.map((n, i): BodyNode => {
    if (n.type === 'paragraph') return n;
    const id = `${parentId}/${segments[i]!}`;
    if (n.type === 'item') return { type: 'item', id, depth, marker: n.marker, title: n.title, text: n.text, position: n.position };
    return { type: 'section', id, depth, marker: n.marker, title: n.title, children: placeLevel(n.children, id, depth + 1), position: n.position };
  });
}
