// Regular expressions in bounded time. Every pattern plan-parse runs on text — the literals and the
// constructed patterns in src/, the shipped boilerplate rules, the patterns globs compile to — is
// checked with recheck (npm `recheck`, an automaton- and fuzz-based ReDoS checker); the structural
// check that refuses dangerous user rules at run time (src/boilerplate/regex-safety/) is tested on a
// corpus of known shapes and must agree with recheck on every shipped pattern.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import ts from 'typescript';
import { checkRegex, describeVerdict } from '../src/boilerplate/regex-safety/analysis.js';
import { MAX_BACKTRACK_STEPS_PER_CHAR, MAX_RULE_PATTERN_LENGTH } from '../src/limits.js';
import { describeGrowth, growth, nearLinear } from './fuzz/timing.mjs';
import { SLOW } from './helpers/suite.js';

const require = createRequire(import.meta.url);
const ROOT = new URL('..', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

// ---------------------------------------------------------------------------------------------
// recheck's verdicts, recorded. recheck falls back on a fuzz checker for many patterns, and that
// checker works to a time budget: the same pattern, with the same seed, can come out "2nd degree
// polynomial (fuzz)" on a busy machine and "safe (fuzz)" on a quiet one. So the verdicts are
// recorded in test/recheck-verdicts.json and read from there, which also spares a fresh check of
// every pattern (about 50 s on two cores). A pattern with no recorded verdict (a new one, or a new
// recheck) is checked afresh, kept in node_modules/.cache, and named on standard error;
//   RECHECK_RECORD=1 npx vitest run test/redos.test.ts
// checks every pattern afresh and rewrites the file with exactly the patterns checked now (read
// the changed verdicts before committing them).

interface RecheckResult {
  readonly status: 'safe' | 'vulnerable' | 'unknown';
  readonly summary: string;
  readonly degree: number | null;
  readonly exponential: boolean;
  readonly attack: string | null;
}

interface Pattern {
  readonly source: string;
  readonly flags: string;
}

const RECHECK_VERSION: string = require('recheck/package.json').version;
const RECHECK_PARAMS = { timeout: 20_000, randomSeed: 0 } as const;
const RECORDED_FILE = join(ROOT, 'test/recheck-verdicts.json');
const RECORD = process.env.RECHECK_RECORD === '1';
const CACHE_FILE = join(ROOT, 'node_modules/.cache/plan-parse/recheck.json');
const cacheKey = (source: string, flags: string): string => `${RECHECK_VERSION} ${JSON.stringify(RECHECK_PARAMS)} /${source}/${flags}`;
const patternKey = (p: Pattern): string => `/${p.source}/${p.flags}`;

function readJson<T>(file: string, otherwise: T): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return otherwise;
  }
}

/** The recorded verdicts, by pattern, when they are of this recheck with these parameters. */
function readRecorded(): Record<string, RecheckResult> {
  const recorded = readJson<{ recheck?: string; params?: unknown; verdicts?: Record<string, RecheckResult> }>(RECORDED_FILE, {});
  const same = recorded.recheck === RECHECK_VERSION && JSON.stringify(recorded.params) === JSON.stringify(RECHECK_PARAMS);
  return same ? (recorded.verdicts ?? {}) : {};
}

function writeRecorded(patterns: readonly Pattern[], verdicts: ReadonlyMap<string, RecheckResult>): void {
  const entries = [...new Set(patterns.map(patternKey))].sort().map((key) => [key, verdicts.get(key)!] as const);
  writeFileSync(RECORDED_FILE, `${JSON.stringify({ recheck: RECHECK_VERSION, params: RECHECK_PARAMS, verdicts: Object.fromEntries(entries) }, null, 1)}\n`);
}

function writeCache(entries: Record<string, RecheckResult>): void {
  mkdirSync(join(CACHE_FILE, '..'), { recursive: true });
  const merged = { ...readJson<Record<string, RecheckResult>>(CACHE_FILE, {}), ...entries };
  const temp = `${CACHE_FILE}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(merged, null, 1));
  renameSync(temp, CACHE_FILE);
}

/** recheck's verdict on every pattern, by patternKey: recorded, cached, or checked now. */
async function recheckAll(patterns: readonly Pattern[]): Promise<Map<string, RecheckResult>> {
  const { check } = require('recheck') as typeof import('recheck');
  const recorded = RECORD ? {} : readRecorded();
  const cache = RECORD ? {} : readJson<Record<string, RecheckResult>>(CACHE_FILE, {});
  const out = new Map<string, RecheckResult>();
  const todo: Pattern[] = [];
  for (const p of patterns) {
    const known = recorded[patternKey(p)] ?? cache[cacheKey(p.source, p.flags)];
    if (known) out.set(patternKey(p), known);
    else if (!todo.some((t) => patternKey(t) === patternKey(p))) todo.push(p);
  }
  const fresh: Record<string, RecheckResult> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const p = todo[next++]!;
      const d = await check(p.source, p.flags, RECHECK_PARAMS);
      const result: RecheckResult = {
        status: d.status,
        summary: d.status === 'unknown' ? `unknown (${d.error.kind})` : d.complexity.summary,
        degree: d.status === 'vulnerable' && d.complexity.type === 'polynomial' ? d.complexity.degree : null,
        exponential: d.status === 'vulnerable' && d.complexity.type === 'exponential',
        attack: d.status === 'vulnerable' ? d.attack.pattern : null,
      };
      out.set(patternKey(p), result);
      // (a timeout is kept too: with the same parameters it times out again)
      fresh[cacheKey(p.source, p.flags)] = result;
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  if (RECORD) writeRecorded(patterns, out);
  else if (todo.length > 0) {
    writeCache(fresh);
    console.warn(`recheck: ${todo.length} pattern(s) with no recorded verdict, checked now; record them with RECHECK_RECORD=1 npx vitest run test/redos.test.ts:\n${todo.map(patternKey).join('\n')}`);
  }
  return out;
}

/** Every pattern recheck judges here: the corpus of known shapes and every pattern plan-parse runs (defined below). */
let allVerdicts: Promise<Map<string, RecheckResult>> | null = null;
const verdictsOfAll = (): Promise<Map<string, RecheckResult>> =>
  (allVerdicts ??= recheckAll([...REFUSED.map(([source]) => ({ source, flags: 'u' })), ...ACCEPTED.map((source) => ({ source, flags: 'u' })), ...PATTERNS]));

// ---------------------------------------------------------------------------------------------
// The structural check on known shapes.

const REFUSED: ReadonlyArray<readonly [string, string]> = [
  ['(a+)+$', 'exponential'],
  ['(a*)*b', 'exponential'],
  ['(a|a)*b', 'exponential'],
  ['(a|aa)+$', 'exponential'],
  ['^(\\w+\\s?)+$', 'exponential'],
  ['^(\\d+)+$', 'exponential'],
  ['(x+x+)+y', 'exponential'],
  ['^(([a-z])+.)+[A-Z]([a-z])+$', 'exponential'],
  ['(\\d|\\w)+x', 'exponential'],
  ['^\\S{1,12}( ?> ?\\S{1,16}){2,}$', 'exponential'],
  ['^(?:\\uFEFF|\\s)*<', 'exponential'],
  ['^(?:<!--[\\s\\S]*?-->\\s*)*<html', 'exponential'],
  ['(?:a{1,3}){1,100}b', 'exponential'],
  ['(a)\\1', 'backreference'],
  ['(?<q>a)\\k<q>', 'backreference'],
  ['\\s*:?\\s*x', 'polynomial'],
  ['a.*b.*c', 'polynomial'],
  ['\\d+%', 'polynomial'],
  ['\\s+$', 'polynomial'],
  ['.*版权', 'polynomial'],
  ['(\\.{3,}|…+)$', 'polynomial'],
  ['(?<=^,.*),$', 'polynomial'],
  ['[(]\\s*(来源|转自)\\s*:?\\s*[^()]{1,20}[)]', 'polynomial'],
  ['^(a+){2}b', 'polynomial'],
  ['(ab|ac)*d', 'polynomial'],
  ['^(?:转载|转载)+$', 'exponential'],
];

const ACCEPTED: readonly string[] = [
  'abc',
  '小编',
  '^(网站)?首页( +\\S{1,8}){2,}$',
  '^(?!.*[:;,。、])(\\S{1,6} +){4,}\\S{1,6}$',
  '^关注.{0,20}公众号',
  '^\\d{1,3}\\s*/\\s*\\d{1,3}$',
  '^[^:：]{1,10}[:：]\\s*\\d+$',
  '^(?:[a-z]+\\.)+[a-z]+$',
  '版权所有',
  '^(上一篇|下一篇)[:：]',
  '\\d{4}-\\d{2}-\\d{2}',
  '^第\\d+页$',
  '(?<=\\p{Script=Han})\\s(?=\\p{Script=Han})',
  '(www\\.|https?://)[A-Za-z0-9.\\-/]{3,60}',
  '^(ab|ac)*d',
  '^(?:[^/]+/)*[^/]*\\.txt$',
  '[,，](?=[,，、。])',
  '^\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?$',
  '[【\\[]\\s*\\S{0,12}(网|站|文库)[^】\\]]{0,12}\\s*[】\\]]',
  '(?:\\.\\d{1,2}){1,3}',
  '^(?:网站首页|国学|语言|栏目|返回)+$',
];

describe('structural ReDoS check (src/boilerplate/regex-safety/)', () => {
  it.each(REFUSED)('refuses /%s/ (%s)', (source, risk) => {
    const verdict = checkRegex(source, 'u');
    expect(verdict.safe, describeVerdict(verdict)).toBe(false);
    if (!verdict.safe) expect(verdict.risk).toBe(risk);
  });

  it.each(ACCEPTED)('accepts /%s/', (source) => {
    const verdict = checkRegex(source, 'u');
    expect(describeVerdict(verdict)).toBe('safe');
  });

  it('accepts a polynomial pattern on input short enough for its degree, and only then', () => {
    const quadratic = '^\\s*:?\\s*x';
    expect(checkRegex(quadratic, 'u', { maxInputLength: MAX_BACKTRACK_STEPS_PER_CHAR }).safe).toBe(true);
    expect(checkRegex(quadratic, 'u', { maxInputLength: MAX_BACKTRACK_STEPS_PER_CHAR + 1 }).safe).toBe(false);
    const cubic = 'a\\s*\\s*\\s*x';
    const v = checkRegex(cubic, 'u');
    expect(v.safe === false && v.degree).toBe(3);
    expect(checkRegex(cubic, 'u', { maxInputLength: 31 }).safe).toBe(true);
    expect(checkRegex(cubic, 'u', { maxInputLength: 60 }).safe).toBe(false);
    // exponential is never accepted, however short the input
    expect(checkRegex('(a+)+$', 'u', { maxInputLength: 20 }).safe).toBe(false);
  });

  it('checks a long alternation of literal words in a loop quickly and correctly', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `网站${String.fromCharCode(0x4e00 + i * 7)}${String.fromCharCode(0x4e00 + i * 13)}`);
    expect(checkRegex(`^(?:${words.join('|')})+$`, 'u').safe).toBe(true);
    // the same word twice, or two lengths of word from one first character: ambiguous
    expect(checkRegex(`^(?:${[...words, words[700]].join('|')})+$`, 'u').safe).toBe(false);
    expect(checkRegex(`^(?:${[...words, `${words[3]}书`].join('|')})+$`, 'u').safe).toBe(false);
  });

  it('anchors and sticky searches take away the restart at every position', () => {
    expect(checkRegex('\\d+%', 'u').safe).toBe(false);
    expect(checkRegex('^\\d+%', 'u').safe).toBe(true);
    expect(checkRegex('\\d+%', 'uy').safe).toBe(true);
    // with the m flag ^ matches after every line break: no anchor
    expect(checkRegex('^\\d+%', 'mu').safe).toBe(false);
  });

  it('a lookbehind after the end anchor is tried once per input, wherever it reads back to', () => {
    expect(checkRegex('(?<=^a.*)b$', 'u').safe).toBe(false);
    expect(checkRegex('b$(?<=^a.*b)', 'u').safe).toBe(true);
    // with the m flag $ matches before every line break
    expect(checkRegex('b$(?<=^a.*b)', 'mu').safe).toBe(false);
  });

  it('says what is wrong and what to write instead', () => {
    const v = checkRegex('^(\\w+\\s?)+$', 'u');
    expect(describeVerdict(v)).toMatch(/^exponential: the repeated group \(\\w\+\\s\?\)\+ holds \\w\+/u);
    const p = checkRegex('\\d+%', 'u');
    expect(describeVerdict(p)).toContain('anchor the pattern with ^');
    expect(describeVerdict(checkRegex('(', 'u'))).toMatch(/^invalid:/u);
    expect(describeVerdict(checkRegex('a'.repeat(MAX_RULE_PATTERN_LENGTH + 1), 'u'))).toMatch(/^too-long:/u);
  });

  it('reads the syntax it meets: classes, escapes, properties, groups, flags', () => {
    for (const source of ['[\\]\\\\^-]+x', '[^]', '[]', '\\u{1F600}+', '\\uD83D\\uDE00', '\\x41\\cA\\0', '(?<name>a)(?:b)(?=c)(?!d)(?<=e)(?<!f)', '\\p{L}\\P{Script=Han}', 'a{2}b{2,}c{2,3}?']) {
      expect(['safe', 'polynomial'].includes(checkRegex(source, 'u').safe ? 'safe' : (checkRegex(source, 'u') as { risk: string }).risk), source).toBe(true);
    }
    // case-insensitive: (a|A)* overlaps under i
    expect(checkRegex('^(a|A)*b', 'u').safe).toBe(true);
    expect(checkRegex('^(a|A)*b', 'iu').safe).toBe(false);
    // dotAll: . reads line breaks
    expect(checkRegex('^(.|\\n)*x', 'u').safe).toBe(true);
    expect(checkRegex('^(.|\\n)*x', 'su').safe).toBe(false);
    // Annex B (no u flag): a lone { is a character
    expect(checkRegex('a{b', '').safe).toBe(true);
  });

  describe('agrees with recheck on the corpus', () => {
    let verdicts: Map<string, RecheckResult>;
    beforeAll(async () => {
      verdicts = await verdictsOfAll();
    }, 300_000);
    // (recheck may time out on a pattern that is vulnerable; it must never call it safe)
    it.each(REFUSED.filter(([, risk]) => risk !== 'backreference'))('recheck does not find /%s/ safe either', (source) => {
      expect(verdicts.get(patternKey({ source, flags: 'u' }))?.status).not.toBe('safe');
    });
    // recheck counts bounded repeats ({0,12}) as polynomial; the structural check knows they are bounded
    const BOUNDED_ONLY = new Set(['[【\\[]\\s*\\S{0,12}(网|站|文库)[^】\\]]{0,12}\\s*[】\\]]']);
    it.each(ACCEPTED.filter((s) => !BOUNDED_ONLY.has(s)))('recheck finds /%s/ safe too', (source) => {
      expect(verdicts.get(patternKey({ source, flags: 'u' }))?.status).toBe('safe');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Every pattern plan-parse uses.

interface Use {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
  /** The longest text the pattern is run on, when something bounds it. */
  readonly bound: number;
  readonly boundWhy: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out.sort();
}

const FILES = sourceFiles(SRC);
const rel = (path: string): string => relative(ROOT, path);

/** Regular-expression literals, and the places that construct a RegExp, from the syntax of every src file. */
function scanSources(): { literals: Array<{ where: string; source: string; flags: string }>; constructions: string[] } {
  const literals: Array<{ where: string; source: string; flags: string }> = [];
  const constructions: string[] = [];
  for (const file of FILES) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const lineOf = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        const slash = text.lastIndexOf('/');
        literals.push({ where: `${rel(file)}:${lineOf(n)}`, source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        constructions.push(`${rel(file)}:${lineOf(n)}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, constructions };
}

/**
 * The patterns the modules construct as they load, caught by standing in for the RegExp
 * constructor while every src module is imported afresh. Each is recorded with its call site.
 */
async function constructedPatterns(run: () => Promise<unknown>): Promise<Array<{ where: string; source: string; flags: string }>> {
  const Real = globalThis.RegExp;
  const seen: Array<{ where: string; source: string; flags: string }> = [];
  globalThis.RegExp = new Proxy(Real, {
    construct(target, args: unknown[], newTarget) {
      const site = (new Error().stack ?? '').split('\n').slice(2).find((l) => l.includes(`${SRC}/`));
      const m = site ? /(\/[^\s()]+\.ts):(\d+):\d+/u.exec(site) : null;
      if (m) {
        const pattern = args[0] instanceof Real ? args[0].source : String(args[0]);
        const flags = args[1] !== undefined ? String(args[1]) : args[0] instanceof Real ? args[0].flags : '';
        seen.push({ where: `${rel(m[1]!)}:${m[2]}`, source: pattern, flags });
      }
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
  try {
    await run();
  } finally {
    globalThis.RegExp = Real;
  }
  return seen;
}

/**
 * Construction sites that build patterns from data rather than at load time, and where those
 * patterns are checked instead.
 */
const DATA_SITES: Readonly<Record<string, string>> = {
  'src/boilerplate/rules.ts': 'rule patterns: every rule of rules/boilerplate.yaml is checked below',
  'src/boilerplate/strip.ts': 'the union of rule patterns, each checked below, as alternatives of one non-capturing group',
  'src/boilerplate/keyed-screen.ts': 'a rule pattern, checked below, without its g or y flag (the same pattern, tested from the start of the line)',
  'src/cli/batch/glob.ts': 'glob patterns: the patterns sample globs compile to are checked below',
  'src/boilerplate/regex-safety/analysis.ts': 'the safety check itself: it compiles the pattern it checks',
  'src/boilerplate/regex-safety/char-sets.ts': 'the safety check: one anchored \\p{…} probe per property name',
};

/**
 * Patterns recheck finds polynomial that only ever see short text, with the bound and why. (A
 * polynomial of degree d on text of length L costs at most L^(d-1) steps a character.)
 */
const BOUNDED: ReadonlyArray<{ readonly file: string; readonly match: RegExp; readonly bound: number; readonly why: string }> = [
  { file: 'src/outline/documents.ts', match: /./u, bound: 60, why: 'candidateAt() tries title forms only on lines of at most 60 characters' },
  { file: 'src/extract/html-title.ts', match: /^\\s\*\[_\|｜\]/u, bound: 1, why: 'the title has its white space collapsed to single spaces first, so \\s* reads one character at most' },
  { file: 'src/cli/values.ts', match: /\\d\+/u, bound: 40, why: 'reads the value of --max-bytes as typed on the command line' },
];

/**
 * Findings: patterns that can take super-linear time on hostile text today. Each test is marked
 * as failing, with the finding; when the pattern is fixed the test passes and the mark must go.
 */
const KNOWN: Readonly<Record<string, string>> = {
};

/**
 * Patterns recheck calls polynomial that run in linear time as plan-parse uses them, and why; each
 * is timed below on recheck's own attack string at two sizes.
 */
const LINEAR_DESPITE_RECHECK: Readonly<Record<string, string>> = {
  '[【\\[]\\s*\\S{0,12}(网|站|文库)[^】\\]]{0,12}\\s*[】\\]]': 'the repeats are bounded ({0,12}) and the two \\s* are separated by 网|站|文库: constant work at each [ or 【',
  '^[,，](?=.*[,，]$)': 'anchored with ^ (no m flag): the lookahead runs once, at the start of the line',
  '[,，]$(?<=^[,，].*[,，])': 'the lookbehind reads back to the line start, but only after [,，]$ has matched, so once per line (the structural check still refuses such a user rule)',
};


const RULES_FILE = join(ROOT, 'rules/boilerplate.yaml');

function rulePatterns(): Use[] {
  const YAML = require('yaml') as { parse(s: string): unknown };
  const specs = YAML.parse(readFileSync(RULES_FILE, 'utf8')) as { rules: Array<{ name: string; scope?: string; maxLength?: number; patterns?: string[]; follow?: string[]; close?: string[] }> };
  const uses: Use[] = [];
  for (const rule of specs.rules) {
    const scope = rule.scope ?? 'line';
    // line, list and echo rules test only lines up to maxLength; span rules run on every line, whole
    const bound = scope === 'span' ? Infinity : (rule.maxLength ?? Infinity);
    for (const source of [...(rule.patterns ?? []), ...(rule.follow ?? []), ...(rule.close ?? [])]) {
      uses.push({ where: `rules/boilerplate.yaml ${rule.name}`, source, flags: scope === 'span' ? 'gu' : 'u', bound, boundWhy: `maxLength ${rule.maxLength}` });
    }
  }
  return uses;
}

const SAMPLE_GLOBS: readonly string[] = ['*.txt', '**/*.{txt,md,html}', 'pages/2024/**/*-jihua?.htm', '[!.]*.txt', 'a/**/b/**/c.txt'];
/** A glob of many stars: compiled to a backtracking pattern, it took seconds on a 100-character name. */
const HOSTILE_GLOB = '*a*a*a*a*a*b';

const scanned = scanSources();
const constructed = await constructedPatterns(async () => {
  // afresh even where an earlier test file of this worker loaded them (the suite does not isolate files)
  vi.resetModules();
  for (const file of FILES) {
    if (file.endsWith('/cli/batch/worker.ts')) continue; // starts a worker's message loop when imported
    await import(/* @vite-ignore */ file);
  }
});
// imported only now, so that the modules it loads were loaded (and their patterns seen) above
const { parseRulesFile } = await import('../src/boilerplate/user-rules.js');
const { RuleError } = await import('../src/boilerplate/rules.js');
const globErrors: string[] = [];
const globPatterns: Array<{ where: string; source: string; flags: string; glob: string }> = [];
{
  const { compileGlobs } = await import('../src/cli/batch/glob.js');
  for (const glob of [...SAMPLE_GLOBS, HOSTILE_GLOB]) {
    const seen = await constructedPatterns(async () => {
      try {
        compileGlobs([glob]);
      } catch (e) {
        globErrors.push(`${glob}: ${(e as Error).message}`);
      }
    });
    globPatterns.push(...seen.map((p) => ({ ...p, glob })));
  }
}

function boundOf(where: string, source: string): { bound: number; why: string } {
  const file = where.replace(/:\d+$/u, '');
  const b = BOUNDED.find((x) => x.file === file && x.match.test(source));
  return b ? { bound: b.bound, why: b.why } : { bound: Infinity, why: '' };
}

const USES: Use[] = [
  ...scanned.literals.map((l) => ({ ...l, ...(({ bound, why }) => ({ bound, boundWhy: why }))(boundOf(l.where, l.source)) })),
  ...constructed.filter((c) => !Object.keys(DATA_SITES).some((f) => c.where.startsWith(f))).map((c) => ({ ...c, ...(({ bound, why }) => ({ bound, boundWhy: why }))(boundOf(c.where, c.source)) })),
  ...rulePatterns(),
  ...globPatterns.map((g) => ({ source: g.source, flags: g.flags, where: `${g.where} (glob ${g.glob})`, bound: 4096, boundWhy: 'a path is at most 4096 characters' })),
];

/** One entry per pattern and flags, with every place it is used. */
const PATTERNS = (() => {
  const byKey = new Map<string, { source: string; flags: string; uses: Use[] }>();
  for (const use of USES) {
    const key = `/${use.source}/${use.flags}`;
    const entry = byKey.get(key) ?? { source: use.source, flags: use.flags, uses: [] };
    entry.uses.push(use);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
})();

describe('every pattern plan-parse runs on text', () => {
  it('finds the patterns: every RegExp construction in src/ ran while the modules loaded, or builds from checked data', () => {
    const ran = new Set(constructed.map((c) => c.where));
    const unchecked = scanned.constructions.filter((site) => !ran.has(site) && !Object.keys(DATA_SITES).some((f) => site.startsWith(f)));
    expect(unchecked, 'a RegExp built at run time from something other than rules or globs: add its patterns to this test').toEqual([]);
    expect(scanned.literals.length).toBeGreaterThan(50);
    expect(constructed.some((c) => c.where.startsWith('src/numbering/markers.ts'))).toBe(true);
    expect(USES.some((u) => u.where.startsWith('rules/'))).toBe(true);
  });

  // (found here first: when globs compiled to a RegExp, a glob with '-' threw "Invalid escape")
  it('every sample glob compiles', () => {
    expect(globErrors).toEqual([]);
  });

  it('MARKER_PATTERNS lists the pattern of every numbering family', async () => {
    const { MARKER_PATTERNS } = await import('../src/numbering/markers.js');
    expect(MARKER_PATTERNS.length).toBeGreaterThanOrEqual(15);
    for (const p of MARKER_PATTERNS) expect(PATTERNS.some((e) => e.source === p.source && e.flags === p.flags), p.source).toBe(true);
  });

  let verdicts: Map<string, RecheckResult>;
  beforeAll(async () => {
    verdicts = await verdictsOfAll();
  }, 600_000);

  const summaries: string[] = [];
  afterAll(() => {
    if (process.env.REDOS_REPORT) console.log(summaries.sort().join('\n'));
  });

  for (const entry of PATTERNS) {
    const where = entry.uses.map((u) => u.where).join(', ');
    const known = KNOWN[entry.source];
    const linear = LINEAR_DESPITE_RECHECK[entry.source];
    const test = known ? it.fails : it;
    const name = `${where}: /${entry.source.length > 90 ? entry.source.slice(0, 90) + '…' : entry.source}/${entry.flags}${known ? ` — FINDING: ${known}` : ''}`;
    test(name, () => {
      const r = verdicts.get(patternKey(entry))!;
      const bound = Math.min(...entry.uses.map((u) => u.bound));
      const why = entry.uses.map((u) => u.boundWhy).filter(Boolean).join('; ');
      summaries.push(`${r.status.padEnd(10)} ${r.summary.padEnd(28)} ${where} /${entry.source}/${entry.flags}`);
      expect(r.status, `recheck could not decide (${r.summary})`).not.toBe('unknown');
      if (r.status === 'vulnerable' && linear) {
        // timed on recheck's attack, scaled to two sizes, in test:slow (npm test times nothing)
        if (SLOW) {
          const g = growth((n) => runOn(entry.source, entry.flags, attackString(r.attack!, n)), { start: 2000, maxN: 2_000_000 });
          expect(nearLinear(g), `${linear}; but ${describeGrowth(g)}`).toBe(true);
        } else runOn(entry.source, entry.flags, attackString(r.attack!, 20_000));
      } else if (r.status === 'vulnerable') {
        expect(r.exponential, `exponential backtracking; attack: ${r.attack}`).toBe(false);
        // polynomial: acceptable only when the text it sees is short enough for its degree
        const stepsPerChar = Math.pow(bound, (r.degree ?? 2) - 1);
        const mine = checkRegex(entry.source, entry.flags, { maxInputLength: bound });
        const ok = stepsPerChar <= MAX_BACKTRACK_STEPS_PER_CHAR || (Number.isFinite(bound) && mine.safe);
        expect(ok, `${r.summary} on text of length ${bound} (${why || 'unbounded'}); attack: ${r.attack}`).toBe(true);
      }
      // the run-time check must not refuse what recheck finds safe, nor accept what it finds unbounded-vulnerable
      const mine = checkRegex(entry.source, entry.flags, Number.isFinite(bound) ? { maxInputLength: bound } : {});
      if (r.status === 'safe') expect(describeVerdict(mine), 'the structural check refuses a pattern recheck finds safe').toBe('safe');
      if (r.status === 'vulnerable' && !Number.isFinite(bound) && !linear) expect(mine.safe, 'the structural check misses what recheck found').toBe(false);
    });
  }

  it('the lists of findings and exceptions name only patterns that are still there (drop an entry once its pattern is fixed)', () => {
    const sources = new Set(PATTERNS.map((p) => p.source));
    expect(Object.keys(KNOWN).filter((k) => !sources.has(k))).toEqual([]);
    expect(Object.keys(LINEAR_DESPITE_RECHECK).filter((k) => !sources.has(k))).toEqual([]);
  });
});

/** recheck's attack expression ('a' + 'b'.repeat(31) + 'c') with its repeats scaled to about `n` characters in all. */
function attackString(expression: string, n: number): string {
  const counts = [...expression.matchAll(/\.repeat\((\d+)\)/gu)].map((m) => Number(m[1]));
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const scaled = expression.replace(/\.repeat\((\d+)\)/gu, (_, k: string) => `.repeat(${Math.max(1, Math.round((Number(k) / total) * n))})`);
  return new Function(`return ${scaled};`)() as string;
}

/** Run a pattern on a text the way plan-parse does: every match of a global pattern, else one test. */
function runOn(source: string, flags: string, text: string): void {
  const re = new RegExp(source, flags);
  if (re.global) for (const m of text.matchAll(re)) void m;
  else re.test(text);
}

// ---------------------------------------------------------------------------------------------
// User rules: refused when dangerous, with the file, the rule and the pattern named.

describe('user rules loaded with --rules', () => {
  const rulesYaml = (patterns: string[], extra = ''): string =>
    `rules:\n  - name: harmless\n    scope: line\n    patterns: ['^关注我们$']\n  - name: my-rule\n${extra}    patterns:\n${patterns.map((p) => `      - '${p.replace(/'/gu, "''")}'`).join('\n')}\n`;

  it('accepts safe rules', () => {
    const rules = parseRulesFile(rulesYaml(['^(网站)?首页( +\\S{1,8}){2,}$', '^第\\s*\\d+\\s*页$'], '    scope: line\n'), 'site.yaml');
    expect(rules.map((r) => r.name)).toEqual(['harmless', 'my-rule']);
  });

  it.each([
    ['(a+)+$', 'exponential'],
    ['^(\\w+\\s?)+$', 'exponential'],
    ['(转|转)*载', 'exponential'],
    ['(本站)\\1', 'backreference'],
  ])('refuses %s, naming the file, the rule and the pattern', (pattern, risk) => {
    let error: unknown;
    try {
      parseRulesFile(rulesYaml([pattern], '    scope: line\n    maxLength: 60\n'), 'my-site.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleError);
    const message = (error as Error).message;
    expect(message).toContain('my-site.yaml: rule 2 (my-rule): pattern ');
    expect(message).toContain(JSON.stringify(pattern));
    expect(message).toContain(`refused as unsafe: ${risk}`);
  });

  it('a polynomial pattern is refused on unbounded lines (span rules, or no maxLength) and accepted with a short enough maxLength', () => {
    const pattern = '^\\s*:?\\s*(来源|出处)';
    expect(() => parseRulesFile(rulesYaml([pattern], '    scope: span\n'), 'a.yaml')).toThrow(/rule 2 \(my-rule\).*polynomial \(degree 2\).*maxLength of at most 1000/u);
    expect(() => parseRulesFile(rulesYaml([pattern], '    scope: line\n'), 'a.yaml')).toThrow(RuleError);
    expect(parseRulesFile(rulesYaml([pattern], '    scope: line\n    maxLength: 80\n'), 'a.yaml')).toHaveLength(2);
    // unanchored, the search restarts add a degree: cubic, so only very short lines will do
    const unanchored = '\\s*:?\\s*(来源|出处)';
    expect(() => parseRulesFile(rulesYaml([unanchored], '    scope: line\n    maxLength: 80\n'), 'a.yaml')).toThrow(/polynomial \(degree 3\).*maxLength of at most 31/u);
    expect(parseRulesFile(rulesYaml([unanchored], '    scope: line\n    maxLength: 30\n'), 'a.yaml')).toHaveLength(2);
  });

  it('checks the follow patterns of list rules', () => {
    expect(() => parseRulesFile(rulesYaml(['^相关文章'], "    scope: list\n    follow: ['^(\\d+、)*(\\d+、)+$']\n"), 'b.yaml')).toThrow(/b\.yaml: rule 2 \(my-rule\): pattern "\^\(\\\\d\+、\)\*/u);
  });

  it('the command refuses a dangerous --rules file with a usage error naming it', () => {
    const BIN = join(ROOT, 'bin/plan-parse.js');
    const dir = mkdtempSync(join(tmpdir(), 'pp-redos-'));
    const file = join(dir, 'evil.yaml');
    writeFileSync(file, rulesYaml(['(a|a)*b'], '    scope: span\n'));
    const r = spawnSync(process.execPath, [BIN, '-', '--rules', file], { input: '一、指导思想\n', encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: rule 2 (my-rule): pattern "(a|a)*b" refused as unsafe: exponential`);
    expect(existsSync(file)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
