// The skeleton every run shares: its session (reporter, progress bar, tally, summary), the signals
// that stop it, the executor of its jobs, the one ndjson file it may write, and its end (the text
// output completed, an output failure reported, the summary, the exit code).
import { stat } from './fs-async.js';
import { canonical, commitTemporary, outputExists, temporaryPath } from './files.js';
import { ProblemError } from './problems.js';
import { makeReporter, type Reporter } from './report.js';
import { inProcessExecutor, workerExecutor, type Executor } from './pool.js';
import { makeProgress, type Progress } from './progress.js';
import { diagnosticsStream, openFileSink, ReaderGone, WriteFailed, type TextSink } from './sink.js';
import { Tally, formatSummary } from './summary.js';
import { listenForSignals, SIGNAL_EXIT_CODES, type Interrupt, type SignalSource, type StopSignal } from './interrupt.js';
import { removeOwnTemporaries, removeStaleTemporaries } from './temporaries.js';
import type { OutputTarget, RunSettings } from './settings.js';
import { outputsOf, type Planned } from './planned.js';
import { fsPath } from '../../text/file-names.js';
import { monotonicMs } from './clock.js';

export interface BatchIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Where SIGINT and SIGTERM come from (default: the process). */
  readonly signals?: SignalSource;
  /** Exit at once, on a second signal (default: process.exit). */
  readonly exit?: (code: number) => void;
}

/** Below this many bytes in all, a batch runs in this thread unless --jobs was given. */
export const SMALL_BATCH_BYTES = 256 * 1024;

/** Start the executor: worker threads when there is enough work for them. */
export async function startExecutor(settings: RunSettings, enoughWork: boolean): Promise<{ executor: Executor; concurrency: number }> {
  // a job in this thread cannot be stopped: a budget given explicitly runs even one job on a worker
  if ((settings.jobs > 1 && enoughWork) || (settings.timeoutExplicit && settings.timeoutMs !== null)) {
    const options = settings.timeoutMs !== null ? { timeoutMs: settings.timeoutMs } : {};
    return { executor: await workerExecutor(settings.config, settings.jobs, undefined, options), concurrency: settings.jobs * 2 };
  }
  // a few jobs at once: one parses while the others wait for the disk
  return { executor: await inProcessExecutor(settings.config), concurrency: 4 };
}

/**
 * The worker threads of a run over files, started while the walk still finds inputs: as soon as
 * what it found is a batch that runs on them (as many files as --jobs, SMALL_BATCH_BYTES in all, or
 * any --jobs given), so that they load while the walk goes on. `take` hands them to the run when
 * startExecutor would start the same pool; otherwise they are stopped.
 */
export class EarlyWorkers {
  private files = 0;
  private bytes = 0;
  private pool: Promise<{ executor: Executor; concurrency: number }> | null = null;
  /** Taken (or given up): a walk still running after an interruption starts nothing more. */
  private taken = false;

  constructor(private readonly settings: RunSettings) {}

  /** An input found: its size when it is a file (null for standard input, a missing file …). */
  found(size: number | null): void {
    if (size === null || this.pool !== null || this.taken || this.settings.jobs < 2) return;
    this.files++;
    this.bytes += size;
    if (this.files >= this.settings.jobs && (this.settings.jobsExplicit || this.bytes >= SMALL_BATCH_BYTES)) this.pool = startExecutor(this.settings, true);
  }

  /** The pool when the run wants this one (`jobs` workers, enough work), else null (and the pool stopped). */
  async take(jobs: number, enoughWork: boolean): Promise<{ executor: Executor; concurrency: number } | null> {
    const pool = this.pool;
    this.pool = null;
    this.taken = true;
    if (pool === null) return null;
    if (jobs === this.settings.jobs && enoughWork) return pool;
    await (await pool).executor.close();
    return null;
  }
}

/** All ndjson lines into one file: a temporary file, renamed into place at the end. */
export interface LineFile extends TextSink {
  /** Rename the finished file into place. Throws WriteFailed or ProblemError. */
  commit(): Promise<void>;
  /** Delete the temporary file. */
  abort(): void;
}

/**
 * The ndjson file of a run: stale temporary files of earlier runs removed, the output checked, then
 * (unless a signal came meanwhile: null) its temporary file created, synchronously after that check,
 * and handed to `opened` at once, so that an interrupted run always knows to delete it.
 * Throws ProblemError (the output is an input, or exists) or WriteFailed (it cannot be created).
 */
export async function openLineFile(path: string, force: boolean, inputs: ReadonlySet<string>, interrupt: Interrupt, opened: (file: LineFile) => void): Promise<LineFile | null> {
  await removeStaleTemporaries([path]);
  const target = await canonical(path);
  if (inputs.has(target)) throw new ProblemError({ code: 'output-is-input', args: { path } });
  if (!force && (await stat(fsPath(path)).then(() => true, () => false))) throw outputExists(path);
  if (interrupt.received !== null) return null;
  const sink = openFileSink(temporaryPath(path), path);
  const file: LineFile = {
    write: (text) => sink.write(text),
    finish: () => sink.finish(),
    async commit() {
      await sink.finish();
      await commitTemporary(sink.temp, path, force);
    },
    abort: () => sink.abort(),
  };
  opened(file);
  return file;
}

/** The run stops before its end (the output folder cannot take more): why, for the summary. */
export class RunStopped extends Error {}

/** What went wrong with the text output, reported; true when it was an error (not a reader going away). */
export function reportOutputFailure(e: unknown, reporter: Reporter): boolean {
  if (e instanceof ReaderGone) return false;
  if (e instanceof WriteFailed) {
    reporter.fileError(e.target, e.problem);
    return true;
  }
  throw e;
}

export interface Session {
  readonly reporter: Reporter;
  readonly progress: Progress;
  readonly tally: Tally;
  readonly started: number;
  /** Where the Hadoop Streaming counter lines go (standard error, --quiet or not). */
  readonly counters: (text: string) => void;
  /** Set when the run stops before its end: why, for the summary. */
  stopped?: string;
  /** Inputs not done when it stopped. */
  notDone?: number;
  /** Stopped by a signal: the summary is printed even where a run has none (one file). */
  interrupted?: boolean;
}

export function openSession(settings: RunSettings, io: BatchIo, unit: 'file' | 'record'): Session {
  const stderr = diagnosticsStream(io.stderr);
  const progress = makeProgress(stderr, settings.progress, unit);
  const reporter = makeReporter(stderr, { color: settings.color, quiet: settings.quiet, verbose: settings.verbose, write: (t) => progress.write(t) });
  return { reporter, progress, tally: new Tally(), started: monotonicMs(), counters: (text) => void stderr.write(text) };
}

export function closeSession(s: Session, settings: RunSettings, unit: 'file' | 'record'): void {
  s.progress.stop();
  if (settings.summary || s.interrupted === true) {
    const extras = {
      ...(settings.verbose ? { peakRss: process.resourceUsage().maxRSS * 1024 } : {}),
      ...(s.stopped !== undefined ? { stopped: s.stopped, notDone: s.notDone ?? 0 } : {}),
    };
    s.reporter.info(formatSummary(s.tally, monotonicMs() - s.started, unit, extras));
  }
  if (settings.hadoopCounters === true) s.counters(hadoopCounterLines(s.tally));
}

/** Wait for `work`, or for the first signal: null then. */
export const unlessInterrupted = <T>(work: Promise<T>, interrupt: Interrupt): Promise<T | null> => Promise.race([work, interrupt.whenReceived.then(() => null)]);

/** Say a run was interrupted and return its exit code. */
export function interrupted(session: Session, settings: RunSettings, unit: 'file' | 'record', signal: StopSignal, notDone: number): number {
  session.interrupted = true;
  session.stopped = `interrupted by ${signal}`;
  session.notDone = notDone;
  closeSession(session, settings, unit);
  return SIGNAL_EXIT_CODES[signal];
}

export const outcome = (tally: Tally): number => (tally.failed > 0 ? 1 : 0);

/** What a run holds open, for a second signal's exit to clean up. */
export interface OpenState {
  /** The ndjson file being written, until it is committed. */
  lines: LineFile | null;
  /** Jobs in flight: their temporary files are removed before exiting. */
  readonly inFlight: Map<number, Planned>;
}

export const openState = (): OpenState => ({ lines: null, inFlight: new Map() });

/** Listen for SIGINT and SIGTERM: the first stops the run; a second exits at once, cleaning up. */
export function listen(io: BatchIo, state: OpenState): Interrupt {
  return listenForSignals(io.signals ?? process, (signal) => {
    state.lines?.abort();
    removeOwnTemporaries(outputsOf(state.inFlight.values()));
    (io.exit ?? process.exit)(SIGNAL_EXIT_CODES[signal]);
  });
}

/**
 * End the text output: the ndjson file renamed into place, or the stream (when given) finished.
 * False when the file was refused (reported); a write failure is thrown.
 */
export async function completeText(state: OpenState, text: TextSink | null, output: OutputTarget, reporter: Reporter): Promise<boolean> {
  const lines = state.lines;
  if (lines === null) {
    if (text !== null) await text.finish();
    return true;
  }
  try {
    await lines.commit();
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    reporter.fileError(output.kind === 'file' ? output.path : '-', e.problem);
    return false;
  } finally {
    state.lines = null;
  }
  return true;
}

/** A run stopped by what it caught: said in the summary; true when an output failed (an error). */
export function stopOnFailure(e: unknown, session: Session, linesOpen: boolean, notDone: number): boolean {
  session.notDone = notDone;
  if (e instanceof RunStopped) {
    session.stopped = e.message;
    return false;
  }
  if (!reportOutputFailure(e, session.reporter)) return false;
  session.stopped = linesOpen ? 'stopped, output not written' : 'stopped, output incomplete';
  return true;
}

/** The summary, and the exit code: the signal's after one, else `code`. */
export function endRun(session: Session, settings: RunSettings, unit: 'file' | 'record', interrupt: Interrupt, notDone: number, code: number): number {
  if (interrupt.received !== null) return interrupted(session, settings, unit, interrupt.received, notDone);
  closeSession(session, settings, unit);
  return code;
}

/**
 * The counts as Hadoop Streaming reads counters from a task's standard error:
 * `reporter:counter:<group>,<counter>,<amount>`, one a line.
 */
export function hadoopCounterLines(tally: Tally): string {
  const counts: ReadonlyArray<readonly [string, number]> = [['converted', tally.converted], ['failed', tally.failed], ['skipped', tally.skipped]];
  return counts.map(([name, n]) => `reporter:counter:plan-parse,${name},${n}\n`).join('');
}
