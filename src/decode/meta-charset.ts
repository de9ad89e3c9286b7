// The charset an HTML page declares (<meta charset="gbk">, <meta http-equiv="Content-Type"
// content="text/html; charset=gb2312">), read from the raw bytes before decoding: the
// declaration is ASCII, so the first bytes are scanned as Latin-1.
import type { EncodingName } from '../types.js';
import { resolveEncodingName } from './decode.js';
import { readBom } from './bom.js';

const SCAN_BYTES = 4096;
const CHARSET_ATTRIBUTE = /\bcharset\s*=\s*["']?([A-Za-z0-9_.:-]+)/iu;

/**
 * The encoding the page's <meta> declares, when plan-parse decodes it; null otherwise. A BOM wins;
 * a page readable as ASCII that declares UTF-16 is UTF-8 (as browsers read it).
 */
export function declaredCharset(bytes: Uint8Array): EncodingName | null {
  if (readBom(bytes)) return null;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SCAN_BYTES)).toString('latin1');
  const name = charsetOfMetaTags(head);
  const encoding = name ? resolveEncodingName(name) : null;
  return encoding === 'utf-16le' || encoding === 'utf-16be' || encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

/** The charset named by the first <meta> tag that names one (charset=… or content="…; charset=…"). */
function charsetOfMetaTags(head: string): string | null {
  const lower = head.toLowerCase();
  for (let at = lower.indexOf('<meta'); at !== -1; at = lower.indexOf('<meta', at + 5)) {
    const close = lower.indexOf('>', at);
    const tag = head.slice(at, close === -1 ? head.length : close);
    const name = CHARSET_ATTRIBUTE.exec(tag)?.[1];
    if (name) return name;
  }
  return null;
}
