// What an input adapter hands to the pipeline: the page as plain lines that remember where each
// character stands in the source, the page's own title, and the page chrome it left out.
import type { MappedText } from '../text/mapped-text.js';

/** A part of the source the adapter left out as page chrome (menus, footers …), in source offsets. */
export interface DroppedSpan {
  readonly rule: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface ExtractedText {
  /** One line per block, markup removed; origin points into the source. */
  readonly text: MappedText;
  /** The page's own title (HTML `<title>`), else null. */
  readonly title: string | null;
  readonly dropped: readonly DroppedSpan[];
}
