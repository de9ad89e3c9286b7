// Markdown input: the page parsed with remark-parse into mdast and laid out as plain lines: a
// heading, paragraph, list item or table row per line, Markdown syntax removed (#, emphasis,
// links, bullets), the numbers of ordered lists kept as written, embedded HTML read as HTML.
import type { unified as Unified } from 'unified';
import type remarkParsePlugin from 'remark-parse';
import { lazyModule } from '../text/lazy-module.js';
import type { ListItem, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { alignValue } from './align.js';
import { lineBuilder, type LineBuilder } from './line-builder.js';
import { parseHtml, writeHtml } from './html.js';
import { pipeTableRows } from './pipe-table.js';
import type { DroppedSpan, ExtractedText } from './types.js';

interface Context {
  readonly source: string;
  readonly dropped: DroppedSpan[];
}

const BR_TAG = /^<br\s*\/?>$/iu;
const ORDERED_MARKER = /^\d{1,9}[.)][ \t]*/u;

export function markdownToText(source: string): ExtractedText {
  const tree = lazyModule<{ unified: typeof Unified }>('unified').unified().use(lazyModule<{ default: typeof remarkParsePlugin }>('remark-parse').default).parse(source);
  const sink = lineBuilder();
  const ctx: Context = { source, dropped: [] };
  writeBlocks(tree.children, sink, ctx);
  return { text: sink.result(source.length), title: null, dropped: ctx.dropped };
}

const startOf = (node: Nodes): number => node.position?.start.offset ?? 0;
const endOf = (node: Nodes): number => node.position?.end.offset ?? startOf(node);
const lastOf = (node: Nodes): number => Math.max(startOf(node), endOf(node) - 1);

/** A node's value with the source offset of each of its characters (`raw`: its references are not decoded). */
function aligned(node: Nodes & { value: string }, ctx: Context, raw = false): number[] {
  return alignValue(node.value, ctx.source, startOf(node), endOf(node), !raw);
}

/** A blank line in the source between two blocks (inside a blockquote its lines hold a `>`). */
const BLANK_LINE = /\n[ \t>]*\r?\n/u;

/** Blocks one after the other; where the source leaves a blank line between two, so does the text. */
function writeBlocks(nodes: readonly RootContent[], sink: LineBuilder, ctx: Context): void {
  nodes.forEach((node, i) => {
    keepBlankLine(nodes[i - 1], node, sink, ctx);
    writeBlock(node, sink, ctx);
  });
}

function keepBlankLine(previous: Nodes | undefined, next: Nodes, sink: LineBuilder, ctx: Context): void {
  if (previous && BLANK_LINE.test(ctx.source.slice(endOf(previous), startOf(next)))) sink.blankLine(endOf(previous));
}

function writeBlock(node: RootContent, sink: LineBuilder, ctx: Context): void {
  switch (node.type) {
    case 'heading':
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
      node.children.forEach((item, i) => {
        keepBlankLine(node.children[i - 1], item, sink, ctx);
        writeListItem(item, node.ordered === true, sink, ctx);
      });
      return;
    case 'blockquote':
      writeBlocks(node.children, sink, ctx);
      return;
    case 'code':
      sink.breakLine(startOf(node));
      sink.text(node.value, aligned(node, ctx));
      sink.breakLine(lastOf(node));
      return;
    case 'html':
      sink.breakLine(startOf(node));
      writeEmbeddedHtml(node, sink, ctx);
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
  for (const row of rows) {
    sink.text(row.text, row.origin);
    sink.breakLine(row.origin[row.text.length] ?? lastOf(node));
  }
}

/**
 * A list item: an ordered one keeps its number as written (`1.` `2)`), a bullet drops its mark.
 * The number goes on the line of the item's first paragraph.
 */
function writeListItem(item: ListItem, ordered: boolean, sink: LineBuilder, ctx: Context): void {
  const start = startOf(item);
  sink.breakLine(start);
  const [first, ...rest] = item.children;
  if (ordered) {
    const contentAt = first ? startOf(first) : endOf(item);
    const marker = ORDERED_MARKER.exec(ctx.source.slice(start, contentAt))?.[0] ?? '';
    sink.text(marker, Array.from(marker, (_, i) => start + i));
  }
  if (first?.type === 'paragraph' || first?.type === 'heading') {
    if (first.type === 'paragraph') writeParagraph(first, sink, ctx);
    else writeInline(first.children, sink, ctx);
    sink.breakLine(lastOf(first));
  } else if (first) {
    sink.breakLine(start);
    writeBlock(first, sink, ctx);
  }
  rest.forEach((node, i) => {
    keepBlankLine(i === 0 ? first : rest[i - 1], node, sink, ctx);
    writeBlock(node, sink, ctx);
  });
  sink.breakLine(lastOf(item));
}

function writeInline(nodes: readonly PhrasingContent[], sink: LineBuilder, ctx: Context): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        sink.text(node.value, aligned(node, ctx));
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'linkReference':
        writeInline(node.children, sink, ctx);
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
function writeEmbeddedHtml(node: Nodes & { value: string }, sink: LineBuilder, ctx: Context): void {
  // the HTML as written: `&amp;` in it is five characters of the source, for the HTML parser to decode
  const origins = aligned(node, ctx, true);
  const end = endOf(node);
  writeHtml(parseHtml(node.value, true), sink, {
    source: node.value,
    toSource: (offset) => origins[offset] ?? end,
    dropped: ctx.dropped,
  });
}
