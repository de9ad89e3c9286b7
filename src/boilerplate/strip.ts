// Stage: boilerplate. Applies the rules of rules/boilerplate.yaml (and a user's own) to each line,
// removing whole lines or spans inside lines, and records every removal. Rules that judge a line
// by itself run first, line by line; rules that weigh its neighbours (boilerplate-context.ts) after.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { splitLines, type Line } from '../outline/lines.js';
import { withoutRanges, type MappedText, type Range } from '../text/mapped-text.js';
import { startsWithMarker } from '../numbering/line-marker.js';
import { TEMPLATE_RULE } from './site-template.js';
import { checkRegex, describeVerdict } from './regex-safety.js';
import { isContextRule, removeByContext, type WholeLineRemovals } from './context-rules.js';
import { maxOf } from '../text/arrays.js';

export type RuleScope = 'line' | 'span' | 'list' | 'teaser' | 'echo';
const SCOPES: readonly RuleScope[] = ['line', 'span', 'list', 'teaser', 'echo'];

/** A rule as written in a rules file (rules/boilerplate.yaml documents every field). */
export interface RuleSpec {
  readonly name: string;
  readonly description?: string;
  readonly scope: RuleScope;
  readonly patterns?: readonly string[];
  readonly maxLength?: number;
  readonly numbered?: 'keep' | 'remove';
  /** (list rules) patterns each line below the announcing line must match to be removed with it */
  readonly follow?: readonly string[];
  /** (list rules) patterns of the line that must close the list; without one nothing is removed */
  readonly close?: readonly string[];
  /** (list rules) how many follow lines the announcing line needs to be removed (default 0) */
  readonly minFollow?: number;
  /** (line rules) names of rules one of which must have removed a line at most `within` lines away */
  readonly near?: readonly string[];
  /** (line rules with near, echo rules) how many lines away the evidence may stand (default 1; echo 2) */
  readonly within?: number;
  /** (line rules with near) how many times the same line must stand beside such a removal (default 1) */
  readonly repeats?: number;
  /** (line rules) the pattern's first group is a number that must run on from another such line */
  readonly series?: boolean;
  /** (series rules) how many lines apart two numbers of the series stand at the least (default 1) */
  readonly gap?: number;
  /** (line rules) true: the removed line takes the line breaks around it, so the text it cut reads on */
  readonly join?: boolean;
}

export interface Rule {
  readonly name: string;
  readonly description: string;
  readonly scope: RuleScope;
  readonly patterns: readonly RegExp[];
  readonly maxLength: number;
  readonly removesNumbered: boolean;
  readonly follow: readonly RegExp[];
  readonly close: readonly RegExp[];
  readonly minFollow: number;
  readonly near: ReadonlySet<string>;
  readonly within: number;
  readonly repeats: number;
  readonly series: boolean;
  readonly gap: number;
  readonly join: boolean;
}

/** How many lines below its announcing line a list rule removes at the most. */
const LIST_MAX_LINES = 30;

/** A removal in the coordinates of the text it was taken from. */
export interface RangeRemoval extends Range {
  readonly rule: string;
  /** What is taken out, when more than the recorded range: a joining line's breaks around it. */
  readonly cut?: Range;
}

export class RuleError extends Error {}

/** Check and compile rule specs (from the shipped file or a user's). */
export function compileRules(specs: unknown, origin: string): Rule[] {
  const list = (specs as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(list)) throw new RuleError(`${origin}: expected a top-level 'rules:' list`);
  return list.map((raw, i) => {
    const spec = raw as Partial<RuleSpec>;
    const where = `${origin}: rule ${i + 1}${spec?.name ? ` (${spec.name})` : ''}`;
    if (!spec || typeof spec.name !== 'string' || !spec.name) throw new RuleError(`${where}: needs a name`);
    const scope = spec.scope ?? 'line';
    if (!SCOPES.includes(scope)) throw new RuleError(`${where}: scope must be ${SCOPES.slice(0, -1).join(', ')} or ${SCOPES.at(-1)}`);
    if (scope !== 'teaser' && (!Array.isArray(spec.patterns) || spec.patterns.length === 0)) throw new RuleError(`${where}: needs patterns`);
    const compile = (p: unknown): RegExp => {
      if (typeof p !== 'string') throw new RuleError(`${where}: a pattern must be a string`);
      try {
        return new RegExp(p, scope === 'span' ? 'gu' : 'u');
      } catch (e) {
        throw new RuleError(`${where}: bad pattern ${JSON.stringify(p)}: ${(e as Error).message}`);
      }
    };
    const patterns = (spec.patterns ?? []).map(compile);
    if (scope === 'list' && (!Array.isArray(spec.follow) || spec.follow.length === 0)) throw new RuleError(`${where}: a list rule needs follow patterns`);
    const only = (field: keyof RuleSpec, allowed: boolean, what: string): void => {
      if (spec[field] !== undefined && !allowed) throw new RuleError(`${where}: ${field} is for ${what} only`);
    };
    only('close', scope === 'list', 'list rules');
    only('minFollow', scope === 'list', 'list rules');
    only('near', scope === 'line', 'line rules');
    only('repeats', scope === 'line' && spec.near !== undefined, 'line rules with near');
    only('within', scope === 'echo' || (scope === 'line' && spec.near !== undefined), 'echo rules and line rules with near');
    only('series', scope === 'line', 'line rules');
    only('gap', scope === 'line' && spec.series === true, 'series rules');
    only('join', scope === 'line', 'line rules');
    if (spec.join !== undefined && typeof spec.join !== 'boolean') throw new RuleError(`${where}: join must be true or false`);
    if (spec.close !== undefined && !Array.isArray(spec.close)) throw new RuleError(`${where}: close must be a list of patterns`);
    const near = spec.near ?? [];
    if (!Array.isArray(near) || near.some((n) => typeof n !== 'string' || !n)) throw new RuleError(`${where}: near must be a list of rule names`);
    if (spec.series !== undefined && typeof spec.series !== 'boolean') throw new RuleError(`${where}: series must be true or false`);
    if (spec.series && near.length > 0) throw new RuleError(`${where}: a rule is either a series or near other rules, not both`);
    const count = (field: 'minFollow' | 'within' | 'repeats' | 'gap', least: number, dflt: number): number => {
      const v = spec[field];
      if (v === undefined) return dflt;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < least || v > 1000) throw new RuleError(`${where}: ${field} must be a whole number from ${least} to 1000`);
      return v;
    };
    const rule: Rule = {
      name: spec.name,
      description: spec.description ?? '',
      scope,
      patterns,
      maxLength: typeof spec.maxLength === 'number' ? spec.maxLength : Infinity,
      removesNumbered: spec.numbered === 'remove',
      follow: (spec.follow ?? []).map(compile),
      close: (spec.close ?? []).map(compile),
      minFollow: count('minFollow', 0, 0),
      near: new Set(near),
      within: count('within', 1, scope === 'echo' ? 2 : 1),
      repeats: count('repeats', 1, 1),
      series: spec.series === true,
      gap: count('gap', 1, 1),
      join: spec.join === true,
    };
    if ((scope === 'echo' || rule.series) && patterns.some((p) => groupsOf(p) < 1)) {
      throw new RuleError(`${where}: each pattern of ${scope === 'echo' ? 'an echo' : 'a series'} rule needs a group, (…), holding ${scope === 'echo' ? 'the column' : 'the number'}`);
    }
    return rule;
  });
}

/** How many capturing groups a pattern has. */
const groupsOf = (p: RegExp): number => new RegExp(`${p.source}|`, p.flags.replace('g', '')).exec('')!.length - 1;

let builtIn: Rule[] | null = null;

/** The rules shipped with plan-parse. */
export function builtInRules(): Rule[] {
  if (!builtIn) {
    const json = new URL('../../data/boilerplate-rules.json', import.meta.url);
    const specs = existsSync(json)
      ? JSON.parse(readFileSync(json, 'utf8'))
      : (createRequire(import.meta.url)('yaml') as { parse(s: string): unknown }).parse(readFileSync(new URL('../../rules/boilerplate.yaml', import.meta.url), 'utf8'));
    builtIn = compileRules(specs, 'rules/boilerplate.yaml');
  }
  return builtIn;
}

/** Parse a user's rules file (YAML). */
export function parseRulesFile(yamlText: string, origin: string): Rule[] {
  const YAML = createRequire(import.meta.url)('yaml') as { parse(s: string): unknown };
  let specs: unknown;
  try {
    specs = YAML.parse(yamlText);
  } catch (e) {
    throw new RuleError(`${origin}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const rules = compileRules(specs, origin);
  refuseUnsafePatterns(specs, rules, origin);
  return rules;
}

/**
 * A user's rule whose pattern could take super-linear time on a hostile line (nested quantifiers,
 * overlapping alternatives, backreferences …) is refused, naming the file, the rule and the pattern.
 * Built-in rules are checked by the test suite instead (test/redos.test.ts), not at start-up.
 */
function refuseUnsafePatterns(specs: unknown, rules: readonly Rule[], origin: string): void {
  const list = (specs as { rules: ReadonlyArray<Partial<RuleSpec> | null> }).rules;
  rules.forEach((rule, i) => {
    const spec = list[i] ?? {};
    // line and list rules only see lines up to their maxLength; span rules see every line whole
    const maxInputLength = rule.scope === 'span' ? Infinity : rule.maxLength;
    for (const pattern of [...(spec.patterns ?? []), ...(spec.follow ?? []), ...(spec.close ?? [])]) {
      const verdict = checkRegex(pattern, rule.scope === 'span' ? 'gu' : 'u', { maxInputLength });
      if (!verdict.safe) {
        throw new RuleError(`${origin}: rule ${i + 1} (${rule.name}): pattern ${JSON.stringify(pattern)} refused as unsafe: ${describeVerdict(verdict)}`);
      }
    }
  });
}

/** Length of the ellipsis ending a line (…, ..., 。。。), 0 when it has none; a backwards scan. */
function ellipsisLength(line: string): number {
  let k = line.length;
  while (k > 0 && '.…。'.includes(line[k - 1] ?? '')) k--;
  const tail = line.slice(k);
  return tail.includes('…') || /\.{3}|。{3}/u.test(tail) ? tail.length : 0;
}
const LETTERS = /[\p{Script=Han}\p{L}\p{N}]/gu;
const lettersOf = (s: string): string => (s.match(LETTERS) ?? []).join('');

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
  readonly lines: RegExp | null;
  readonly spans: RegExp | null;
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
      lines: unionOf(byLine.flatMap((r) => r.patterns)),
      spans: unionOf(byItself.filter((r) => r.scope === 'span').flatMap((r) => r.patterns)),
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
    const lineRulesMayMatch = line.match.length <= filters.lineMaxLength && (filters.lines === null || filters.lines.test(line.match));
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
    if (filters.spans !== null && !filters.spans.test(line.match)) continue;
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
  readonly removals: ReadonlyArray<{ readonly rule: string; readonly start: number; readonly end: number; readonly text: string }>;
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
