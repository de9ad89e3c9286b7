// Boilerplate rules that weigh a line's neighbours, not the line alone: a column name that repeats
// the breadcrumb above it (echo), a page number that runs on from the page number before it
// (series), a footer or panel line that stands next to lines already removed as chrome (near,
// with repeats for running heads). They run after the rules that judge a line by itself, and
// only ever add whole-line removals.
import type { Line } from '../text/lines.js';
import { startsWithMarker } from '../numbering/line-marker.js';
import type { Rule } from './rules.js';

/** The rule name removing each line whole, or null; indexed like `lines`, filled in place. */
export type WholeLineRemovals = Array<string | null>;

/** A context rule that applies to a line: its pattern, its length bound and the numbering guard. */
function applies(rule: Rule, line: Line, isNumbered: () => boolean): RegExpExecArray | null {
  if (line.match.length > rule.maxLength) return null;
  for (const p of rule.patterns) {
    const m = p.exec(line.match);
    if (m) return !rule.removesNumbered && isNumbered() ? null : m;
  }
  return null;
}

/** Numbering of each line, asked once and only of lines some context rule matches. */
function numberingOf(lines: readonly Line[]): (i: number) => boolean {
  const known = new Map<number, boolean>();
  return (i) => {
    let numbered = known.get(i);
    if (numbered === undefined) known.set(i, (numbered = startsWithMarker(lines[i]!.match)));
    return numbered;
  };
}

/**
 * Echo: a line that repeats, alone, the column a breadcrumb or site header just above it ends with
 * (`当前位置：首页 > 学校公告 > 教科室`, then `教科室`). The pattern's first group is the column.
 */
function removeEchoes(lines: readonly Line[], whole: WholeLineRemovals, rules: readonly Rule[], numbered: (i: number) => boolean): void {
  for (const rule of rules) {
    lines.forEach((line, j) => {
      if (line.match.length > rule.maxLength) return;
      const column = rule.patterns.map((p) => p.exec(line.match)?.[1]?.trim()).find((c) => c);
      if (!column) return;
      for (let k = j + 1; k <= j + rule.within && k < lines.length; k++) {
        if (whole[k] === null && lines[k]!.match === column && !numbered(k)) whole[k] = rule.name;
      }
    });
  }
}

/** The text of each line and how many times it stands on the page, counted once when first asked. */
function occurrencesOf(lines: readonly Line[]): (text: string) => number {
  let counts: Map<string, number> | null = null;
  return (text) => {
    if (!counts) {
      counts = new Map();
      for (const l of lines) counts.set(l.match, (counts.get(l.match) ?? 0) + 1);
    }
    return counts.get(text) ?? 0;
  };
}

/**
 * The line below a bare number reads as that number's title (`1` then `总则`): short, with no
 * sentence punctuation, no numbering of its own, and standing once on the page (a running head
 * below a page number stands on every page).
 */
function titleBelow(lines: readonly Line[], whole: WholeLineRemovals, i: number, numbered: (i: number) => boolean, occurrences: (text: string) => number): boolean {
  const below = lines[i + 1];
  if (!below || whole[i + 1] !== null) return false;
  return below.match.length <= 24 && !/[,。;!?]/u.test(below.match) && !numbered(i + 1) && occurrences(below.match) === 1;
}

/**
 * Series: a line whose number (the pattern's first group) runs on from the line before it in the
 * series (n-1, at least `gap` lines above) or into the one after (n+1, at least `gap` lines below):
 * the page numbers of an extraction. A lone number, numbers closer than `gap` (a table's first
 * column), and a number whose title stands below it (decimal chapters) stay.
 */
function removeSeries(lines: readonly Line[], whole: WholeLineRemovals, rules: readonly Rule[], numbered: (i: number) => boolean): void {
  const occurrences = occurrencesOf(lines);
  for (const rule of rules) {
    const found: Array<{ readonly at: number; readonly n: number }> = [];
    lines.forEach((line, i) => {
      if (whole[i] !== null) return;
      const n = Number(applies(rule, line, () => numbered(i))?.[1]);
      if (Number.isInteger(n)) found.push({ at: i, n });
    });
    found.forEach((c, t) => {
      const before = found[t - 1];
      const after = found[t + 1];
      const runsOn = (before !== undefined && before.n === c.n - 1 && c.at - before.at >= rule.gap) || (after !== undefined && after.n === c.n + 1 && after.at - c.at >= rule.gap);
      if (runsOn && !titleBelow(lines, whole, c.at, numbered, occurrences)) whole[c.at] = rule.name;
    });
  }
}

/**
 * Near rules whose lines must repeat (`repeats` > 1): judged once against the removals made so far,
 * a line is removed when it stands next to a removed line of a `near` rule and the same text does
 * so at least `repeats` times on the page (a running head at every page break).
 */
function removeRepeatedNear(lines: readonly Line[], whole: WholeLineRemovals, rules: readonly Rule[], numbered: (i: number) => boolean): void {
  for (const rule of rules) {
    const byText = new Map<string, number[]>();
    lines.forEach((line, i) => {
      if (whole[i] !== null || !besideRemoved(whole, i, rule) || !applies(rule, line, () => numbered(i))) return;
      const at = byText.get(line.match);
      if (at) at.push(i);
      else byText.set(line.match, [i]);
    });
    for (const at of byText.values()) if (at.length >= rule.repeats) for (const i of at) whole[i] = rule.name;
  }
}

function besideRemoved(whole: WholeLineRemovals, i: number, rule: Rule): boolean {
  for (let k = Math.max(0, i - rule.within); k <= i + rule.within && k < whole.length; k++) {
    const by = whole[k];
    if (k !== i && by != null && rule.near.has(by)) return true;
  }
  return false;
}

/**
 * Near rules: a line is removed when a line at most `within` lines away was removed by one of the
 * rules it names. Removals spread (a footer's address beside its ICP line, its phone beside the
 * address), each line looked at again only when a neighbour is removed: linear in the lines.
 */
function removeNear(lines: readonly Line[], whole: WholeLineRemovals, rules: readonly Rule[], numbered: (i: number) => boolean): void {
  if (rules.length === 0) return;
  const reach = Math.max(...rules.map((r) => r.within));
  const candidates = new Map<number, readonly Rule[]>(); // the near rules whose pattern a line matches, found when first asked
  const rulesFor = (k: number): readonly Rule[] => {
    let found = candidates.get(k);
    if (!found) candidates.set(k, (found = rules.filter((r) => applies(r, lines[k]!, () => numbered(k)))));
    return found;
  };
  const queue: number[] = [];
  whole.forEach((by, i) => {
    if (by !== null) queue.push(i);
  });
  while (queue.length > 0) {
    const j = queue.pop()!;
    const by = whole[j]!;
    for (let k = Math.max(0, j - reach); k <= j + reach && k < lines.length; k++) {
      if (whole[k] !== null) continue;
      const rule = rulesFor(k).find((r) => r.near.has(by) && Math.abs(k - j) <= r.within);
      if (rule) {
        whole[k] = rule.name;
        queue.push(k);
      }
    }
  }
}

/** Apply the context rules, in order: echoes, page-number series, repeated lines near removals, then near removals spreading. */
export function removeByContext(lines: readonly Line[], whole: WholeLineRemovals, rules: readonly Rule[]): void {
  const numbered = numberingOf(lines);
  removeEchoes(lines, whole, rules.filter((r) => r.scope === 'echo'), numbered);
  const contextLines = rules.filter((r) => r.scope === 'line');
  removeSeries(lines, whole, contextLines.filter((r) => r.series), numbered);
  removeRepeatedNear(lines, whole, contextLines.filter((r) => !r.series && r.near.size > 0 && r.repeats > 1), numbered);
  removeNear(lines, whole, contextLines.filter((r) => !r.series && r.near.size > 0 && r.repeats <= 1), numbered);
}

/** Whether a rule is judged by its neighbours (so not by the first, line-by-line pass). */
export const isContextRule = (rule: Rule): boolean => rule.scope === 'echo' || (rule.scope === 'line' && (rule.series || rule.near.size > 0));
