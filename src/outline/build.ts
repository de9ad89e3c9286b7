// Draft tree → plan nodes: sections, items and paragraphs with titles, joined broken lines
// and positions; numbering problems become diagnostics.
import type { BodyNode, Marker, Position } from '../types.js';
import { UNPLACED_DEPTH, UNPLACED_ID } from './paths.js';
import type { Draft } from './nest.js';
import type { Entry, EntryMarker } from './entries.js';
import { trimEndOf } from '../text/trim.js';
import { isLetterCode } from '../text/letters.js';
import { countLetters, isHeadingShaped, isPlanTitleShaped, LINE_COMPLETE } from '../wording/heading-shape.js';

export interface BuildContext {
  /** The (converted) text the entries point into. */
  readonly text: string;
  /** Position in the decoded input of a text range. */
  readonly position: (start: number, end: number) => Position;
}

const SENTENCE_END = /[。;!?；！？]/u;

const CLAUSE_BOUNDARY = /[,，、。;；!?！？:：]/u;
/** A title shorter than this many letters runs on to the next clause boundary. */
const MIN_TITLE_LETTERS = 6;

/**
 * The lead clause of an entry's text: its first sentence. A very short one (科学规划。…) runs on to
 * the next clause boundary, so that the title still says what the entry is about.
 */
export function leadClause(text: string): string {
  const end = text.search(SENTENCE_END);
  const sentence = end >= 0 ? text.slice(0, end) : text;
  if (countLetters(sentence) >= MIN_TITLE_LETTERS || end < 0) return trimClause(sentence);
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    if (isLetterCode(text.charCodeAt(i))) letters++;
    else if (letters >= MIN_TITLE_LETTERS && CLAUSE_BOUNDARY.test(text[i]!)) return trimClause(text.slice(0, i));
  }
  return trimClause(text);
}

const CLAUSE_TRAIL: ReadonlySet<string> = new Set([...',，、:：。;；!?！？ \t\n\u3000']);
/** The clause without trailing punctuation and space. */
const trimClause = (s: string): string => trimEndOf(s, CLAUSE_TRAIL).trim();

/** A heading line (heading-shape.ts); an entry holding only its marker heads what is under it too. */
const isHeadingLike = (text: string): boolean => text === '' || isHeadingShaped(text);

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Plain lines grouped into paragraphs; a line broken mid-sentence continues in the next one. */
function paragraphsOf(entries: readonly Entry[], ctx: BuildContext): Segment[][] {
  const groups: Segment[][] = [];
  let current: Segment[] | null = null;
  for (const e of entries) {
    const seg = { start: e.textStart, end: e.end, text: ctx.text.slice(e.textStart, e.end).trim() };
    if (!seg.text) continue;
    const last = current?.[current.length - 1];
    if (current && last && continues(last.text, e, seg.text)) current.push(seg);
    else groups.push((current = [seg]));
  }
  return groups;
}

function continues(previous: string, next: Entry, nextText: string): boolean {
  // a line naming a plan (the body's own title below a byline) starts a paragraph of its own
  return next.atLineStart && !next.afterBlank && previous.length >= 15 && !LINE_COMPLETE.test(previous) && !isPlanTitleShaped(nextText);
}

/** Joined text of a paragraph's lines: broken lines are joined without a break. */
const joinSegments = (segments: readonly Segment[]): string => segments.map((s) => s.text).join('');

/**
 * Children lists shorter than this are handed on as a copy of their exact size. An array grown by
 * push has room for 16 more elements after its first: a section with one child held 186 bytes of
 * array instead of 58, and a page of a million nested lines holds a million such lists.
 */
const EXACT_BELOW = 64;

/**
 * The nodes of drafts. Each draft is let go (its slot emptied) once its node is made, so that the
 * drafts and their entries of a long page are collected while its nodes are being built, rather
 * than held beside them to the end: the caller hands the drafts over and keeps no other reference.
 */
export function buildNodes(drafts: Array<Draft | undefined>, ctx: BuildContext): BodyNode[] {
  const nodes: BodyNode[] = [];
  let pendingText: Entry[] = [];
  const flushText = (): void => {
    for (const group of paragraphsOf(pendingText, ctx)) {
      const first = group[0]!;
      const last = group[group.length - 1]!;
      nodes.push({ type: 'paragraph', text: joinSegments(group), position: ctx.position(first.start, last.end) });
    }
    pendingText = [];
  };
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    drafts[i] = undefined;
    if (d.kind === 'text') {
      pendingText.push(d.entry);
      continue;
    }
    flushText();
    nodes.push(d.kind === 'label' ? buildLabel(d, ctx) : buildNumbered(d, ctx));
  }
  flushText();
  if (drafts.length > 0) drafts.length = 0; // (a leaf's drafts are the frozen NO_CHILDREN)
  return nodes.length < EXACT_BELOW ? nodes.slice() : nodes;
}

function endOf(d: Draft): number {
  let end = d.entry.end;
  for (const c of d.children) end = Math.max(end, endOf(c));
  return end;
}

function buildLabel(d: Draft, ctx: BuildContext): BodyNode {
  const title = withoutEndMark(ctx.text.slice(d.entry.textStart, d.entry.end).trim());
  const position = ctx.position(d.entry.start, endOf(d)); // before the children are built (and let go)
  return { type: 'section', id: UNPLACED_ID, depth: UNPLACED_DEPTH, marker: null, title, children: buildNodes(d.children, ctx), position };
}

/** The node marker of each entry marker: entries share their markers (entries.ts), and so do nodes. */
const NODE_MARKERS = new WeakMap<EntryMarker, Marker>();

function markerOf(d: Draft): Marker {
  const m = d.entry.marker!;
  let marker = NODE_MARKERS.get(m);
  if (!marker) NODE_MARKERS.set(m, (marker = { raw: m.raw.trim(), style: m.style, ordinal: m.ordinal }));
  return marker;
}

function buildNumbered(d: Draft, ctx: BuildContext): BodyNode {
  const raw = ctx.text.slice(d.entry.textStart, d.entry.end);
  const own = raw.trim();
  // where `own` starts in the text (trim also takes spaces the matching form keeps, such as U+2028)
  const ownStart = d.entry.textStart + raw.length - raw.trimStart().length;
  const structured = d.children.some((c) => c.kind !== 'text');
  const position = ctx.position(d.entry.start, endOf(d));
  if (structured || (d.children.length > 0 && isHeadingLike(own))) {
    let children = buildNodes(d.children, ctx);
    const heading = sectionTitle(own);
    const after = own.slice(heading.length);
    const rest = after.trim();
    const title = withoutEndMark(heading);
    if (rest) {
      const restStart = ownStart + heading.length + after.length - after.trimStart().length;
      // (concat: an array of its exact size, where unshift would give it room for 16 more)
      children = [{ type: 'paragraph', text: rest, position: ctx.position(restStart, restStart + rest.length) } as BodyNode].concat(children);
    }
    return { type: 'section', id: UNPLACED_ID, depth: UNPLACED_DEPTH, marker: markerOf(d), title, children, position };
  }
  // an item: its own text, then the lines that run on from it, then its paragraphs
  const texts = [d.children.map((c) => c.entry)];
  const groups = paragraphsOf([{ ...d.entry }, ...texts[0]!], ctx);
  const text = groups.map(joinSegments).join('\n');
  const title = withoutEndMark(leadClause(own) || own);
  // one string where title, text and own text read the same (most items of a long list)
  const ownText = text === own ? own : text;
  return { type: 'item', id: UNPLACED_ID, depth: UNPLACED_DEPTH, marker: markerOf(d), title: title === ownText ? ownText : title, text: ownText, position };
}

/**
 * Titles of sections and items end the same way: without a single trailing 。 ； or ; (the mark
 * stays in the input's text: an item's `text` keeps it, a section's position covers it).
 */
export const withoutEndMark = (title: string): string => (/[。；;]$/u.test(title) ? title.slice(0, -1).trimEnd() : title);

/** A section's title: the heading line, or its lead clause (with its closing mark) when the line runs on. */
function sectionTitle(own: string): string {
  if (isHeadingLike(own)) return own;
  const clause = leadClause(own);
  const end = own.indexOf(clause) + clause.length;
  return own.slice(0, end < own.length && SENTENCE_END.test(own[end] ?? '') ? end + 1 : end);
}
