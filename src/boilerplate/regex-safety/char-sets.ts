// Character sets for the ReDoS check: sorted, disjoint, non-adjacent inclusive ranges of code points,
// and the sets of the pattern syntax's escapes (\d, \w, \s, \p{…}) and of the i flag.

// ---------------------------------------------------------------------------------------------
// Character sets: sorted, disjoint, non-adjacent inclusive ranges of code points.

export type Ranges = ReadonlyArray<readonly [number, number]>;

export const MAX_CP = 0x10ffff;

export function normalize(ranges: Array<[number, number]>): Ranges {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of ranges) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export const union = (a: Ranges, b: Ranges): Ranges => normalize([...a, ...b].map(([lo, hi]) => [lo, hi] as [number, number]));

export function complement(a: Ranges): Ranges {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of a) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

export function intersect(a: Ranges, b: Ranges): Ranges {
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

export function overlaps(a: Ranges, b: Ranges): boolean {
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

export const single = (cp: number): Ranges => [[cp, cp]];
export const ALL: Ranges = [[0, MAX_CP]];
export const EMPTY: Ranges = [];
export const LINE_TERMINATORS: Ranges = normalize([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]);
export const DIGIT: Ranges = [[0x30, 0x39]];
export const WORD: Ranges = normalize([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]);
export const SPACE: Ranges = normalize([
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);

export const propertyCache = new Map<string, Ranges>();

/** The code points of a Unicode property escape, by asking the engine about each one (cached). */
export function propertyRanges(name: string): Ranges | null {
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
export function caseFold(a: Ranges): Ranges {
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
