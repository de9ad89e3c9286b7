// Paths in the tree: every section and item gets its depth in its document and a stable id
// built from the document number and the ordinals above it (d2/3/1/4).
import type { BodyNode } from '../types.js';

/**
 * The id and depth of a section or item the outline has built but not yet placed: the builder
 * writes these (so the fields stand in their order in the node) and placeNodes overwrites them.
 */
export const UNPLACED_ID = '';
export const UNPLACED_DEPTH = 0;

/** A node whose place is written once, by placeNodes. */
type Placeable = { id: string; depth: number };

/**
 * The id segment of each section and item among its siblings (paragraphs have none): its marker's
 * ordinal when that is a number no other sibling section or item has; else `p` and its position
 * among the sibling sections and items, 1-based. A `p` segment never equals an ordinal one, so
 * the segments of siblings are distinct.
 */
export function siblingSegments(nodes: readonly BodyNode[]): (string | null)[] {
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

/**
 * The nodes of a document given their `id` and `depth`, in place (a long page's tree is never
 * copied: a copy held a second tree of a million nodes beside the first); `documentNumber` is
 * 1-based. Returns the same array. Each node must stand in the tree once.
 */
export function placeNodes(nodes: BodyNode[], documentNumber: number): BodyNode[] {
  placeLevel(nodes, `d${documentNumber}`, 1);
  return nodes;
}

function placeLevel(nodes: readonly BodyNode[], parentId: string, depth: number): void {
  const segments = siblingSegments(nodes);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.type === 'paragraph') continue;
    const id = `${parentId}/${segments[i]!}`;
    const place = n as Placeable;
    place.id = id;
    place.depth = depth;
    if (n.type === 'section') placeLevel(n.children, id, depth + 1);
  }
}
