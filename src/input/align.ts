// Where each character of a parsed value stands in its source slice. Parsers hand back text
// with escapes, entities and indentation resolved; the value's characters are found in order in
// the slice, skipping what the parser took out. A character reference (&amp; &#x4e00;) gives
// its one character the reference's offset.

/** How far ahead a character is looked for: longer than any escape or indentation run. */
const LOOKAHEAD = 48;
const REFERENCE = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

/** origins[i] is the offset in `source` of value[i]; `start`/`end` bound the value's slice. */
export function alignValue(value: string, source: string, start: number, end: number): number[] {
  const origins = new Array<number>(value.length);
  const last = Math.max(start, end - 1);
  let at = start;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const reference = referenceLength(source, at, end);
    if (reference > 0) {
      origins[i] = at;
      at += reference;
      continue;
    }
    const found = indexWithin(source, ch, at, Math.min(end, at + LOOKAHEAD));
    if (found >= 0) {
      origins[i] = found;
      at = found + 1;
    } else {
      origins[i] = Math.min(at, last);
    }
  }
  return origins;
}

function indexWithin(source: string, ch: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (source[i] === ch) return i;
  return -1;
}

function referenceLength(source: string, at: number, end: number): number {
  if (source[at] !== '&') return 0;
  REFERENCE.lastIndex = at;
  const m = REFERENCE.exec(source);
  return m && at + m[0].length <= end ? m[0].length : 0;
}
