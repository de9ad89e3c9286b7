// Numbering problems among siblings: a skipped, repeated or restarted number is reported,
// never silently re-nested. Numbering that continues from the previous section is fine.
import type { BodyNode, Finding, Marker, PlacedFinding, SectionNode, ItemNode } from '../types.js';
import { FindingCap } from './finding-cap.js';

type Numbered = (SectionNode | ItemNode) & { readonly marker: Marker };

const familyOf = (m: Marker): string => m.style.replace(/-(dun|dot|comma)$/u, '');

/** The numbering problems of one document's nodes, added to `diagnostics` (at most FINDINGS_PER_CODE a code, then a count). */
export function checkNumbering(nodes: readonly BodyNode[], diagnostics: PlacedFinding[]): void {
  const lastOfFamily = new Map<string, number>();
  const cap = new FindingCap(diagnostics);
  walk(nodes, cap, lastOfFamily);
  cap.close();
}

function walk(nodes: readonly BodyNode[], diagnostics: FindingCap, lastOfFamily: Map<string, number>): void {
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
        if (ordinal === expected - 1) report(diagnostics, { code: 'numbering-repeat', args: { marker: n.marker.raw } }, n);
        else if (ordinal < expected - 1) report(diagnostics, { code: 'numbering-restart', args: { marker: n.marker.raw, before: before.marker.raw } }, n);
        else if (ordinal > expected) report(diagnostics, { code: 'numbering-gap', args: { marker: n.marker.raw, before: before.marker.raw } }, n);
      } else if (ordinal !== 1) {
        const carried = lastOfFamily.get(family);
        if (carried === undefined || ordinal !== carried + 1) {
          report(diagnostics, { code: 'numbering-start', args: { marker: n.marker.raw, carried: carried ?? null } }, n);
        }
      }
      previous.set(family, n);
      lastOfFamily.set(family, ordinal);
    }
    if (node.type === 'section') walk(node.children, diagnostics, lastOfFamily);
  }
}

function report(diagnostics: FindingCap, finding: Finding, node: Numbered): void {
  diagnostics.add({ ...finding, position: node.position });
}
