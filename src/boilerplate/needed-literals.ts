// The literals a pattern cannot match without: a few strings, one of which every string the pattern
// matches in contains. A line holding none of them needs no test against the pattern, and most lines
// of a page hold none of the literals of any boilerplate rule (see keyed-screen.ts).
//
// Worked out on the pattern's syntax tree (regex-safety/syntax.ts), bottom up, with two views of each
// node: its language when that is a few short strings (a literal, a small class, an alternation or a
// short repetition of such), and its needed literals. A sequence needs what its best item needs, or a
// run of its items with a small language, joined (`(下面|以下)(是|为)` needs one of 下面是 下面为 以下是
// 以下为); an alternation needs what any of its branches needs; a repetition at least once needs what
// its body needs. A positive lookaround needs what its body needs too: what it looks at is in the
// string tested. Anything else needs nothing that can be named (a wide class, `.`, an optional part, a
// negative lookaround, a backreference), and a pattern whose every part is such gets null: it is
// tested on every line. Case-insensitive patterns get null as well.
import { Parser, Unsupported, type Node } from './regex-safety/syntax.js';
import type { Ranges } from './regex-safety/char-sets.js';

/** A language is spelt out only while it has at most this many strings … */
const MAX_STRINGS = 48;
/** … and a class only while it has at most this many characters (wider ones say too little to be worth it). */
const MAX_CLASS = 6;
/** A repetition is spelt out up to this many times. */
const MAX_REPEAT = 4;

type Strings = readonly string[];

/**
 * Strings one of which every match of `pattern` contains (the fewest and longest found), or null
 * when no such list is found: such a pattern must be tested on every string.
 */
export function neededLiterals(pattern: RegExp): Strings | null {
  if (pattern.flags.includes('i') || pattern.flags.includes('v')) return null;
  let root: Node;
  try {
    root = new Parser(pattern.source, { unicode: pattern.flags.includes('u'), ignoreCase: false, dotAll: pattern.flags.includes('s') }).parse();
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  return needsOf(root);
}

/** The strings of a class, when it has few characters. */
function classStrings(set: Ranges): Strings | null {
  let count = 0;
  for (const [lo, hi] of set) count += hi - lo + 1;
  if (count === 0 || count > MAX_CLASS) return null;
  const out: string[] = [];
  for (const [lo, hi] of set) for (let cp = lo; cp <= hi; cp++) out.push(String.fromCodePoint(cp));
  return out;
}

/** Every string of `a` followed by every string of `b`, or null past MAX_STRINGS. */
function joined(a: Strings, b: Strings): Strings | null {
  if (a.length * b.length > MAX_STRINGS) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

/** The union of lists, or null when one of them is null or the union passes MAX_STRINGS. */
function unionOf(lists: ReadonlyArray<Strings | null>, limit = MAX_STRINGS): Strings | null {
  const out = new Set<string>();
  for (const list of lists) {
    if (list === null) return null;
    for (const s of list) out.add(s);
  }
  return out.size <= limit ? [...out] : null;
}

/** Each node's language, worked out once (needsOf asks for the languages of the items below it again and again). */
const languages = new WeakMap<Node, Strings | null>();

/** The strings `node` matches, when they are few and short; lookarounds and anchors match the empty string. */
function languageOf(node: Node): Strings | null {
  let strings = languages.get(node);
  if (strings === undefined) languages.set(node, (strings = languageOfNew(node)));
  return strings;
}

function languageOfNew(node: Node): Strings | null {
  switch (node.k) {
    case 'set': return classStrings(node.set);
    case 'assert':
    case 'look': return [''];
    case 'backref': return null;
    case 'group': return languageOf(node.body);
    case 'alt': return unionOf(node.alts.map(languageOf));
    case 'seq': {
      let strings: Strings | null = [''];
      for (const item of node.items) {
        const own = languageOf(item);
        strings = own === null ? null : joined(strings, own);
        if (strings === null) return null;
      }
      return strings;
    }
    case 'rep': {
      if (node.max > MAX_REPEAT) return null;
      const body = languageOf(node.body);
      if (body === null) return null;
      const all = new Set<string>(node.min === 0 ? [''] : []);
      let times: Strings = [''];
      for (let k = 1; k <= node.max; k++) {
        const next = joined(times, body);
        if (next === null) return null;
        times = next;
        if (k >= node.min) for (const s of times) all.add(s);
        if (all.size > MAX_STRINGS) return null;
      }
      return [...all];
    }
  }
}

/** A list fit to be needed: not empty, and no empty string in it (the empty string is in every string). */
const needable = (strings: Strings | null): Strings | null => (strings !== null && strings.length > 0 && !strings.includes('') ? strings : null);

/** How much a list narrows the strings that hold one of its items: longer items first, then fewer. */
function narrowness(strings: Strings | null): number {
  if (strings === null) return -Infinity;
  let shortest = Infinity;
  for (const s of strings) shortest = Math.min(shortest, s.length); // code units: near enough for a choice
  return shortest * 1000 - strings.length;
}

const narrower = (a: Strings | null, b: Strings | null): Strings | null => (narrowness(b) > narrowness(a) ? b : a);

/** Strings one of which every match of `node` contains, or null. */
function needsOf(node: Node): Strings | null {
  switch (node.k) {
    case 'set':
    case 'assert':
    case 'backref': return needable(languageOf(node));
    case 'look': return node.negative ? null : needsOf(node.body);
    case 'group': return needsOf(node.body);
    // every match is a match of one branch: it holds what that branch needs
    case 'alt': return unionOf(node.alts.map(needsOf), Infinity);
    case 'rep': return node.min >= 1 ? narrower(needsOf(node.body), needable(languageOf(node))) : null;
    case 'seq': {
      let best: Strings | null = null;
      for (const item of node.items) best = narrower(best, needsOf(item));
      // runs of items with a small language, joined: `第(一|二)章` needs 第一章 or 第二章
      for (let from = 0; from < node.items.length; from++) {
        let run: Strings | null = [''];
        for (let to = from; to < node.items.length && run !== null; to++) {
          const own = languageOf(node.items[to]!);
          run = own === null ? null : joined(run, own);
          best = narrower(best, needable(run));
        }
      }
      return best;
    }
  }
}
