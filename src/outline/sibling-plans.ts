// Plans one after another on a page without sequence numbers: a grade's plan, then the next grade's
// (八年级物理备课组工作计划 / 一、… 二、… / 九年级物理备课组工作计划 / 一、…). No 篇N or (二) says where
// the second starts; what does, together:
// - a line naming a plan (heading-shape.ts) with the same plan word as the page's first title (计划 after
//   计划, not 计划 inside a 总结, where 下学期工作计划 heads the summary's last part), and longer than a
//   label's phrase (工作安排, 具体活动安排);
// - the first document's top numbering, met before that line, starts again at 1 right below it (a
//   byline or a date may stand between). Within one plan a part's heading is numbered itself, or its
//   parts go on numbering.
import type { Line } from '../text/lines.js';
import { matchMarkerAt } from '../numbering/markers.js';
import { PLAN_TITLE_END, countLetters, isPlanTitleShaped } from '../wording/heading-shape.js';

/** A line naming a sibling plan holds at least this many letters (八年级工作计划 is 7). */
export const SIBLING_TITLE_MIN_LETTERS = 8;

/** Lines between a sibling plan's title and its first numbered line (a byline, a date). */
const LINES_TO_FIRST_MARKER = 2;

const markerOf = (line: Line | undefined) => {
  const m = line ? matchMarkerAt(line.match, 0, true) : null;
  return m !== null && !m.needsSeries ? m : null;
};

/**
 * The indices of the lines (below a document titled `title`) that title plans of their own; empty
 * when there are none.
 */
export function siblingPlanStarts(title: string, lines: readonly Line[]): number[] {
  const planWord = PLAN_TITLE_END.exec(title.trimEnd())?.[1];
  if (planWord === undefined) return [];
  const first = lines.findIndex((l) => markerOf(l) !== null);
  if (first < 0) return [];
  const topClass = markerOf(lines[first])!.levelClass;
  const starts: number[] = [];
  for (let i = first + 1; i < lines.length; i++) {
    const m = lines[i]!.match.trimEnd();
    if (!isPlanTitleShaped(m) || PLAN_TITLE_END.exec(m)?.[1] !== planWord || countLetters(m) < SIBLING_TITLE_MIN_LETTERS) continue;
    if (markerOf(lines[i]) !== null) continue;
    for (let k = i + 1; k <= i + 1 + LINES_TO_FIRST_MARKER && k < lines.length; k++) {
      const marker = markerOf(lines[k]);
      if (marker === null && /[。;；！？!?]/u.test(lines[k]!.match)) break;
      if (marker === null) continue;
      if (marker.levelClass === topClass && marker.ordinal === 1) starts.push(i);
      break;
    }
  }
  return starts;
}
