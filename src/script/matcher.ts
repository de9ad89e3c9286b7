// The traditional-to-simplified converter, built from opencc-js's own dictionaries (data/opencc-t2s.json,
// written by scripts/gen-data.mjs) and reproducing what opencc-js's `Converter({ from, to: 'cn' })`
// does, output for output, at a fraction of its cost: opencc-js walks a trie of Maps at every code
// point and allocates a segment array and a string per piece; here a code unit no entry starts with
// is skipped by one typed-array look-up, a phrase is looked up by its first two code units, the
// output is written into one buffer of code units, and a pass that matches nothing returns its input.
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

/**
 * One dictionary group, as opencc-js merges it into one trie. Its keys and values are ranges of the
 * group as written ("key value|key value"), never strings of their own: a converter is built at the
 * first traditional page of a run, and a string per entry (13,000 of them) cost more than the rest.
 */
export interface MatchGroup {
  /** Per code unit: which kinds of match may start with it (STARTS_*). */
  readonly starts: Uint8Array;
  /** Per BMP code unit: 1 + the entry whose key is that character alone, or 0. */
  readonly singleEntry: Uint32Array;
  /** Astral code point → the entry whose key is that character alone. */
  readonly astralEntry: ReadonlyMap<number, number>;
  /** Keys of two or more characters by their first two code units, longest first. */
  readonly phrases: PairTable;
  /** The entries as written: entry e's key is source[keyStart[e], keyStart[e] + keyLength[e]). */
  readonly source: string;
  readonly keyStart: Uint32Array;
  readonly keyLength: Uint8Array;
  /** Entry e's value is source[valueStart[e], valueEnd[e]). */
  readonly valueStart: Uint32Array;
  readonly valueEnd: Uint32Array;
}

/**
 * An open-addressed hash table from a key's first two code units (as first << 16 | second) to the
 * range [from, to) of `entries` holding the keys that start with them, longest first: at a position,
 * only the phrases that could match there are compared.
 */
export interface PairTable {
  readonly pair: Uint32Array;
  readonly from: Uint32Array;
  /** 0: an empty slot. */
  readonly to: Uint32Array;
  readonly shift: number;
  readonly entries: Uint32Array;
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
const slotOf = (pair: number, shift: number): number => Math.imul(pair, 0x9e3779b1) >>> shift;

function pairTable(source: string, keyStart: Uint32Array, keyLength: Uint8Array, phraseEntries: readonly number[]): PairTable {
  const byPair = new Map<number, number[]>();
  for (const entry of phraseEntries) {
    const at = keyStart[entry]!;
    const pair = ((source.charCodeAt(at) << 16) | source.charCodeAt(at + 1)) >>> 0;
    const list = byPair.get(pair);
    if (list) list.push(entry);
    else byPair.set(pair, [entry]);
  }
  let bits = 4;
  while (1 << bits < byPair.size * 8) bits++; // sparse: a pair no key starts with mostly meets an empty slot at once
  const size = 1 << bits;
  const shift = 32 - bits;
  const table = { pair: new Uint32Array(size), from: new Uint32Array(size), to: new Uint32Array(size), shift, entries: new Uint32Array(phraseEntries.length) };
  let at = 0;
  for (const [pair, list] of byPair) {
    // longest first, by insertion: most lists hold one key, and a sort call per list cost more than the rest
    for (let k = 0; k < list.length; k++) {
      const entry = list[k]!;
      let j = at + k;
      for (; j > at && keyLength[table.entries[j - 1]!]! < keyLength[entry]!; j--) table.entries[j] = table.entries[j - 1]!;
      table.entries[j] = entry;
    }
    let slot = slotOf(pair, shift);
    while (table.to[slot] !== 0) slot = (slot + 1) & (size - 1);
    table.pair[slot] = pair;
    table.from[slot] = at;
    table.to[slot] = at + list.length;
    at += list.length;
  }
  return table;
}

/**
 * A group's matcher from its entries ("key value|key value", keys unique, as gen-data writes them).
 * `descriptionSequences`: pass over an ideographic description sequence whole, as opencc-js does
 * (false: a plain replacement, which converts inside one too).
 */
export function compileGroup(serialized: string, descriptionSequences = true): MatchGroup {
  let count = serialized === '' ? 0 : 1;
  for (let at = serialized.indexOf('|'); at !== -1; at = serialized.indexOf('|', at + 1)) count++;
  const keyStart = new Uint32Array(count);
  const keyLength = new Uint8Array(count);
  const valueStart = new Uint32Array(count);
  const valueEnd = new Uint32Array(count);
  const starts = new Uint8Array(0x10000);
  if (descriptionSequences) for (let unit = 0x2ff0; unit <= 0x2fff; unit++) starts[unit] = STARTS_IDS;
  const singleEntry = new Uint32Array(0x10000);
  const astralEntry = new Map<number, number>();
  const phraseEntries: number[] = [];
  let at = 0;
  for (let entry = 0; entry < count; entry++) {
    const space = serialized.indexOf(' ', at);
    const bar = serialized.indexOf('|', at);
    if (space === -1 || (bar !== -1 && bar < space)) throw new RangeError(`dictionary entry without a value: ${serialized.slice(at, at + 20)}…`);
    const length = space - at;
    if (length > 0xff) throw new RangeError(`dictionary key of ${length} code units: ${serialized.slice(at, at + 20)}…`);
    keyStart[entry] = at;
    keyLength[entry] = length;
    valueStart[entry] = space + 1;
    valueEnd[entry] = bar === -1 ? serialized.length : bar;
    const first = serialized.charCodeAt(at);
    const firstPoint = serialized.codePointAt(at)!;
    if (length === (firstPoint > 0xffff ? 2 : 1)) {
      starts[first] = starts[first]! | STARTS_SINGLE;
      if (firstPoint > 0xffff) astralEntry.set(firstPoint, entry);
      else singleEntry[first] = entry + 1;
    } else {
      starts[first] = starts[first]! | STARTS_PHRASE;
      phraseEntries.push(entry);
    }
    at = valueEnd[entry]! + 1;
  }
  return { starts, singleEntry, astralEntry, phrases: pairTable(serialized, keyStart, keyLength, phraseEntries), source: serialized, keyStart, keyLength, valueStart, valueEnd };
}

/** Whether s holds, from i, the `length` code units of source from `from` (the first two known to be the same). */
function holdsKey(s: string, i: number, source: string, from: number, length: number): boolean {
  for (let k = 2; k < length; k++) if (s.charCodeAt(i + k) !== source.charCodeAt(from + k)) return false;
  return true;
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
  if (kinds & STARTS_PHRASE && i + 1 < limit) {
    const { phrases } = group;
    const pair = ((unit << 16) | s.charCodeAt(i + 1)) >>> 0;
    const mask = phrases.pair.length - 1;
    for (let slot = slotOf(pair, phrases.shift); phrases.to[slot] !== 0; slot = (slot + 1) & mask) {
      if (phrases.pair[slot] !== pair) continue;
      for (let k = phrases.from[slot]!; k < phrases.to[slot]!; k++) {
        const entry = phrases.entries[k]!;
        const length = group.keyLength[entry]!;
        if (i + length <= limit && holdsKey(s, i, group.source, group.keyStart[entry]!, length)) return entry;
      }
      break;
    }
  }
  if (kinds & STARTS_SINGLE) {
    if (!isHigh(unit)) return group.singleEntry[unit]! - 1;
    if (i + 1 < limit && isLow(s.charCodeAt(i + 1))) return group.astralEntry.get(s.codePointAt(i)!) ?? -1;
  }
  return -1;
}

/** The output buffer, kept between calls (up to a size) so that a conversion allocates only its result. */
let scratch: Uint16Array = new Uint16Array(1 << 16);
const KEPT_SCRATCH_UNITS = 1 << 22;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A buffer of at least `size` units holding out[0, used). */
function grown(out: Uint16Array, used: number, size: number): Uint16Array {
  const next = new Uint16Array(Math.max(size, out.length * 2));
  next.set(out.subarray(0, used));
  return next;
}

/** The string of out[0, length): code unit for code unit, lone surrogates included. */
function unitsToString(out: Uint16Array, length: number): string {
  if (LITTLE_ENDIAN) return Buffer.from(out.buffer, out.byteOffset, length * 2).toString('utf16le');
  const parts: string[] = [];
  for (let k = 0; k < length; k += 4096) parts.push(String.fromCharCode(...out.subarray(k, Math.min(length, k + 4096))));
  return parts.join('');
}

/**
 * One group over s, as opencc-js's `Trie.convert` over each segment of s. `cuts` are the segments'
 * boundaries in s, ascending; when `cutsOut` is given it receives where each falls in the result.
 * Returns s itself when nothing matched.
 */
export function convertGroup(s: string, group: MatchGroup, cuts: readonly number[] = [], cutsOut?: number[]): string {
  const { starts, keyLength, source, valueStart, valueEnd } = group;
  const n = s.length;
  // up to the first unit an entry starts with, the text is its own output: nothing to write
  let i = 0;
  while (i < n && starts[s.charCodeAt(i)] === 0) i++;
  if (i === n) {
    if (cutsOut) for (const c of cuts) cutsOut.push(c);
    return s;
  }
  let out = scratch.length >= n ? scratch : (scratch = new Uint16Array(n));
  for (let k = 0; k < i; k++) out[k] = s.charCodeAt(k);
  let o = i; // units written to out: out[o - (i - c)] is where input position c went, for any c with no match in [c, i)
  let matched = false;
  let cut = 0;
  let limit = cuts.length > 0 ? cuts[0]! : n;
  while (i < n) {
    let unit = s.charCodeAt(i);
    let kinds = starts[unit]!;
    while (kinds === 0) {
      out[o++] = unit;
      if (++i >= n) break;
      unit = s.charCodeAt(i);
      kinds = starts[unit]!;
    }
    if (i >= n) break;
    if (i >= limit) {
      while (cut < cuts.length && cuts[cut]! <= i) cutsOut?.push(o - (i - cuts[cut++]!));
      limit = cut < cuts.length ? cuts[cut]! : n;
    }
    const entry = matchAt(group, s, i, limit, unit, kinds);
    if (entry >= 0) {
      matched = true;
      const from = valueStart[entry]!;
      const to = valueEnd[entry]!;
      const length = keyLength[entry]!;
      // room for the value and the rest of the input as it is
      const needed = o + (to - from) + (n - i - length);
      if (needed > out.length) out = scratch = grown(out, o, needed);
      for (let k = from; k < to; k++) out[o++] = source.charCodeAt(k);
      i += length;
      continue;
    }
    const description = kinds & STARTS_IDS ? descriptionEnd(s, i, limit) : 0;
    const end = description > i ? description : i + pointLength(s, i, limit);
    while (i < end) out[o++] = s.charCodeAt(i++);
  }
  while (cut < cuts.length) cutsOut?.push(o - (n - cuts[cut++]!));
  const result = matched ? unitsToString(out, o) : s;
  if (scratch.length > KEPT_SCRATCH_UNITS) scratch = new Uint16Array(1 << 16);
  return result;
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
      i += group.keyLength[entry]!;
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
