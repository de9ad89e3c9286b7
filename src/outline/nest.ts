// Entries → a nested draft tree. Levels come from the document: a class first met inside another
// nests under it, a class already open is a sibling of the open entry, a class that has held
// the open one before closes it, and markers split out of a line belong to that line's entry.
import type { Entry } from './entries.js';
import { MAX_NESTING_DEPTH } from '../safety/limits.js';

export interface Draft {
  readonly kind: 'numbered' | 'label' | 'text';
  readonly entry: Entry;
  readonly children: Draft[];
}

export interface NestInput {
  readonly entries: readonly Entry[];
  /** Which plain entries are label headings. */
  readonly isLabel: (index: number) => boolean;
  /** Which numbered entries are heading lines (short, no sentence inside). */
  readonly isHeading: (index: number) => boolean;
}

export interface Nested {
  readonly drafts: Draft[];
  /** The first entry that would have nested deeper than MAX_NESTING_DEPTH (kept at that depth), else null. */
  readonly tooDeep: Entry | null;
}

/** Classes that head a whole document when they appear: a page that began deeper started mid-document. */
const TOP_CLASSES = new Set(['formal', 'cjk', 'di-part', 'di-chapter']);

export function nest({ entries, isLabel, isHeading }: NestInput): Nested {
  const root: Draft[] = [];
  let tooDeep: Entry | null = null;
  const stack: Draft[] = [];
  const seen = new Set<string>();
  /** For each marker class, the classes met nested below it so far. */
  const below = new Map<string, Set<string>>();
  const noteNesting = (levelClass: string): void => {
    for (const d of stack) {
      const c = d.entry.marker?.levelClass;
      if (!c || c === levelClass) continue;
      let set = below.get(c);
      if (!set) below.set(c, (set = new Set()));
      set.add(levelClass);
    }
  };
  const top = (): Draft | undefined => stack[stack.length - 1];
  const childrenOfTop = (): Draft[] => top()?.children ?? root;
  const push = (d: Draft): void => {
    // past the limit an entry is a sibling of the deepest open one: the tree stays bounded, and
    // so does the work per entry below (the stack is walked for every entry)
    if (stack.length >= MAX_NESTING_DEPTH) {
      stack.length = MAX_NESTING_DEPTH - 1;
      tooDeep ??= d.entry;
    }
    childrenOfTop().push(d);
    stack.push(d);
  };
  const popTo = (levelClass: string): boolean => {
    const at = stack.findLastIndex((d) => d.kind === 'numbered' && d.entry.marker?.levelClass === levelClass);
    if (at < 0) return false;
    stack.length = at;
    return true;
  };
  let lineLead: Draft | null = null;

  entries.forEach((entry, i) => {
    if (!entry.marker) {
      if (entry.atLineStart && isLabel(i)) {
        const next = entries[i + 1];
        const nextClass = next?.marker?.levelClass;
        const openLabel = stack.findLastIndex((d) => d.kind === 'label');
        const previous = entries[i - 1];
        const headingAbove = previous?.marker != null && top()?.entry === previous && isHeading(i - 1);
        if (openLabel >= 0) {
          stack.length = openLabel; // a sibling of the open label (二月份: … 三月份:)
        } else if (headingAbove || (nextClass !== undefined && !seen.has(nextClass))) {
          // the first thing under a bare heading, or a label over a list of a new kind: nest here
        } else {
          // a label over a list met before, or over text: a new top-level group
          stack.length = 0;
        }
        const label: Draft = { kind: 'label', entry, children: [] };
        push(label);
        lineLead = label;
        return;
      }
      const text: Draft = { kind: 'text', entry, children: [] };
      childrenOfTop().push(text);
      if (entry.atLineStart) lineLead = text;
      return;
    }
    const levelClass = entry.marker.levelClass;
    const draft: Draft = { kind: 'numbered', entry, children: [] };
    const bottom = stack[0];
    if (!seen.has(levelClass) && TOP_CLASSES.has(levelClass) && bottom?.kind === 'numbered' && !TOP_CLASSES.has(bottom.entry.marker!.levelClass)) {
      stack.length = 0; // the page started mid-document, below this level
    }
    seen.add(levelClass);
    if (!entry.atLineStart && lineLead) {
      // split out of a line: a sibling of an open entry of its class, else a child of the line's entry
      const anchorAt = stack.lastIndexOf(lineLead);
      if (anchorAt >= 0) stack.length = anchorAt + 1;
      popTo(levelClass);
      noteNesting(levelClass);
      push(draft);
      return;
    }
    if (!popTo(levelClass)) {
      // close the open entries of classes that have been met nested below this one
      const inner = below.get(levelClass);
      while (top()?.kind === 'numbered' && inner?.has(top()!.entry.marker!.levelClass)) stack.pop();
    }
    noteNesting(levelClass);
    push(draft);
    lineLead = draft;
  });
  return { drafts: root, tooDeep };
}
