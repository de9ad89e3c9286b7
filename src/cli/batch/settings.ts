// What a run is asked to do, decided by the command line: how each job is done, where the outputs
// go, how the jobs run and what is reported.
import type { JobConfig } from './job.js';

/** Where the outputs go. */
export type OutputTarget =
  | { readonly kind: 'stdout' }
  /** One file: the output of the one input, or every ndjson line. */
  | { readonly kind: 'file'; readonly path: string }
  /** OUTDIR, mirroring the inputs' folders. */
  | { readonly kind: 'dir'; readonly path: string };

export interface RunSettings {
  readonly config: JobConfig;
  readonly output: OutputTarget;
  /** Worker threads; 1 runs everything in this thread. */
  readonly jobs: number;
  /** --jobs was given: use the workers even for a small batch. */
  readonly jobsExplicit: boolean;
  /** Each job's time budget in ms on worker threads (--timeout); null for none. */
  readonly timeoutMs: number | null;
  /** --timeout was given: run on a worker even one file or --jobs 1, so that the budget holds. */
  readonly timeoutExplicit: boolean;
  readonly ordered: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** Colour on standard error (--color, FORCE_COLOR, NO_COLOR and whether it is a terminal applied). */
  readonly color: boolean;
  /** Print the summary line at the end (batch runs, --verbose). */
  readonly summary: boolean;
  /** Draw the progress bar (standard error is a terminal and not --quiet). */
  readonly progress: boolean;
  /** At the end, the counts as Hadoop Streaming counters on standard error (--hadoop-counters). */
  readonly hadoopCounters?: boolean;
}

export interface FileRunSettings extends RunSettings {
  /** Files, folders, patterns; `-` is standard input. */
  readonly sources: readonly string[];
  /** Read more file names from standard input, split at this byte (`\n` or NUL). */
  readonly stdinList: 10 | 0 | null;
  readonly globs: readonly string[];
  /** Find each folder's site template from a sample of its files first (see batch/template.ts). */
  readonly siteTemplate: boolean;
  /** Learn one site template from the inputs and write it here instead of converting (--save-template). */
  readonly saveTemplate?: string;
}
