// Stage: normalize. Old Mac line ends become line feeds, odd spaces become plain spaces and
// zero-width characters go; every change keeps the mapping back to the decoded input.
// (Full-width/half-width numbering punctuation is folded only for matching: see text/match-form.)
import { withReplacements, withoutRanges, type MappedText, type Range, type Replacement } from './mapped-text.js';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v\f]|\r(?!\n)/gu;

export function normalizeText(input: MappedText): MappedText {
  const replacements: Replacement[] = [];
  for (const m of input.text.matchAll(ODD_SPACE)) {
    const at = m.index ?? 0;
    replacements.push({ start: at, end: at + 1, text: m[0] === '\r' ? '\n' : ' ' });
  }
  const spaced = withReplacements(input, replacements);
  const zeroWidth: Range[] = [];
  for (const m of spaced.text.matchAll(ZERO_WIDTH)) zeroWidth.push({ start: m.index ?? 0, end: (m.index ?? 0) + 1 });
  return withoutRanges(spaced, zeroWidth);
}
