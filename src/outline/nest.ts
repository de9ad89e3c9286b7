// Entries → a nested draft tree: the level of every entry decided from the evidence of the whole
// document (docs/outline.md says what each rule weighs):
// - decimal numbers nest by their component count (1 > 1.1 > 1.1.1), whatever stands between;
// - a class of markers already open is a sibling of the open entry (sibling continuity), and a class
//   met before closes the classes that were met nested below it (rank by first appearance);
// - a class met for the first time nests under the open entry;
// - a label heading sits below the heading it follows, or beside the open label of its kind, and
//   never above a class open before it: a label between 一、 and 二、 cannot hold 二、;
// - markers split out of a line belong to that line's entry.
import type { Entry } from './entries.js';
import type { LabelKind } from '../wording/label-words.js';
import { MAX_NESTING_DEPTH } from '../limits.js';

export interface Draft {
  readonly kind: 'numbered' | 'label' | 'text';
  readonly entry: Entry;
  readonly children: Draft[];
}

export interface NestInput {
  readonly entries: readonly Entry[];
  /** The label kind of the plain entries that are label headings, else null. */
  readonly labelOf: (index: number) => LabelKind | null;
  /** Which numbered entries are heading lines (short, no sentence inside). */
  readonly isHeading: (index: number) => boolean;
  /** Which entries end as a finished statement (…。 …；): an item, not a heading, whatever its length. */
  readonly endsStatement: (index: number) => boolean;
  /** Which entries stand in a table of contents or a flattened table: text, whatever they start with. */
  readonly inert?: (index: number) => boolean;
}

export interface Nested {
  readonly drafts: Draft[];
  /** The first entry that would have nested deeper than MAX_NESTING_DEPTH (kept at that depth), else null. */
  readonly tooDeep: Entry | null;
}

/** Classes that head a whole document when they appear: a page that began deeper started mid-document. */
const TOP_CLASSES = new Set(['formal', 'cjk', 'di-part', 'di-chapter', 'section-sign']);

/**
 * Labels of one group stand beside each other: a period beside periods (二月份: 三月份:), an ordinal
 * label beside its kin (献礼一： 献礼二：), named headings (主要目标: 重点工作: 指导思想) beside named ones.
 */
const labelGroup = (kind: LabelKind): string => (kind === 'period' || kind === 'ordinal' ? kind : 'named');

/** The decimal depth of a class (`decimal-3` → 3), or 0 for other classes. */
const decimalDepth = (levelClass: string): number => (levelClass.startsWith('decimal-') ? Number(levelClass.slice(8)) : 0);

interface OpenDraft extends Draft {
  /** For labels: the label kind. */
  readonly labelKind: LabelKind | null;
  /** The entry's index. */
  readonly index: number;
}

export function nest({ entries, labelOf, isHeading, endsStatement, inert }: NestInput): Nested {
  const root: Draft[] = [];
  let tooDeep: Entry | null = null;
  const stack: OpenDraft[] = [];
  /** Order in which classes were first met. */
  const firstSeen = new Map<string, number>();
  let firstDecimal = Infinity;
  /** For each marker class, the classes met nested below it so far. */
  const below = new Map<string, Set<string>>();
  const classOf = (d: Draft | undefined): string | undefined => (d?.kind === 'numbered' ? d.entry.marker?.levelClass : undefined);
  const noteNesting = (levelClass: string): void => {
    for (const d of stack) {
      const c = classOf(d);
      if (!c || c === levelClass) continue;
      let set = below.get(c);
      if (!set) below.set(c, (set = new Set()));
      set.add(levelClass);
    }
  };
  const top = (): OpenDraft | undefined => stack[stack.length - 1];
  const childrenOfTop = (): Draft[] => top()?.children ?? root;
  const push = (d: OpenDraft): void => {
    // past the limit an entry is a sibling of the deepest open one: the tree stays bounded, and
    // so does the work per entry below (the stack is walked for every entry)
    if (stack.length >= MAX_NESTING_DEPTH) {
      stack.length = MAX_NESTING_DEPTH - 1;
      tooDeep ??= d.entry;
    }
    childrenOfTop().push(d);
    stack.push(d);
  };
  const lastOpen = (test: (d: OpenDraft) => boolean): number => stack.findLastIndex(test);
  let lineLead: Draft | null = null;

  const placeLabel = (entry: Entry, i: number, kind: LabelKind): void => {
    const sameKind = lastOpen((d) => d.kind === 'label' && d.labelKind !== null && labelGroup(d.labelKind) === labelGroup(kind));
    const t = top();
    const rightBelowLabel = t?.kind === 'label' && t.index === i - 1 && t.labelKind !== null && labelGroup(t.labelKind) === 'named' && labelGroup(kind) === 'named';
    if (entry.headingLevel !== null) {
      closeForHeading(entry.headingLevel);
    } else if (kind === 'part') {
      stack.length = 0; // a part of a paper (前言, 参考文献) stands at the top
    } else if (rightBelowLabel) {
      // a named label with nothing under it but another one (技术架构规划： 外网存取层：) heads it
    } else if (sameKind >= 0) {
      stack.length = sameKind; // a sibling of the open label of its kind (二月份: … 三月份:)
    } else if (top()?.kind !== 'label') {
      // below the heading it follows; but a schedule or a table after the heading's own numbered list
      // (… 3. 教育科研活动表; … 5、 二月份: 1、) is a part of its own, at the top
      let afterList = false;
      while (top()?.kind === 'numbered' && !holdsLabels(top()!.index)) {
        stack.pop();
        afterList = true;
      }
      const heading = top();
      if ((kind === 'period' || kind === 'table') && heading?.kind === 'numbered' && (afterList || heading.children.some((c) => c.kind === 'numbered'))) stack.length = 0;
    }
    // else: a label of another kind under a label (献礼二：… 活动说明：) is its sub-heading
    const label: OpenDraft = { kind: 'label', entry, children: [], labelKind: kind, index: i };
    push(label);
    lineLead = label;
  };

  const placeNumbered = (entry: Entry, i: number, levelClass: string): void => {
    const draft: OpenDraft = { kind: 'numbered', entry, children: [], labelKind: null, index: i };
    const bottom = stack[0];
    if (!firstSeen.has(levelClass) && TOP_CLASSES.has(levelClass) && bottom?.kind === 'numbered' && !TOP_CLASSES.has(classOf(bottom)!)) {
      stack.length = 0; // the page started mid-document, below this level
    }
    if (!firstSeen.has(levelClass)) firstSeen.set(levelClass, firstSeen.size);
    // a preface, an abstract or a note (前言, 摘要, 注：) holds text only: numbering closes it
    while (top()?.kind === 'label' && (top()!.labelKind === 'standalone' || top()!.labelKind === 'part')) stack.pop();
    const depth = decimalDepth(levelClass);
    if (depth > 0) firstDecimal = Math.min(firstDecimal, firstSeen.get(levelClass)!);
    if (!entry.atLineStart && lineLead) {
      // split out of a line: a sibling of an open entry of its class, else a child of the line's entry
      const anchorAt = stack.lastIndexOf(lineLead as OpenDraft);
      if (anchorAt >= 0) stack.length = anchorAt + 1;
      const at = lastOpen((d) => classOf(d) === levelClass);
      if (at >= 0) stack.length = at;
      noteNesting(levelClass);
      push(draft);
      return;
    }
    const openOfClass = lastOpen((d) => classOf(d) === levelClass);
    if (entry.headingLevel !== null && openOfClass < 0) {
      closeForHeading(entry.headingLevel);
    } else if (entry.headingLevel !== null) {
      stack.length = openOfClass; // sibling continuity outweighs a format level that breaks it
    } else if (depth > 0) {
      // a decimal nests under the nearest open decimal with fewer components, or under an open entry
      // of a class ranked above every decimal (一、 over 1.1); everything else open closes
      const parent = lastOpen((d) => {
        const c = classOf(d);
        if (c === undefined) return false;
        const k = decimalDepth(c);
        return k > 0 ? k < depth : (firstSeen.get(c) ?? Infinity) < firstDecimal;
      });
      stack.length = parent + 1;
    } else {
      const open = lastOpen((d) => classOf(d) === levelClass);
      if (open >= 0) {
        stack.length = open;
      } else {
        // close the open entries of classes that have been met nested below this one, and the labels
        // standing among them
        const inner = below.get(levelClass);
        while (top() && ((classOf(top()) !== undefined && inner?.has(classOf(top())!)) || (top()!.kind === 'label' && closesLabel(levelClass)))) stack.pop();
      }
    }
    noteNesting(levelClass);
    push(draft);
    lineLead = draft;
  };

  /**
   * A heading of the source format (Markdown `###`, HTML `<h3>`) nests under the nearest open heading
   * of a smaller level; everything else open closes before it.
   */
  const closeForHeading = (level: number): void => {
    while (top() && (top()!.entry.headingLevel === null || top()!.entry.headingLevel! >= level)) stack.pop();
  };

  /** A numbered entry a label can stand under: a heading line that is not a finished statement (…。). */
  const holdsLabels = (index: number): boolean => isHeading(index) && !endsStatement(index);

  /** A label open on top closes before a class that was met outside it (ranked above the label's content). */
  const closesLabel = (levelClass: string): boolean => {
    const labelAt = stack.length - 1;
    const inside = stack.slice(0, labelAt).some((d) => classOf(d) === levelClass);
    if (inside) return true;
    const innerOfLabel = below.get(levelClass);
    const labelChildren = stack[labelAt]?.children ?? [];
    return labelChildren.some((c) => c.kind === 'numbered' && innerOfLabel?.has(classOf(c)!) === true);
  };

  entries.forEach((entry, i) => {
    const isInert = inert?.(i) === true;
    if (!entry.marker || isInert) {
      const kind = entry.marker || isInert ? null : labelOf(i);
      if (entry.atLineStart && kind !== null) {
        placeLabel(entry, i, kind);
        return;
      }
      const text: Draft = { kind: 'text', entry: entry.marker ? { ...entry, marker: null, textStart: entry.start } : entry, children: [] };
      childrenOfTop().push(text);
      if (entry.atLineStart) lineLead = text;
      return;
    }
    placeNumbered(entry, i, entry.marker.levelClass);
  });
  return { drafts: root, tooDeep };
}
