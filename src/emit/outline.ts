// The tree as an indented outline a person can check at a glance: marker, title, line number,
// and each diagnostic beside the node it concerns. Colour is applied by the caller's painter.
import type { BodyNode, Diagnostic, RootNode } from '../types.js';

export interface Painter {
  readonly marker: (s: string) => string;
  readonly title: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly heading: (s: string) => string;
}

export const plainPainter: Painter = { marker: (s) => s, title: (s) => s, dim: (s) => s, warn: (s) => s, heading: (s) => s };

const TITLE_WIDTH = 40;
const clip = (s: string): string => ([...s].length > TITLE_WIDTH ? [...s].slice(0, TITLE_WIDTH - 1).join('') + '…' : s);

export function toOutline(tree: RootNode, paint: Painter = plainPainter): string {
  const out: string[] = [];
  const byLine = new Map<number, Diagnostic[]>();
  for (const d of tree.diagnostics) {
    if (!d.position) continue;
    const list = byLine.get(d.position.start.offset) ?? [];
    list.push(d);
    byLine.set(d.position.start.offset, list);
  }
  if (tree.title) out.push(paint.heading(`# ${tree.title}`));
  tree.children.forEach((doc, i) => {
    out.push(paint.heading(`【${i + 1}】 ${doc.title ?? '(untitled)'}`) + paint.dim(`  L${doc.position.start.line}`));
    walk(doc.children, 1);
  });
  function walk(nodes: readonly BodyNode[], depth: number): void {
    for (const node of nodes) {
      if (node.type === 'paragraph') continue;
      const marker = node.marker ? node.marker.raw : '_';
      const notes = (byLine.get(node.position.start.offset) ?? []).map((d) => paint.warn(` ⚠ ${d.code}: ${d.message}`)).join('');
      out.push(`${'  '.repeat(depth)}${paint.marker(marker)} ${paint.title(clip(node.title))}${paint.dim(`  L${node.position.start.line}`)}${notes}`);
      if (node.type === 'section') walk(node.children, depth + 1);
    }
  }
  return out.join('\n') + '\n';
}
