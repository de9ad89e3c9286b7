// The page's <title>: its text with white space collapsed and the site name after it cut off
// (实用的教育工作计划集锦5篇_工作计划_文书馆 → 实用的教育工作计划集锦5篇).
import type { Element, Root, RootContent } from 'hast';

/** Separators between a page's title and the site's name. */
const SITE_SEPARATOR = /\s*[_|｜]\s*|\s+[-–—]\s+/u;

export function pageTitle(tree: Root): string | null {
  const title = findElement(tree.children, 'title');
  if (!title) return null;
  const text = title.children.map((c) => (c.type === 'text' ? c.value : '')).join('').replace(/\s+/gu, ' ').trim();
  const head = text.split(SITE_SEPARATOR).find((part) => part.trim() !== '')?.trim() ?? '';
  return head || null;
}

function findElement(nodes: readonly RootContent[], tag: string): Element | null {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (node.tagName === tag) return node;
    if (node.tagName === 'body' || node.tagName === 'svg') continue;
    const found = findElement(node.children, tag);
    if (found) return found;
  }
  return null;
}
