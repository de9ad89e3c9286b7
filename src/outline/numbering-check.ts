// Numbering problems among siblings: a skipped, repeated or restarted number is reported,
// never silently re-nested. Numbering that continues from the previous section is fine.
import type { BodyNode, Diagnostic, Marker, SectionNode, ItemNode } from '../types.js';

type Numbered = (SectionNode | ItemNode) & { readonly marker: Marker };

const familyOf = (m: Marker): string => m.style.replace(/-(dun|dot|comma)$/u, '');

export function checkNumbering(nodes: readonly BodyNode[], diagnostics: Diagnostic[]): void {
  const lastOfFamily = new Map<string, number>();
  walk(nodes, diagnostics, lastOfFamily);
}

function walk(nodes: readonly BodyNode[], diagnostics: Diagnostic[], lastOfFamily: Map<string, number>): void {
  const previous = new Map<string, Numbered>();
  for (const node of nodes) {
    if (node.type === 'paragraph') continue;
    if (node.marker && node.marker.ordinal !== null) {
      const n = node as Numbered;
      const family = familyOf(n.marker);
      const before = previous.get(family);
      const ordinal = n.marker.ordinal!;
      if (before) {
        const expected = (before.marker.ordinal ?? 0) + 1;
        if (ordinal === expected - 1) report(diagnostics, 'numbering-repeat', `${n.marker.raw} repeats the number before it`, n);
        else if (ordinal < expected - 1) report(diagnostics, 'numbering-restart', `${n.marker.raw} restarts the numbering after ${before.marker.raw}`, n);
        else if (ordinal > expected) report(diagnostics, 'numbering-gap', `${n.marker.raw} follows ${before.marker.raw}`, n);
      } else if (ordinal !== 1) {
        const carried = lastOfFamily.get(family);
        if (carried === undefined || ordinal !== carried + 1) {
          report(diagnostics, 'numbering-start', `${n.marker.raw} opens its list${carried !== undefined ? ` after ${carried} in the previous section` : ''}`, n);
        }
      }
      previous.set(family, n);
      lastOfFamily.set(family, ordinal);
    }
    if (node.type === 'section') walk(node.children, diagnostics, lastOfFamily);
  }
}

function report(diagnostics: Diagnostic[], code: string, message: string, node: Numbered): void {
  diagnostics.push({ severity: 'warning', code, message, position: node.position });
}
