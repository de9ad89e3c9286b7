// The plain text of a page in its input format, mapped back to the decoded source.
import type { InputFormat } from '../types.js';
import { identityText } from '../text/mapped-text.js';
import { htmlToText } from './html.js';
import { markdownToText } from './markdown.js';
import type { ExtractedText } from './types.js';

export function extractText(format: InputFormat, source: string): ExtractedText {
  switch (format) {
    case 'markdown': return markdownToText(source);
    case 'html': return htmlToText(source);
    case 'text': return { text: identityText(source), title: null, dropped: [], issues: [] };
  }
}
