// Elements nested deeper than MAX_NESTING_DEPTH, cut out of the parse5 tree before it becomes hast.
// hast-util-from-parse5 converts an element by recursing into its children (5,000 nested <div>
// overflow the stack), and the text walk in html.ts recurses per element too. Below the limit an
// element that holds elements is taken out and its children put in its place, in order, so every
// text node stays (with its own position) and only the element's own line breaks are lost;
// elements holding no element (a <p> of text, <br>, <script>) stay as they are.
import type { DefaultTreeAdapterMap } from 'parse5';
import { MAX_NESTING_DEPTH } from '../limits.js';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];
type Template = DefaultTreeAdapterMap['template'];

/** What was cut: how many elements, and the span (offsets of the parsed string) of the first element cut into. */
export interface NestingCut {
  readonly elements: number;
  readonly start: number;
  readonly end: number;
}

const isElement = (node: ChildNode): node is Element => 'tagName' in node;
const isTemplate = (node: ChildNode): node is Template => isElement(node) && node.nodeName === 'template' && 'content' in node;
const holdsElements = (element: Element): boolean => element.childNodes.some(isElement);

/** Cut the tree (in place) at `limit` levels of elements; null when nothing was as deep. */
export function cutNesting(root: ParentNode, limit = MAX_NESTING_DEPTH): NestingCut | null {
  let cut: { elements: number; start: number; end: number } | null = null;
  // (parent, depth of its children) pairs still to look at: a stack, not recursion
  const todo: Array<readonly [ParentNode, number]> = [[root, 1]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [parent, depth] = next;
    if (depth > limit) {
      const elements = flattenChildren(parent);
      if (elements > 0) {
        const at = 'sourceCodeLocation' in parent ? parent.sourceCodeLocation : undefined;
        cut ??= { elements: 0, start: at?.startOffset ?? 0, end: at?.endOffset ?? at?.startOffset ?? 0 };
        cut.elements += elements;
      }
    }
    for (const child of parent.childNodes) {
      if (isTemplate(child)) todo.push([child.content, depth + 1]);
      else if (isElement(child) && holdsElements(child)) todo.push([child, depth + 1]);
    }
  }
  return cut;
}

/**
 * Replace each child that holds elements by its children, until no child does; the number of
 * elements taken out. Templates stay (their content is cut on its own: it is no page text).
 */
function flattenChildren(parent: ParentNode): number {
  const kept: ChildNode[] = [];
  const todo: ChildNode[] = [...parent.childNodes].reverse();
  let removed = 0;
  for (let node = todo.pop(); node; node = todo.pop()) {
    if (isElement(node) && !isTemplate(node) && holdsElements(node)) {
      removed++;
      for (let i = node.childNodes.length - 1; i >= 0; i--) todo.push(node.childNodes[i]!);
      continue;
    }
    node.parentNode = parent;
    kept.push(node);
  }
  if (removed > 0) parent.childNodes = kept;
  return removed;
}
