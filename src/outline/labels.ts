// Unnumbered label headings (指导思想, 工作目标, 主要职责：, 二月份:, 献礼一：, 前 言): short lines that
// head the text below them. What a label's wording says is `labelKind` (wording/label-words.ts);
// whether a line is one also depends on what stands around it (`isLabelHeading`, here).
import type { Entry } from './entries.js';
import { isBulletLine } from '../wording/heading-shape.js';
import { labelKind, labelText, lettersOf } from '../wording/label-words.js';

/**
 * Is the plain entry at `i` a label heading? Every label needs something below it on a later line.
 * `plain` ones need a numbered list starting at 1 right below; colon labels and lexicon labels head
 * text too, unless that text is itself a short colon line (组长: 副组长:). Inside a run of short
 * unterminated lines (a flattened table, a list of names) only the run's first line can be a label.
 */
export function isLabelHeading(entries: readonly Entry[], i: number, matchOf: (e: Entry) => string): boolean {
  const entry = entries[i];
  if (!entry || entry.marker || !entry.atLineStart) return false;
  const next = entries[i + 1];
  if (!next) return false; // nothing below
  const match = matchOf(entry);
  const kind = labelKind(match);
  if (!kind) return false;
  const endsInColon = /[:：]\s*$/u.test(match);
  // split inside its own line: a period or a noun phrase and its colon over a series that starts right
  // after it (九月：1.开学典礼；2.…) heads the series
  if (next.line === entry.line) return endsInColon && (kind === 'period' || kind === 'colon') && next.marker?.ordinal === 1;
  if (kind === 'ordinal' || kind === 'standalone' || kind === 'part') return true;
  const prev = entries[i - 1];
  const inRun = prev && !prev.marker && prev.atLineStart && isShortUnterminated(matchOf(prev)) && isShortUnterminated(matchOf(next)) && !next.marker;
  // a colon says the line heads what follows, even amid short lines (二月： / 制定计划 / 开学检查 / 三月：)
  if (inRun && kind !== 'colon' && !endsInColon) return false;
  // a heading word over dash bullets (工作目标 / ——… / ——…) heads them, as it heads a list from 1
  if (next.marker?.style === 'dash') return kind !== 'plain';
  if (next.marker) return next.marker.ordinal === 1 || (kind !== 'plain' && next.marker.ordinal !== null && next.marker.ordinal <= 1);
  if (kind === 'plain') return false;
  // a word of three letters or fewer and a colon over text is a form field (组长: 成员:), not a heading
  if (kind === 'colon' && lettersOf(labelText(match)).length <= 3) return false;
  const nextMatch = matchOf(next);
  if (isBulletLine(nextMatch)) return true;
  // over a form field (组长: 副组长:) it is a field too; over a named sub-heading (外网存取层：) it heads it
  return !(/[:：]\s*$/u.test(nextMatch) && lettersOf(labelText(nextMatch)).length <= 3);
}

function isShortUnterminated(match: string): boolean {
  return match.length <= 24 && !/[。;!?；！？:：]$/u.test(match);
}
