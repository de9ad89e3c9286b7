// Numbering problems among siblings: a skipped, repeated or restarted number is reported,
// never silently re-nested. Numbering that continues from the previous section is fine.
import type { BodyNode, DiagnosticArgs, Marker, PlacedFinding, SectionNode, ItemNode } from '../types.js';
import { FindingCap } from './finding-cap.js';

type Numbered = (SectionNode | ItemNode) & { readonly marker: Marker };
type NumberingCode = 'numbering-repeat' | 'numbering-restart' | 'numbering-gap' | 'numbering-start';

/** A style's family (cjk-dun → cjk), worked out once per style: a flood of a million lines asks a million times. */
const FAMILIES = new Map<string, string>();
function familyOf(m: Marker): string {
  let family = FAMILIES.get(m.style);
  if (family === undefined) FAMILIES.set(m.style, (family = m.style.replace(/-(dun|dot|comma)$/u, '')));
  return family;
}

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
        if (ordinal === expected - 1) report(diagnostics, 'numbering-repeat', () => ({ marker: n.marker.raw }), n);
        else if (ordinal < expected - 1) report(diagnostics, 'numbering-restart', () => ({ marker: n.marker.raw, before: before.marker.raw }), n);
        else if (ordinal > expected) report(diagnostics, 'numbering-gap', () => ({ marker: n.marker.raw, before: before.marker.raw }), n);
      } else if (ordinal !== 1) {
        const carried = lastOfFamily.get(family);
        if (carried === undefined || ordinal !== carried + 1) {
          report(diagnostics, 'numbering-start', () => ({ marker: n.marker.raw, carried: carried ?? null }), n);
        }
      }
      previous.set(family, n);
      lastOfFamily.set(family, ordinal);
    }
    if (node.type === 'section') walk(node.children, diagnostics, lastOfFamily);
  }
}

/** A finding at the node, made only when the cap lists it (a flood's findings past the cap are only counted). */
function report<C extends NumberingCode>(diagnostics: FindingCap, code: C, args: () => DiagnosticArgs[C], node: Numbered): void {
  // (the cast: TypeScript does not pair a generic code with its own args in the union of findings)
  if (diagnostics.lists(code, node.position)) diagnostics.add({ code, args: args(), position: node.position } as PlacedFinding);
}
