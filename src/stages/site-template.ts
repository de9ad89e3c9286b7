// Boilerplate no rule names: lines a site repeats on many pages of a batch (its header, footer,
// disclaimer). Found by counting, over the pages of a run, the pages each line stands on.
import { matchForm } from '../text/match-form.js';
import { startsWithMarker } from '../numbering/line-marker.js';
import { labelShape } from '../outline/labels.js';

export const TEMPLATE_RULE = 'site-template';

export interface TemplateOptions {
  /** A line must stand on at least this many pages… */
  readonly minPages?: number;
  /** …and on at least this share of them. */
  readonly minShare?: number;
}

/** The key a line is counted under: its trimmed matching form. */
export const templateKey = (line: string): string => matchForm(line).trim();

/** Lines that can never be template: numbered entries, heading words, very short lines. */
function canBeTemplate(key: string): boolean {
  if ([...key].length < 4) return false;
  if (startsWithMarker(key)) return false;
  return labelShape(key) !== 'lexicon';
}

/** Counts the pages each line stands on; add pages one by one, then ask for the template. */
export class TemplateCounter {
  private readonly pagesOfLine = new Map<string, number>();
  private pages = 0;

  addPage(text: string): void {
    this.pages++;
    const seen = new Set<string>();
    for (const line of text.split('\n')) {
      const key = templateKey(line);
      if (!key || seen.has(key) || !canBeTemplate(key)) continue;
      seen.add(key);
      this.pagesOfLine.set(key, (this.pagesOfLine.get(key) ?? 0) + 1);
    }
  }

  template({ minPages = 3, minShare = 0.3 }: TemplateOptions = {}): Set<string> {
    const needed = Math.max(minPages, Math.ceil(this.pages * minShare));
    const lines = new Set<string>();
    for (const [key, n] of this.pagesOfLine) if (n >= needed) lines.add(key);
    return lines;
  }
}
