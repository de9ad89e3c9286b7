// Trimming a set of characters off the end of a string with a backwards scan: linear on any input,
// where a regular expression such as /[。.]+$/ is quadratic on long runs that do not reach the end.

/** The string without the trailing characters that are in `chars`. */
export function trimEndOf(text: string, chars: ReadonlySet<string>): string {
  let end = text.length;
  while (end > 0 && chars.has(text[end - 1] ?? '')) end--;
  return text.slice(0, end);
}

/** Heading lines end in these without ceasing to be headings: 指导思想：, 一、工作目标。 */
export const HEADING_TRAIL: ReadonlySet<string> = new Set([...'。.:： \t\n\u3000']);
