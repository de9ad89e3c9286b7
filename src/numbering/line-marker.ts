// Does a line start with a numbering marker? (Bare forms that need a series do not count here.)
import { matchMarkerAt } from './markers.js';

export function startsWithMarker(matchLine: string): boolean {
  const m = matchMarkerAt(matchLine, 0, true);
  return m !== null && !m.needsSeries;
}
