// A string input: already text, but it may hold lone surrogates (from a broken JSON record, say).
// Each becomes U+FFFD, one code unit for one, so positions stay, and each is reported.
import type { Decoded, DecodeIssue } from './decode.js';

export function decodeString(text: string): Decoded {
  const issues: DecodeIssue[] = [];
  {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const high = c >= 0xd800 && c <= 0xdbff;
      const low = c >= 0xdc00 && c <= 0xdfff;
      if (high) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
      }
      if (high || low) issues.push({ code: 'invalid-utf16', args: { codeUnit: c }, byteOffset: null, textOffset: i });
    }
  }
  if (issues.length === 0) return { text, encoding: 'utf-8', confidence: 1, issues };
  const units = text.split('');
  for (const issue of issues) units[issue.textOffset] = '\uFFFD';
  return { text: units.join(''), encoding: 'utf-8', confidence: 1, issues };
}
