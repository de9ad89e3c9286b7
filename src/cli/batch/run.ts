// A run of the command over many inputs: find them, plan each output, run the jobs (in this
// thread or on worker threads), write results in order, report failures, print the summary.
import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { canonical, commitTemporary, describeWriteError, HOPELESS_WRITE_CODES, InputError, OutputExistsError, readStream, temporaryPath } from '../files.js';
import { makeReporter, type Reporter } from '../report.js';
import { InputFinder, type Found } from './walk.js';
import { OUTPUT_EXTENSIONS, isInside, outputPathFor } from './paths.js';
import { invalidBytesWarning, type JobConfig, type JobResult, type Task } from './job.js';
import { inProcessExecutor, schedule, workerExecutor, type Executor } from './pool.js';
import { parseRecord, splitStream, errorLine, fileErrorLine, idInPrefix } from './ndjson.js';
import { makeProgress, type Progress } from './progress.js';
import { openFileSink, ReaderGone, streamSink, WriteFailed, type TextSink } from './sink.js';
import { Tally, formatSummary } from './summary.js';
import { checkOutputFolder, PROBE_NAME } from './outdir.js';
import { listenForSignals, SIGNAL_EXIT_CODES, type Interrupt, type SignalSource, type StopSignal } from './interrupt.js';
import { removeOwnTemporaries, removeStaleTemporaries } from './temporaries.js';
import type { GroupTemplate } from './template.js';
import { displayPath, fsPath, nameFromBytes } from '../../text/file-names.js';

export interface BatchIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Where SIGINT and SIGTERM come from (default: the process). */
  readonly signals?: SignalSource;
  /** Exit at once, on a second signal (default: process.exit). */
  readonly exit?: (code: number) => void;
}

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
  /** Colour on standard error (--no-color and NO_COLOR applied). */
  readonly color: boolean;
  /** Print the summary line at the end (batch runs, --verbose). */
  readonly summary: boolean;
  /** Draw the progress bar (standard error is a terminal and not --quiet). */
  readonly progress: boolean;
}

export interface FileRunSettings extends RunSettings {
  /** Files, folders, patterns; `-` is standard input. */
  readonly sources: readonly string[];
  /** Read more file names from standard input, split at this byte (`\n` or NUL). */
  readonly stdinList: 10 | 0 | null;
  readonly globs: readonly string[];
  /** Find each folder's site template from a sample of its files first (see batch/template.ts). */
  readonly siteTemplate: boolean;
}

/** Below this many bytes in all, a batch runs in this thread unless --jobs was given. */
const SMALL_BATCH_BYTES = 256 * 1024;

type Unnumbered<T> = T extends unknown ? Omit<T, 'seq'> : never;

interface Planned {
  readonly task: Unnumbered<Task>;
  readonly name: string;
  /** The input's path as its tree's source.path would give it (null: standard input, or no name), for its ndjson error line. */
  readonly path: string | null;
  readonly size: number;
}

const outcome = (tally: Tally): number => (tally.failed > 0 ? 1 : 0);

/** Start the executor: worker threads when there is enough work for them. */
async function startExecutor(settings: RunSettings, enoughWork: boolean): Promise<{ executor: Executor; concurrency: number }> {
  // a job in this thread cannot be stopped: a budget given explicitly runs even one job on a worker
  if ((settings.jobs > 1 && enoughWork) || (settings.timeoutExplicit && settings.timeoutMs !== null)) {
    const options = settings.timeoutMs !== null ? { timeoutMs: settings.timeoutMs } : {};
    return { executor: await workerExecutor(settings.config, settings.jobs, undefined, options), concurrency: settings.jobs * 2 };
  }
  // a few jobs at once: one parses while the others wait for the disk
  return { executor: await inProcessExecutor(settings.config), concurrency: 4 };
}

/** All ndjson lines into one file: a temporary file, renamed into place at the end. */
interface LineFile extends TextSink {
  /** Rename the finished file into place. Throws WriteFailed or InputError. */
  commit(): Promise<void>;
  /** Delete the temporary file. */
  abort(): void;
}

/**
 * The ndjson file of a run: stale temporary files of earlier runs removed, the output checked, then
 * (unless a signal came meanwhile: null) its temporary file created, synchronously after that check,
 * and handed to `opened` at once, so that an interrupted run always knows to delete it.
 * Throws InputError (the output is an input, or exists) or WriteFailed (it cannot be created).
 */
async function openLineFile(path: string, force: boolean, inputs: ReadonlySet<string>, interrupt: Interrupt, opened: (file: LineFile) => void): Promise<LineFile | null> {
  await removeStaleTemporaries([path]);
  const target = await canonical(path);
  if (inputs.has(target)) throw new InputError(`output ${path} is an input: refusing to overwrite it`);
  if (!force && (await stat(fsPath(path)).then(() => true, () => false))) throw new OutputExistsError(path);
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
class RunStopped extends Error {}

/** What went wrong with the text output, reported; true when it was an error (not a reader going away). */
function reportOutputFailure(e: unknown, reporter: Reporter): boolean {
  if (e instanceof ReaderGone) return false;
  if (e instanceof WriteFailed) {
    reporter.fileError(e.target, e.message);
    return true;
  }
  throw e;
}

interface Session {
  readonly reporter: Reporter;
  readonly progress: Progress;
  readonly tally: Tally;
  readonly started: number;
  /** Set when the run stops before its end: why, for the summary. */
  stopped?: string;
  /** Inputs not done when it stopped. */
  notDone?: number;
  /** Stopped by a signal: the summary is printed even where a run has none (one file). */
  interrupted?: boolean;
}

function openSession(settings: RunSettings, io: BatchIo, unit: 'file' | 'record'): Session {
  const progress = makeProgress(io.stderr, settings.progress, unit);
  const reporter = makeReporter(io.stderr, { color: settings.color, quiet: settings.quiet, verbose: settings.verbose, write: (t) => progress.write(t) });
  return { reporter, progress, tally: new Tally(), started: performance.now() };
}

function closeSession(s: Session, settings: RunSettings, unit: 'file' | 'record'): void {
  s.progress.stop();
  if (settings.summary || s.interrupted === true) {
    const extras = {
      ...(settings.verbose ? { peakRss: process.resourceUsage().maxRSS * 1024 } : {}),
      ...(s.stopped !== undefined ? { stopped: s.stopped, notDone: s.notDone ?? 0 } : {}),
    };
    s.reporter.info(formatSummary(s.tally, performance.now() - s.started, unit, extras));
  }
}

/** An input found: a file (or a named one that is not there), standard input, or a name on --stdin-list too long to be one. */
type FoundInput = Found | { kind: 'stdin' } | { kind: 'unnamed'; label: string; reason: string };

/** Every input, in order (paths only: small even for a large corpus). */
async function findInputs(settings: FileRunSettings, io: BatchIo, session: Session, outDirReal: string | null, found: FoundInput[]): Promise<void> {
  const { reporter, tally } = session;
  const finder = new InputFinder(
    { globs: settings.globs, outDirReal },
    {
      skipped: (path, reason, warn) => {
        tally.skipped++;
        if (warn) reporter.warn(`${path}: skipped, ${reason}`);
        else reporter.detail(`skip ${path}: ${reason}`);
      },
    },
  );
  for (const source of settings.sources) {
    if (source === '-') found.push({ kind: 'stdin' });
    else for await (const f of finder.argument(source)) found.push(f);
  }
  if (settings.stdinList !== null) {
    for await (const chunk of splitStream(io.stdin as AsyncIterable<Buffer>, settings.stdinList, 64 * 1024)) {
      if (chunk.bytes === null) {
        found.push({ kind: 'unnamed', label: `standard input, name ${chunk.number}`, reason: 'longer than 64 KB' });
        continue;
      }
      // names as bytes: one that is not UTF-8 (a GBK name) still names its file
      for await (const f of finder.named(nameFromBytes(chunk.bytes))) found.push(f);
    }
  }
}

/** The jobs of a run, each with where its output goes; the ndjson file when there is one. */
interface Plan {
  readonly planned: Planned[];
  readonly lines: LineFile | null;
  readonly totalBytes: number;
}

/**
 * The plan of each job: where its output goes, refusing to overwrite an input, and stale temporary
 * files of earlier runs removed beside the outputs. Null when the run cannot start (reported).
 */
async function planJobs(settings: FileRunSettings, io: BatchIo, session: Session, found: readonly FoundInput[], outDirReal: string | null, interrupt: Interrupt, opened: (file: LineFile) => void): Promise<Plan | null> {
  const { reporter } = session;
  const output = settings.output;
  const inputReals = new Set<string>();
  let totalBytes = 0;
  for (const f of found) {
    if (f.kind === 'file') {
      inputReals.add(f.real);
      totalBytes += f.size;
    }
  }
  let lines: LineFile | null = null;
  if (output.kind === 'file' && (settings.config.format === 'ndjson' || found.length > 1)) {
    try {
      lines = await openLineFile(output.path, settings.config.force, inputReals, interrupt, opened);
    } catch (e) {
      if (e instanceof OutputExistsError && settings.config.skipExisting === true) {
        // every input is in the file already (it is renamed into place only when complete)
        const inputs = found.filter((f) => f.kind !== 'missing' && f.kind !== 'unnamed').length;
        session.tally.skipped += inputs;
        session.tally.existing += inputs;
        reporter.detail(`skip: output ${output.path} exists`);
        // a name too long to be one is still an error
        const unnamed: Planned[] = found.flatMap((f) => (f.kind === 'unnamed' ? [{ task: { kind: 'ready', result: { ok: false, error: f.reason } }, name: f.label, path: null, size: 0 } as const] : []));
        return { planned: unnamed, lines: null, totalBytes: 0 };
      }
      if (e instanceof InputError) reporter.fileError(output.path, e.message);
      else reportOutputFailure(e, reporter);
      return null;
    }
    if (lines === null) return null;
  }
  const planned: Planned[] = [];
  const claimed = new Map<string, string>();
  const realDirs = new Map<string, string>();
  const realOf = async (path: string): Promise<string> => {
    const dir = dirname(path);
    let real = realDirs.get(dir);
    if (real === undefined) {
      real = dirname(await canonical(join(dir, '.probe')));
      realDirs.set(dir, real);
    }
    return join(real, basename(path));
  };
  const fail = (name: string, path: string | null, error: string): void => {
    planned.push({ task: { kind: 'ready', result: { ok: false, error } }, name, path, size: 0 });
  };
  let stdinBytes: Uint8Array | null = null;
  for (const f of found) {
    if (f.kind === 'unnamed') {
      fail(f.label, null, f.reason);
      continue;
    }
    if (f.kind === 'missing') {
      fail(f.path, displayPath(f.path), f.reason);
      continue;
    }
    const path = f.kind === 'stdin' ? null : displayPath(f.path);
    let out: string | null = null;
    if (output.kind === 'file' && lines === null) out = output.path;
    else if (output.kind === 'dir') {
      const rel = f.kind === 'stdin' ? 'stdin' : f.rel;
      try {
        out = outputPathFor(output.path, rel, OUTPUT_EXTENSIONS[settings.config.format] ?? '.json');
      } catch (e) {
        fail(f.kind === 'stdin' ? '-' : f.path, path, (e as Error).message);
        continue;
      }
    }
    const name = f.kind === 'stdin' ? '-' : f.path;
    if (out !== null) {
      const real = await realOf(resolve(out));
      if (output.kind === 'dir' && outDirReal !== null && !isInside(real, outDirReal)) {
        // a symbolic link inside OUTDIR (to a folder elsewhere) would take the output out of it
        fail(name, path, `output ${out} leads outside ${output.path} through a symbolic link: refusing to write it`);
        continue;
      }
      if (inputReals.has(real)) {
        fail(name, path, `output ${out} is an input: refusing to overwrite it`);
        continue;
      }
      const other = claimed.get(real);
      if (other !== undefined) {
        fail(name, path, `output ${out} is also the output of ${other}`);
        continue;
      }
      claimed.set(real, name);
    }
    if (f.kind === 'stdin') {
      stdinBytes ??= await readStream(io.stdin);
      planned.push({ task: { kind: 'bytes', bytes: stdinBytes, out }, name, path, size: stdinBytes.length });
    } else planned.push({ task: { kind: 'file', path: f.path, out }, name, path, size: f.size });
  }
  if (lines === null) await removeStaleTemporaries([...outputsOf(planned), ...(output.kind === 'dir' ? [join(output.path, PROBE_NAME)] : [])]);
  if (interrupt.received !== null) return null;
  return { planned, lines, totalBytes: totalBytes + (stdinBytes?.length ?? 0) };
}

/** The output files of these jobs. */
function outputsOf(planned: Iterable<Planned>): string[] {
  const outs: string[] = [];
  for (const p of planned) if ((p.task.kind === 'file' || p.task.kind === 'bytes') && p.task.out !== null) outs.push(p.task.out);
  return outs;
}

/** Wait for `work`, or for the first signal: null then. */
const unlessInterrupted = <T>(work: Promise<T>, interrupt: Interrupt): Promise<T | null> => Promise.race([work, interrupt.whenReceived.then(() => null)]);

/** Say a run was interrupted and return its exit code. */
function interrupted(session: Session, settings: RunSettings, unit: 'file' | 'record', signal: StopSignal, notDone: number): number {
  session.interrupted = true;
  session.stopped = `interrupted by ${signal}`;
  session.notDone = notDone;
  closeSession(session, settings, unit);
  return SIGNAL_EXIT_CODES[signal];
}

/**
 * Convert files, folders and patterns. Returns the exit code: 0, 1 when an input failed or an
 * output could not be written, 130 or 143 after SIGINT or SIGTERM.
 */
export async function runFiles(settings: FileRunSettings, io: BatchIo): Promise<number> {
  const session = openSession(settings, io, 'file');
  const { reporter, progress, tally } = session;
  const output = settings.output;
  // in flight when a second signal comes: their temporary files are removed before exiting
  const inFlight = new Map<number, Planned>();
  const open: { lines: LineFile | null } = { lines: null };
  const interrupt = listenForSignals(io.signals ?? process, (signal) => {
    open.lines?.abort();
    removeOwnTemporaries(outputsOf(inFlight.values()));
    (io.exit ?? process.exit)(SIGNAL_EXIT_CODES[signal]);
  });
  try {
    if (output.kind === 'dir') {
      const problem = await checkOutputFolder(output.path);
      if (problem !== null) {
        reporter.fileError(output.path, problem);
        progress.stop();
        return 1;
      }
    }
    const outDirReal = output.kind === 'dir' ? await canonical(output.path) : null;
    // 1 and 2. Every input, and the plan of each job.
    const found: FoundInput[] = [];
    const prepared = await unlessInterrupted(
      findInputs(settings, io, session, outDirReal, found).then(() => planJobs(settings, io, session, found, outDirReal, interrupt, (file) => (open.lines = file))),
      interrupt,
    );
    if (interrupt.received !== null) {
      open.lines?.abort();
      return interrupted(session, settings, 'file', interrupt.received, found.length);
    }
    if (prepared === null) {
      progress.stop();
      return 1;
    }
    const { planned, totalBytes } = prepared;
    let lines = prepared.lines;
    progress.setTotal(planned.length, totalBytes);

    // 3. Run: first each folder's site template, from a sample of its files; then every job.
    const work = planned.filter((p) => p.task.kind === 'file').length;
    const enough = work > 1 && (settings.jobsExplicit || totalBytes >= SMALL_BATCH_BYTES);
    const { executor, concurrency } = await startExecutor({ ...settings, jobs: Math.min(settings.jobs, Math.max(1, work)) }, enough);
    let done = 0;
    let outputFailed = false;
    try {
      let templates: Map<string, GroupTemplate> | null = null;
      let groupOf: (path: string) => string = (path) => path;
      if (settings.siteTemplate && work > 1) {
        // loaded only here: the main thread of a run on workers does not load the library otherwise
        const template = await import('./template.js');
        groupOf = template.groupOf;
        const paths = planned.flatMap((p) => (p.task.kind === 'file' ? [p.task.path] : []));
        templates = await unlessInterrupted(template.findTemplates(paths, (task) => executor.run(task), concurrency), interrupt);
        for (const [group, t] of templates ?? []) {
          reporter.detail(`site template of ${group}: ${t.lines.length} ${t.lines.length === 1 ? 'line' : 'lines'} (${t.sampled} files sampled, ${t.plans} distinct plans)`);
        }
      }
      const templateOf = (path: string): readonly string[] | undefined => {
        const found = templates?.get(groupOf(path))?.lines;
        return found && found.length > 0 ? found : undefined;
      };
      let bytesDone = 0;
      const textOut = output.kind === 'stdout' || lines !== null;
      const text: TextSink = lines ?? streamSink(io.stdout);
      // ndjson gives every input its line, a failed one an error line: outputs join to inputs by position
      const errorRecords = textOut && settings.config.format === 'ndjson';
      // results in, not yet handed on (waiting for their turn in input order)
      const waiting = new Map<number, JobResult>();
      const account = async (result: JobResult): Promise<void> => {
        const p = inFlight.get(result.seq)!;
        inFlight.delete(result.seq);
        waiting.delete(result.seq);
        done++;
        bytesDone += p.size;
        progress.update(done, bytesDone);
        if (!result.ok) {
          tally.failed++;
          reporter.fileError(p.name, result.error ?? 'failed');
          if (errorRecords) await text.write(fileErrorLine(p.path, result.error ?? 'failed'));
          // a full disk fails every output after this one, each with the same line: stop
          if (result.writeCode !== undefined && HOPELESS_WRITE_CODES.has(result.writeCode)) {
            throw new RunStopped(`stopped, outputs cannot be written (${describeWriteError(result.writeCode)})`);
          }
          return;
        }
        const where = p.task.kind === 'file' || p.task.kind === 'bytes' ? p.task.out : null;
        if (result.kept === true) {
          tally.skipped++;
          tally.existing++;
          reporter.detail(`skip ${p.name}: output ${where ?? '?'} exists`);
          return;
        }
        if (result.stats) tally.add(result.stats);
        const invalid = result.stats ? invalidBytesWarning(p.name, result.stats) : null;
        if (invalid) reporter.warn(invalid);
        if (result.stats) reporter.detail(`ok ${p.name}${where ? ` → ${where}` : ''} (${result.stats.encoding}, ${result.stats.documents} documents, ${result.stats.items} items)`);
        // the output in pieces when the job ran in this thread (a large tree is never one string)
        for (const piece of result.pieces ?? (result.text !== undefined ? [result.text] : [])) await text.write(piece);
      };
      try {
        // a table to one stream (standard output, one file for several inputs): one header above the rows of every file
        const header = textOut && interrupt.received === null ? await tableHeaderFor(settings.config.format) : '';
        if (header !== '') await text.write(header);
        await schedule(
          interrupt.received === null ? planned : [],
          (p, seq) => {
            inFlight.set(seq, p);
            const template = p.task.kind === 'file' ? templateOf(p.task.path) : undefined;
            return { ...p.task, seq, ...(template ? { template } : {}) } as Task;
          },
          (task) =>
            executor.run(task).then((result) => {
              waiting.set(result.seq, result);
              return result;
            }),
          // results written to OUTDIR carry no text: a wide window costs nothing, and errors still come in input order
          { concurrency, window: textOut ? Math.max(16, concurrency * 4) : 1024, ordered: textOut ? settings.ordered : true, stop: interrupt.signal },
          account,
        );
        if (interrupt.received !== null && !textOut) {
          // outputs written to OUTDIR while an earlier job was still running: done, and said so
          for (const seq of [...waiting.keys()].sort((a, b) => a - b)) await account(waiting.get(seq)!).catch(() => undefined);
        }
        if (interrupt.received === null) {
          if (lines) {
            try {
              await lines.commit();
            } catch (e) {
              if (!(e instanceof InputError)) throw e;
              reporter.fileError(output.kind === 'file' ? output.path : '-', e.message);
              tally.failed++;
            }
            lines = null;
          } else if (textOut) await text.finish();
        }
      } catch (e) {
        if (e instanceof RunStopped) session.stopped = e.message;
        else if (reportOutputFailure(e, reporter)) {
          outputFailed = true;
          session.stopped = lines ? 'stopped, output not written' : 'stopped, output incomplete';
        }
        session.notDone = planned.length - done;
      }
    } finally {
      lines?.abort();
      await executor.close();
      // a worker stopped mid-write leaves its temporary file
      if (interrupt.received !== null) removeOwnTemporaries(outputsOf(inFlight.values()));
    }
    if (interrupt.received !== null) return interrupted(session, settings, 'file', interrupt.received, planned.length - done);
    closeSession(session, settings, 'file');
    return outputFailed ? 1 : outcome(tally);
  } finally {
    interrupt.dispose();
  }
}

/**
 * Records in, records out: one JSON record a line on standard input, one line out per record in
 * input order, each carrying the record's id. A record that fails is an error line (and the run
 * goes on); the exit code stays 0 unless the stream itself cannot be read or written, so that a
 * streaming engine does not fail a whole task for one bad page.
 */
export async function runRecords(settings: RunSettings, io: BatchIo): Promise<number> {
  const session = openSession(settings, io, 'record');
  const { reporter, progress, tally } = session;
  const open: { lines: LineFile | null } = { lines: null };
  const interrupt = listenForSignals(io.signals ?? process, (signal) => {
    open.lines?.abort();
    (io.exit ?? process.exit)(SIGNAL_EXIT_CODES[signal]);
  });
  let lines: LineFile | null = null;
  if (settings.output.kind === 'file') {
    try {
      lines = await openLineFile(settings.output.path, settings.config.force, new Set(), interrupt, (file) => (open.lines = file));
    } catch (e) {
      if (e instanceof OutputExistsError && settings.config.skipExisting === true) {
        // the records of standard input were converted into it already: nothing is read
        reporter.detail(`skip: output ${settings.output.path} exists`);
        interrupt.dispose();
        closeSession(session, settings, 'record');
        return 0;
      }
      if (e instanceof InputError) reporter.fileError(settings.output.path, e.message);
      else reportOutputFailure(e, reporter);
      progress.stop();
      interrupt.dispose();
      return 1;
    }
    if (lines === null) {
      interrupt.dispose();
      return interrupted(session, settings, 'record', interrupt.received ?? 'SIGINT', 0);
    }
  }
  const maxLine = settings.config.maxBytes * 2 + 64 * 1024;
  const { executor, concurrency } = await startExecutor(settings, true);
  const labels = new Map<number, string>();
  let done = 0;
  let started = 0;
  let bytesDone = 0;
  const records = splitStream(io.stdin as AsyncIterable<Buffer>, 10, maxLine);
  let exitCode = 0;
  const text: TextSink = lines ?? streamSink(io.stdout);
  try {
    await schedule(
      records,
      (chunk, seq): Task => {
        started++;
        if (chunk.bytes === null) {
          const error = `line ${chunk.number} is longer than ${maxLine} bytes (see --max-bytes)`;
          // its id, when the line's start holds it
          const id = chunk.head ? idInPrefix(chunk.head.toString('utf8'))?.id ?? null : null;
          labels.set(seq, id === null ? `line ${chunk.number}` : `record ${JSON.stringify(id)}`);
          return { kind: 'ready', seq, result: { ok: false, error, text: errorLine(id, error) } };
        }
        const record = parseRecord(chunk.bytes.toString('utf8'), chunk.number);
        labels.set(seq, record.id === null ? `line ${chunk.number}` : `record ${JSON.stringify(record.id)}`);
        if (!record.ok) return { kind: 'ready', seq, result: { ok: false, error: record.error, text: errorLine(record.id, record.error) } };
        return {
          kind: 'record',
          seq,
          id: record.id,
          path: record.path,
          line: chunk.number,
          ...(record.bytes ? { bytes: record.bytes } : { text: record.text ?? '' }),
        };
      },
      (task) => executor.run(task),
      { concurrency, window: Math.max(16, concurrency * 4), ordered: settings.ordered, stop: interrupt.signal },
      async (result) => {
        const label = labels.get(result.seq) ?? `line ?`;
        labels.delete(result.seq);
        done++;
        if (result.stats) bytesDone += result.stats.bytes;
        progress.update(done, bytesDone);
        if (result.ok && result.stats) {
          tally.add(result.stats);
          const invalid = invalidBytesWarning(label, result.stats);
          if (invalid) reporter.warn(invalid);
        } else {
          tally.failed++;
          reporter.fileError(label, result.error ?? 'failed');
        }
        if (result.text !== undefined) await text.write(result.text);
      },
    );
    if (interrupt.received !== null) {
      // the lines written so far stay on standard output; an unfinished file is not kept
    } else if (lines) {
      try {
        await lines.commit();
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        reporter.fileError(settings.output.kind === 'file' ? settings.output.path : '-', e.message);
        exitCode = 1;
      }
      lines = null;
    } else await text.finish();
  } catch (e) {
    if (reportOutputFailure(e, reporter)) {
      exitCode = 1;
      session.stopped = lines ? 'stopped, output not written' : 'stopped, output incomplete';
      session.notDone = started - done;
    }
  } finally {
    lines?.abort();
    await executor.close();
    interrupt.dispose();
  }
  if (interrupt.received !== null) return interrupted(session, settings, 'record', interrupt.received, started - done);
  closeSession(session, settings, 'record');
  return exitCode;
}

/** The header row of a csv or tsv run ('' for other formats); the table writer is loaded only for those. */
async function tableHeaderFor(format: string): Promise<string> {
  if (format !== 'csv' && format !== 'tsv') return '';
  const { tableHeader } = await import('../../emit/table.js');
  return tableHeader(format);
}
