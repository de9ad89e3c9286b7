// Boilerplate no rule names: lines a site repeats on many pages of a batch (its header, footer,
// disclaimer). Found by counting, over pages sampled from a run, the pages each line stands on;
// copies of one plan count once, so that a plan republished many times (范文 sites do, and a
// scraped folder often holds many copies of one page) does not make its own lines look like template.
import { matchForm } from '../text/match-form.js';
import { startsWithMarker } from '../numbering/line-marker.js';
import { labelShape } from '../wording/label-words.js';

export const TEMPLATE_RULE = 'site-template';

export interface TemplateOptions {
  /** A line must stand on pages of at least this many distinct plans… */
  readonly minPages?: number;
  /** …and on at least this share of the distinct plans sampled. */
  readonly minShare?: number;
}

/** What a page contributes to the count: small, plain data (it crosses from a worker thread). */
export interface PageSample {
  /** The keys of the lines that can be template, each once. */
  readonly keys: readonly string[];
  /** Hashes of the page's content lines: two pages sharing half of them are copies of one plan. */
  readonly content: readonly number[];
}

/** The key a line is counted under: its trimmed matching form. */
export const templateKey = (line: string): string => matchForm(line).trim();

/** Lines that can never be template: numbered entries, heading words, very short lines. */
export function canBeTemplate(key: string): boolean {
  if (key.length < 4 || (key.length < 8 && [...key].length < 4)) return false; // four characters, astral ones counted once
  if (startsWithMarker(key)) return false;
  return labelShape(key) !== 'lexicon';
}

/** Content lines are at least this long: shorter numbered lines (一、指导思想) are shared by many plans. */
const CONTENT_MIN_LENGTH = 10;
/** A page with fewer numbered content lines than this is told apart by all its long lines instead. */
const MIN_NUMBERED_CONTENT = 3;
/** Two pages sharing this share of the smaller one's content lines are copies of one plan. */
const SAME_PLAN_OVERLAP = 0.5;

/**
 * The page's sample. Its content lines are its numbered lines of some length (a plan's own
 * entries, which copies of it share and other plans do not), or, on a page with few of them,
 * every line of that length.
 */
export function samplePage(text: string): PageSample {
  const keys = new Set<string>();
  const numbered = new Set<number>();
  const long = new Set<number>();
  for (const line of text.split('\n')) {
    const key = templateKey(line);
    if (!key) continue;
    if (key.length >= CONTENT_MIN_LENGTH) {
      const hash = hashOf(key);
      long.add(hash);
      if (startsWithMarker(key)) numbered.add(hash);
    }
    if (!keys.has(key) && canBeTemplate(key)) keys.add(key);
  }
  return { keys: [...keys], content: [...(numbered.size >= MIN_NUMBERED_CONTENT ? numbered : long)] };
}

/** A 32-bit FNV-1a hash of a line (content lines are compared, never shown). */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Counts the distinct plans each line stands on: add pages (or their samples) one by one, then ask
 * for the template. Pages whose content lines overlap by half or more are one plan (a copy, a
 * truncated copy, one re-encoded with a few characters lost); a line is template when it stands on
 * pages of at least max(minPages, minShare × plans) distinct plans.
 */
export class TemplateCounter {
  private readonly samples: PageSample[] = [];

  addPage(text: string): void {
    this.addSample(samplePage(text));
  }

  addSample(sample: PageSample): void {
    this.samples.push(sample);
  }

  /** Pages added so far. */
  get pages(): number {
    return this.samples.length;
  }

  /** The number of distinct plans among the pages, and the plan of each page. */
  plans(): { count: number; planOf: number[] } {
    const n = this.samples.length;
    const parent = Array.from({ length: n }, (_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
      return i;
    };
    const sets = this.samples.map((s) => new Set(s.content));
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        if (find(a) === find(b)) continue;
        if (sameplan(sets[a]!, sets[b]!)) parent[find(b)] = find(a);
      }
    }
    const ids = new Map<number, number>();
    const planOf = parent.map((_, i) => {
      const root = find(i);
      let id = ids.get(root);
      if (id === undefined) ids.set(root, (id = ids.size));
      return id;
    });
    return { count: ids.size, planOf };
  }

  /** For each of these lines (template keys), how many of the pages added hold it. */
  pagesHolding(lines: Iterable<string>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const line of lines) counts.set(line, 0);
    for (const sample of this.samples) {
      for (const key of new Set(sample.keys)) {
        const n = counts.get(key);
        if (n !== undefined) counts.set(key, n + 1);
      }
    }
    return counts;
  }

  template({ minPages = 3, minShare = 0.3 }: TemplateOptions = {}): Set<string> {
    const { count, planOf } = this.plans();
    const needed = Math.max(minPages, Math.ceil(count * minShare));
    const lines = new Set<string>();
    if (count < needed) return lines;
    const plansOfLine = new Map<string, Set<number>>();
    this.samples.forEach((sample, i) => {
      for (const key of sample.keys) {
        let plans = plansOfLine.get(key);
        if (!plans) plansOfLine.set(key, (plans = new Set()));
        plans.add(planOf[i]!);
      }
    });
    for (const [key, plans] of plansOfLine) if (plans.size >= needed) lines.add(key);
    return lines;
  }
}

function sameplan(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return false;
  let shared = 0;
  for (const h of small) if (large.has(h)) shared++;
  return shared >= small.size * SAME_PLAN_OVERLAP;
}
