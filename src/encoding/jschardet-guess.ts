// jschardet, loaded on first use only (its import and first detection cost a few hundred
// milliseconds), with its answer mapped onto the encodings plan-parse decodes.
import { createRequire } from 'node:module';
import type { EncodingName } from '../types.js';

interface Jschardet {
  detect(bytes: Uint8Array, options?: { detectEncodings?: string[] }): { encoding: string | null; confidence: number };
}

let lib: Jschardet | null = null;

export interface JschardetGuess {
  /** Null when jschardet named no encoding, or one plan-parse does not decode. */
  readonly encoding: EncodingName | null;
  readonly confidence: number;
  /** jschardet's own name for it. */
  readonly name: string | null;
}

/** Ask jschardet, optionally only about the encodings named (jschardet's spelling, e.g. `big5hkscs`). */
export function jschardetGuess(bytes: Uint8Array, restrictTo?: readonly string[]): JschardetGuess {
  lib ??= createRequire(import.meta.url)('jschardet') as Jschardet;
  const result = lib.detect(bytes, restrictTo ? { detectEncodings: [...restrictTo] } : {});
  return { encoding: fromJschardetName(result.encoding, bytes), confidence: result.confidence, name: result.encoding };
}

/** Our name for a jschardet name; `ascii` is UTF-8 and `utf-16` takes its byte order from the BOM. */
export function fromJschardetName(name: string | null, bytes: Uint8Array): EncodingName | null {
  switch ((name ?? '').toLowerCase().replace(/_/g, '-')) {
    case 'ascii': case 'utf-8': return 'utf-8';
    case 'utf-8-sig': return 'utf-8-bom';
    case 'utf-16le': case 'utf-16-le': return 'utf-16le';
    case 'utf-16be': case 'utf-16-be': return 'utf-16be';
    case 'utf-16': return bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-16le';
    case 'gb2312': case 'gbk': case 'gb18030': case 'cp936': return 'gb18030';
    case 'big5': case 'big5hkscs': case 'big5-hkscs': case 'cp950': return 'big5';
    default: return null;
  }
}
