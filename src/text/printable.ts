// Text made safe to print on one line of a terminal: a file name may hold a line break or an
// escape character, and printed raw it would forge a line of its own (`error …`) or colour the
// terminal. Every message that names a file goes through `printable`.
import { ESCAPED_BYTE_FIRST, ESCAPED_BYTE_LAST } from './file-names.js';

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Control characters (C0, DEL, C1), line and paragraph separators, bidirectional overrides and
 * lone surrogates written as escapes: `\n`, `\x1B`, `\u{2028}`; a byte of a name that is not UTF-8
 * (see fs-names.ts) as `\xNN`.
 */
export function printable(text: string): string {
  // the usual case: nothing to escape
  if (!UNPRINTABLE.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (!UNPRINTABLE_ONE.test(ch)) out += ch;
    else if (NAMED[ch]) out += NAMED[ch];
    else if (code >= ESCAPED_BYTE_FIRST && code <= ESCAPED_BYTE_LAST) out += `\\x${(code - 0xdc00).toString(16).toUpperCase()}`;
    else if (code <= 0xff) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += `\\u{${code.toString(16).toUpperCase()}}`;
  }
  return out;
}

const UNPRINTABLE_CLASS = '[\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF]';
const UNPRINTABLE = new RegExp(UNPRINTABLE_CLASS, 'u');
/** One character (a code point: a surrogate pair is one, and printable) that is not. */
const UNPRINTABLE_ONE = new RegExp(`^${UNPRINTABLE_CLASS}$`, 'u');
