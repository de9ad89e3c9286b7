// Collects text runs with their source offsets into lines: the plain text an adapter produces.
// Blocks end lines (never leaving an empty one), hard breaks always do, and collapsible spaces
// are kept only between two pieces of text on the same line.
import type { MappedText } from '../text/mapped-text.js';

export interface LineBuilder {
  /** Characters with the source offset of each; a '\n' among them ends the line. */
  readonly text: (chars: string, origins: ArrayLike<number>) => void;
  /** A collapsible space at a source offset (HTML white space, a table cell boundary). */
  readonly space: (at: number) => void;
  /** End the current line, if it holds anything. */
  readonly breakLine: (at: number) => void;
  /** End the current line even when it is empty (`<br>`, a hard break). */
  readonly hardBreak: (at: number) => void;
  /** End the current line and leave one blank line after it (unless the text is empty or one is there). */
  readonly blankLine: (at: number) => void;
  /** True when the current line holds nothing yet. */
  readonly atLineStart: () => boolean;
  /** The lines so far; `end` is the offset the end of the text maps to. */
  readonly result: (end: number) => MappedText;
}

export function lineBuilder(): LineBuilder {
  const chars: string[] = [];
  const origins: number[] = [];
  let lineHasText = false;
  let pendingSpace: number | null = null;

  const put = (ch: string, at: number): void => {
    chars.push(ch);
    origins.push(at);
  };
  const newline = (at: number): void => {
    put('\n', at);
    lineHasText = false;
    pendingSpace = null;
  };

  return {
    text(run, at) {
      for (let i = 0; i < run.length; i++) {
        const ch = run[i]!;
        const origin = at[i] ?? 0;
        if (ch === '\n') {
          newline(origin);
          continue;
        }
        if (pendingSpace !== null) put(' ', pendingSpace);
        pendingSpace = null;
        put(ch, origin);
        lineHasText = true;
      }
    },
    space(at) {
      if (lineHasText && pendingSpace === null) pendingSpace = at;
    },
    breakLine(at) {
      if (lineHasText) newline(at);
    },
    hardBreak: newline,
    blankLine(at) {
      if (lineHasText) newline(at);
      const n = chars.length;
      if (n > 1 && chars[n - 1] === '\n' && chars[n - 2] !== '\n') newline(at);
    },
    atLineStart: () => !lineHasText,
    result(end) {
      const origin = new Int32Array(origins.length + 1);
      origin.set(origins);
      origin[origins.length] = end;
      return { text: chars.join(''), origin };
    },
  };
}
