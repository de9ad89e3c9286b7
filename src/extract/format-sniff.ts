// Which input format a page is: the one asked for, else the one its path's extension names,
// else the one its content shows.
import type { InputFormat } from '../types.js';

const EXTENSIONS: Readonly<Record<string, InputFormat>> = {
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', mkd: 'markdown', mkdn: 'markdown',
  html: 'html', htm: 'html', xhtml: 'html', shtml: 'html',
  txt: 'text', text: 'text',
};

/** The format a path's extension names, or null when it names none. */
export function formatOfPath(path: string | null | undefined): InputFormat | null {
  const ext = /\.([A-Za-z]+)$/u.exec(path ?? '')?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] ?? null : null;
}

const SAMPLE_LENGTH = 64 * 1024;
const HTML_OPENING = /<(?:!doctype\s+html|html[\s>]|head[\s>]|meta\s)/iuy;
const HTML_BLOCK_TAG = /<(?:p|div|br|table|li|h[1-6])[\s/>]/giu;
/** Markdown that a plain page never writes: ATX headings, **bold**, [links](…), fences. */
const MARKDOWN_STRONG = [/^ {0,3}#{1,6}[ \t]+\S/u, /\*\*[^*\n]+\*\*|__[^_\n]+__/u, /\[[^\][\n]+\]\([^()[\]\s]+\)/u, /^ {0,3}(?:```|~~~)/u];
/** Markdown that plain pages write too: - and * bullets, 1. lists. */
const MARKDOWN_WEAK = /^ {0,3}[-*+][ \t]+\S/u;
/**
 * Markdown separates its paragraphs by blank lines; a page that marks headings and bold but never
 * leaves a blank line is plain text with leftovers of another format (boilerplate's format-residue).
 */
const BLANK_LINE = /\n[ \t]*\r?\n/u;

/** The format the content shows: HTML tags, else Markdown syntax on several lines, else text. */
export function sniffFormat(text: string): InputFormat {
  const sample = text.slice(0, SAMPLE_LENGTH);
  if (opensAsHtml(sample)) return 'html';
  const htmlTags = sample.match(HTML_BLOCK_TAG)?.length ?? 0;
  let strong = 0;
  let weak = 0;
  for (const line of sample.split('\n')) {
    if (MARKDOWN_STRONG.some((p) => p.test(line))) strong++;
    else if (MARKDOWN_WEAK.test(line)) weak++;
  }
  if (htmlTags >= 3 && htmlTags > strong + weak) return 'html';
  if ((strong >= 3 || (strong >= 1 && strong + weak >= 3)) && BLANK_LINE.test(sample)) return 'markdown';
  return 'text';
}

/** Whether the text starts (after a BOM, white space and comments) with a doctype, <html>, <head> or <meta>. */
function opensAsHtml(text: string): boolean {
  let at = 0;
  for (;;) {
    while (at < text.length && (text[at] === '\uFEFF' || /\s/u.test(text[at]!))) at++;
    if (!text.startsWith('<!--', at)) break;
    const close = text.indexOf('-->', at + 4);
    if (close < 0) return false;
    at = close + 3;
  }
  HTML_OPENING.lastIndex = at;
  return HTML_OPENING.test(text);
}
