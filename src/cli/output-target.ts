// Where -o sends the outputs: standard output, one file, or a folder (OUTDIR) mirroring the inputs.
import type { OutputTarget } from './batch/settings.js';
import { kindOf } from './inputs.js';
import { UsageError } from './values.js';

export interface OutputChoice {
  /** -o as given; undefined or `-`: standard output. */
  readonly output: string | undefined;
  /** Everything goes to one stream of lines (ndjson, records). */
  readonly lines: boolean;
  /** More than one input may come. */
  readonly many: boolean;
}

export function outputTarget({ output, lines, many }: OutputChoice): OutputTarget {
  // -o - is standard output, as for inputs
  if (output === undefined || output === '-') return { kind: 'stdout' };
  const outKind = kindOf(output);
  if (lines) {
    if (outKind === 'dir') throw new UsageError(`-o ${output} is a folder: ndjson goes to one file`);
    return { kind: 'file', path: output };
  }
  if (many || outKind === 'dir' || /[\\/]$/u.test(output)) {
    if (outKind === 'file') throw new UsageError(`-o ${output} is a file: several inputs need a folder (OUTDIR)`);
    return { kind: 'dir', path: output };
  }
  return { kind: 'file', path: output };
}
