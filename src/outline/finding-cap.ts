// A bound on the findings of one code in one document: a flood of numbered lines (1,000,000 lines
// of `一、`) would otherwise carry one diagnostic a line, more memory and output than its tree.
// The first FINDINGS_PER_CODE of a code are kept; the rest are counted, and one `findings-capped`
// finding, placed at the first one left out, says how many there were.
import type { DiagnosticCode, PlacedFinding, Position } from '../types.js';

/** Findings of one code listed per document. */
export const FINDINGS_PER_CODE = 100;

interface Omitted {
  count: number;
  readonly first: Position | null;
}

export class FindingCap {
  private readonly listed = new Map<DiagnosticCode, number>();
  private readonly omitted = new Map<DiagnosticCode, Omitted>();

  constructor(private readonly out: PlacedFinding[], private readonly limit = FINDINGS_PER_CODE) {}

  /**
   * Whether a finding of `code` would be listed; when not, it is counted here (placed at `position`),
   * and the caller need not make it.
   */
  lists(code: DiagnosticCode, position: Position | null): boolean {
    if ((this.listed.get(code) ?? 0) < this.limit) return true;
    const left = this.omitted.get(code);
    if (left) left.count++;
    else this.omitted.set(code, { count: 1, first: position });
    return false;
  }

  /** List a finding, or count it when its code has reached the limit. */
  add(finding: PlacedFinding): void {
    if (!this.lists(finding.code, finding.position)) return;
    this.listed.set(finding.code, (this.listed.get(finding.code) ?? 0) + 1);
    this.out.push(finding);
  }

  /** One `findings-capped` finding per code that went over the limit, in the order they did. */
  close(): void {
    for (const [code, left] of this.omitted) {
      this.out.push({ code: 'findings-capped', args: { code, limit: this.limit, omitted: left.count }, position: left.first });
    }
    this.omitted.clear();
  }
}
