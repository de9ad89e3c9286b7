// Where each character of a parsed value stands in its source slice. Parsers hand back text
// with escapes, entities and indentation resolved; the value's characters are found in order in
// the slice, skipping what the parser took out. A character reference (&amp; &#x4e00;) gives the
// character it stands for the reference's offset, unless the value is raw source (an HTML block of
// a Markdown page), where `&amp;` stands for itself. Parsers replace NUL with U+FFFD and turn CR
// into LF: a U+FFFD of the value matches a NUL of the source, a LF a CR.

/** How far ahead a character is looked for first: longer than any escape or indentation run. */
const LOOKAHEAD = 48;
/**
 * A character not found that near is looked for up to the end of the slice (a comment or a table
 * can stand inside one text node of HTML: parse5 merges the text it moves out of a <table>), within
 * a budget of scanned characters in proportion to the slice, so that the work stays linear.
 */
const FAR_BUDGET_PER_CHAR = 4;
/** A character reference as Markdown reads one: always closed by `;`. */
const REFERENCE = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
/**
 * As HTML reads one: a numeric reference needs no `;` (`&#x4E00` followed by text is 一), nor do
 * the common legacy names (`&amp`, `&nbsp`…), tried after a name closed by `;`.
 */
const HTML_REFERENCE = /&(?:#\d{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};|amp|lt|gt|quot|nbsp|copy|reg|AMP|LT|GT|QUOT|COPY|REG)/y;

/**
 * origins[i] is the offset in `source` of value[i]; `start`/`end` bound the value's slice.
 * `references: false` for a raw value, whose character references were not decoded;
 * `backslashEscapes`: Markdown, where `\&amp;` is the text `&amp;` and no reference.
 */
export function alignValue(value: string, source: string, start: number, end: number, references = true, backslashEscapes = false): number[] {
  const origins = new Array<number>(value.length);
  const last = Math.max(start, end - 1);
  let budget = FAR_BUDGET_PER_CHAR * Math.max(0, end - start) + 1024;
  let at = start;
  /** The first offset in [at, limit) that holds ch (and the length it takes there), else [-1, 0]. */
  const find = (ch: string, limit: number): [number, number] => {
    for (let k = at; k < limit; k++) {
      let reference = references ? referenceLength(source, k, end, backslashEscapes ? REFERENCE : HTML_REFERENCE) : 0;
      if (reference > 0 && backslashEscapes && isEscaped(source, k, start)) reference = 0;
      if (reference > 0) {
        // a reference the parser decoded: it is this character, or text the value does not hold here
        if (referenceMatches(source.slice(k, k + reference), ch)) return [k, reference];
        k += reference - 1;
        continue;
      }
      const c = source[k];
      if (c === ch || (ch === '\uFFFD' && c === '\0') || (ch === '\n' && c === '\r')) return [k, 1];
      // a tab the parser expanded into spaces (indented code): each space stands at the tab, which
      // the next one may take too, so that no space is matched past the characters after the tab
      if (ch === ' ' && c === '\t') return [k, 0];
    }
    return [-1, 0];
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const near = Math.min(end, at + LOOKAHEAD);
    let [found, length] = find(ch, near);
    if (found < 0 && near < end && budget > 0) {
      const far = Math.min(end, near + budget);
      [found, length] = find(ch, far);
      budget -= (found >= 0 ? found : far) - at;
    }
    if (found >= 0) {
      origins[i] = found;
      at = found + length;
      // a reference to a character outside the BMP decodes to two code units
      if (length > 1 && isHighSurrogate(ch) && i + 1 < value.length) origins[++i] = found;
    } else {
      origins[i] = Math.min(at, last);
    }
  }
  return origins;
}

/** Whether the character at `at` follows an odd run of backslashes (from `from` on). */
function isEscaped(source: string, at: number, from: number): boolean {
  let k = at;
  while (k > from && source[k - 1] === '\\') k--;
  return (at - k) % 2 === 1;
}

const isHighSurrogate = (ch: string): boolean => ch >= '\uD800' && ch <= '\uDBFF';

function referenceLength(source: string, at: number, end: number, pattern: RegExp): number {
  if (source[at] !== '&') return 0;
  pattern.lastIndex = at;
  const m = pattern.exec(source);
  return m && at + m[0].length <= end ? m[0].length : 0;
}

/**
 * Whether a reference can be the value's character: a numeric one is decoded (numbers HTML maps
 * elsewhere, 0 and the C1 range, match anything); a named one never stands for an ASCII letter or digit.
 */
function referenceMatches(reference: string, ch: string): boolean {
  if (reference[1] !== '#') return !/[A-Za-z0-9]/u.test(ch);
  const hex = reference[2] === 'x' || reference[2] === 'X';
  const n = Number.parseInt(reference.slice(hex ? 3 : 2).replace(';', ''), hex ? 16 : 10);
  if (n === 0 || (n >= 0x80 && n <= 0x9f) || (n >= 0xd800 && n <= 0xdfff) || n > 0x10ffff) return true;
  return String.fromCodePoint(n)[0] === ch;
}
