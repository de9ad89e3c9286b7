// The cleaned, simplified text itself: documents separated by a blank line and their title.
import type { BodyNode, RootNode } from '../types.js';

export function toText(tree: RootNode): string {
  const docs = tree.children.map((doc) => {
    const lines: string[] = [];
    if (doc.title) lines.push(doc.title);
    const walk = (nodes: readonly BodyNode[]): void => {
      for (const node of nodes) {
        if (node.type === 'paragraph') lines.push(node.text);
        else if (node.type === 'item') lines.push(`${node.marker.raw}${node.text}`);
        else {
          lines.push(`${node.marker?.raw ?? ''}${node.title}`);
          walk(node.children);
        }
      }
    };
    walk(doc.children);
    return lines.join('\n');
  });
  return docs.join('\n\n') + '\n';
}
