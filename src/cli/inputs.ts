// What the inputs named on the command line are: standard input, one file, or many (a folder, a
// pattern, several names, a list on standard input).
import { statSync } from 'node:fs';
import { hasMagic } from './batch/glob.js';
import { UsageError } from './values.js';

export type PathKind = 'dir' | 'file' | 'none';

export function kindOf(path: string): PathKind {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

export interface InputShape {
  /** Files, folders, patterns; `-` is standard input. */
  readonly sources: readonly string[];
  /** A folder or a pattern is among them. */
  readonly walks: boolean;
  /** More than one input may come (a walk, a list, several names). */
  readonly many: boolean;
}

/** The sources (nothing named and no list: standard input) and how many inputs they may give. */
export function inputShape(inputs: readonly string[], stdinList: 10 | 0 | null): InputShape {
  const sources = inputs.length === 0 && stdinList === null ? ['-'] : inputs;
  if (sources.filter((s) => s === '-').length > 1) throw new UsageError('standard input (-) can be read once');
  if (stdinList !== null && sources.includes('-')) throw new UsageError('--stdin-list reads names from standard input: it cannot also be an input (-)');
  const walks = sources.some((s) => s !== '-' && (kindOf(s) === 'dir' || (kindOf(s) === 'none' && hasMagic(s))));
  return { sources, walks, many: walks || stdinList !== null || sources.length > 1 };
}
