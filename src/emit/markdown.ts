// The plan as Markdown, built as an mdast tree and written by remark-stringify: documents as
// `#` headings, sections as headings by depth (## … ######) and as nested list entries below
// that, items as list entries, paragraphs as paragraphs. Every heading and entry starts with its
// marker as written (## 一、指导思想, - 1、加强理论学习), so reading the Markdown back with
// plan-parse gives the same outline.
import type { unified as Unified } from 'unified';
import type remarkStringifyPlugin from 'remark-stringify';
import { lazyModule } from '../text/lazy-module.js';
import type { BlockContent, Heading, List, ListItem, Paragraph, Root as MdRoot, RootContent } from 'mdast';
import type { BodyNode, Marker, RootNode, SectionNode } from '../types.js';
import { labelShape } from '../wording/label-words.js';
import { matchForm } from '../text/match-form.js';
import { appendAll } from '../text/arrays.js';

/** Section depths written as headings (## for depth 1 … ###### for depth 5); deeper ones are list entries. */
const DEEPEST_HEADING_SECTION = 5;

export function toMarkdown(tree: RootNode): string {
  const children: RootContent[] = [];
  if (tree.title !== null && isCollectionTitle(tree)) children.push(heading(1, tree.title));
  tree.children.forEach((doc, i) => {
    if (doc.title !== null) children.push(heading(1, doc.title));
    else if (i > 0 || children.length > 0) children.push({ type: 'thematicBreak' });
    appendAll(children, blocksOf(doc.children, 1));
  });
  const root: MdRoot = { type: 'root', children };
  return lazyModule<{ unified: typeof Unified }>('unified').unified().use(lazyModule<{ default: typeof remarkStringifyPlugin }>('remark-stringify').default, { bullet: '-', listItemIndent: 'one', rule: '-' }).stringify(root);
}

/**
 * The page title is written only when it is a collection title standing above the documents
 * (the boilerplate stage takes it out again); a title taken from a document, or from HTML
 * <title>, would otherwise come back as a line of its own.
 */
function isCollectionTitle(tree: RootNode): boolean {
  return tree.removed.some((r) => r.rule === 'collection-title' && r.text === tree.title);
}

/** The blocks of a document's or a section's children, with sections at `depth`. */
function blocksOf(nodes: readonly BodyNode[], depth: number): BlockContent[] {
  const blocks: BlockContent[] = [];
  let list: List | null = null;
  const addEntry = (entry: ListItem): void => {
    if (!list) {
      list = { type: 'list', ordered: false, spread: false, children: [] };
      blocks.push(list);
    }
    list.children.push(entry);
  };
  let afterHeading = false;
  for (const node of nodes) {
    if (node.type === 'paragraph') {
      list = null;
      blocks.push(paragraph(node.text));
    } else if (node.type === 'item' && afterHeading && node.marker !== null) {
      // a list entry here would read back as a child of the section heading above it
      list = null;
      blocks.push(heading(depth + 1, numbered(node.marker, node.text)));
    } else if (node.type === 'item') {
      addEntry(listItem([paragraph(numbered(node.marker, node.text))]));
    } else {
      const { line, children } = headingLine(node);
      if (depth <= DEEPEST_HEADING_SECTION) {
        list = null;
        afterHeading = true;
        blocks.push(heading(depth + 1, line));
        appendAll(blocks, blocksOf(children, depth + 1));
      } else {
        addEntry(listItem([paragraph(line), ...blocksOf(children, depth + 1)]));
      }
    }
  }
  return blocks;
}

/**
 * A section's heading line and the children below it. The rest of the section's own line (its
 * first paragraph, on the same line) stays on the heading line when on a line of its own it would
 * read as a heading (4、…的重点。强调四个狠抓: ⑴ …).
 */
function headingLine(section: SectionNode): { line: string; children: readonly BodyNode[] } {
  const line = numbered(section.marker, section.title);
  const [first, ...rest] = section.children;
  const sameLine = first?.type === 'paragraph' && first.position.start.line === section.position.start.line;
  if (!sameLine || labelShape(matchForm(first.text)) === null) return { line, children: section.children };
  return { line: line + endMarkBetween(line, first.text) + first.text, children: rest };
}

/**
 * The mark a section title dropped before the rest of its line (types.ts: titles drop a single
 * trailing 。 ； or ;). Rest that follows the title directly on its line follows a sentence end: a
 * title cut at a comma leaves the comma to the rest, and 。 stands for the dropped one of 。 ； ;.
 */
const endMarkBetween = (title: string, rest: string): string => (/[。;!?；！？]$/u.test(title) || /^\p{P}/u.test(rest) ? '' : '。');

/**
 * The marker as written, then the text. A marker ending in a digit (1 总则, 1.1 目标) keeps a space
 * so the number does not run into the text; other markers are glued on (一、 （一） 一是 ⑴).
 */
function numbered(marker: Marker | null, text: string): string {
  if (!marker) return text;
  return /[0-9]$/u.test(marker.raw) ? `${marker.raw} ${text}` : `${marker.raw}${text}`;
}

const heading = (depth: number, text: string): Heading => ({
  type: 'heading',
  depth: Math.min(6, depth) as Heading['depth'],
  children: [{ type: 'text', value: text }],
});

const paragraph = (text: string): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value: text }] });

const listItem = (children: BlockContent[]): ListItem => ({ type: 'listItem', spread: false, children });
