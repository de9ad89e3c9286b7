// Stage: boilerplate. Applies the rules of rules/boilerplate.yaml (and a user's own) to each line,
// removing whole lines or spans inside lines, and records every removal. Rules that judge a line
// by itself run first, line by line; rules that weigh its neighbours (boilerplate-context.ts) after.
import type { RemovedSpan } from '../text/removed-span.js';
import { splitLines, type Line } from '../text/lines.js';
import { withoutRanges, type MappedText, type Range } from '../text/mapped-text.js';
import { startsWithMarker } from '../numbering/line-marker.js';
import { TEMPLATE_RULE } from './site-template.js';
import type { Rule } from './rules.js';
import { isContextRule, removeByContext, type WholeLineRemovals } from './context-rules.js';
import { maxOf } from '../text/arrays.js';
import { keyedScreen } from './keyed-screen.js';
import { lettersOf } from '../text/letters.js';

/** How many lines below its announcing line a list rule removes at the most. */
const LIST_MAX_LINES = 30;

/** A removal in the coordinates of the text it was taken from. */
export interface RangeRemoval extends Range {
  readonly rule: string;
  /** What is taken out, when more than the recorded range: a joining line's breaks around it. */
  readonly cut?: Range;
}

/** Length of the ellipsis ending a line (…, ..., 。。。), 0 when it has none; a backwards scan. */
function ellipsisLength(line: string): number {
  let k = line.length;
  while (k > 0 && '.…。'.includes(line[k - 1] ?? '')) k--;
  const tail = line.slice(k);
  return tail.includes('…') || /\.{3}|。{3}/u.test(tail) ? tail.length : 0;
}

/** The letters of all lines, joined, and where each line's letters start: made once per text, when a teaser is first suspected. */
interface LetterIndex {
  readonly letters: string;
  readonly startOfLine: Int32Array;
}
function letterIndex(lines: readonly Line[]): LetterIndex {
  const parts: string[] = [];
  const startOfLine = new Int32Array(lines.length + 1);
  let at = 0;
  lines.forEach((line, k) => {
    startOfLine[k] = at;
    const letters = lettersOf(line.match);
    parts.push(letters);
    at += letters.length;
  });
  startOfLine[lines.length] = at;
  return { letters: parts.join(''), startOfLine };
}

/** A teaser repeats the start of the text that follows it and ends in an ellipsis. */
function isTeaser(lines: readonly Line[], i: number, index: () => LetterIndex): boolean {
  const line = lines[i];
  const tail = line ? ellipsisLength(line.match) : 0;
  if (!line || tail === 0) return false;
  const head = lettersOf(line.match.slice(0, line.match.length - tail));
  if (head.length < 12) return false;
  const probe = head.slice(0, Math.min(30, head.length));
  const { letters, startOfLine } = index();
  // the letters of the lines below, up to about 4,000 (the line that passes 4,000 included)
  const from = startOfLine[i + 1]!;
  let to = from;
  for (let k = i + 2; k <= lines.length && to - from < 4000; k++) to = startOfLine[k]!;
  return letters.slice(from, to).includes(probe);
}

/**
 * One pattern that matches a line wherever any of `patterns` does: their alternation. A line it
 * misses needs no look at them one by one, and most lines are plan text that no rule touches.
 * Null when a pattern cannot be combined (a backreference or a named group would change meaning).
 */
function unionOf(patterns: readonly RegExp[]): RegExp | null {
  if (patterns.length === 0) return /(?!)/u;
  if (patterns.some((p) => /\\[1-9k]|\(\?<[^=!]/u.test(p.source))) return null;
  try {
    return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), 'u');
  } catch {
    return null;
  }
}

interface RuleFilters {
  /** The rules that judge a line by itself (the others weigh its neighbours, after). */
  readonly byItself: readonly Rule[];
  readonly byContext: readonly Rule[];
  /** Lines longer than this are no line or list rule's business. */
  readonly lineMaxLength: number;
  /** Whether any line or list rule may match a line (false only when none can): a pattern of one matches it. */
  readonly lines: (line: string) => boolean;
  /** Whether any span rule may match a line (false only when none can). */
  readonly spans: (line: string) => boolean;
}

/**
 * Lines of a rule list let through unscreened before its screens are built. The line screen (the
 * needed literals of every line and list pattern, keyed-screen.ts) takes about 25 ms to work out,
 * the span rules' alternation a few ms to compile, the rules' own patterns (compiled anyway, on a
 * line a screen lets through) about 3 ms: a small page's few hundred lines take the rules one by
 * one in less than the difference. A long page, or a batch, passes this many lines in its first pages.
 */
const LINES_BEFORE_SCREEN = 2000;

/**
 * A screen built by `build` once it has been asked about LINES_BEFORE_SCREEN lines; until then, and
 * when `build` gives none, it lets every line through (the rules then judge each line themselves).
 */
function screenOnceWorthIt(build: () => ((line: string) => boolean) | null): (line: string) => boolean {
  let asked = 0;
  let screen: ((line: string) => boolean) | null | undefined;
  return (line) => {
    if (screen === undefined) {
      if (++asked <= LINES_BEFORE_SCREEN) return true;
      screen = build();
    }
    return screen === null || screen(line);
  };
}

/** A screen testing the alternation of the patterns, or null when they cannot be combined. */
function unionScreen(patterns: readonly RegExp[]): ((line: string) => boolean) | null {
  const union = unionOf(patterns);
  return union === null ? null : (line) => union.test(line);
}

const filtersOfRules = new WeakMap<readonly Rule[], RuleFilters>();
function filtersOf(rules: readonly Rule[]): RuleFilters {
  let filters = filtersOfRules.get(rules);
  if (!filters) {
    const byItself = rules.filter((r) => !isContextRule(r));
    const byLine = byItself.filter((r) => r.scope === 'line' || r.scope === 'list');
    filters = {
      byItself,
      byContext: rules.filter(isContextRule),
      lineMaxLength: maxOf(byLine.map((r) => r.maxLength), 0),
      lines: screenOnceWorthIt(() => keyedScreen(byLine.flatMap((r) => r.patterns.map((pattern) => ({ pattern, maxLength: r.maxLength }))))),
      spans: screenOnceWorthIt(() => unionScreen(byItself.filter((r) => r.scope === 'span').flatMap((r) => r.patterns))),
    };
    filtersOfRules.set(rules, filters);
  }
  return filters;
}

/**
 * The last line a list rule announced at line i removes, or -1 when it removes nothing: the lines
 * below that match its follow patterns (up to LIST_MAX_LINES), at least minFollow of them, and,
 * for a rule with close patterns, the closing line right after them.
 */
function listEnd(lines: readonly Line[], i: number, rule: Rule): number {
  const fits = (k: number): boolean => k < lines.length && lines[k]!.match.length <= rule.maxLength;
  const closes = (k: number): boolean => rule.close.length > 0 && fits(k) && rule.close.some((p) => p.test(lines[k]!.match));
  let k = i + 1;
  while (k - i - 1 < LIST_MAX_LINES && fits(k) && !closes(k) && rule.follow.some((p) => p.test(lines[k]!.match))) k++;
  const followers = k - i - 1;
  if (followers < rule.minFollow) return -1;
  if (rule.close.length === 0) return k - 1;
  return closes(k) ? k : -1;
}

/** The spans the span rules find in a line, longest first where two start together, none overlapping. */
function spansIn(line: Line, spanRules: readonly Rule[]): RangeRemoval[] {
  const spans: RangeRemoval[] = [];
  for (const rule of spanRules) {
    for (const p of rule.patterns) {
      p.lastIndex = 0;
      for (const m of line.match.matchAll(p)) {
        if (m[0].length === 0) continue;
        const start = line.start + (m.index ?? 0);
        spans.push({ rule: rule.name, start, end: start + m[0].length });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RangeRemoval[] = [];
  let reach = -1;
  for (const s of spans) {
    if (s.start < reach) continue;
    kept.push(s);
    reach = s.end;
  }
  return kept;
}

/** Find every removal the rules make in the text (sorted, non-overlapping). */
export function findBoilerplate(text: string, rules: readonly Rule[], templateLines: ReadonlySet<string> = new Set()): RangeRemoval[] {
  const lines = splitLines(text);
  const filters = filtersOf(rules);
  const lineRules = filters.byItself.filter((r) => r.scope === 'line');
  const spanRules = filters.byItself.filter((r) => r.scope === 'span');
  const listRules = filters.byItself.filter((r) => r.scope === 'list');
  const teaser = filters.byItself.find((r) => r.scope === 'teaser');
  const whole: WholeLineRemovals = new Array<string | null>(lines.length).fill(null);
  const spans = new Map<number, RangeRemoval[]>();
  let letters: LetterIndex | null = null;
  const letterIndexOfText = (): LetterIndex => (letters ??= letterIndex(lines));
  for (let i = 0; i < lines.length; i++) {
    if (whole[i] !== null) continue; // a line of a list announced above
    const line = lines[i]!;
    const lineRulesMayMatch = line.match.length <= filters.lineMaxLength && filters.lines(line.match);
    if (lineRulesMayMatch) {
      const announced = listRules.filter((r) => line.match.length <= r.maxLength && r.patterns.some((p) => p.test(line.match)));
      const list = announced.map((rule) => ({ rule, last: listEnd(lines, i, rule) })).find((l) => l.last >= i);
      if (list) {
        for (let k = i; k <= list.last; k++) whole[k] = list.rule.name;
        continue;
      }
    }
    let numbered: boolean | null = null; // asked only of a line some rule or the template matches
    const isNumbered = (): boolean => (numbered ??= startsWithMarker(line.match));
    // a numbered line is plan content, even when it reads like a line of the site's template
    if (templateLines.size > 0 && templateLines.has(line.match) && !isNumbered()) {
      whole[i] = TEMPLATE_RULE;
      continue;
    }
    const lineRule = !lineRulesMayMatch ? undefined : lineRules.find((r) => line.match.length <= r.maxLength && r.patterns.some((p) => p.test(line.match)) && (r.removesNumbered || !isNumbered()));
    if (lineRule) {
      whole[i] = lineRule.name;
      continue;
    }
    if (teaser && isTeaser(lines, i, letterIndexOfText)) {
      whole[i] = teaser.name;
      continue;
    }
    if (!filters.spans(line.match)) continue;
    const found = spansIn(line, spanRules);
    if (found.length > 0) spans.set(i, found);
  }
  if (filters.byContext.length > 0) removeByContext(lines, whole, filters.byContext);
  const joins = new Set(rules.filter((r) => r.join).map((r) => r.name));
  const removals: RangeRemoval[] = [];
  lines.forEach((line, i) => {
    const rule = whole[i];
    if (rule == null) for (const span of spans.get(i) ?? []) removals.push(span); // (a spread would overflow the stack on a line of 100,000 spans)
    else if (!joins.has(rule)) removals.push({ rule, start: line.start, end: line.end });
    else removals.push({ rule, start: line.start, end: line.end, cut: joiningCut(text, lines, i, (k) => joins.has(whole[k] ?? '')) });
  });
  return removals;
}

/**
 * What a joining line takes out: the line, the breaks and blank lines between it and the line of
 * text above, and, when the line below is not joining too, the blank lines down to that line's
 * own break. A sentence cut by a page marker (`…防汛物资，` / `- 2 -` / `落实专人管理。`) is then
 * two adjacent lines again, which the outline reads as one broken line.
 */
function joiningCut(text: string, lines: readonly Line[], i: number, joining: (k: number) => boolean): Range {
  const line = lines[i]!;
  const above = lines[i - 1];
  const below = lines[i + 1];
  const start = above ? above.end : line.start;
  const end = below && !joining(i + 1) ? Math.max(line.end, text.lastIndexOf('\n', below.start - 1)) : line.end;
  return { start, end };
}

export interface BoilerplateResult {
  readonly text: MappedText;
  /** Removals with input offsets (origin of the removed span). */
  readonly removals: readonly RemovedSpan[];
}

export function stripBoilerplate(input: MappedText, rules: readonly Rule[], templateLines?: ReadonlySet<string>): BoilerplateResult {
  const found = findBoilerplate(input.text, rules, templateLines);
  const cuts = found.map((r) => r.cut ?? r);
  const removals = found.map((r) => ({
    rule: r.rule,
    start: input.origin[r.start] ?? 0,
    end: r.end > r.start ? (input.origin[r.end - 1] ?? 0) + 1 : input.origin[r.start] ?? 0,
    text: input.text.slice(r.start, r.end),
  }));
  return { text: withoutRanges(input, cuts), removals };
}
