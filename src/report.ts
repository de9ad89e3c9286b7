// Messages to the user on standard error; the only module that colours text (chalk).
import { Chalk } from 'chalk';
import type { Painter } from './emit/outline.js';

export interface Reporter {
  /** One line naming the file and what is wrong with it. */
  fileError(file: string, problem: string): void;
  warn(message: string): void;
  info(message: string): void;
}

export function makeReporter(stream: NodeJS.WritableStream, options: { color: boolean }): Reporter {
  const chalk = new Chalk({ level: options.color && (stream as { isTTY?: boolean }).isTTY ? 1 : 0 });
  return {
    fileError: (file, problem) => stream.write(`${chalk.red('error')} ${file}: ${problem}\n`),
    warn: (message) => stream.write(`${chalk.yellow('warning')} ${message}\n`),
    info: (message) => stream.write(`${message}\n`),
  };
}

export function colourPainter(): Painter {
  const chalk = new Chalk({ level: 1 });
  return { marker: chalk.cyan, title: (s) => s, dim: chalk.gray, warn: chalk.yellow, heading: chalk.bold };
}
