// A small glob matcher for choosing files in a folder walk: `**`, `*`, `?`, `[abc]`, `[!a-z]`, `{a,b}`.
// Patterns match paths relative to the folder being walked, with `/` between segments. A pattern
// without a `/` matches the file name at any depth (`*.txt` is `**/*.txt`). No regular expressions:
// a segment matches by the iterative star walk and `**` by a memoized walk over segments, so a
// hostile pattern or name costs at most pattern length × path length steps.

const MAGIC = /[*?[{]/u;

/** Whether a command-line argument is a pattern rather than a path. */
export function hasMagic(arg: string): boolean {
  return MAGIC.test(arg);
}

export class GlobError extends Error {}

const MAX_BRACE_EXPANSIONS = 256;

/** `{a,b}c` → [`ac`, `bc`], nested braces included; a brace with no comma is literal. */
export function expandBraces(pattern: string): string[] {
  const open = findBrace(pattern);
  if (!open) return [pattern];
  const { start, end, alternatives } = open;
  const head = pattern.slice(0, start);
  const tails = expandBraces(pattern.slice(end + 1));
  const out: string[] = [];
  for (const alternative of alternatives) {
    for (const middle of expandBraces(alternative)) {
      for (const tail of tails) {
        out.push(head + middle + tail);
        if (out.length > MAX_BRACE_EXPANSIONS) throw new GlobError(`pattern ${pattern} expands to more than ${MAX_BRACE_EXPANSIONS} patterns`);
      }
    }
  }
  return out;
}

/** The first top-level `{…,…}` of the pattern, split at its top-level commas. */
function findBrace(pattern: string): { start: number; end: number; alternatives: string[] } | null {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; continue; }
    if (c === '[') { i = classEnd(pattern, i); continue; }
    if (c !== '{') continue;
    let depth = 0;
    let from = i + 1;
    const alternatives: string[] = [];
    for (let j = i; j < pattern.length; j++) {
      const d = pattern[j];
      if (d === '\\') { j++; continue; }
      if (d === '{') depth++;
      else if (d === '}') {
        depth--;
        if (depth === 0) {
          alternatives.push(pattern.slice(from, j));
          if (alternatives.length > 1) return { start: i, end: j, alternatives };
          break; // {x} without a comma: literal braces
        }
      } else if (d === ',' && depth === 1) {
        alternatives.push(pattern.slice(from, j));
        from = j + 1;
      }
    }
  }
  return null;
}

/** Index of the `]` closing the class opened at `i`, or `i` itself when it does not close (a literal `[`). */
function classEnd(pattern: string, i: number): number {
  let j = i + 1;
  if (pattern[j] === '!' || pattern[j] === '^') j++;
  if (pattern[j] === ']') j++;
  for (; j < pattern.length; j++) {
    if (pattern[j] === '/') return i;
    if (pattern[j] === ']') return j;
  }
  return i;
}

type Token =
  | { readonly t: 'char'; readonly c: string }
  | { readonly t: 'any' }
  | { readonly t: 'star' }
  | { readonly t: 'class'; readonly negated: boolean; readonly ranges: ReadonlyArray<readonly [string, string]> };

/** A pattern segment as tokens; `**` alone is the globstar (null). */
type Segment = readonly Token[] | null;

function tokenize(segment: string): Segment {
  if (segment === '**') return null;
  const tokens: Token[] = [];
  const chars = Array.from(segment);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) tokens.push({ t: 'char', c: chars[++i]! });
    else if (c === '*') {
      if (tokens[tokens.length - 1]?.t !== 'star') tokens.push({ t: 'star' });
    } else if (c === '?') tokens.push({ t: 'any' });
    else if (c === '[') {
      let j = i + 1;
      const negated = chars[j] === '!' || chars[j] === '^';
      if (negated) j++;
      const ranges: Array<[string, string]> = [];
      let closed = false;
      for (let first = true; j < chars.length; j++, first = false) {
        const d = chars[j]!;
        if (d === ']' && !first) {
          closed = true;
          break;
        }
        if (chars[j + 1] === '-' && chars[j + 2] !== undefined && chars[j + 2] !== ']') {
          ranges.push([d, chars[j + 2]!]);
          j += 2;
        } else ranges.push([d, d]);
      }
      if (!closed) tokens.push({ t: 'char', c: '[' });
      else {
        tokens.push({ t: 'class', negated, ranges });
        i = j;
      }
    } else tokens.push({ t: 'char', c });
  }
  return tokens;
}

function tokenMatches(token: Token, c: string): boolean {
  switch (token.t) {
    case 'char': return token.c === c;
    case 'any': return true;
    case 'star': return true;
    case 'class': {
      const inside = token.ranges.some(([from, to]) => c >= from && c <= to);
      return token.negated ? !inside : inside;
    }
  }
}

/** Wildcard match of one segment: the iterative star-backtracking walk, O(pattern × name) at worst. */
function matchSegment(tokens: readonly Token[], name: string): boolean {
  const chars = Array.from(name);
  let ti = 0;
  let ci = 0;
  let star = -1;
  let starAt = 0;
  while (ci < chars.length) {
    const token = tokens[ti];
    if (token !== undefined && token.t === 'star') {
      star = ti++;
      starAt = ci;
    } else if (token !== undefined && tokenMatches(token, chars[ci]!)) {
      ti++;
      ci++;
    } else if (star >= 0) {
      ti = star + 1;
      ci = ++starAt;
    } else return false;
  }
  while (tokens[ti]?.t === 'star') ti++;
  return ti === tokens.length;
}

/** Match path segments against pattern segments; `**` spans any number of segments (memoized). */
function matchPath(pattern: readonly Segment[], path: readonly string[]): boolean {
  const width = path.length + 1;
  const failed = new Uint8Array((pattern.length + 1) * width);
  const go = (pi: number, si: number): boolean => {
    if (pi === pattern.length) return si === path.length;
    const key = pi * width + si;
    if (failed[key]) return false;
    const segment = pattern[pi]!;
    const ok = segment === null
      ? go(pi + 1, si) || (si < path.length && go(pi, si + 1))
      : si < path.length && matchSegment(segment, path[si]!) && go(pi + 1, si + 1);
    if (!ok) failed[key] = 1;
    return ok;
  };
  return go(0, 0);
}

function compileOne(pattern: string): readonly Segment[] {
  return pattern.split('/').filter((s, i, all) => s !== '' || i === all.length - 1).map(tokenize);
}

export type Matcher = (relativePath: string) => boolean;

/**
 * Compile patterns into one test on relative paths (`/`-separated). With `matchBase` (the default,
 * as for `--glob`), a pattern without a `/` matches the file name at any depth.
 */
export function compileGlobs(patterns: readonly string[], options: { matchBase?: boolean } = {}): Matcher {
  const compiled: Array<readonly Segment[]> = [];
  for (const raw of patterns) {
    let pattern = raw.replace(/^\.\//u, '');
    if (pattern === '') throw new GlobError('empty pattern');
    if (pattern.startsWith('/')) throw new GlobError(`pattern ${raw} is absolute: give it relative to the folder`);
    if (options.matchBase !== false && !pattern.includes('/')) pattern = `**/${pattern}`;
    for (const p of expandBraces(pattern)) compiled.push(compileOne(p));
  }
  return (path) => {
    const segments = path.split('/');
    return compiled.some((p) => matchPath(p, segments));
  };
}

/**
 * Split a pattern argument into the folder to walk (its leading segments without magic) and the
 * pattern relative to it: `pages/2024/**\/*.txt` → `pages/2024` and `**\/*.txt`.
 */
export function splitGlobBase(arg: string): { base: string; pattern: string } {
  const absolute = arg.startsWith('/');
  const segments = arg.split('/');
  const baseSegments: string[] = [];
  let i = 0;
  for (; i < segments.length - 1; i++) {
    const s = segments[i]!;
    if (hasMagic(s)) break;
    baseSegments.push(s);
  }
  const pattern = segments.slice(i).join('/');
  let base = baseSegments.join('/');
  if (absolute && base === '') base = '/';
  return { base: base === '' ? '.' : base, pattern };
}
