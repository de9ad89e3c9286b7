// Stage: boilerplate. Applies the rules of rules/boilerplate.yaml (and a user's own) to each line,
// removing whole lines or spans inside lines, and records every removal.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { splitLines, type Line } from '../outline/lines.js';
import { withoutRanges, type MappedText, type Range } from '../text/mapped-text.js';
import { startsWithMarker } from '../numbering/line-marker.js';
import { TEMPLATE_RULE } from './site-template.js';
import { checkRegex, describeVerdict } from '../safety/regex-safety.js';

export type RuleScope = 'line' | 'span' | 'list' | 'teaser';

/** A rule as written in a rules file. */
export interface RuleSpec {
  readonly name: string;
  readonly description?: string;
  readonly scope: RuleScope;
  readonly patterns?: readonly string[];
  readonly maxLength?: number;
  readonly numbered?: 'keep' | 'remove';
  /** (list rules) patterns each line below the announcing line must match to be removed with it */
  readonly follow?: readonly string[];
}

export interface Rule {
  readonly name: string;
  readonly description: string;
  readonly scope: RuleScope;
  readonly patterns: readonly RegExp[];
  readonly maxLength: number;
  readonly removesNumbered: boolean;
  readonly follow: readonly RegExp[];
}

/** How many lines below its announcing line a list rule removes at the most. */
const LIST_MAX_LINES = 30;

/** A removal in the coordinates of the text it was taken from. */
export interface RangeRemoval extends Range {
  readonly rule: string;
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
    if (scope !== 'line' && scope !== 'span' && scope !== 'list' && scope !== 'teaser') throw new RuleError(`${where}: scope must be line, span, list or teaser`);
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
    const follow = (spec.follow ?? []).map(compile);
    return {
      name: spec.name,
      description: spec.description ?? '',
      scope,
      patterns,
      maxLength: typeof spec.maxLength === 'number' ? spec.maxLength : Infinity,
      removesNumbered: spec.numbered === 'remove',
      follow,
    };
  });
}

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
    for (const pattern of [...(spec.patterns ?? []), ...(spec.follow ?? [])]) {
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
  /** Lines longer than this are no line or list rule's business. */
  readonly lineMaxLength: number;
  readonly lines: RegExp | null;
  readonly spans: RegExp | null;
}
const filtersOfRules = new WeakMap<readonly Rule[], RuleFilters>();
function filtersOf(rules: readonly Rule[]): RuleFilters {
  let filters = filtersOfRules.get(rules);
  if (!filters) {
    const byLine = rules.filter((r) => r.scope === 'line' || r.scope === 'list');
    filters = {
      lineMaxLength: Math.max(0, ...byLine.map((r) => r.maxLength)),
      lines: unionOf(byLine.flatMap((r) => r.patterns)),
      spans: unionOf(rules.filter((r) => r.scope === 'span').flatMap((r) => r.patterns)),
    };
    filtersOfRules.set(rules, filters);
  }
  return filters;
}

/** Find every removal the rules make in the text (sorted, non-overlapping). */
export function findBoilerplate(text: string, rules: readonly Rule[], templateLines: ReadonlySet<string> = new Set()): RangeRemoval[] {
  const lines = splitLines(text);
  const removals: RangeRemoval[] = [];
  const lineRules = rules.filter((r) => r.scope === 'line');
  const spanRules = rules.filter((r) => r.scope === 'span');
  const teaser = rules.find((r) => r.scope === 'teaser');
  const listRules = rules.filter((r) => r.scope === 'list');
  let listRule: Rule | null = null;
  let listLeft = 0;
  const filters = filtersOf(rules);
  let letters: LetterIndex | null = null;
  const letterIndexOfText = (): LetterIndex => (letters ??= letterIndex(lines));
  lines.forEach((line, i) => {
    const lineRulesMayMatch = line.match.length <= filters.lineMaxLength && (filters.lines === null || filters.lines.test(line.match));
    if (listRule && listLeft-- > 0 && line.match.length <= listRule.maxLength && listRule.follow.some((p) => p.test(line.match))) {
      removals.push({ rule: listRule.name, start: line.start, end: line.end });
      return;
    }
    listRule = !lineRulesMayMatch ? null : listRules.find((r) => line.match.length <= r.maxLength && r.patterns.some((p) => p.test(line.match))) ?? null;
    if (listRule) {
      listLeft = LIST_MAX_LINES;
      removals.push({ rule: listRule.name, start: line.start, end: line.end });
      return;
    }
    let numbered: boolean | null = null; // asked only of a line some rule or the template matches
    const isNumbered = (): boolean => (numbered ??= startsWithMarker(line.match));
    // a numbered line is plan content, even when it reads like a line of the site's template
    if (templateLines.size > 0 && templateLines.has(line.match) && !isNumbered()) {
      removals.push({ rule: TEMPLATE_RULE, start: line.start, end: line.end });
      return;
    }
    const lineRule = !lineRulesMayMatch ? undefined : lineRules.find((r) => line.match.length <= r.maxLength && r.patterns.some((p) => p.test(line.match)) && (r.removesNumbered || !isNumbered()));
    if (lineRule) {
      removals.push({ rule: lineRule.name, start: line.start, end: line.end });
      return;
    }
    if (teaser && isTeaser(lines, i, letterIndexOfText)) {
      removals.push({ rule: teaser.name, start: line.start, end: line.end });
      return;
    }
    if (filters.spans !== null && !filters.spans.test(line.match)) return;
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
    let reach = -1;
    for (const s of spans) {
      if (s.start < reach) continue;
      removals.push(s);
      reach = s.end;
    }
  });
  return removals;
}

export interface BoilerplateResult {
  readonly text: MappedText;
  /** Removals with input offsets (origin of the removed span). */
  readonly removals: ReadonlyArray<{ readonly rule: string; readonly start: number; readonly end: number; readonly text: string }>;
}

export function stripBoilerplate(input: MappedText, rules: readonly Rule[], templateLines?: ReadonlySet<string>): BoilerplateResult {
  const found = findBoilerplate(input.text, rules, templateLines);
  const removals = found.map((r) => ({
    rule: r.rule,
    start: input.origin[r.start] ?? 0,
    end: r.end > r.start ? (input.origin[r.end - 1] ?? 0) + 1 : input.origin[r.start] ?? 0,
    text: input.text.slice(r.start, r.end),
  }));
  return { text: withoutRanges(input, found), removals };
}
