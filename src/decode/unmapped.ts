// Well-formed sequences that still decode to U+FFFD: codes the encoding's table leaves empty, and
// a U+FFFD the input already contained. Found so each gets an issue with its byte offset.
import iconv from 'iconv-lite';
import type { EncodingName } from '../types.js';
import { sequenceLengthAt, type ByteRun } from './byte-validity.js';

/**
 * The sequences in [from, to) (a stretch of well-formed bytes) that decode to U+FFFD. A Big5
 * code left empty whose second byte is ASCII takes only its first byte: the decoder reads the
 * ASCII byte again as itself.
 */
export function findReplacedSequences(bytes: Uint8Array, from: number, to: number, encoding: EncodingName): ByteRun[] {
  const runs: ByteRun[] = [];
  let i = from;
  while (i < to) {
    const n = Math.max(1, sequenceLengthAt(bytes, i, encoding));
    if (n > 1 && decodesToReplacement(bytes, i, n, encoding)) {
      const end = encoding === 'big5' && n === 2 && bytes[i + 1] < 0x80 ? i + 1 : i + n;
      runs.push({ start: i, end });
      i = end;
    } else {
      i += n;
    }
  }
  return runs;
}

function decodesToReplacement(bytes: Uint8Array, i: number, n: number, encoding: EncodingName): boolean {
  switch (encoding) {
    case 'utf-8': case 'utf-8-bom': return n === 3 && bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd;
    case 'utf-16le': return n === 2 && bytes[i] === 0xfd && bytes[i + 1] === 0xff;
    case 'utf-16be': return n === 2 && bytes[i] === 0xff && bytes[i + 1] === 0xfd;
    case 'gb18030': case 'big5':
      if (n === 2) return replacedPairs(encoding)[(bytes[i] << 8) | bytes[i + 1]] === 1;
      return iconv.decode(Buffer.from(bytes.subarray(i, i + n)), encoding).startsWith('\uFFFD');
  }
}

const pairTables = new Map<string, Uint8Array>();

/** Double-byte codes (lead << 8 | trail) that decode to U+FFFD, from one pass over all of them. */
function replacedPairs(encoding: 'gb18030' | 'big5'): Uint8Array {
  let table = pairTables.get(encoding);
  if (table) return table;
  table = new Uint8Array(0x10000);
  const codes: number[] = [];
  const bytes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const code = (lead << 8) | trail;
      if (sequenceLengthAt(Uint8Array.of(lead, trail), 0, encoding) !== 2) continue;
      codes.push(code);
      bytes.push(lead, trail, 0x0a);
    }
  }
  const parts = iconv.decode(Buffer.from(bytes), encoding).split('\n');
  codes.forEach((code, k) => { if ((parts[k] ?? '').startsWith('\uFFFD')) table![code] = 1; });
  pairTables.set(encoding, table);
  return table;
}
