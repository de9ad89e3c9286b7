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
import { LARGE_REPEAT, MAX_BACKTRACK_STEPS_PER_CHAR, MAX_RULE_PATTERN_LENGTH } from '../../limits.js';
import { appendAll } from '../../text/arrays.js';
import { ALL, EMPTY, intersect, normalize, overlaps, union, type Ranges } from './char-sets.js';
import { consumingDescendants, descendants, Parser, setParents, type Node, type RepNode } from './syntax.js';


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

type Unsafe = Extract<RegexVerdict, { readonly safe: false }>;

/** Check one pattern (its source and flags, as given to `new RegExp`). */
export function checkRegex(source: string, flags = 'u', options: RegexSafetyOptions = {}): RegexVerdict {
  const read = readPattern(source, flags);
  if ('safe' in read) return read;
  const { root, all } = read;
  const backref = all.find((n) => n.k === 'backref');
  if (backref) {
    return { safe: false, risk: 'backreference', reason: 'backreferences can make matching take exponential time; write the repeated text out', fragment: fragmentOf(source, backref) };
  }
  const bound = options.maxInputLength ?? Infinity;
  return ambiguousLoop(source, all, bound) ?? lookbehindLoop(source, root, all, flags) ?? loopChain(source, root, all, flags, bound);
}

/** The pattern's syntax tree and all its nodes, or why it cannot be checked. */
function readPattern(source: string, flags: string): { readonly root: Node; readonly all: readonly Node[] } | Unsafe {
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
  return { root, all: [...descendants(root)] };
}

/** Exponential: a loop whose body can match one text in several ways. */
function ambiguousLoop(source: string, all: readonly Node[], bound: number): Unsafe | null {
  for (const loop of all) {
    if (loop.k !== 'rep' || loop.max <= 1) continue;
    for (const inner of consumingDescendants(loop.body)) {
      const problem = ambiguityIn(source, loop, inner);
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
  return null;
}

/** How a node inside a repeated group lets one text match in several ways, and how many. */
function ambiguityIn(source: string, loop: RepNode, inner: Node): { readonly reason: string; readonly ways: number } | null {
  if (inner.k === 'alt') {
    const pair = ambiguousAlternatives(inner.alts);
    if (!pair) return null;
    return {
      reason: `the repeated group ${fragmentOf(source, loop)} has alternatives that can match the same text (${fragmentOf(source, pair[0]) || 'empty'} and ${fragmentOf(source, pair[1]) || 'empty'}); make them start differently`,
      ways: inner.alts.length,
    };
  }
  if (inner.k === 'rep' && inner.min < inner.max && !separated(loop.body, inner, charsOf(inner.body))) {
    return {
      reason: `the repeated group ${fragmentOf(source, loop)} holds ${fragmentOf(source, inner)}, and nothing in the group tells one repetition from the next (nested quantifiers); make each repetition end in a character ${fragmentOf(source, inner)} cannot match`,
      ways: inner.max - inner.min + 1,
    };
  }
  return null;
}

/** Unbounded loops, leaving out a loop in a lookbehind tried once per input (it reads the input once). */
function unboundedLoops(root: Node, all: readonly Node[], flags: string): RepNode[] {
  return all.filter((n): n is RepNode => n.k === 'rep' && isUnbounded(n) && !(insideLookbehind(n) && lookbehindRunsOnce(n, root, flags)));
}

/** Polynomial: an unbounded loop in a lookbehind reads back over the line at every position. */
function lookbehindLoop(source: string, root: Node, all: readonly Node[], flags: string): Unsafe | null {
  const loop = unboundedLoops(root, all, flags).find((n) => insideLookbehind(n));
  if (!loop) return null;
  return {
    safe: false,
    risk: 'polynomial',
    degree: 2,
    reason: `the lookbehind holds the unbounded ${fragmentOf(source, loop)}: it reads back over the line at every position; bound it ({0,20})`,
    fragment: fragmentOf(source, loop),
  };
}

type LoopSource = RepNode | 'search';

/** Polynomial: unbounded loops that can take turns reading the same text; the degree is the longest such chain. */
function loopChain(source: string, root: Node, all: readonly Node[], flags: string, bound: number): RegexVerdict {
  const loops = unboundedLoops(root, all, flags);
  const sources: LoopSource[] = anchoredAtStart(root, flags) ? [...loops] : ['search', ...loops];
  const follows = followingLoops(root, loops, sources);
  const longest = new Map<LoopSource, number>();
  const chain = (from: LoopSource, depth: number): number => {
    const known = longest.get(from);
    if (known !== undefined) return known;
    if (depth > 8) return 1;
    let best = 1;
    for (const to of follows.get(from) ?? []) best = Math.max(best, 1 + chain(to, depth + 1));
    longest.set(from, best);
    return best;
  };
  let degree = 1;
  let worst: { from: LoopSource; to: RepNode } | null = null;
  for (const from of sources) {
    const d = chain(from, 0);
    if (d > degree) {
      degree = d;
      worst = { from, to: (follows.get(from) ?? [])[0]! };
    }
  }
  if (degree < 2 || !worst || Math.pow(bound, degree - 1) <= MAX_BACKTRACK_STEPS_PER_CHAR) return { safe: true, degree };
  const shortest = Math.floor(Math.pow(MAX_BACKTRACK_STEPS_PER_CHAR, 1 / (degree - 1)));
  const what =
    worst.from === 'search'
      ? `a search can start anywhere, and ${fragmentOf(source, worst.to)} then reads to the end of the line and backtracks at every start`
      : `${fragmentOf(source, worst.from)} and ${fragmentOf(source, worst.to)} can read the same text, and nothing between them tells where one ends`;
  return {
    safe: false,
    risk: 'polynomial',
    degree,
    reason: `${what} (time grows with the line length to the power ${degree}); bound the repetition ({0,40}), anchor the pattern with ^, or give the rule a maxLength of at most ${shortest}`,
    fragment: fragmentOf(source, worst.to),
  };
}

/** follows.get(a) = loops b that can read, right after a, the text a reads (then backtrack into a). */
function followingLoops(root: Node, loops: readonly RepNode[], sources: readonly LoopSource[]): Map<LoopSource, RepNode[]> {
  const candidates = loops.filter((n) => canFailAfter(n));
  const follows = new Map<LoopSource, RepNode[]>();
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
  return follows;
}

/** The verdict as one line of text (for messages). */
export function describeVerdict(verdict: RegexVerdict): string {
  if (verdict.safe) return 'safe';
  const degree = verdict.risk === 'polynomial' && verdict.degree ? ` (degree ${verdict.degree})` : '';
  return `${verdict.risk}${degree}: ${verdict.reason}`;
}
