// Boilerplate rules: the shape of a rule as a rules file writes it (rules/boilerplate.yaml documents
// every field), its check and compilation, and the rules shipped with plan-parse.
import { existsSync, readFileSync } from 'node:fs';
import { lazyModule } from '../text/lazy-module.js';

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
      : lazyModule<{ parse(s: string): unknown }>('yaml').parse(readFileSync(new URL('../../rules/boilerplate.yaml', import.meta.url), 'utf8'));
    builtIn = compileRules(specs, 'rules/boilerplate.yaml');
  }
  return builtIn;
}

/** A rules file (YAML) parsed and compiled, its patterns not checked for speed (see user-rules.ts). */
export function readRulesYaml(yamlText: string, origin: string): { readonly specs: unknown; readonly rules: Rule[] } {
  let specs: unknown;
  try {
    specs = lazyModule<{ parse(s: string): unknown }>('yaml').parse(yamlText);
  } catch (e) {
    throw new RuleError(`${origin}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return { specs, rules: compileRules(specs, origin) };
}
