// How the common-Han set in common-han.ts is made, from the two standards' own tables (through
// iconv-lite): GB 2312's level-1 hanzi (codes 0xB0A1–0xD7F9, the 3,755 most used simplified
// characters) and Big5's frequently used hanzi (0xA440–0xC67E, 5,401 traditional characters).
// Not used at run time; test/decode.test.ts checks the stored set against it.
import iconv from 'iconv-lite';
import { HAN_FIRST, HAN_LAST } from '../../src/decode/common-han.js';

/** The set as a bitmap over U+4E00..U+9FFF, bit (c - 0x4E00) of byte (c - 0x4E00) >> 3, low bit first. */
export function deriveCommonHanBitmap(): Uint8Array {
  const bitmap = new Uint8Array(((HAN_LAST - HAN_FIRST + 1) + 7) >> 3);
  const add = (text: string): void => {
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < HAN_FIRST || c > HAN_LAST) continue; // the five empty GB 2312 slots decode to private use
      bitmap[(c - HAN_FIRST) >> 3] |= 1 << ((c - HAN_FIRST) & 7);
    }
  };
  add(decodeCodes('gb18030', 0xb0a1, 0xd7fe, [[0xa1, 0xfe]]));
  add(decodeCodes('big5', 0xa440, 0xc67e, [[0x40, 0x7e], [0xa1, 0xfe]]));
  return bitmap;
}

/** The bitmap as the base64 string common-han.ts stores. */
export function deriveCommonHanBase64(): string {
  return Buffer.from(deriveCommonHanBitmap()).toString('base64');
}

/** Decode the double-byte codes from `first` to `last` whose second byte is in one of `trails`. */
function decodeCodes(encoding: string, first: number, last: number, trails: readonly [number, number][]): string {
  const bytes: number[] = [];
  for (let code = first; code <= last; code++) {
    const trail = code & 0xff;
    if (trails.some(([lo, hi]) => trail >= lo && trail <= hi)) bytes.push(code >> 8, trail);
  }
  return iconv.decode(Buffer.from(bytes), encoding);
}
