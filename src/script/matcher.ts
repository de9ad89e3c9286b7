// The traditional-to-simplified converter, built from opencc-js's own dictionaries (data/opencc-t2s.json,
// written by scripts/gen-data.mjs) and reproducing what opencc-js's `Converter({ from, to: 'cn' })`
// does, output for output, at a fraction of its cost: opencc-js walks a trie of Maps at every code
// point and allocates a segment array and a string per piece; here a code unit no entry starts with
// is skipped by one typed-array look-up, and a pass that matches nothing returns its input as it is.
//
// opencc-js's semantics, reproduced:
// - a group (one trie) replaces, left to right, the longest key starting at each position; a position
//   where none starts is passed over by one code point, or by a whole ideographic description
//   sequence (⿰氵國: nothing inside it is converted) when one starts there;
// - a preset normalizes the whole text by one group, cuts it into segments at the longest matches of
//   its segmentation table, and runs its conversion groups one after another on each segment: no
//   match crosses a segment's end, and an ideographic description sequence cut by one is none.

/** Kinds of match that may start at a code unit (0: none, the unit is passed over). */
const STARTS_SINGLE = 1;
const STARTS_PHRASE = 2;
/** An ideographic description character (U+2FF0–U+2FFF): an unmatched sequence may start here. */
const STARTS_IDS = 4;

/** One dictionary group, as opencc-js merges it into one trie. */
export interface MatchGroup {
  /** Per code unit: which kinds of match may start with it (STARTS_*). */
  readonly starts: Uint8Array;
  /** Per BMP code unit: 1 + the entry whose key is that character alone, or 0. */
  readonly singleEntry: Uint32Array;
  /** Astral code point → the entry whose key is that character alone. */
  readonly astralEntry: ReadonlyMap<number, number>;
  /** First code unit → [from, to) in phraseEntries: the keys of two or more characters starting with it, longest first. */
  readonly phraseRange: ReadonlyMap<number, readonly [number, number]>;
  readonly phraseEntries: Uint32Array;
  readonly keys: readonly string[];
  readonly values: readonly string[];
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** A group's matcher from its entries ("key value|key value", keys unique, as gen-data writes them). */
export function compileGroup(serialized: string): MatchGroup {
  const keys: string[] = [];
  const values: string[] = [];
  if (serialized !== '') {
    for (const line of serialized.split('|')) {
      const space = line.indexOf(' ');
      keys.push(line.slice(0, space));
      values.push(line.slice(space + 1));
    }
  }
  const starts = new Uint8Array(0x10000);
  for (let unit = 0x2ff0; unit <= 0x2fff; unit++) starts[unit] = STARTS_IDS;
  const singleEntry = new Uint32Array(0x10000);
  const astralEntry = new Map<number, number>();
  const phrasesByFirst = new Map<number, number[]>();
  keys.forEach((key, entry) => {
    const first = key.charCodeAt(0);
    const firstPoint = key.codePointAt(0)!;
    if (key.length === (firstPoint > 0xffff ? 2 : 1)) {
      starts[first] = starts[first]! | STARTS_SINGLE;
      if (firstPoint > 0xffff) astralEntry.set(firstPoint, entry);
      else singleEntry[first] = entry + 1;
      return;
    }
    starts[first] = starts[first]! | STARTS_PHRASE;
    const list = phrasesByFirst.get(first);
    if (list) list.push(entry);
    else phrasesByFirst.set(first, [entry]);
  });
  const phraseEntries = new Uint32Array([...phrasesByFirst.values()].reduce((n, list) => n + list.length, 0));
  const phraseRange = new Map<number, readonly [number, number]>();
  let at = 0;
  for (const [first, list] of phrasesByFirst) {
    list.sort((a, b) => keys[b]!.length - keys[a]!.length);
    phraseEntries.set(list, at);
    phraseRange.set(first, [at, at + list.length]);
    at += list.length;
  }
  return { starts, singleEntry, astralEntry, phraseRange, phraseEntries, keys, values };
}

/** Code units of the code point at i, in a segment that ends at limit (a high surrogate last in it stands alone). */
const pointLength = (s: string, i: number, limit: number): number => (isHigh(s.charCodeAt(i)) && i + 1 < limit && isLow(s.charCodeAt(i + 1)) ? 2 : 1);

function descriptionArity(unit: number): number {
  if (unit === 0x2ff0 || unit === 0x2ff1) return 2;
  if (unit === 0x2ff2 || unit === 0x2ff3) return 3;
  if (unit >= 0x2ff4 && unit <= 0x2fff) return 2;
  return 0;
}

/** The end of the ideographic description sequence starting at i within [i, limit), or 0 when none is complete there. */
function descriptionEnd(s: string, i: number, limit: number): number {
  const arity = descriptionArity(s.charCodeAt(i));
  if (arity === 0) return 0;
  let end = i + 1;
  for (let k = 0; k < arity; k++) {
    if (end >= limit) return 0;
    const child = descriptionEnd(s, end, limit);
    end = child || end + pointLength(s, end, limit);
  }
  return end;
}

/** The entry whose key is the longest starting at i and ending by limit, or -1. */
function matchAt(group: MatchGroup, s: string, i: number, limit: number, unit: number, kinds: number): number {
  if (kinds & STARTS_PHRASE) {
    const range = group.phraseRange.get(unit)!;
    for (let k = range[0]; k < range[1]; k++) {
      const entry = group.phraseEntries[k]!;
      const key = group.keys[entry]!;
      if (i + key.length <= limit && s.startsWith(key, i)) return entry;
    }
  }
  if (kinds & STARTS_SINGLE) {
    if (!isHigh(unit)) return group.singleEntry[unit]! - 1;
    if (i + 1 < limit && isLow(s.charCodeAt(i + 1))) return group.astralEntry.get(s.codePointAt(i)!) ?? -1;
  }
  return -1;
}

/**
 * One group over s, as opencc-js's `Trie.convert` over each segment of s. `cuts` are the segments'
 * boundaries in s, ascending; when `cutsOut` is given it receives where each falls in the result.
 * Returns s itself when nothing matched.
 */
export function convertGroup(s: string, group: MatchGroup, cuts: readonly number[] = [], cutsOut?: number[]): string {
  const { starts } = group;
  const n = s.length;
  let parts: string[] | null = null;
  let runStart = 0; // start of the text not yet copied to parts
  let written = 0; // length of what parts hold
  let cut = 0;
  let limit = cuts.length > 0 ? cuts[0]! : n;
  let i = 0;
  while (i < n) {
    let unit = s.charCodeAt(i);
    let kinds = starts[unit]!;
    while (kinds === 0 && ++i < n) {
      unit = s.charCodeAt(i);
      kinds = starts[unit]!;
    }
    if (i >= n) break;
    if (i >= limit) {
      while (cut < cuts.length && cuts[cut]! <= i) cutsOut?.push(written + cuts[cut++]! - runStart);
      limit = cut < cuts.length ? cuts[cut]! : n;
    }
    const entry = matchAt(group, s, i, limit, unit, kinds);
    if (entry >= 0) {
      const value = group.values[entry]!;
      if (parts === null) parts = [];
      if (i > runStart) parts.push(s.slice(runStart, i));
      parts.push(value);
      written += i - runStart + value.length;
      i += group.keys[entry]!.length;
      runStart = i;
      continue;
    }
    const description = kinds & STARTS_IDS ? descriptionEnd(s, i, limit) : 0;
    i = description > i ? description : i + pointLength(s, i, limit);
  }
  while (cut < cuts.length) cutsOut?.push(written + cuts[cut++]! - runStart);
  if (parts === null) return s;
  if (runStart < n) parts.push(s.slice(runStart));
  return parts.join('');
}

/** Where opencc-js's `Trie.segment` by this group cuts s: the start and end of each longest match, ascending. */
export function segmentCuts(s: string, group: MatchGroup): number[] {
  const { starts } = group;
  const n = s.length;
  const cuts: number[] = [];
  let i = 0;
  while (i < n) {
    let unit = s.charCodeAt(i);
    let kinds = starts[unit]!;
    while (kinds === 0 && ++i < n) {
      unit = s.charCodeAt(i);
      kinds = starts[unit]!;
    }
    if (i >= n) break;
    const entry = matchAt(group, s, i, n, unit, kinds);
    if (entry >= 0) {
      if (cuts.length === 0 || cuts[cuts.length - 1] !== i) cuts.push(i);
      i += group.keys[entry]!.length;
      cuts.push(i);
      continue;
    }
    const description = kinds & STARTS_IDS ? descriptionEnd(s, i, n) : 0;
    i = description > i ? description : i + pointLength(s, i, n);
  }
  return cuts;
}

/** A preset as opencc-js runs it: a normalization group, a segmentation table, conversion groups in turn. */
export interface PresetMatcher {
  readonly normalization: MatchGroup;
  readonly segmentation: MatchGroup;
  readonly chain: readonly MatchGroup[];
}

/** opencc-js's `Converter({ from: preset, to: 'cn' })(text)`. */
export function convertWithPreset(text: string, preset: PresetMatcher): string {
  const normalized = convertGroup(text, preset.normalization);
  let cuts = segmentCuts(normalized, preset.segmentation);
  let out = normalized;
  for (const group of preset.chain) {
    const moved: number[] = [];
    out = convertGroup(out, group, cuts, moved);
    cuts = moved;
  }
  return out;
}
