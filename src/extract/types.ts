// What an input adapter hands to the pipeline: the page as plain lines that remember where each
// character stands in the source, the page's own title, and the page chrome it left out.
import type { MappedText } from '../text/mapped-text.js';
import type { Finding } from '../types.js';
import type { RemovedSpan } from '../text/removed-span.js';

/** A part of the source the adapter left out as page chrome (menus, footers …), in source offsets. */
export type DroppedSpan = RemovedSpan;

/**
 * A page, or a part of it, that the adapter could not read in its format and read another way
 * (as plain text, or with its nesting cut), in source offsets: the pipeline reports it as a diagnostic.
 */
export type ExtractIssue = Extract<Finding, { readonly code: 'markdown-read-as-text' | 'markdown-nesting-cut' | 'html-nesting-cut' }> & {
  readonly start: number;
  readonly end: number;
};

/** A part of the source, in source offsets. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

/** A heading of the source format (Markdown `##`, HTML `<h2>`), in source offsets: evidence for depth. */
export interface HeadingSpan {
  readonly start: number;
  readonly end: number;
  /** 1 for `#` / `<h1>` … 6. */
  readonly level: number;
}

/**
 * A list item of the source format (Markdown `1.` `-`, HTML `<ol><li>`), in source offsets: its marker
 * and first line only, so that a nested item's span lies outside its parent's.
 */
export interface ListItemSpan {
  readonly start: number;
  readonly end: number;
  /** The lists of any kind the item stands in: 1 for a list in no other list, 2 for one nested in an item of such a list … */
  readonly depth: number;
}

export interface ExtractedText {
  /** One line per block, markup removed; origin points into the source. */
  readonly text: MappedText;
  /** The page's own title (HTML `<title>`), else null. */
  readonly title: string | null;
  readonly dropped: readonly DroppedSpan[];
  readonly issues: readonly ExtractIssue[];
  /** The headings the format marked, in source order; absent for plain text. */
  readonly headings?: readonly HeadingSpan[];
  /** The list items the format marked, in source order; absent for plain text. */
  readonly listItems?: readonly ListItemSpan[];
  /** The tables the format marked (a Markdown pipe table, an HTML table's data rows), in source order: their rows are cells, not outline. */
  readonly tables?: readonly SourceSpan[];
}
