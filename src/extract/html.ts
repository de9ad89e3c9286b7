// HTML input: the page parsed with parse5 into hast (as rehype-parse does), chrome left out, and its text laid out
// as a reader sees it: block elements on lines of their own, <br> breaking a line, table rows as
// lines with their cells one space apart, white space collapsed, entities decoded.
import type * as Parse5 from 'parse5';
import type { fromParse5 as FromParse5 } from 'hast-util-from-parse5';
import type { VFile as VFileClass } from 'vfile';
import { lazyModule } from '../text/lazy-module.js';
import { cutNesting, type NestingCut } from './html-nesting.js';
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { alignValue } from './align.js';
import { isChrome, NON_TEXT_TAGS, opensContent } from './html-chrome.js';
import { lineBuilder, type LineBuilder } from './line-builder.js';
import { pageTitle } from './html-title.js';
import type { DroppedSpan, ExtractedText, ExtractIssue, HeadingSpan, ListItemSpan, SourceSpan } from './types.js';
import { dataRows } from './html-tables.js';
import { matchForm } from '../text/match-form.js';
import { startsWithMarker } from '../numbering/line-marker.js';
import { MAX_NESTING_DEPTH } from '../limits.js';

const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html',
  'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
const CELL_TAGS: ReadonlySet<string> = new Set(['td', 'th']);
const COLLAPSIBLE = /[ \t\n\r\f]/u;

/** The rule name page chrome is recorded under in `removed`. */
export const CHROME_RULE = 'html-chrome';

/** Offsets of the parsed string → offsets of the page (the identity for a whole page). */
export type ToSource = (offset: number) => number;

interface Context {
  readonly source: string;
  readonly toSource: ToSource;
  readonly dropped: DroppedSpan[];
  readonly insideContent: boolean;
  readonly inPre: boolean;
  /** Inside chrome being recorded: everything in it counts, nested chrome included. */
  readonly inChrome: boolean;
  /** Where the text written so far ends in the source: no later text is looked for before it. */
  readonly written: { end: number };
  /** The rows of data tables met so far (html-tables.ts), and their spans in the page as written. */
  readonly dataRows: Set<Element>;
  readonly tables: SourceSpan[];
  /** The headings and list items met so far, in page order, as spans of the page. */
  readonly headings: HeadingSpan[];
  readonly listItems: ListItemSpan[];
  /** The lists (<ol>, <ul>) the element stands in. */
  readonly lists: number;
}

/** A parsed page or fragment, and the nesting cut out of it (see html-nesting.ts), if any. */
export interface ParsedHtml {
  readonly tree: Root;
  readonly cut: NestingCut | null;
}

/**
 * Parse as rehype-parse does (parse5 with source locations, scripting off, then hast), but with
 * elements nested too deep for the conversion cut out of the parse5 tree in between.
 */
export function parseHtml(source: string, fragment: boolean): ParsedHtml {
  const parse5 = lazyModule<typeof Parse5>('parse5');
  const options = { sourceCodeLocationInfo: true, onParseError: null, scriptingEnabled: false };
  const document = fragment ? parse5.parseFragment(source, options) : parse5.parse(source, options);
  const cut = cutNesting(document);
  const { fromParse5 } = lazyModule<{ fromParse5: typeof FromParse5 }>('hast-util-from-parse5');
  const { VFile } = lazyModule<{ VFile: typeof VFileClass }>('vfile');
  return { tree: fromParse5(document, { file: new VFile(source) }) as Root, cut };
}

/** The diagnostic for a nesting cut, its span mapped to the page. */
export function nestingIssue(cut: NestingCut, toSource: ToSource): ExtractIssue {
  return {
    code: 'html-nesting-cut',
    args: { limit: MAX_NESTING_DEPTH, elements: cut.elements },
    start: toSource(cut.start),
    end: toSource(Math.max(cut.start, cut.end - 1)) + 1,
  };
}

/** A whole HTML page as plain lines, its <title> and the chrome left out. */
export function htmlToText(source: string): ExtractedText {
  const { tree, cut } = parseHtml(source, false);
  const sink = lineBuilder();
  const where: FormatSpans & { source: string; toSource: ToSource; dropped: DroppedSpan[] } = { source, toSource: (o) => o, dropped: [], tables: [], headings: [], listItems: [] };
  writeHtml(tree, sink, where);
  const issues = cut ? [nestingIssue(cut, (o) => o)] : [];
  const { dropped, tables, headings, listItems } = where;
  return { text: sink.result(source.length), title: pageTitle(tree), dropped, issues, tables, headings, listItems };
}

/** What the markup says of the text, as spans of the page in page order (types.ts). */
export interface FormatSpans {
  readonly tables: SourceSpan[];
  readonly headings: HeadingSpan[];
  readonly listItems: ListItemSpan[];
}

/**
 * Write the text of a parsed tree (a page or a fragment) into the lines being built; the rows of its
 * data tables, its headings and its list items go to `where`, in page order, as spans of the page.
 * `lists`: the lists the tree stands in (a fragment inside a Markdown list).
 */
export function writeHtml(tree: Root, sink: LineBuilder, where: FormatSpans & { source: string; toSource: ToSource; dropped: DroppedSpan[] }, lists = 0): void {
  const ctx: Context = { ...where, insideContent: false, inPre: false, inChrome: false, written: { end: 0 }, dataRows: new Set(), lists };
  for (const child of tree.children) writeNode(child, sink, ctx, 0);
}

const startOf = (node: RootContent | ElementContent, fallback: number): number => node.position?.start.offset ?? fallback;
const endOf = (node: RootContent | ElementContent, fallback: number): number => node.position?.end.offset ?? fallback;

// The walk below recurses per element (so do isChrome's holdsContent and pageTitle's search): that
// is bounded, as parseHtml has cut the tree at MAX_NESTING_DEPTH levels of elements.
function writeNode(node: RootContent | ElementContent, sink: LineBuilder, ctx: Context, fallback: number): void {
  if (node.type === 'text') writeText(node, sink, ctx, fallback);
  else if (node.type === 'element') writeElement(node, sink, ctx, fallback);
}

/**
 * Where a text node starts in the source. parse5 misplaces some: text before <html> that begins
 * with a character reference (`&amp;**&amp;`) is reported as starting after the reference. When the
 * source at the reported start cannot be the value's first character, the text is looked for from
 * the enclosing element's start instead.
 */
function textStart(node: Text, source: string, fallback: number): number {
  let start = startOf(node, fallback);
  const first = node.value[0];
  // parse5 drops NUL from text in the body, and reports the text as starting at it
  if (first !== '\uFFFD') while (source[start] === '\0') start++;
  const at = source[start];
  if (first === undefined || start <= fallback) return start;
  const fits = at === first || at === '&' || (first === '\n' && at === '\r') || (first === '\uFFFD' && at === '\0');
  return fits ? start : fallback;
}

function writeText(node: Text, sink: LineBuilder, ctx: Context, fallback: number): void {
  // the element's start, when parse5's own start is off, is never before text already written
  const reported = textStart(node, ctx.source, fallback);
  const start = reported === fallback ? Math.max(fallback, ctx.written.end) : reported;
  const end = Math.max(start, endOf(node, start + node.value.length));
  ctx.written.end = Math.max(ctx.written.end, end);
  const origins = alignValue(node.value, ctx.source, start, end).map(ctx.toSource);
  if (ctx.inPre) {
    sink.text(node.value, origins);
    return;
  }
  let runStart = 0;
  const flush = (to: number): void => {
    if (to > runStart) sink.text(node.value.slice(runStart, to), origins.slice(runStart, to));
  };
  for (let i = 0; i < node.value.length; i++) {
    if (!COLLAPSIBLE.test(node.value[i]!)) continue;
    flush(i);
    sink.space(origins[i]!);
    runStart = i + 1;
  }
  flush(node.value.length);
}

function writeElement(element: Element, sink: LineBuilder, ctx: Context, fallback: number): void {
  const tag = element.tagName;
  if (NON_TEXT_TAGS.has(tag)) return;
  const start = startOf(element, fallback);
  const end = endOf(element, start);
  if (!ctx.inChrome && isChrome(element, ctx.insideContent)) {
    recordChrome(element, ctx, start, end);
    return;
  }
  if (tag === 'br') {
    sink.hardBreak(ctx.toSource(start));
    return;
  }
  if (tag === 'table') for (const row of dataRows(element)) ctx.dataRows.add(row);
  // a data row's span, at the row: rows are met in page order, and a data row holds no table
  if (tag === 'tr' && ctx.dataRows.has(element)) ctx.tables.push({ start: ctx.toSource(start), end: ctx.toSource(Math.max(start, end - 1)) + 1 });
  const block = BLOCK_TAGS.has(tag);
  if (block) sink.breakLine(ctx.toSource(start));
  if (CELL_TAGS.has(tag)) sink.space(ctx.toSource(start));
  const level = HEADING_LEVEL.get(tag);
  if (level !== undefined && !ctx.inChrome) ctx.headings.push({ start: ctx.toSource(start), end: ctx.toSource(Math.max(start, end - 1)) + 1, level });
  if (tag === 'li') noteListItem(element, ctx, start, end);
  const inner: Context = {
    ...ctx,
    insideContent: ctx.insideContent || opensContent(element),
    inPre: ctx.inPre || tag === 'pre',
    lists: ctx.lists + (LIST_TAGS.has(tag) ? 1 : 0),
  };
  if (tag === 'ol') writeOrderedList(element, sink, inner, start);
  else for (const child of element.children) writeNode(child, sink, inner, start);
  if (block) sink.breakLine(ctx.toSource(Math.max(start, end - 1)));
}

/** Items of an <ol> show their number; it is written unless the item's text has one already. */
function writeOrderedList(list: Element, sink: LineBuilder, ctx: Context, fallback: number): void {
  const numbered = list.properties['type'] === undefined || String(list.properties['type']) === '1';
  let n = typeof list.properties['start'] === 'number' ? list.properties['start'] : 1;
  for (const child of list.children) {
    if (child.type !== 'element' || child.tagName !== 'li' || !numbered || (!ctx.inChrome && isChrome(child, ctx.insideContent))) {
      writeNode(child, sink, ctx, fallback);
      continue;
    }
    const start = startOf(child, fallback);
    noteListItem(child, ctx, start, endOf(child, start));
    const item = lineBuilder();
    for (const c of child.children) writeNode(c, item, ctx, start);
    const lines = item.result(endOf(child, start));
    sink.breakLine(ctx.toSource(start));
    const first = lines.text.trimStart().split('\n')[0] ?? '';
    if (!startsWithMarker(matchForm(first))) {
      const marker = `${n}.`;
      sink.text(marker, new Array<number>(marker.length).fill(ctx.toSource(start)));
    }
    sink.text(lines.text, lines.origin);
    sink.breakLine(ctx.toSource(Math.max(start, endOf(child, start) - 1)));
    n++;
  }
}

const HEADING_LEVEL: ReadonlyMap<string, number> = new Map([1, 2, 3, 4, 5, 6].map((n) => [`h${n}`, n]));
const LIST_TAGS: ReadonlySet<string> = new Set(['ol', 'ul']);

/** A list item's span, up to the first list nested in it (whose items have spans of their own). */
function noteListItem(item: Element, ctx: Context, start: number, end: number): void {
  if (ctx.inChrome || ctx.lists === 0) return;
  const nested = item.children.find((c) => c.type === 'element' && LIST_TAGS.has(c.tagName));
  const to = nested ? startOf(nested, end) : end;
  ctx.listItems.push({ start: ctx.toSource(start), end: ctx.toSource(Math.max(start, to - 1)) + 1, depth: ctx.lists });
}

/** Chrome is left out of the text but recorded, with its own text, as a removal. */
function recordChrome(element: Element, ctx: Context, start: number, end: number): void {
  const own = lineBuilder();
  const inside: Context = { ...ctx, inChrome: true };
  for (const child of element.children) writeNode(child, own, inside, start);
  const text = own.result(end).text.trim();
  if (text) ctx.dropped.push({ rule: CHROME_RULE, text, start: ctx.toSource(start), end: ctx.toSource(Math.max(start, end - 1)) + 1 });
}
