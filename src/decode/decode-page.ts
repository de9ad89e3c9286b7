// Stage 1's entry: a page's bytes (or a string) → its text and the encoding it was in. The one place
// that decides which encoding a page is read in: the one the caller forced, else the charset an HTML
// page's <meta> declares, else what detection finds in the bytes.
import type { EncodingName } from '../types.js';
import { decodeBytes, type Decoded } from './decode.js';
import { decodeString } from './string-input.js';
import { declaredCharset } from './meta-charset.js';

export interface PageDecodeOptions {
  /** Decode as this encoding instead of detecting it. */
  readonly encoding?: EncodingName;
  /** Whether the page may be HTML (its format unknown, or HTML): only then is a <meta> charset read. */
  readonly mayBeHtml: boolean;
  /** Whether a decoded text is an HTML page: a declared charset counts only for one. */
  readonly isHtml: (text: string) => boolean;
}

/**
 * Decode a page. A declared charset is trusted as if forced, except that a file scrapers joined from
 * parts may still be decoded by segments; when the text it gives turns out to be no HTML page, the
 * declaration is dropped and the bytes are decoded again as if it were absent (the one case of two
 * decodings: a <meta charset> in the first 4 KB of a page that is not HTML).
 */
export function decodePage(input: Uint8Array | string, options: PageDecodeOptions): Decoded {
  if (typeof input === 'string') return decodeString(input);
  const forced = options.encoding;
  const declared = forced === undefined && options.mayBeHtml ? declaredCharset(input) : null;
  const decoded = decodeBytes(input, forced ?? declared ?? undefined, { split: forced === undefined });
  if (declared !== null && !options.isHtml(decoded.text)) return decodeBytes(input, forced);
  return decoded;
}
