// Outline comparison in the way the gold scorer compares: markers without trailing punctuation,
// text by its first six letters, digits or Han characters (after NFKC), depth exact.
import type { RootNode } from '../../src/types.js';
import { outlineLines } from './tree.js';

const CIRCLED = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';

export function normMarker(marker: string): string {
  if (marker === '_') return '_';
  let s = marker.normalize('NFKC').replace(/\s+/gu, '');
  if (/^[—\-–─]{2,}$/u.test(s)) return '—';
  const i = CIRCLED.indexOf(s[0] ?? '');
  if (i >= 0) s = `(${i + 1})${s.slice(1)}`;
  return s.replace(/[、.,，:：．;；]+$/u, '');
}

export const key = (text: string, n = 6): string =>
  text.normalize('NFKC').replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, '').slice(0, n);

/** `# doc: …` lines keep the title's first eight letters; node lines become `DEPTH MARKER KEY`. */
export function comparable(lines: readonly string[]): string[] {
  return lines
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .map((l) => {
      if (l.startsWith('# doc:')) {
        const title = l.slice(6).trim();
        return `# doc: ${title === 'null' ? 'null' : key(title, 8)}`;
      }
      const m = /^(\d+) (\S+) ?(.*)$/u.exec(l.trim());
      if (!m) throw new Error(`bad outline line: ${l}`);
      return `${m[1]} ${normMarker(m[2] ?? '')} ${key(m[3] ?? '')}`;
    });
}

export function comparableTree(tree: RootNode): string[] {
  return comparable(outlineLines(tree, 40));
}
