// Byte order marks.
import type { EncodingName } from '../types.js';

/** The encoding a byte order mark at the start announces, with the mark's length; null without one. */
export function readBom(bytes: Uint8Array): { readonly encoding: EncodingName; readonly length: number } | null {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', length: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Length of the mark that starts the bytes when they are decoded as `encoding` (0 when none). */
export function bomLength(bytes: Uint8Array, encoding: EncodingName): number {
  const bom = readBom(bytes);
  if (!bom) return 0;
  if (bom.encoding === 'utf-8-bom') return encoding === 'utf-8' || encoding === 'utf-8-bom' ? 3 : 0;
  return bom.encoding === encoding ? 2 : 0;
}
