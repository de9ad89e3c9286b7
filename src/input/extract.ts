// The plain text of a page in its input format, mapped back to the decoded source.
import type { InputFormat } from '../types.js';
import { identityText } from '../text/mapped-text.js';
import { htmlToText } from './html.js';
import { markdownToText } from './markdown.js';
import type { ExtractedText } from './types.js';

/**
 * micromark (remark-parse 11) takes time quadratic in the length of a long list; past this many
 * list-item lines a Markdown page is read as text, where the format-residue rule strips the marks.
 */
const MAX_MARKDOWN_LIST_ITEMS = 1500;

function countListItems(source: string): number {
  let n = 0;
  for (const m of source.matchAll(/^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/gmu)) if (m && ++n > MAX_MARKDOWN_LIST_ITEMS) break;
  return n;
}

export function extractText(format: InputFormat, source: string): ExtractedText {
  switch (format) {
    case 'markdown':
      if (countListItems(source) > MAX_MARKDOWN_LIST_ITEMS) return { text: identityText(source), title: null, dropped: [] };
      return markdownToText(source);
    case 'html': return htmlToText(source);
    case 'text': return { text: identityText(source), title: null, dropped: [] };
  }
}
