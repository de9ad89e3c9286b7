// Messages to the user on standard error; the only module that colours text (chalk).
import { Chalk } from 'chalk';
import type { Painter } from '../../emit/outline.js';
import { printable } from '../../text/printable.js';
import type { Problem } from './problems.js';
import { problemWords } from './problem-words.js';

export interface Reporter {
  /** One line naming the file and what is wrong with it (always shown, --quiet too). */
  fileError(file: string, problem: Problem): void;
  /** Something left out or odd; not shown with --quiet. */
  warn(message: string): void;
  /** The summary and such; not shown with --quiet. */
  info(message: string): void;
  /** One line per file and routine skips; shown with --verbose only. */
  detail(message: string): void;
}

export interface ReporterOptions {
  /** Colour the lines (decided by the caller for this stream: --color, FORCE_COLOR, NO_COLOR, a terminal). */
  readonly color: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  /** Where lines go instead of `stream.write` (the progress bar, which must clear itself first). */
  readonly write?: (text: string) => void;
}

export function makeReporter(stream: NodeJS.WritableStream, options: ReporterOptions): Reporter {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const write = options.write ?? ((text: string) => void stream.write(text));
  const quiet = options.quiet === true;
  const verbose = options.verbose === true && !quiet;
  return {
    // a message names files, whose names may hold line breaks and escapes: each is one line, printable
    fileError: (file, problem) => write(`${chalk.red('error')} ${printable(file)}: ${printable(problemWords(problem))}\n`),
    warn: (message) => {
      if (!quiet) write(`${chalk.yellow('warning')} ${printable(message)}\n`);
    },
    info: (message) => {
      if (!quiet) write(`${printable(message)}\n`);
    },
    detail: (message) => {
      if (verbose) write(`${chalk.gray(printable(message))}\n`);
    },
  };
}

export function colourPainter(): Painter {
  const chalk = new Chalk({ level: 1 });
  return { marker: chalk.cyan, title: (s) => s, dim: chalk.gray, warn: chalk.yellow, heading: chalk.bold };
}
