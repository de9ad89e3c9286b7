// The pattern syntax for the ReDoS check (and the line screen's needed literals, needed-literals.ts):
// a small tree with a character set for every atom, and a recursive-descent parser for JavaScript's
// pattern syntax (u mode, and the lenient Annex B forms).
import { ALL, caseFold, complement, DIGIT, EMPTY, LINE_TERMINATORS, propertyRanges, single, SPACE, union, WORD, type Ranges } from './char-sets.js';

// ---------------------------------------------------------------------------------------------
// Syntax tree.

export interface Base {
  /** Offsets of the node in the pattern source. */
  start: number;
  end: number;
  parent: Node | null;
}
export interface SetNode extends Base { readonly k: 'set'; readonly set: Ranges }
export interface SeqNode extends Base { readonly k: 'seq'; readonly items: Node[] }
export interface AltNode extends Base { readonly k: 'alt'; readonly alts: Node[] }
export interface GroupNode extends Base { readonly k: 'group'; readonly body: Node }
export interface LookNode extends Base { readonly k: 'look'; readonly body: Node; readonly behind: boolean; readonly negative: boolean }
export interface RepNode extends Base { readonly k: 'rep'; readonly body: Node; readonly min: number; readonly max: number }
export interface AssertNode extends Base { readonly k: 'assert'; readonly kind: '^' | '$' | 'b' }
export interface BackrefNode extends Base { readonly k: 'backref' }
export type Node = SetNode | SeqNode | AltNode | GroupNode | LookNode | RepNode | AssertNode | BackrefNode;

export class Unsupported extends Error {}

export interface Flags {
  readonly unicode: boolean;
  readonly ignoreCase: boolean;
  readonly dotAll: boolean;
}

/** A recursive-descent parser for the pattern syntax (u mode, and the lenient Annex B forms). */
export class Parser {
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
    let look: { behind: boolean; negative: boolean } | null = null;
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') this.at += 2;
      else if (next === '=' || next === '!') {
        look = { behind: false, negative: next === '!' };
        this.at += 2;
      } else if (next === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        look = { behind: true, negative: this.peek(2) === '!' };
        this.at += 3;
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
    if (look) return { k: 'look', body, behind: look.behind, negative: look.negative, start, end: this.at, parent: null };
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

  private escape(inClass: boolean): Escape {
    this.at++; // backslash
    const c = this.peek();
    this.at++;
    switch (c) {
      case 'd': return setEscape(DIGIT);
      case 'D': return setEscape(complement(DIGIT));
      case 'w': return setEscape(WORD);
      case 'W': return setEscape(complement(WORD));
      case 's': return setEscape(SPACE);
      case 'S': return setEscape(complement(SPACE));
      case 'b': return inClass ? charEscape(0x08) : { kind: 'assert' };
      case 'B': return { kind: 'assert' };
      case 'n': return charEscape(0x0a);
      case 'r': return charEscape(0x0d);
      case 't': return charEscape(0x09);
      case 'v': return charEscape(0x0b);
      case 'f': return charEscape(0x0c);
      case 'p':
      case 'P': return this.propertyEscape(c);
      case 'c': return this.controlEscape();
      case 'x': return this.hexEscape();
      case 'u': return this.unicodeEscape();
      case 'k': return this.namedBackreference();
      case '0':
        if (!/^[0-9]/u.test(this.peek())) return charEscape(0);
        break;
      case '':
        throw new Unsupported('a trailing backslash');
      default:
        break;
    }
    if (/^[1-9]$/u.test(c)) {
      if (inClass) return charEscape(c.charCodeAt(0) - 0x30); // Annex B octal in a class
      while (/^[0-9]$/u.test(this.peek())) this.at++;
      return { kind: 'backref' };
    }
    // an identity escape: \. \( \/ \- …
    this.at--;
    return charEscape(this.codePoint());
  }

  /** \p{…} / \P{…} (a property in u mode; else the letter itself). */
  private propertyEscape(c: 'p' | 'P'): Escape {
    if (this.peek() !== '{' || !this.flags.unicode) return charEscape(c.codePointAt(0)!);
    const close = this.src.indexOf('}', this.at);
    if (close < 0) throw new Unsupported('an unterminated \\p{');
    const name = this.src.slice(this.at + 1, close);
    this.at = close + 1;
    const ranges = propertyRanges(name);
    if (!ranges) throw new Unsupported(`unknown property \\p{${name}}`);
    return setEscape(c === 'P' ? complement(ranges) : ranges);
  }

  /** \cX, or a backslash when no letter follows. */
  private controlEscape(): Escape {
    const letter = this.peek();
    if (!/^[A-Za-z]$/u.test(letter)) return charEscape(0x5c);
    this.at++;
    return charEscape(letter.charCodeAt(0) % 32);
  }

  /** \xHH, or the letter x. */
  private hexEscape(): Escape {
    const hex = /^[0-9A-Fa-f]{2}/u.exec(this.src.slice(this.at, this.at + 2));
    if (!hex) return charEscape(0x78);
    this.at += 2;
    return charEscape(parseInt(hex[0], 16));
  }

  /** \u{…} (u mode), \uHHHH and a surrogate pair of them, or the letter u. */
  private unicodeEscape(): Escape {
    const braced = this.flags.unicode ? /^\{([0-9A-Fa-f]{1,6})\}/u.exec(this.src.slice(this.at, this.at + 8)) : null;
    if (braced) {
      this.at += braced[0].length;
      return charEscape(parseInt(braced[1]!, 16));
    }
    const hex = /^[0-9A-Fa-f]{4}/u.exec(this.src.slice(this.at, this.at + 4));
    if (!hex) return charEscape(0x75);
    this.at += 4;
    let cp = parseInt(hex[0], 16);
    const low = /^\\u([dD][c-fC-F][0-9A-Fa-f]{2})/u.exec(this.src.slice(this.at, this.at + 6));
    if (this.flags.unicode && cp >= 0xd800 && cp <= 0xdbff && low) {
      this.at += 6;
      cp = 0x10000 + ((cp - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00);
    }
    return charEscape(cp);
  }

  /** \k<name>, or the letter k. */
  private namedBackreference(): Escape {
    if (this.peek() === '<') {
      const close = this.src.indexOf('>', this.at);
      if (close > 0) {
        this.at = close + 1;
        return { kind: 'backref' };
      }
    }
    return charEscape(0x6b);
  }
}

type Escape = { readonly kind: 'char'; readonly cp: number; readonly set: Ranges } | { readonly kind: 'set'; readonly set: Ranges } | { readonly kind: 'assert' } | { readonly kind: 'backref' };
const charEscape = (cp: number): Escape => ({ kind: 'char', cp, set: single(cp) });
const setEscape = (set: Ranges): Escape => ({ kind: 'set', set });

export function setParents(node: Node, parent: Node | null): void {
  node.parent = parent;
  for (const child of childrenOf(node)) setParents(child, node);
}

export function childrenOf(node: Node): readonly Node[] {
  switch (node.k) {
    case 'seq': return node.items;
    case 'alt': return node.alts;
    case 'group':
    case 'look':
    case 'rep': return [node.body];
    default: return [];
  }
}

export function* descendants(node: Node, intoLookarounds = true): Generator<Node> {
  yield node;
  if (node.k === 'look' && !intoLookarounds) return;
  for (const child of childrenOf(node)) yield* descendants(child, intoLookarounds);
}

/** Nodes below `node` that consume input as part of it (lookaround contents left out). */
export const consumingDescendants = (node: Node): Generator<Node> => descendants(node, false);
