// Text that remembers, for every UTF-16 code unit, where it came from in the decoded input.
// Every stage after decoding works on a MappedText so positions always point into the input.

export interface MappedText {
  /** The current text. */
  readonly text: string;
  /** origin[i] is the input offset of text[i]; origin[text.length] is the end offset. */
  readonly origin: Int32Array;
}

/** The decoded input itself: every character maps to its own offset. */
export function identityText(text: string): MappedText {
  const origin = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) origin[i] = i;
  return { text, origin };
}

/** A half-open range [start, end) of a MappedText's text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** The text with the given ranges (sorted, non-overlapping) taken out. */
export function withoutRanges(source: MappedText, ranges: readonly Range[]): MappedText {
  if (ranges.length === 0) return source;
  const parts: string[] = [];
  let kept = 0;
  for (const r of ranges) kept += r.end - r.start;
  const origin = new Int32Array(source.text.length - kept + 1);
  let at = 0;
  let out = 0;
  const copy = (from: number, to: number): void => {
    parts.push(source.text.slice(from, to));
    origin.set(source.origin.subarray(from, to), out);
    out += to - from;
  };
  for (const r of ranges) {
    if (r.start > at) copy(at, r.start);
    at = Math.max(at, r.end);
  }
  copy(at, source.text.length);
  origin[out] = source.origin[source.text.length] ?? 0;
  return { text: parts.join(''), origin };
}

/**
 * Replace pieces of the text. Each replacement's characters map onto the replaced span:
 * one to one when the lengths agree, proportionally otherwise.
 */
export interface Replacement extends Range {
  readonly text: string;
}

export function withReplacements(source: MappedText, replacements: readonly Replacement[]): MappedText {
  if (replacements.length === 0) return source;
  const parts: string[] = [];
  let length = source.text.length;
  for (const r of replacements) length += r.text.length - (r.end - r.start);
  const origin = new Int32Array(length + 1);
  let at = 0;
  let out = 0;
  for (const r of replacements) {
    if (r.start > at) {
      parts.push(source.text.slice(at, r.start));
      origin.set(source.origin.subarray(at, r.start), out);
      out += r.start - at;
    }
    parts.push(r.text);
    const span = r.end - r.start;
    for (let k = 0; k < r.text.length; k++) {
      const from = span === r.text.length ? k : Math.floor((k * span) / Math.max(1, r.text.length));
      origin[out + k] = source.origin[Math.min(r.start + from, source.text.length)] ?? 0;
    }
    out += r.text.length;
    at = r.end;
  }
  parts.push(source.text.slice(at));
  origin.set(source.origin.subarray(at, source.text.length), out);
  out += source.text.length - at;
  origin[out] = source.origin[source.text.length] ?? 0;
  return { text: parts.join(''), origin };
}

/**
 * A text mapped into another mapped text, mapped on through it: `outer.origin[i]` is an offset of
 * `inner.text`, and the result's origin is that offset's origin in `inner`.
 */
export function mappedThrough(outer: MappedText, inner: MappedText): MappedText {
  const origin = new Int32Array(outer.origin.length);
  const last = inner.origin.length - 1;
  for (let i = 0; i < origin.length; i++) origin[i] = inner.origin[Math.min(Math.max(0, outer.origin[i]!), last)]!;
  return { text: outer.text, origin };
}
