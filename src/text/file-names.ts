// File names as the system has them: bytes. A name that is not UTF-8 (GBK names are common on
// Chinese systems) is read as a string all the same, each byte that is not part of a UTF-8
// character standing as one lone surrogate U+DC80–U+DCFF (as Python's surrogateescape does). So
// every path operation (join, relative, comparing, a Set of paths) works on strings as before, and
// the same bytes are given back to the system at each file-system call (fsPath). A well-formed
// name never holds a lone surrogate, so the mapping is one to one.

/** The first and last code units that stand for a byte of a name that is not UTF-8. */
export const ESCAPED_BYTE_FIRST = 0xdc80;
export const ESCAPED_BYTE_LAST = 0xdcff;

/** A name (or path) read as bytes, as a string: UTF-8 characters as they are, other bytes escaped. */
export function nameFromBytes(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  if (!text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(bytes)) return text;
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const length = utf8Length(bytes, i);
    if (length === 0) {
      out += String.fromCharCode(0xdc00 + bytes[i]!);
      i++;
    } else {
      out += Buffer.from(bytes.buffer, bytes.byteOffset + i, length).toString('utf8');
      i += length;
    }
  }
  return out;
}

/** What to hand to the file system for a path: the string itself, or its bytes when it holds escaped ones. */
export function fsPath(path: string): string | Buffer {
  if (!holdsEscapedBytes(path)) return path;
  const parts: Buffer[] = [];
  for (const ch of path) {
    const unit = ch.charCodeAt(0);
    parts.push(ch.length === 1 && unit >= ESCAPED_BYTE_FIRST && unit <= ESCAPED_BYTE_LAST ? Buffer.of(unit - 0xdc00) : Buffer.from(ch, 'utf8'));
  }
  return Buffer.concat(parts);
}

/** A path the file system returned as bytes (readdir, realpath with encoding 'buffer'), as a string. */
export const pathFromFs = (path: string | Buffer): string => (typeof path === 'string' ? path : nameFromBytes(path));

/** Whether a path holds a byte that is not UTF-8 (a lone surrogate in the escaped range). */
export function holdsEscapedBytes(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const unit = path.charCodeAt(i);
    if (unit >= ESCAPED_BYTE_FIRST && unit <= ESCAPED_BYTE_LAST && !(i > 0 && isHigh(path.charCodeAt(i - 1)))) return true;
  }
  return false;
}

/** The path as well-formed text (for `source.path`): each escaped byte written `\xNN`. */
export function displayPath(path: string): string {
  if (!holdsEscapedBytes(path)) return path;
  let out = '';
  for (const ch of path) {
    const unit = ch.charCodeAt(0);
    out += ch.length === 1 && unit >= ESCAPED_BYTE_FIRST && unit <= ESCAPED_BYTE_LAST ? `\\x${(unit - 0xdc00).toString(16).toUpperCase()}` : ch;
  }
  return out;
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;

/** The length of the well-formed UTF-8 character at `i` (shortest form, no surrogate, at most U+10FFFF), else 0. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const second = b === 0xe0 ? cont(1, 0xa0) : b === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return second && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const second = b === 0xf0 ? cont(1, 0x90) : b === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return second && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}
