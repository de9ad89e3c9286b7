// A structural ReDoS check for JavaScript regular expressions, fast enough to run on every user rule
// when it is loaded (a few milliseconds a pattern; no worker, no native helper). It parses the
// pattern into a small syntax tree with a character set for every atom and looks for the shapes
// that make a backtracking matcher slow:
//
//   exponential  a repeated group whose body can match one string in several ways: nested
//                quantifiers that nothing separates ((a+)+, (\w+\s?)+, ( ?> ?\S{1,16}){2,}), or
//                overlapping alternatives ((a|a)*, (\d|\w)+, (a|aa)+)
//   polynomial   two unbounded quantifiers that can read the same text with nothing between them
//                that only one of them can read (\s*:?\s*x, .*b.*c), or — for a search that may start
//                anywhere — an unbounded quantifier followed by something that can fail (\d+%,
//                .*版权), or an unbounded quantifier inside a lookbehind
//   backreference  \1, \k<name>: backtracking with backreferences has no useful bound
//
// The check is conservative: it may refuse a pattern that is in fact safe (it says why and what to
// write instead); it is calibrated against recheck (npm `recheck`, an automaton-based checker run
// in the test suite) on every pattern plan-parse ships.
import { LARGE_REPEAT, MAX_BACKTRACK_STEPS_PER_CHAR, MAX_RULE_PATTERN_LENGTH } from '../limits.js';
import { appendAll } from '../text/arrays.js';

export type RegexRisk = 'exponential' | 'polynomial' | 'backreference' | 'invalid' | 'too-long' | 'unsupported';

export type RegexVerdict =
  | { readonly safe: true; readonly degree: number }
  | {
      readonly safe: false;
      readonly risk: RegexRisk;
      /** What is wrong, in words, and what to write instead. */
      readonly reason: string;
      /** The part of the pattern concerned. */
      readonly fragment: string;
      /** For polynomial risks: the degree of the polynomial (2: quadratic). */
      readonly degree?: number;
    };

export interface RegexSafetyOptions {
  /**
   * The longest input (UTF-16 code units) the pattern is ever run on; Infinity (the default) when
   * unbounded. A polynomial pattern is accepted when L^(degree-1) ≤ MAX_BACKTRACK_STEPS_PER_CHAR.
   */
  readonly maxInputLength?: number;
}

// ---------------------------------------------------------------------------------------------
// Character sets: sorted, disjoint, non-adjacent inclusive ranges of code points.

type Ranges = ReadonlyArray<readonly [number, number]>;

const MAX_CP = 0x10ffff;

function normalize(ranges: Array<[number, number]>): Ranges {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of ranges) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

const union = (a: Ranges, b: Ranges): Ranges => normalize([...a, ...b].map(([lo, hi]) => [lo, hi] as [number, number]));

function complement(a: Ranges): Ranges {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of a) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

function intersect(a: Ranges, b: Ranges): Ranges {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

function overlaps(a: Ranges, b: Ranges): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    if (Math.max(alo, blo) <= Math.min(ahi, bhi)) return true;
    if (ahi < bhi) i++;
    else j++;
  }
  return false;
}

/** A property of nodes, computed once per node. */
function memo<T>(compute: (n: Node) => T): (n: Node) => T {
  const cache = new WeakMap<Node, T>();
  return (n) => {
    if (cache.has(n)) return cache.get(n)!;
    const value = compute(n);
    cache.set(n, value);
    return value;
  };
}

const single = (cp: number): Ranges => [[cp, cp]];
const ALL: Ranges = [[0, MAX_CP]];
const EMPTY: Ranges = [];
const LINE_TERMINATORS: Ranges = normalize([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]);
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = normalize([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]);
const SPACE: Ranges = normalize([
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);

const propertyCache = new Map<string, Ranges>();

/** The code points of a Unicode property escape, by asking the engine about each one (cached). */
function propertyRanges(name: string): Ranges | null {
  const cached = propertyCache.get(name);
  if (cached) return cached;
  let re: RegExp;
  try {
    re = new RegExp(`^\\p{${name}}$`, 'u');
  } catch {
    return null;
  }
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let cp = 0; cp <= MAX_CP + 1; cp++) {
    const inside = cp <= MAX_CP && re.test(String.fromCodePoint(cp));
    if (inside && start < 0) start = cp;
    else if (!inside && start >= 0) {
      out.push([start, cp - 1]);
      start = -1;
    }
  }
  propertyCache.set(name, out);
  return out;
}

/** ASCII letters in both cases (the `i` flag; other scripts' case pairs are left out). */
function caseFold(a: Ranges): Ranges {
  const extra: Array<[number, number]> = [];
  for (const [lo, hi] of a) {
    for (const [from, to, delta] of [[0x41, 0x5a, 0x20], [0x61, 0x7a, -0x20]] as const) {
      const l = Math.max(lo, from);
      const h = Math.min(hi, to);
      if (l <= h) extra.push([l + delta, h + delta]);
    }
  }
  return extra.length ? union(a, extra) : a;
}

// ---------------------------------------------------------------------------------------------
// Syntax tree.

interface Base {
  /** Offsets of the node in the pattern source. */
  start: number;
  end: number;
  parent: Node | null;
}
interface SetNode extends Base { readonly k: 'set'; readonly set: Ranges }
interface SeqNode extends Base { readonly k: 'seq'; readonly items: Node[] }
interface AltNode extends Base { readonly k: 'alt'; readonly alts: Node[] }
interface GroupNode extends Base { readonly k: 'group'; readonly body: Node }
interface LookNode extends Base { readonly k: 'look'; readonly body: Node; readonly behind: boolean }
interface RepNode extends Base { readonly k: 'rep'; readonly body: Node; readonly min: number; readonly max: number }
interface AssertNode extends Base { readonly k: 'assert'; readonly kind: '^' | '$' | 'b' }
interface BackrefNode extends Base { readonly k: 'backref' }
type Node = SetNode | SeqNode | AltNode | GroupNode | LookNode | RepNode | AssertNode | BackrefNode;

class Unsupported extends Error {}

interface Flags {
  readonly unicode: boolean;
  readonly ignoreCase: boolean;
  readonly dotAll: boolean;
}

/** A recursive-descent parser for the pattern syntax (u mode, and the lenient Annex B forms). */
class Parser {
  private at = 0;
  constructor(private readonly src: string, private readonly flags: Flags) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.src.length) throw new Unsupported(`unexpected ${this.src[this.at]} at ${this.at}`);
    return node;
  }

  private peek(k = 0): string {
    return this.src[this.at + k] ?? '';
  }

  private alternation(): Node {
    const start = this.at;
    const alts = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { k: 'alt', alts, start, end: this.at, parent: null };
  }

  private sequence(): Node {
    const start = this.at;
    const items: Node[] = [];
    while (this.at < this.src.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.term());
    return { k: 'seq', items, start, end: this.at, parent: null };
  }

  private term(): Node {
    const start = this.at;
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (this.peek() === '?') this.at++; // lazy: the same backtracking, in another order
    return { k: 'rep', body: atom, min: q.min, max: q.max, start, end: this.at, parent: null };
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.peek();
    if (c === '*') return this.at++, { min: 0, max: Infinity };
    if (c === '+') return this.at++, { min: 1, max: Infinity };
    if (c === '?') return this.at++, { min: 0, max: 1 };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/u.exec(this.src.slice(this.at, this.at + 24));
      if (!m) {
        if (this.flags.unicode) throw new Unsupported('a lone {');
        return null; // Annex B: a literal {
      }
      this.at += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      return { min, max };
    }
    return null;
  }

  private atom(): Node {
    const start = this.at;
    const c = this.peek();
    const leaf = <T extends Node>(n: Omit<T, 'start' | 'end' | 'parent'>): T => ({ ...n, start, end: this.at, parent: null }) as T;
    if (c === '^' || c === '$') {
      this.at++;
      return leaf<AssertNode>({ k: 'assert', kind: c });
    }
    if (c === '.') {
      this.at++;
      return leaf<SetNode>({ k: 'set', set: this.flags.dotAll ? ALL : complement(LINE_TERMINATORS) });
    }
    if (c === '(') return this.group();
    if (c === '[') return leaf<SetNode>({ k: 'set', set: this.foldCase(this.characterClass()) });
    if (c === '\\') {
      const e = this.escape(false);
      if (e.kind === 'assert') return leaf<AssertNode>({ k: 'assert', kind: 'b' });
      if (e.kind === 'backref') return leaf<BackrefNode>({ k: 'backref' });
      return leaf<SetNode>({ k: 'set', set: this.foldCase(e.set) });
    }
    if (c === '*' || c === '+' || c === '?') throw new Unsupported(`nothing to repeat at ${this.at}`);
    const cp = this.codePoint();
    return leaf<SetNode>({ k: 'set', set: this.foldCase(single(cp)) });
  }

  private foldCase(set: Ranges): Ranges {
    return this.flags.ignoreCase ? caseFold(set) : set;
  }

  /** One code point of the source (a surrogate pair is one in u mode). */
  private codePoint(): number {
    const cp = this.flags.unicode ? this.src.codePointAt(this.at)! : this.src.charCodeAt(this.at);
    this.at += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private group(): Node {
    const start = this.at;
    this.at++; // (
    let look: { behind: boolean } | null = null;
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') this.at += 2;
      else if (next === '=' || next === '!') {
        this.at += 2;
        look = { behind: false };
      } else if (next === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        this.at += 3;
        look = { behind: true };
      } else if (next === '<') {
        const close = this.src.indexOf('>', this.at);
        if (close < 0) throw new Unsupported('an unterminated group name');
        this.at = close + 1;
      } else {
        // (?i:…) and other modifiers: a plain group for this check
        const colon = this.src.indexOf(':', this.at);
        if (colon < 0 || !/^[a-z-]*$/u.test(this.src.slice(this.at + 1, colon))) throw new Unsupported(`unknown group (?${next}`);
        this.at = colon + 1;
      }
    }
    const body = this.alternation();
    if (this.peek() !== ')') throw new Unsupported('an unterminated group');
    this.at++;
    if (look) return { k: 'look', body, behind: look.behind, start, end: this.at, parent: null };
    return { k: 'group', body, start, end: this.at, parent: null };
  }

  private characterClass(): Ranges {
    this.at++; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.at++;
    }
    let set: Ranges = EMPTY;
    while (this.at < this.src.length && this.peek() !== ']') {
      const from = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '' && from.cp !== null) {
        this.at++;
        const to = this.classAtom();
        if (to.cp === null) {
          // Annex B: [\d-x] is \d, '-' and x
          set = union(union(set, from.set), union(single(0x2d), to.set));
        } else set = union(set, [[Math.min(from.cp, to.cp), Math.max(from.cp, to.cp)]]);
      } else set = union(set, from.set);
    }
    if (this.peek() !== ']') throw new Unsupported('an unterminated character class');
    this.at++;
    return negated ? complement(set) : set;
  }

  /** One member of a class: a code point (which can start a range) or a class escape. */
  private classAtom(): { cp: number | null; set: Ranges } {
    if (this.peek() === '\\') {
      const e = this.escape(true);
      if (e.kind === 'char') return { cp: e.cp, set: e.set };
      if (e.kind === 'set') return { cp: null, set: e.set };
      return { cp: null, set: EMPTY };
    }
    const cp = this.codePoint();
    return { cp, set: single(cp) };
  }

  private escape(inClass: boolean): { kind: 'char'; cp: number; set: Ranges } | { kind: 'set'; set: Ranges } | { kind: 'assert' } | { kind: 'backref' } {
    this.at++; // backslash
    const c = this.peek();
    const char = (cp: number): { kind: 'char'; cp: number; set: Ranges } => ({ kind: 'char', cp, set: single(cp) });
    const set = (s: Ranges): { kind: 'set'; set: Ranges } => ({ kind: 'set', set: s });
    this.at++;
    switch (c) {
      case 'd': return set(DIGIT);
      case 'D': return set(complement(DIGIT));
      case 'w': return set(WORD);
      case 'W': return set(complement(WORD));
      case 's': return set(SPACE);
      case 'S': return set(complement(SPACE));
      case 'b': return inClass ? char(0x08) : { kind: 'assert' };
      case 'B': return { kind: 'assert' };
      case 'n': return char(0x0a);
      case 'r': return char(0x0d);
      case 't': return char(0x09);
      case 'v': return char(0x0b);
      case 'f': return char(0x0c);
      case 'p':
      case 'P': {
        if (this.peek() !== '{' || !this.flags.unicode) return char(c.codePointAt(0)!);
        const close = this.src.indexOf('}', this.at);
        if (close < 0) throw new Unsupported('an unterminated \\p{');
        const name = this.src.slice(this.at + 1, close);
        this.at = close + 1;
        const ranges = propertyRanges(name);
        if (!ranges) throw new Unsupported(`unknown property \\p{${name}}`);
        return set(c === 'P' ? complement(ranges) : ranges);
      }
      case 'c': {
        const letter = this.peek();
        if (/^[A-Za-z]$/u.test(letter)) {
          this.at++;
          return char(letter.charCodeAt(0) % 32);
        }
        return char(0x5c);
      }
      case 'x': {
        const hex = /^[0-9A-Fa-f]{2}/u.exec(this.src.slice(this.at, this.at + 2));
        if (!hex) return char(0x78);
        this.at += 2;
        return char(parseInt(hex[0], 16));
      }
      case 'u': {
        const braced = this.flags.unicode ? /^\{([0-9A-Fa-f]{1,6})\}/u.exec(this.src.slice(this.at, this.at + 8)) : null;
        if (braced) {
          this.at += braced[0].length;
          return char(parseInt(braced[1]!, 16));
        }
        const hex = /^[0-9A-Fa-f]{4}/u.exec(this.src.slice(this.at, this.at + 4));
        if (!hex) return char(0x75);
        this.at += 4;
        let cp = parseInt(hex[0], 16);
        const low = /^\\u([dD][c-fC-F][0-9A-Fa-f]{2})/u.exec(this.src.slice(this.at, this.at + 6));
        if (this.flags.unicode && cp >= 0xd800 && cp <= 0xdbff && low) {
          this.at += 6;
          cp = 0x10000 + ((cp - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00);
        }
        return char(cp);
      }
      case 'k': {
        if (this.peek() === '<') {
          const close = this.src.indexOf('>', this.at);
          if (close > 0) {
            this.at = close + 1;
            return { kind: 'backref' };
          }
        }
        return char(0x6b);
      }
      case '0':
        if (!/^[0-9]/u.test(this.peek())) return char(0);
        break;
      case '':
        throw new Unsupported('a trailing backslash');
      default:
        break;
    }
    if (/^[1-9]$/u.test(c)) {
      if (inClass) return char(c.charCodeAt(0) - 0x30); // Annex B octal in a class
      while (/^[0-9]$/u.test(this.peek())) this.at++;
      return { kind: 'backref' };
    }
    // an identity escape: \. \( \/ \- …
    this.at--;
    return char(this.codePoint());
  }
}

function setParents(node: Node, parent: Node | null): void {
  node.parent = parent;
  for (const child of childrenOf(node)) setParents(child, node);
}

function childrenOf(node: Node): readonly Node[] {
  switch (node.k) {
    case 'seq': return node.items;
    case 'alt': return node.alts;
    case 'group':
    case 'look':
    case 'rep': return [node.body];
    default: return [];
  }
}

function* descendants(node: Node, intoLookarounds = true): Generator<Node> {
  yield node;
  if (node.k === 'look' && !intoLookarounds) return;
  for (const child of childrenOf(node)) yield* descendants(child, intoLookarounds);
}

/** Nodes below `node` that consume input as part of it (lookaround contents left out). */
const consumingDescendants = (node: Node): Generator<Node> => descendants(node, false);

// ---------------------------------------------------------------------------------------------
// Properties of nodes.

const nullable = memo((n: Node): boolean => {
  switch (n.k) {
    case 'set': return false;
    case 'seq': return n.items.every(nullable);
    case 'alt': return n.alts.some(nullable);
    case 'group': return nullable(n.body);
    case 'rep': return n.min === 0 || nullable(n.body);
    default: return true;
  }
});

/** Matches the empty string whatever the text around it: no character, assertion or backreference needed. */
function alwaysEmpty(n: Node): boolean {
  switch (n.k) {
    case 'seq': return n.items.every(alwaysEmpty);
    case 'alt': return n.alts.some(alwaysEmpty);
    case 'group': return alwaysEmpty(n.body);
    case 'rep': return n.min === 0 || alwaysEmpty(n.body);
    default: return false;
  }
}

/** Every character the node can consume. */
const charsOf = memo((n: Node): Ranges => {
  const parts: Array<[number, number]> = [];
  for (const d of consumingDescendants(n)) {
    if (d.k === 'set') for (const [lo, hi] of d.set) parts.push([lo, hi]);
    else if (d.k === 'backref') return ALL;
  }
  return normalize(parts);
});

/** The characters a non-empty match of the node can start with. */
const firstOf = memo((n: Node): Ranges => {
  switch (n.k) {
    case 'set': return n.set;
    case 'seq': {
      let out: Ranges = EMPTY;
      for (const item of n.items) {
        out = union(out, firstOf(item));
        if (!nullable(item)) break;
      }
      return out;
    }
    case 'alt': return normalize(n.alts.flatMap((a) => firstOf(a).map(([lo, hi]) => [lo, hi] as [number, number])));
    case 'group':
    case 'rep': return firstOf(n.body);
    case 'backref': return ALL;
    default: return EMPTY;
  }
});

/** The node as a fixed sequence of character sets, when it is one (no choice, no variable repeat). */
const fixedSets = memo((n: Node): Ranges[] | null => {
  switch (n.k) {
    case 'set': return [n.set];
    case 'assert': return [];
    case 'seq': {
      const out: Ranges[] = [];
      for (const item of n.items) {
        const sets = fixedSets(item);
        if (!sets) return null;
        appendAll(out, sets);
      }
      return out;
    }
    case 'group': return fixedSets(n.body);
    case 'rep': {
      if (n.min !== n.max || n.min > 16) return null;
      const sets = fixedSets(n.body);
      if (!sets) return null;
      return Array.from({ length: n.min }, () => sets).flat();
    }
    default: return null;
  }
});

/** Two alternatives that can match the same text: they overlap at the start and are not told apart later. */
function ambiguousPair(a: Node, b: Node): boolean {
  if (nullable(a) && nullable(b)) return true;
  if (!overlaps(firstOf(a), firstOf(b))) return false;
  const fa = fixedSets(a);
  const fb = fixedSets(b);
  if (fa && fb && fa.length === fb.length && fa.some((s, i) => !overlaps(s, fb[i]!))) return false;
  return true;
}

/** The node as a literal string, when it is a fixed sequence of single characters. */
function literalOf(n: Node): string | null {
  const sets = fixedSets(n);
  if (!sets || sets.length === 0) return null;
  let out = '';
  for (const set of sets) {
    if (set.length !== 1 || set[0]![0] !== set[0]![1]) return null;
    out += String.fromCodePoint(set[0]![0]);
  }
  return out;
}

/**
 * Two alternatives that can match the same text, or null. Literal words (most alternations in
 * rules) are compared by a map in one pass, so a list of a thousand site names costs little.
 */
function ambiguousAlternatives(alts: readonly Node[]): [Node, Node] | null {
  const literal: Array<[Node, string]> = [];
  const other: Node[] = [];
  for (const a of alts) {
    const word = literalOf(a);
    if (word === null) other.push(a);
    else literal.push([a, word]);
  }
  // literals: the same word twice, or words of two lengths starting with one character
  const words = new Map<string, Node>();
  const byStart = new Map<number, { length: number; node: Node }>();
  for (const [node, word] of literal) {
    const twin = words.get(word);
    if (twin) return [twin, node];
    words.set(word, node);
    const start = word.codePointAt(0)!;
    const length = [...word].length;
    const seen = byStart.get(start);
    if (seen && seen.length !== length) return [seen.node, node];
    if (!seen) byStart.set(start, { length, node });
  }
  for (let i = 0; i < other.length; i++) {
    for (let j = i + 1; j < other.length; j++) if (ambiguousPair(other[i]!, other[j]!)) return [other[i]!, other[j]!];
    for (const [node] of literal) if (ambiguousPair(other[i]!, node)) return [other[i]!, node];
  }
  return null;
}

const isUnbounded = (n: RepNode): boolean => n.max === Infinity || n.max > LARGE_REPEAT;

function contains(outer: Node, inner: Node): boolean {
  for (let p: Node | null = inner; p; p = p.parent) if (p === outer) return true;
  return false;
}

/**
 * A lookbehind placed after the end anchor of the whole pattern (`x$(?<=…)`, no m flag) is tried
 * only where everything before it matched up to the end of the input: once per input, however far
 * back it reads.
 */
function lookbehindRunsOnce(n: Node, root: Node, flags: string): boolean {
  if (flags.includes('m') || root.k !== 'seq') return false;
  let look: Node | null = n.parent;
  while (look && !(look.k === 'look' && look.behind)) look = look.parent;
  if (!look || look.parent !== root) return false;
  const at = root.items.indexOf(look);
  return root.items.slice(0, at).some((item) => item.k === 'assert' && item.kind === '$');
}

function insideLookbehind(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.k === 'look' && p.behind) return true;
  return false;
}

/**
 * Does every way through `n` that goes through `v` (or any way, when `v` is not inside `n`) read
 * a character outside `chars`, other than in `v` itself? Then one iteration of a loop around them
 * cannot be read as several, nor several as one.
 */
function separated(n: Node, v: Node, chars: Ranges): boolean {
  if (n === v) return false;
  switch (n.k) {
    case 'set': return !overlaps(n.set, chars);
    case 'seq': return n.items.some((item) => separated(item, v, chars));
    case 'alt': {
      const through = n.alts.find((a) => contains(a, v));
      return through ? separated(through, v, chars) : n.alts.every((a) => separated(a, v, chars));
    }
    case 'group': return separated(n.body, v, chars);
    case 'rep': return contains(n, v) ? separated(n.body, v, chars) : n.min >= 1 && separated(n.body, v, chars);
    default: return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Walking the pattern as a matcher would: `enter` a node, `exit` it, and where exiting leads.

type Step = { readonly node: Node; readonly phase: 'enter' | 'exit' };
const END = 'end' as const;

/** Where the match goes after `node` has matched: the next sibling, the parent's exit, another iteration … */
function afterExit(node: Node): Array<Step | typeof END | null> {
  const p = node.parent;
  if (!p) return [END];
  switch (p.k) {
    case 'seq': {
      const i = p.items.indexOf(node);
      return i < p.items.length - 1 ? [{ node: p.items[i + 1]!, phase: 'enter' }] : [{ node: p, phase: 'exit' }];
    }
    case 'look': return [null]; // the end of a lookaround's body: the lookaround is done (it is atomic)
    case 'rep': return [{ node: p, phase: 'exit' }, { node: p.body, phase: 'enter' }];
    default: return [{ node: p, phase: 'exit' }];
  }
}

/** After `v` has matched, can the rest of the match fail (so that the engine backtracks into `v`)? */
function canFailAfter(v: Node): boolean {
  const seen = new Set<Node>();
  const queue: Node[] = [v];
  while (queue.length) {
    const n = queue.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const next of afterExit(n)) {
      if (next === END || next === null) return false; // the match (or the lookaround) succeeds from here
      if (next.phase === 'exit') queue.push(next.node);
      else if (alwaysEmpty(next.node)) queue.push(next.node);
    }
  }
  return true;
}

/**
 * From `start`, can the match reach a step `goal` accepts by reading only characters of `chars`
 * (the characters both loops can read)? Lookaround bodies are explored as side paths.
 */
function reaches(start: Step[], goal: (s: Step) => boolean, chars: Ranges): boolean {
  const seen = new Set<string>();
  const ids = new Map<Node, number>();
  const key = (s: Step): string => {
    let id = ids.get(s.node);
    if (id === undefined) ids.set(s.node, (id = ids.size));
    return `${s.phase}${id}`;
  };
  const queue = [...start];
  while (queue.length) {
    const step = queue.pop()!;
    const k = key(step);
    if (seen.has(k)) continue;
    seen.add(k);
    if (goal(step)) return true;
    const n = step.node;
    if (step.phase === 'exit') {
      for (const next of afterExit(n)) if (next !== END && next !== null) queue.push(next);
      continue;
    }
    switch (n.k) {
      case 'set':
        if (overlaps(n.set, chars)) queue.push({ node: n, phase: 'exit' });
        break;
      case 'seq':
        queue.push(n.items.length ? { node: n.items[0]!, phase: 'enter' } : { node: n, phase: 'exit' });
        break;
      case 'alt':
        for (const a of n.alts) queue.push({ node: a, phase: 'enter' });
        break;
      case 'group':
        queue.push({ node: n.body, phase: 'enter' });
        break;
      case 'look':
        queue.push({ node: n.body, phase: 'enter' }, { node: n, phase: 'exit' });
        break;
      case 'rep':
        if (n.max >= 1) queue.push({ node: n.body, phase: 'enter' });
        if (n.min === 0) queue.push({ node: n, phase: 'exit' });
        break;
      default:
        queue.push({ node: n, phase: 'exit' });
    }
  }
  return false;
}

/** Can one repetition of the loop's body read only characters of `chars`? */
const cycles = (loop: RepNode, chars: Ranges): boolean =>
  reaches([{ node: loop.body, phase: 'enter' }], (s) => s.phase === 'exit' && s.node === loop.body, chars);

/** From `start`, can the match enter `target`, reading only characters of `chars` on the way? */
const reachesLoop = (start: Step[], target: RepNode, chars: Ranges): boolean =>
  reaches(start, (s) => s.phase === 'enter' && s.node === target, chars);

/** Whether every match must start where the search starts (a leading ^ without the m flag, or a sticky search). */
function anchoredAtStart(root: Node, flags: string): boolean {
  if (flags.includes('y')) return true;
  if (flags.includes('m')) return false;
  const starts = (n: Node): boolean => {
    switch (n.k) {
      case 'assert': return n.kind === '^';
      case 'seq': return n.items.length > 0 && starts(n.items[0]!);
      case 'alt': return n.alts.every(starts);
      case 'group': return starts(n.body);
      default: return false;
    }
  };
  return starts(root);
}

const fragmentOf = (src: string, n: Node): string => src.slice(n.start, n.end);

// ---------------------------------------------------------------------------------------------
// The check.

/** Check one pattern (its source and flags, as given to `new RegExp`). */
export function checkRegex(source: string, flags = 'u', options: RegexSafetyOptions = {}): RegexVerdict {
  if (source.length > MAX_RULE_PATTERN_LENGTH) {
    return { safe: false, risk: 'too-long', reason: `the pattern is longer than ${MAX_RULE_PATTERN_LENGTH} characters`, fragment: source.slice(0, 40) + '…' };
  }
  try {
    new RegExp(source, flags);
  } catch (e) {
    return { safe: false, risk: 'invalid', reason: (e as Error).message, fragment: source };
  }
  if (flags.includes('v')) return { safe: false, risk: 'unsupported', reason: 'the v flag is not supported by the safety check; use u', fragment: source };
  let root: Node;
  try {
    root = new Parser(source, { unicode: flags.includes('u'), ignoreCase: flags.includes('i'), dotAll: flags.includes('s') }).parse();
  } catch (e) {
    return { safe: false, risk: 'unsupported', reason: `the safety check cannot read it (${(e as Error).message})`, fragment: source };
  }
  setParents(root, null);
  const all = [...descendants(root)];

  const backref = all.find((n) => n.k === 'backref');
  if (backref) {
    return { safe: false, risk: 'backreference', reason: 'backreferences can make matching take exponential time; write the repeated text out', fragment: fragmentOf(source, backref) };
  }

  // exponential: a loop whose body can match one text in several ways
  const bound = options.maxInputLength ?? Infinity;
  for (const loop of all) {
    if (loop.k !== 'rep' || loop.max <= 1) continue;
    for (const inner of consumingDescendants(loop.body)) {
      let problem: { reason: string; ways: number } | null = null;
      if (inner.k === 'alt') {
        const pair = ambiguousAlternatives(inner.alts);
        if (pair) {
          problem = {
            reason: `the repeated group ${fragmentOf(source, loop)} has alternatives that can match the same text (${fragmentOf(source, pair[0]) || 'empty'} and ${fragmentOf(source, pair[1]) || 'empty'}); make them start differently`,
            ways: inner.alts.length,
          };
        }
      } else if (inner.k === 'rep' && inner.min < inner.max && !separated(loop.body, inner, charsOf(inner.body))) {
        problem = {
          reason: `the repeated group ${fragmentOf(source, loop)} holds ${fragmentOf(source, inner)}, and nothing in the group tells one repetition from the next (nested quantifiers); make each repetition end in a character ${fragmentOf(source, inner)} cannot match`,
          ways: inner.max - inner.min + 1,
        };
      }
      if (!problem) continue;
      // a bounded loop over a bounded choice: at most ways^max attempts at each position
      if (Math.pow(problem.ways, loop.max) <= MAX_BACKTRACK_STEPS_PER_CHAR) continue;
      if (loop.max >= 10) return { safe: false, risk: 'exponential', reason: problem.reason, fragment: fragmentOf(source, loop) };
      // a few repetitions of an unbounded part: polynomial, of the degree of the repetition count
      const degree = loop.max;
      if (Math.pow(bound, degree - 1) <= MAX_BACKTRACK_STEPS_PER_CHAR) continue;
      return { safe: false, risk: 'polynomial', degree, reason: problem.reason, fragment: fragmentOf(source, loop) };
    }
  }

  // polynomial: unbounded loops that can take turns reading the same text
  // a loop in a lookbehind tried once per input reads the input once
  const loops = all.filter((n): n is RepNode => n.k === 'rep' && isUnbounded(n) && !(insideLookbehind(n) && lookbehindRunsOnce(n, root, flags)));
  for (const loop of loops) {
    if (insideLookbehind(loop)) {
      return {
        safe: false,
        risk: 'polynomial',
        degree: 2,
        reason: `the lookbehind holds the unbounded ${fragmentOf(source, loop)}: it reads back over the line at every position; bound it ({0,20})`,
        fragment: fragmentOf(source, loop),
      };
    }
  }
  const candidates = loops.filter((n) => canFailAfter(n));
  const searchStart = !anchoredAtStart(root, flags);
  /** follows.get(a) = loops b that can read, right after a, the text a reads (then backtrack into a). */
  const follows = new Map<RepNode | 'search', RepNode[]>();
  const sources: Array<RepNode | 'search'> = searchStart ? ['search', ...loops] : [...loops];
  for (const from of sources) {
    const fromChars = from === 'search' ? ALL : charsOf(from.body);
    const start: Step[] = from === 'search' ? [{ node: root, phase: 'enter' }] : [{ node: from, phase: 'exit' }];
    const list: RepNode[] = [];
    for (const to of candidates) {
      if (to === from || (from !== 'search' && contains(from, to))) continue;
      const both = intersect(fromChars, charsOf(to.body));
      if (both.length === 0 || !cycles(to, both) || (from !== 'search' && !cycles(from, both))) continue;
      if (reachesLoop(start, to, both)) list.push(to);
    }
    follows.set(from, list);
  }
  const memo = new Map<RepNode | 'search', number>();
  const chain = (from: RepNode | 'search', depth: number): number => {
    const known = memo.get(from);
    if (known !== undefined) return known;
    if (depth > 8) return 1;
    let best = 1;
    for (const to of follows.get(from) ?? []) best = Math.max(best, 1 + chain(to, depth + 1));
    memo.set(from, best);
    return best;
  };
  let degree = 1;
  let worst: { from: RepNode | 'search'; to: RepNode } | null = null;
  for (const from of sources) {
    const d = chain(from, 0);
    if (d > degree) {
      degree = d;
      worst = { from, to: (follows.get(from) ?? [])[0]! };
    }
  }
  if (degree >= 2 && worst) {
    const stepsPerChar = Math.pow(bound, degree - 1);
    if (!(stepsPerChar <= MAX_BACKTRACK_STEPS_PER_CHAR)) {
      const longest = Math.floor(Math.pow(MAX_BACKTRACK_STEPS_PER_CHAR, 1 / (degree - 1)));
      const what =
        worst.from === 'search'
          ? `a search can start anywhere, and ${fragmentOf(source, worst.to)} then reads to the end of the line and backtracks at every start`
          : `${fragmentOf(source, worst.from)} and ${fragmentOf(source, worst.to)} can read the same text, and nothing between them tells where one ends`;
      return {
        safe: false,
        risk: 'polynomial',
        degree,
        reason: `${what} (time grows with the line length to the power ${degree}); bound the repetition ({0,40}), anchor the pattern with ^, or give the rule a maxLength of at most ${longest}`,
        fragment: fragmentOf(source, worst.to),
      };
    }
  }
  return { safe: true, degree };
}

/** The verdict as one line of text (for messages). */
export function describeVerdict(verdict: RegexVerdict): string {
  if (verdict.safe) return 'safe';
  const degree = verdict.risk === 'polynomial' && verdict.degree ? ` (degree ${verdict.degree})` : '';
  return `${verdict.risk}${degree}: ${verdict.reason}`;
}
