// Telling text from binary before parsing: known magic numbers, then NUL bytes in the first 8 KB.
// UTF-16 text has NULs too (ASCII characters, and CJK ones such as 一 U+4E00); it passes when,
// read as UTF-16, nearly all of it is ordinary text.

/** A binary type: a magic number's, or NUL bytes that are not UTF-16. */
export type BinaryKind = 'png' | 'jpeg' | 'gif' | 'pdf' | 'zip' | 'ole' | 'gzip' | 'bzip2' | 'xz' | '7z' | 'rar' | 'elf' | 'webp' | 'nul-bytes';

interface Magic {
  readonly bytes: readonly number[];
  readonly offset?: number;
  readonly kind: BinaryKind;
}

const MAGICS: readonly Magic[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: 'png' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'jpeg' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], kind: 'gif' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], kind: 'gif' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'pdf' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'zip' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'zip' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: 'ole' },
  { bytes: [0x1f, 0x8b], kind: 'gzip' },
  { bytes: [0x42, 0x5a, 0x68], kind: 'bzip2' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'xz' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: '7z' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], kind: 'rar' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'elf' },
  { bytes: [0x57, 0x45, 0x42, 0x50], offset: 8, kind: 'webp' },
];

export const SNIFF_BYTES = 8192;

const startsWith = (bytes: Uint8Array, magic: Magic): boolean => {
  const at = magic.offset ?? 0;
  if (bytes.length < at + magic.bytes.length) return false;
  return magic.bytes.every((b, i) => bytes[at + i] === b);
};

/** Share of code units that must be ordinary text for NUL-bearing bytes to pass as UTF-16. */
const UTF16_TEXT_SHARE = 0.9;

/** Code units of ordinary text: ASCII, Latin, punctuation, CJK, full-width forms, surrogates. */
function textUnit(u: number): boolean {
  if (u < 0x80) return u >= 0x20 ? u !== 0x7f : u === 9 || u === 10 || u === 13 || u === 12;
  return (u >= 0xa0 && u < 0x0530) || (u >= 0x2000 && u < 0x2700) || (u >= 0x3000 && u < 0xa000)
    || (u >= 0xd800 && u < 0xe000) || (u >= 0xf900 && u < 0xfb00) || (u >= 0xfe30 && u < 0xfe50) || (u >= 0xff00 && u < 0xfff0) || u === 0xfeff;
}

function utf16Share(bytes: Uint8Array, n: number, littleEndian: boolean): number {
  let good = 0;
  let units = 0;
  for (let i = 0; i + 1 < n; i += 2) {
    const u = littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    units++;
    if (textUnit(u)) good++;
  }
  return units === 0 ? 0 : good / units;
}

/**
 * What binary type the bytes are (its words: problem-words.ts), or null when they may be text. Looks at the first 8 KB only.
 * Bytes with NULs pass as UTF-16 when they carry a BOM, or when read as UTF-16 (either byte
 * order) nearly every code unit is ordinary text.
 */
export function sniffBinary(bytes: Uint8Array): BinaryKind | null {
  for (const magic of MAGICS) if (startsWith(bytes, magic)) return magic.kind;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return null;
  const n = Math.min(bytes.length, SNIFF_BYTES);
  if (bytes.subarray(0, n).indexOf(0) === -1) return null;
  if (utf16Share(bytes, n, true) >= UTF16_TEXT_SHARE || utf16Share(bytes, n, false) >= UTF16_TEXT_SHARE) return null;
  return 'nul-bytes';
}
