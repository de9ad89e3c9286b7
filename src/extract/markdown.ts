// Markdown input: the page parsed with remark-parse into mdast and laid out as plain lines: a
// heading, paragraph, list item or table row per line, Markdown syntax removed (#, emphasis,
// links, bullets), the numbers of ordered lists kept as written, embedded HTML read as HTML.
import type { unified as Unified } from 'unified';
import type remarkParsePlugin from 'remark-parse';
import { lazyModule } from '../text/lazy-module.js';
import type { ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { identityText, mappedThrough, withoutRanges, type MappedText } from '../text/mapped-text.js';
import { FRONT_MATTER_RULE, frontMatterAt } from './markdown-front-matter.js';
import { alignValue } from './align.js';
import { lineBuilder, type LineBuilder } from './line-builder.js';
import { nestingIssue, parseHtml, writeHtml } from './html.js';
import { pipeTableRows } from './pipe-table.js';
import { MAX_PIECE_ITEMS, parseInPieces, PIECE_ITEMS } from './markdown-pieces.js';
import { flattenDeepNesting } from './markdown-depth.js';
import type { DroppedSpan, ExtractedText, ExtractIssue, HeadingSpan, ListItemSpan, SourceSpan } from './types.js';
import type { DiagnosticArgs } from '../types.js';

interface Context {
  readonly source: string;
  readonly dropped: DroppedSpan[];
  readonly issues: ExtractIssue[];
  readonly headings: HeadingSpan[];
  readonly tables: SourceSpan[];
  readonly listItems: ListItemSpan[];
}

const BR_TAG = /^<br\s*\/?>$/iu;
const ORDERED_MARKER = /^\d{1,9}[.)][ \t]*/u;

/** `pieceItems`: list items per piece the page is parsed in (see markdown-pieces.ts). */
export function markdownToText(source: string, pieceItems = PIECE_ITEMS): ExtractedText {
  const front = frontMatterAt(source);
  if (front === null) return readNested(source, pieceItems);
  // read the page without its front matter, which is recorded as left out
  const rest = withoutRanges(identityText(source), [front]);
  const matter: DroppedSpan = { rule: FRONT_MATTER_RULE, text: source.slice(front.start, front.end), ...front };
  return onPage(readNested(rest.text, pieceItems), rest, [matter], []);
}

function readNested(source: string, pieceItems: number): ExtractedText {
  const flat = flattenDeepNesting(source);
  if (flat === null) return readMarkdown(source, pieceItems);
  // read the flattened page, then map every offset back through it to the page
  return onPage(readMarkdown(flat.text.text, pieceItems), flat.text, flat.dropped, [flat.issue]);
}

/** What was read of a text made from the page (`through` maps it to the page), placed on the page, with what making it left out. */
function onPage(read: ExtractedText, through: MappedText, dropped: readonly DroppedSpan[], issues: readonly ExtractIssue[]): ExtractedText {
  const origin = through.origin;
  const toPage = (offset: number): number => origin[Math.min(Math.max(0, offset), origin.length - 1)]!;
  const endToPage = (start: number, end: number): number => (end > start ? toPage(end - 1) + 1 : toPage(start));
  const placed = <S extends SourceSpan>(span: S): S => ({ ...span, start: toPage(span.start), end: endToPage(span.start, span.end) });
  return {
    text: mappedThrough(read.text, through),
    title: read.title,
    dropped: [...dropped, ...read.dropped.map(placed)].sort((a, b) => a.start - b.start),
    issues: [...issues, ...read.issues.map(placed)],
    headings: (read.headings ?? []).map(placed),
    tables: (read.tables ?? []).map(placed),
    listItems: (read.listItems ?? []).map(placed),
  };
}

function readMarkdown(source: string, pieceItems: number): ExtractedText {
  try {
    const blocks = parseInPieces(source, parseMarkdown, pieceItems);
    if (blocks === null) return asPlainText(source, { reason: 'list-too-long', limit: MAX_PIECE_ITEMS });
    const sink = lineBuilder();
    const ctx: Context = { source, dropped: [], issues: [], headings: [], tables: [], listItems: [] };
    runSteps(blockSteps(blocks, sink, ctx, 0));
    return { text: sink.result(source.length), title: null, dropped: ctx.dropped, issues: ctx.issues, headings: ctx.headings, tables: ctx.tables, listItems: ctx.listItems };
  } catch (error) {
    // the stack overflowed in the parser (or another limit of the engine was hit): the page is
    // still read, as the text it is, every character where it stands
    if (!(error instanceof RangeError)) throw error;
    return asPlainText(source, { reason: 'parse-error', error: error.message });
  }
}

function parseMarkdown(source: string): Root {
  return lazyModule<{ unified: typeof Unified }>('unified').unified().use(lazyModule<{ default: typeof remarkParsePlugin }>('remark-parse').default).parse(source);
}

/** The page as plain text (the format-residue rule strips Markdown marks from it), with the reason. */
function asPlainText(source: string, args: DiagnosticArgs['markdown-read-as-text']): ExtractedText {
  return { text: identityText(source), title: null, dropped: [], issues: [{ code: 'markdown-read-as-text', args, start: 0, end: source.length }] };
}

const startOf = (node: Nodes): number => node.position?.start.offset ?? 0;
const endOf = (node: Nodes): number => node.position?.end.offset ?? startOf(node);
const lastOf = (node: Nodes): number => Math.max(startOf(node), endOf(node) - 1);

/** A node's value with the source offset of each of its characters (`raw`: its references are not decoded). */
function aligned(node: Nodes & { value: string }, ctx: Context, raw = false): number[] {
  return alignValue(node.value, ctx.source, startOf(node), endOf(node), !raw, true);
}

/** A blank line in the source between two blocks (inside a blockquote its lines hold a `>`). */
const BLANK_LINE = /\n[ \t>]*\r?\n/u;

/**
 * Work left to do, the next step last. Writing a container hands back steps for its children
 * instead of recursing into them: a page may nest blockquotes and lists thousands deep
 * (`> > > …`, `- - - …`, which remark parses fine), and recursion per level overflows the stack.
 */
type Step = () => readonly Step[] | void;

function runSteps(first: readonly Step[]): void {
  const todo: Step[] = [];
  const pushAll = (steps: readonly Step[]): void => {
    for (let i = steps.length - 1; i >= 0; i--) todo.push(steps[i]!);
  };
  pushAll(first);
  for (let step = todo.pop(); step; step = todo.pop()) {
    const more = step();
    if (more) pushAll(more);
  }
}

/**
 * Blocks one after the other (from `from` on), inside `lists` lists; where the source leaves a blank
 * line between two, so does the text.
 */
function blockSteps(nodes: readonly RootContent[], sink: LineBuilder, ctx: Context, lists: number, from = 0): Step[] {
  const steps: Step[] = [];
  for (let i = from; i < nodes.length; i++) {
    steps.push(() => {
      keepBlankLine(nodes[i - 1], nodes[i]!, sink, ctx);
      return writeBlock(nodes[i]!, sink, ctx, lists);
    });
  }
  return steps;
}

function keepBlankLine(previous: Nodes | undefined, next: Nodes, sink: LineBuilder, ctx: Context): void {
  if (previous && BLANK_LINE.test(ctx.source.slice(endOf(previous), startOf(next)))) sink.blankLine(endOf(previous));
}

/** Write a leaf block inside `lists` lists; a container's children come back as steps, to be written next. */
function writeBlock(node: RootContent, sink: LineBuilder, ctx: Context, lists: number): readonly Step[] | void {
  switch (node.type) {
    case 'heading':
      ctx.headings.push({ start: startOf(node), end: endOf(node), level: node.depth });
      sink.breakLine(startOf(node));
      writeInline(node.children, sink, ctx);
      sink.breakLine(lastOf(node));
      return;
    case 'paragraph':
      sink.breakLine(startOf(node));
      writeParagraph(node, sink, ctx);
      sink.breakLine(lastOf(node));
      return;
    case 'list':
      return node.children.map((item, i) => () => {
        keepBlankLine(node.children[i - 1], item, sink, ctx);
        return writeListItem(item, node.ordered === true, sink, ctx, lists + 1);
      });
    case 'blockquote':
      return blockSteps(node.children, sink, ctx, lists);
    case 'code':
      sink.breakLine(startOf(node));
      // code holds its references as written (`&amp;` is five characters of the page)
      sink.text(node.value, aligned(node, ctx, true));
      sink.breakLine(lastOf(node));
      return;
    case 'html':
      sink.breakLine(startOf(node));
      writeEmbeddedHtml(node, sink, ctx, lists);
      sink.breakLine(lastOf(node));
      return;
    case 'thematicBreak':
      sink.breakLine(startOf(node));
      return;
    default:
      // definitions, footnote definitions, front matter: no page text
      return;
  }
}

/** A paragraph's text; a pipe table's rows become lines of their own. */
function writeParagraph(node: Paragraph, sink: LineBuilder, ctx: Context): void {
  const own = lineBuilder();
  writeInline(node.children, own, ctx);
  const text = own.result(endOf(node));
  const rows = pipeTableRows(text);
  if (!rows) {
    sink.text(text.text, text.origin);
    return;
  }
  ctx.tables.push({ start: startOf(node), end: endOf(node) });
  for (const row of rows) {
    sink.text(row.text, row.origin);
    sink.breakLine(row.origin[row.text.length] ?? lastOf(node));
  }
}

/**
 * A list item at `depth` lists: an ordered one keeps its number as written (`1.` `2)`), a bullet drops
 * its mark. The number goes on the line of the item's first paragraph; the item's other blocks come back
 * as steps.
 */
function writeListItem(item: ListItem, ordered: boolean, sink: LineBuilder, ctx: Context, depth: number): Step[] {
  const start = startOf(item);
  sink.breakLine(start);
  const first = item.children[0];
  if (ordered) {
    const contentAt = first ? startOf(first) : endOf(item);
    const marker = ORDERED_MARKER.exec(ctx.source.slice(start, contentAt))?.[0] ?? '';
    sink.text(marker, Array.from(marker, (_, i) => start + i));
  }
  let rest = 0;
  if (first?.type === 'paragraph' || first?.type === 'heading') {
    ctx.listItems.push({ start, end: lastOf(first) + 1, depth });
    if (first.type === 'paragraph') writeParagraph(first, sink, ctx);
    else writeInline(first.children, sink, ctx);
    sink.breakLine(lastOf(first));
    rest = 1;
  } else if (first) {
    sink.breakLine(start);
  }
  return [...blockSteps(item.children, sink, ctx, depth, rest), () => sink.breakLine(lastOf(item))];
}

/** Inline content in order; emphasis and links are opened with a stack of their own, not recursion. */
function writeInline(nodes: readonly PhrasingContent[], sink: LineBuilder, ctx: Context): void {
  const todo: PhrasingContent[] = [];
  const pushAll = (children: readonly PhrasingContent[]): void => {
    for (let i = children.length - 1; i >= 0; i--) todo.push(children[i]!);
  };
  pushAll(nodes);
  for (let node = todo.pop(); node; node = todo.pop()) {
    switch (node.type) {
      case 'text':
        sink.text(node.value, aligned(node, ctx));
        break;
      case 'inlineCode':
        sink.text(node.value, aligned(node, ctx, true)); // references as written, as in code blocks
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'linkReference':
        pushAll(node.children);
        break;
      case 'break':
        sink.hardBreak(startOf(node));
        break;
      case 'html':
        if (BR_TAG.test(node.value.trim())) sink.hardBreak(startOf(node));
        break;
      default:
        // images and footnote references carry no page text
        break;
    }
  }
}

/** Block HTML inside Markdown (a table, a div): read as HTML, offsets mapped back to the Markdown. */
function writeEmbeddedHtml(node: Nodes & { value: string }, sink: LineBuilder, ctx: Context, lists: number): void {
  // the HTML as written: `&amp;` in it is five characters of the source, for the HTML parser to decode
  const origins = aligned(node, ctx, true);
  const end = endOf(node);
  const toSource = (offset: number): number => origins[offset] ?? end;
  const { tree, cut } = parseHtml(node.value, true);
  writeHtml(tree, sink, { source: node.value, toSource, dropped: ctx.dropped, tables: ctx.tables, headings: ctx.headings, listItems: ctx.listItems }, lists);
  if (cut) ctx.issues.push(nestingIssue(cut, toSource));
}
