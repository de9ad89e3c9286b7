// A screen over many patterns that tests a line only against the patterns whose needed literals it
// holds (needed-literals.ts). One walk along the line, with a table of the code units a literal can
// start with, finds the literals it holds; most lines of plan text hold none, and are let go without
// running any pattern. A pattern with no needed literal is tested on every line.
import { neededLiterals } from './needed-literals.js';

/** A pattern of the screen, and the longest line it applies to. */
export interface ScreenedPattern {
  readonly pattern: RegExp;
  readonly maxLength: number;
}

interface Keyed {
  readonly literal: string;
  /** The index of its pattern in the screen's list, and the pattern's maxLength. */
  readonly pattern: number;
  readonly maxLength: number;
}

/**
 * Whether any of the patterns matches a line no longer than its maxLength: the same answer as
 * testing each, with only the patterns tested whose needed literals are in the line.
 */
export function keyedScreen(patterns: readonly ScreenedPattern[]): (line: string) => boolean {
  // tested with test(): a global or sticky pattern would carry lastIndex from one line to the next
  const plain = patterns.map((p) => ({ pattern: p.pattern.global || p.pattern.sticky ? new RegExp(p.pattern.source, p.pattern.flags.replace(/[gy]/gu, '')) : p.pattern, maxLength: p.maxLength }));
  const always: number[] = [];
  /** The literals starting with each code unit (only the code units some literal starts with), longest maxLength first. */
  const byFirstUnit = new Map<number, Keyed[]>();
  /**
   * For each code unit, the longest line a pattern with a literal starting with it applies to (0: no
   * literal starts with it): a long line of plan text skips the literals of the patterns for short
   * lines (a menu's space, a page marker's 第), which are most of the literals met.
   */
  const reach = new Int32Array(0x10000);
  plain.forEach((p, index) => {
    const literals = neededLiterals(p.pattern);
    if (literals === null) {
      always.push(index);
      return;
    }
    for (const literal of literals) {
      const unit = literal.charCodeAt(0);
      // (no string is as long as the largest Int32: a pattern for lines of any length reaches every line)
      reach[unit] = Math.max(reach[unit]!, Math.min(p.maxLength, 0x7fffffff));
      let list = byFirstUnit.get(unit);
      if (!list) byFirstUnit.set(unit, (list = []));
      list.push({ literal, pattern: index, maxLength: p.maxLength });
    }
  });
  for (const list of byFirstUnit.values()) list.sort((a, b) => b.maxLength - a.maxLength);
  // each pattern tested once a line: the line's number stamped on it when it is
  const testedOn = new Float64Array(plain.length);
  let lineNumber = 0;
  const matches = (index: number, line: string): boolean => {
    const p = plain[index]!;
    return line.length <= p.maxLength && p.pattern.test(line);
  };
  return (line) => {
    for (const index of always) if (matches(index, line)) return true;
    lineNumber++;
    const length = line.length;
    for (let at = 0; at < length; at++) {
      const unit = line.charCodeAt(at);
      if (reach[unit]! < length) continue;
      for (const keyed of byFirstUnit.get(unit)!) {
        if (keyed.maxLength < length) break;
        if (testedOn[keyed.pattern] === lineNumber || !line.startsWith(keyed.literal, at)) continue;
        testedOn[keyed.pattern] = lineNumber;
        if (matches(keyed.pattern, line)) return true;
      }
    }
    return false;
  };
}
