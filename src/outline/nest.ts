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
  /** NO_CHILDREN (one array for every draft without children) or the draft's own children. */
  readonly children: Draft[];
}

/**
 * The children of every draft that has none, frozen: a draft gets an array of its own with its
 * first child. Most drafts of a long page are leaves, and an empty array each is 32 bytes a line.
 */
export const NO_CHILDREN: Draft[] = Object.freeze([]) as unknown as Draft[];

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
  children: Draft[];
  /** For labels: the label kind. */
  readonly labelKind: LabelKind | null;
  /** The entry's index. */
  readonly index: number;
}

export function nest(input: NestInput): Nested {
  const tree = new DraftTree(input);
  input.entries.forEach((entry, i) => tree.place(entry, i));
  return { drafts: tree.root, tooDeep: tree.tooDeep };
}

/** The draft tree as it grows, entry by entry: the open entries (a stack) and what was learnt so far. */
class DraftTree {
  readonly root: Draft[] = [];
  tooDeep: Entry | null = null;
  private readonly stack: OpenDraft[] = [];
  /** Order in which classes were first met. */
  private readonly firstSeen = new Map<string, number>();
  private firstDecimal = Infinity;
  /** For each marker class, the classes met nested below it so far. */
  private readonly below = new Map<string, Set<string>>();
  /** The entry that opened the current line, which markers split out of the line belong to. */
  private lineLead: Draft | null = null;

  constructor(private readonly input: NestInput) {}

  place(entry: Entry, i: number): void {
    const isInert = this.input.inert?.(i) === true;
    if (entry.marker && !isInert) {
      this.placeNumbered(entry, i, entry.marker.levelClass);
      return;
    }
    const kind = entry.marker || isInert ? null : this.input.labelOf(i);
    if (entry.atLineStart && kind !== null) {
      this.placeLabel(entry, i, kind);
      return;
    }
    const text: Draft = { kind: 'text', entry: entry.marker ? { ...entry, marker: null, textStart: entry.start } : entry, children: NO_CHILDREN };
    this.adopt(text);
    if (entry.atLineStart) this.lineLead = text;
  }

  private top(): OpenDraft | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Make `d` the last child of the open entry (or of the root). */
  private adopt(d: Draft): void {
    const parent = this.top();
    if (parent === undefined) this.root.push(d);
    else if (parent.children === NO_CHILDREN) parent.children = [d];
    else parent.children.push(d);
  }

  private lastOpen(test: (d: OpenDraft) => boolean): number {
    return this.stack.findLastIndex(test);
  }

  private push(d: OpenDraft): void {
    // past the limit an entry is a sibling of the deepest open one: the tree stays bounded, and
    // so does the work per entry below (the stack is walked for every entry)
    if (this.stack.length >= MAX_NESTING_DEPTH) {
      this.stack.length = MAX_NESTING_DEPTH - 1;
      this.tooDeep ??= d.entry;
    }
    this.adopt(d);
    this.stack.push(d);
  }

  /** Record that `levelClass` was met nested below every open numbered class. */
  private noteNesting(levelClass: string): void {
    for (const d of this.stack) {
      const c = classOf(d);
      if (!c || c === levelClass) continue;
      let set = this.below.get(c);
      if (!set) this.below.set(c, (set = new Set()));
      set.add(levelClass);
    }
  }

  private placeLabel(entry: Entry, i: number, kind: LabelKind): void {
    const stack = this.stack;
    const sameKind = this.lastOpen((d) => d.kind === 'label' && d.labelKind !== null && labelGroup(d.labelKind) === labelGroup(kind));
    const t = this.top();
    const rightBelowLabel = t?.kind === 'label' && t.index === i - 1 && t.labelKind !== null && labelGroup(t.labelKind) === 'named' && labelGroup(kind) === 'named';
    if (entry.headingLevel !== null) {
      this.closeForHeading(entry.headingLevel);
    } else if (kind === 'part') {
      stack.length = 0; // a part of a paper (前言, 参考文献) stands at the top
    } else if (rightBelowLabel) {
      // a named label with nothing under it but another one (技术架构规划： 外网存取层：) heads it
    } else if (sameKind >= 0) {
      stack.length = sameKind; // a sibling of the open label of its kind (二月份: … 三月份:)
    } else if (this.top()?.kind !== 'label') {
      this.closeForLabelBelowHeading(kind);
    }
    // else: a label of another kind under a label (献礼二：… 活动说明：) is its sub-heading
    const label: OpenDraft = { kind: 'label', entry, children: NO_CHILDREN, labelKind: kind, index: i };
    this.push(label);
    this.lineLead = label;
  }

  /**
   * A label below the heading it follows; but a schedule or a table after the heading's own numbered
   * list (… 3. 教育科研活动表; … 5、 二月份: 1、) is a part of its own, at the top.
   */
  private closeForLabelBelowHeading(kind: LabelKind): void {
    let afterList = false;
    while (this.top()?.kind === 'numbered' && !this.holdsLabels(this.top()!.index)) {
      this.stack.pop();
      afterList = true;
    }
    const heading = this.top();
    if ((kind === 'period' || kind === 'table') && heading?.kind === 'numbered' && (afterList || heading.children.some((c) => c.kind === 'numbered'))) this.stack.length = 0;
  }

  private placeNumbered(entry: Entry, i: number, levelClass: string): void {
    const stack = this.stack;
    const draft: OpenDraft = { kind: 'numbered', entry, children: NO_CHILDREN, labelKind: null, index: i };
    const bottom = stack[0];
    if (!this.firstSeen.has(levelClass) && TOP_CLASSES.has(levelClass) && bottom?.kind === 'numbered' && !TOP_CLASSES.has(classOf(bottom)!)) {
      stack.length = 0; // the page started mid-document, below this level
    }
    if (!this.firstSeen.has(levelClass)) this.firstSeen.set(levelClass, this.firstSeen.size);
    // a preface, an abstract or a note (前言, 摘要, 注：) holds text only: numbering closes it
    while (this.top()?.kind === 'label' && (this.top()!.labelKind === 'standalone' || this.top()!.labelKind === 'part')) stack.pop();
    const depth = decimalDepth(levelClass);
    if (depth > 0) this.firstDecimal = Math.min(this.firstDecimal, this.firstSeen.get(levelClass)!);
    if (!entry.atLineStart && this.lineLead) {
      // split out of a line: a sibling of an open entry of its class, else a child of the line's entry or
      // of a member split out before it (一、…。（一）…：（1）…；（2）…。（二）… on one flattened line), after
      // the members of classes met nested below its own
      const anchorAt = stack.lastIndexOf(this.lineLead as OpenDraft);
      const at = this.lastOpen((d) => classOf(d) === levelClass);
      if (at >= 0) stack.length = at;
      else if (anchorAt >= 0) {
        const inner = this.below.get(levelClass);
        while (stack.length > anchorAt + 1 && inner?.has(classOf(this.top())!) === true) stack.pop();
      }
      this.noteNesting(levelClass);
      this.push(draft);
      return;
    }
    const openOfClass = entry.headingLevel !== null ? this.openHeadingOfClass(levelClass, entry.headingLevel) : this.lastOpen((d) => classOf(d) === levelClass && sameFormatLevel(d.entry, entry));
    // members of an inline series (一是…二是… split out of a line) hold no line of their own: a numbered
    // line of another class closes them (a short list in a preamble, then the body's sections)
    if (openOfClass < 0) while (this.top()?.kind === 'numbered' && !this.top()!.entry.atLineStart) stack.pop();
    if (entry.headingLevel !== null && openOfClass < 0) this.closeForHeading(entry.headingLevel);
    else if (entry.headingLevel !== null) stack.length = openOfClass; // sibling continuity outweighs a format level that breaks it
    else if (depth > 0) this.closeForDecimal(depth);
    else if (openOfClass >= 0) stack.length = openOfClass;
    else this.closeInnerClasses(levelClass, entry);
    this.noteNesting(levelClass);
    this.push(draft);
    this.lineLead = draft;
  }

  /**
   * The open entry a format heading of this class and level is a sibling of: the last open heading of
   * its class at its level; else the last of its class at a greater level or unmarked (numbering that
   * goes on outweighs a level that breaks it, `### 一、` then `## 二、`); never a list item, nor a
   * heading of a smaller level (`#### 1.` under `### 2.` starts a list of its own). -1 when none.
   */
  private openHeadingOfClass(levelClass: string, level: number): number {
    const same = this.lastOpen((d) => classOf(d) === levelClass && d.entry.headingLevel === level);
    if (same >= 0) return same;
    return this.lastOpen((d) => classOf(d) === levelClass && d.entry.listDepth === null && (d.entry.headingLevel === null || d.entry.headingLevel > level));
  }

  /**
   * A decimal nests under the nearest open decimal with fewer components, or under an open entry of
   * a class ranked above every decimal (一、 over 1.1); everything else open closes.
   */
  private closeForDecimal(depth: number): void {
    const parent = this.lastOpen((d) => {
      const c = classOf(d);
      if (c === undefined) return false;
      const k = decimalDepth(c);
      return k > 0 ? k < depth : (this.firstSeen.get(c) ?? Infinity) < this.firstDecimal;
    });
    this.stack.length = parent + 1;
  }

  /** A class met for the first time here closes the open entries of classes met nested below it, and the labels among them. */
  private closeInnerClasses(levelClass: string, entry: Entry): void {
    const inner = this.below.get(levelClass);
    const closes = (d: OpenDraft): boolean => (classOf(d) !== undefined && inner?.has(classOf(d)!) === true) || (d.kind === 'label' && this.closesLabel(levelClass, entry));
    while (this.top() && closes(this.top()!)) this.stack.pop();
  }

  /**
   * A heading of the source format (Markdown `###`, HTML `<h3>`) nests under the nearest open heading
   * of a smaller level; everything else open closes before it.
   */
  private closeForHeading(level: number): void {
    while (this.top() && (this.top()!.entry.headingLevel === null || this.top()!.entry.headingLevel! >= level)) this.stack.pop();
  }

  /** A numbered entry a label can stand under: a heading line that is not a finished statement (…。). */
  private holdsLabels(index: number): boolean {
    return this.input.isHeading(index) && !this.input.endsStatement(index);
  }

  /**
   * A label open on top closes before a class that was met outside it (ranked above the label's
   * content), at the entry's format level (a list `1.` under a label is not the heading `## 1.` above it).
   */
  private closesLabel(levelClass: string, entry: Entry): boolean {
    const labelAt = this.stack.length - 1;
    const inside = this.stack.slice(0, labelAt).some((d) => classOf(d) === levelClass && sameFormatLevel(d.entry, entry));
    if (inside) return true;
    const innerOfLabel = this.below.get(levelClass);
    const labelChildren = this.stack[labelAt]?.children ?? [];
    return labelChildren.some((c) => c.kind === 'numbered' && innerOfLabel?.has(classOf(c)!) === true);
  }
}

/**
 * Can an entry that is no format heading be the sibling of an open entry of its class, as the source
 * format placed them? Not two list items at different list depths (a nested `1.` under `1.`), nor a
 * list item and a format heading (Markdown `## 1.` over list items `1.`). Lines the format did not mark
 * agree with everything. (A heading's sibling: `openHeadingOfClass`.)
 */
function sameFormatLevel(open: Entry, entry: Entry): boolean {
  if (open.listDepth !== null && entry.listDepth !== null) return open.listDepth === entry.listDepth;
  if (open.listDepth !== null) return entry.headingLevel === null;
  if (entry.listDepth !== null) return open.headingLevel === null;
  return true;
}

const classOf = (d: Draft | undefined): string | undefined => (d?.kind === 'numbered' ? d.entry.marker?.levelClass : undefined);
