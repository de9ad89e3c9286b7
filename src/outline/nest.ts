// Entries → a nested draft tree. Levels come from the document: a class first met inside another
// nests under it, a class already open is a sibling of the open entry, a class that has held
// the open one before closes it, and markers split out of a line belong to that line's entry.
import type { Entry } from './entries.js';

export interface Draft {
  readonly kind: 'numbered' | 'label' | 'text';
  readonly entry: Entry;
  readonly children: Draft[];
}

export interface NestInput {
  readonly entries: readonly Entry[];
  /** Which plain entries are label headings. */
  readonly isLabel: (index: number) => boolean;
}

export function nest({ entries, isLabel }: NestInput): Draft[] {
  const root: Draft[] = [];
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
        if (nextClass !== undefined && !seen.has(nextClass)) {
          while (top()?.kind === 'label') stack.pop();
        } else {
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
  return root;
}
