import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neededLiterals } from '../src/boilerplate/needed-literals.js';
import { keyedScreen, type ScreenedPattern } from '../src/boilerplate/keyed-screen.js';
import { builtInRules } from '../src/boilerplate/rules.js';
import { splitLines } from '../src/text/lines.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/** Every line (its matching form) of every fixture input, read as UTF-8. */
function fixtureLines(): string[] {
  const lines: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.startsWith('input.')) for (const line of splitLines(readFileSync(path, 'utf8'))) lines.push(line.match);
    }
  };
  walk(FIXTURES);
  return lines;
}

const rules = builtInRules();
const screened = (scopes: readonly string[]): ScreenedPattern[] =>
  rules.filter((r) => scopes.includes(r.scope)).flatMap((r) => r.patterns.map((pattern) => ({ pattern, maxLength: r.maxLength })));
const linePatterns = screened(['line', 'list']);
const allPatterns = screened(['line', 'list', 'span', 'teaser', 'echo']);

/** What the screen stands for: each pattern tested on the line, within its maxLength. */
const testedOneByOne = (patterns: readonly ScreenedPattern[], line: string): boolean =>
  patterns.some((p) => {
    const plain = new RegExp(p.pattern.source, p.pattern.flags.replace('g', ''));
    return line.length <= p.maxLength && plain.test(line);
  });

/** Strings likely to match the shipped patterns: pieces of their own literals, numbers, spaces and plan text. */
const pieces = [...new Set(allPatterns.flatMap((p) => neededLiterals(p.pattern) ?? []))];
const lineLike = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(' ', ':', '：', '>', '|', '-', '1', '23', '2024年', '。', '，', '一、', '加强管理', '页', '共'), fc.string({ maxLength: 3 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('needed literals', () => {
  it('name what a literal, a small class, an alternation and a short repetition need', () => {
    expect(neededLiterals(/第(一|二)章/u)).toEqual(['第一章', '第二章']);
    expect(neededLiterals(/\d+页/u)).toEqual(['页']);
    expect(neededLiterals(/[，,]$/u)?.sort()).toEqual([',', '，']);
    expect(neededLiterals(/^(下面|以下)(是|为)?整理/u)?.sort()).toEqual(['下面为整理', '下面整理', '下面是整理', '以下为整理', '以下整理', '以下是整理']);
    expect(neededLiterals(/(a)\1/u)).toEqual(['a']);
    // a positive lookaround looks at the string: what it needs is in it
    expect(neededLiterals(/^(?=.*(版权所有|Copyright))\S+$/u)).toEqual(['版权所有', 'Copyright']);
  });

  it('give null where no literal is certain (optional, wide, negative lookaround, case-insensitive)', () => {
    expect(neededLiterals(/.*/u)).toBeNull();
    expect(neededLiterals(/a?/u)).toBeNull();
    expect(neededLiterals(/[0-9]+/u)).toBeNull();
    expect(neededLiterals(/^(?!.*广告)\S+$/u)).toBeNull();
    expect(neededLiterals(/abc/iu)).toBeNull();
    expect(neededLiterals(/a|.+/u)).toBeNull();
  });

  it('are in every string a shipped pattern matches (property)', () => {
    fc.assert(
      fc.property(lineLike, fc.constantFrom(...allPatterns), (line, { pattern }) => {
        const literals = neededLiterals(pattern);
        const plain = new RegExp(pattern.source, pattern.flags.replace('g', ''));
        if (literals !== null && plain.test(line)) expect(literals.some((l) => line.includes(l))).toBe(true);
      }),
      { numRuns: 6_000 },
    );
  });

  it('cover nearly every shipped line pattern (a pattern without any is tested on every line)', () => {
    const without = linePatterns.filter((p) => neededLiterals(p.pattern) === null);
    expect(without.length).toBeLessThanOrEqual(2);
  });
});

describe('the keyed screen', () => {
  const screen = keyedScreen(linePatterns);

  it('answers as the line and list patterns tested one by one, on every fixture line', () => {
    const lines = fixtureLines();
    expect(lines.length).toBeGreaterThan(1000);
    const differ = lines.filter((line) => screen(line) !== testedOneByOne(linePatterns, line));
    expect(differ).toEqual([]);
  });

  it('answers as the patterns tested one by one, on line-like strings (property)', () => {
    const spans = screened(['span']).map((p) => ({ ...p, maxLength: Infinity }));
    const spanScreen = keyedScreen(spans);
    fc.assert(
      fc.property(lineLike, (line) => {
        expect(screen(line)).toBe(testedOneByOne(linePatterns, line));
        // global patterns: no lastIndex carried from one line to the next
        expect(spanScreen(line)).toBe(testedOneByOne(spans, line));
        expect(spanScreen(line)).toBe(testedOneByOne(spans, line));
      }),
      { numRuns: 5_000 },
    );
  });

  it('tests a pattern without literals on every line, within its maxLength', () => {
    const s = keyedScreen([{ pattern: /^\S{2}$/u, maxLength: 2 }, { pattern: /页/u, maxLength: 10 }]);
    expect(s('ab')).toBe(true);
    expect(s('abc')).toBe(false);
    expect(s('第1页')).toBe(true);
    expect(s('第1页'.padEnd(11, 'x'))).toBe(false);
    expect(keyedScreen([])('anything')).toBe(false);
  });
});
