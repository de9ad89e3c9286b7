// A run of the command over many inputs: find them, plan each output, run the jobs (in this
// thread or on worker threads), write results in order, report failures, print the summary.
// Both kinds of run (files, records) share the skeleton of session.ts.
import { canonical, writeOutputSync } from './files.js';
import { hopelessWrite, problemOf, ProblemError, type Problem } from './problems.js';
import { writeErrorWords } from './problem-words.js';
import type { Reporter } from './report.js';
import { invalidBytesWarning, type JobResult, type Task } from './job.js';
import { largestFirst, schedule, type Executor } from './pool.js';
import { parseRecord, splitStream, errorLine, fileErrorLine, idInPrefix, type Chunk } from './ndjson.js';
import { streamSink, type TextSink } from './sink.js';
import { checkOutputFolder } from './outdir.js';
import type { Interrupt } from './interrupt.js';
import { removeOwnTemporaries } from './temporaries.js';
import type { GroupTemplate } from './template.js';
import type { FileRunSettings, RunSettings } from './settings.js';
import { outputsOf, type Planned } from './planned.js';
import { findInputs, planJobs, type FoundInput, type Plan } from './plan-jobs.js';
import {
  closeSession, completeText, EarlyWorkers, endRun, interrupted, listen, openLineFile, openSession, openState, outcome, reportOutputFailure,
  RunStopped, SMALL_BATCH_BYTES, startExecutor, stopOnFailure, unlessInterrupted,
  type BatchIo, type OpenState, type Session,
} from './session.js';

export type { BatchIo } from './session.js';

/** What a part of a run over files works with. */
interface FileRun {
  readonly settings: FileRunSettings;
  readonly io: BatchIo;
  readonly session: Session;
  readonly state: OpenState;
  readonly interrupt: Interrupt;
}

/**
 * Convert files, folders and patterns. Returns the exit code: 0, 1 when an input failed or an
 * output could not be written, 130 or 143 after SIGINT or SIGTERM.
 */
export async function runFiles(settings: FileRunSettings, io: BatchIo): Promise<number> {
  const session = openSession(settings, io, 'file');
  const state = openState();
  const interrupt = listen(io, state);
  try {
    return await convertFiles({ settings, io, session, state, interrupt });
  } finally {
    interrupt.dispose();
  }
}

async function convertFiles(run: FileRun): Promise<number> {
  const { settings, session, state, interrupt } = run;
  const early = new EarlyWorkers(settings);
  const prepared = await prepareFiles(run, early).catch(async (e: unknown) => {
    await early.take(0, false);
    throw e;
  });
  if (typeof prepared === 'number') {
    await early.take(0, false);
    return prepared;
  }
  const { planned, totalBytes } = prepared;
  session.progress.setTotal(planned.length, totalBytes);
  const work = planned.filter((p) => p.task.kind === 'file').length;
  const enough = work > 1 && (settings.jobsExplicit || totalBytes >= SMALL_BATCH_BYTES);
  const jobs = Math.min(settings.jobs, Math.max(1, work));
  // the workers started during the walk when they are the ones wanted
  const { executor, concurrency } = (await early.take(jobs, enough)) ?? (await startExecutor({ ...settings, jobs }, enough));
  let ran = { done: 0, outputFailed: false };
  try {
    if (settings.saveTemplate !== undefined) return await saveTemplate(run, settings.saveTemplate, planned, executor, concurrency);
    // first each folder's site template, from a sample of its files; then every job
    const templates = await siteTemplates(run, planned, executor, concurrency);
    ran = await runFileJobs(run, planned, executor, concurrency, templates);
  } finally {
    state.lines?.abort();
    await executor.close();
    // a worker stopped mid-write leaves its temporary file
    if (interrupt.received !== null) removeOwnTemporaries(outputsOf(state.inFlight.values()));
  }
  return endRun(session, settings, 'file', interrupt, planned.length - ran.done, ran.outputFailed ? 1 : outcome(session.tally));
}

/** The output folder checked, every input found and each job planned; an exit code when the run cannot start. */
async function prepareFiles(run: FileRun, early: EarlyWorkers): Promise<Plan | number> {
  const { settings, io, session, state, interrupt } = run;
  const output = settings.output;
  if (output.kind === 'dir') {
    const problem = await checkOutputFolder(output.path);
    if (problem !== null) {
      session.reporter.fileError(output.path, problem);
      session.progress.stop();
      return 1;
    }
  }
  const outDirReal = output.kind === 'dir' ? await canonical(output.path) : null;
  const found: FoundInput[] = [];
  const prepared = await unlessInterrupted(
    findInputs(settings, io, session, outDirReal, found, (f) => early.found(f.kind === 'file' ? f.size : null)).then(() => planJobs(settings, io, session, found, outDirReal, interrupt, (file) => (state.lines = file))),
    interrupt,
  );
  if (interrupt.received !== null) {
    state.lines?.abort();
    return interrupted(session, settings, 'file', interrupt.received, found.length);
  }
  if (prepared === null) {
    session.progress.stop();
    return 1;
  }
  return prepared;
}

/** What the first pass found for the main one. */
interface SiteTemplates {
  /** The site-template lines of a file's folder (undefined: none). */
  readonly templateOf: (path: string) => readonly string[] | undefined;
  /** The files whose sampled page a runner keeps for their jobs: started first. */
  readonly held: ReadonlySet<string>;
}

const NO_TEMPLATES: SiteTemplates = { templateOf: () => undefined, held: new Set() };

/** Each folder's site-template lines, found from a sample of its files first. */
async function siteTemplates(run: FileRun, planned: readonly Planned[], executor: Executor, concurrency: number): Promise<SiteTemplates> {
  const paths = planned.flatMap((p) => (p.task.kind === 'file' ? [p.task.path] : []));
  if (!run.settings.siteTemplate || paths.length <= 1) return NO_TEMPLATES;
  // loaded only here: the main thread of a run on workers does not load the library otherwise
  const template = await import('./template.js');
  const templates: Map<string, GroupTemplate> | null = await unlessInterrupted(template.findTemplates(paths, (task) => executor.run(task), concurrency, { keep: true }), run.interrupt);
  const held = new Set<string>();
  for (const [group, t] of templates ?? []) {
    run.session.reporter.detail(`site template of ${group}: ${t.lines.length} ${t.lines.length === 1 ? 'line' : 'lines'} (${t.sampled} files sampled, ${t.plans} distinct plans)`);
    for (const path of t.held) held.add(path);
  }
  const templateOf = (path: string): readonly string[] | undefined => {
    const found = templates?.get(template.groupOf(path))?.lines;
    return found && found.length > 0 ? found : undefined;
  };
  return { templateOf, held };
}

/** --save-template: one template learned from a sample of all the inputs, written atomically; nothing converted. */
async function saveTemplate(run: FileRun, path: string, planned: readonly Planned[], executor: Executor, concurrency: number): Promise<number> {
  const paths = planned.flatMap((p) => (p.task.kind === 'file' ? [p.task.path] : []));
  const template = await import('./template.js');
  const { templateFileText, TEMPLATE_FILE_VERSION } = await import('./template-file.js');
  const found = await unlessInterrupted(template.findTemplates(paths, (task) => executor.run(task), concurrency, { limits: template.ONE_SITE, group: () => '' }), run.interrupt);
  if (found === null) return endRun(run.session, run.settings, 'file', run.interrupt, planned.length, 0);
  const t = found.get('') ?? { lines: [], sampled: 0, plans: 0, seenOn: new Map<string, number>(), held: [] };
  const lines = t.lines.map((text) => ({ text, pages: t.seenOn.get(text) ?? 0 }));
  try {
    writeOutputSync(path, templateFileText({ planParseTemplate: TEMPLATE_FILE_VERSION, sampled: t.sampled, plans: t.plans, lines }), true);
  } catch (e) {
    run.session.reporter.fileError(path, problemOf(e));
    run.session.progress.stop();
    return 1;
  }
  run.session.progress.stop();
  run.session.reporter.info(`site template: ${lines.length} ${lines.length === 1 ? 'line' : 'lines'} (${t.sampled} files sampled, ${t.plans} distinct plans) → ${path}`);
  return 0;
}

/** Where the results of a run over files go, and how many are done. */
interface FileResults {
  readonly text: TextSink;
  /** The outputs go to one text (standard output, or the ndjson file), not to files of their own. */
  readonly textOut: boolean;
  /** Results in, not yet handed on (waiting for their turn in input order). */
  readonly waiting: Map<number, JobResult>;
  done: number;
  bytesDone: number;
}

async function runFileJobs(run: FileRun, planned: readonly Planned[], executor: Executor, concurrency: number, { templateOf, held }: SiteTemplates): Promise<{ done: number; outputFailed: boolean }> {
  const { settings, session, state, interrupt } = run;
  const textOut = settings.output.kind === 'stdout' || state.lines !== null;
  const results: FileResults = { text: state.lines ?? streamSink(run.io.stdout), textOut, waiting: new Map(), done: 0, bytesDone: 0 };
  const account = (result: JobResult): Promise<void> => accountFile(run, results, result);
  let outputFailed = false;
  try {
    // a table to one stream (standard output, one file for several inputs): one header above the rows of every file
    const header = textOut && interrupt.received === null ? await tableHeaderFor(settings.config.format) : '';
    if (header !== '') await results.text.write(header);
    // results written to OUTDIR carry no text: a wide window costs nothing, and errors still come in input order
    const window = textOut ? Math.max(16, concurrency * 4) : 1024;
    await schedule(
      // started largest first (within a window); each keeps its input position as its seq, so results go on in input order
      interrupt.received === null ? largestFirst(planned.map((p) => p.size), window, heldPositions(planned, held)) : [],
      (at) => {
        const p = planned[at]!;
        state.inFlight.set(at, p);
        const template = p.task.kind === 'file' ? templateOf(p.task.path) : undefined;
        return { ...p.task, seq: at, ...(template ? { template } : {}) } as Task;
      },
      (task) =>
        executor.run(task).then((result) => {
          results.waiting.set(result.seq, result);
          return result;
        }),
      { concurrency, window, ordered: textOut ? settings.ordered : true, stop: interrupt.signal },
      account,
    );
    if (interrupt.received !== null && !textOut) {
      // outputs written to OUTDIR while an earlier job was still running: done, and said so
      for (const seq of [...results.waiting.keys()].sort((a, b) => a - b)) await account(results.waiting.get(seq)!).catch(() => undefined);
    }
    if (interrupt.received === null && !(await completeText(state, textOut ? results.text : null, settings.output, session.reporter))) session.tally.failed++;
  } catch (e) {
    outputFailed = stopOnFailure(e, session, state.lines !== null, planned.length - results.done);
  }
  return { done: results.done, outputFailed };
}

/** The positions of the files whose sampled page is kept. */
function heldPositions(planned: readonly Planned[], held: ReadonlySet<string>): Set<number> {
  const positions = new Set<number>();
  if (held.size === 0) return positions;
  planned.forEach((p, at) => {
    if (p.task.kind === 'file' && held.has(p.task.path)) positions.add(at);
  });
  return positions;
}

/** One file's result: counted, reported, its text written. */
async function accountFile(run: FileRun, results: FileResults, result: JobResult): Promise<void> {
  const { reporter, progress, tally } = run.session;
  const p = run.state.inFlight.get(result.seq)!;
  run.state.inFlight.delete(result.seq);
  results.waiting.delete(result.seq);
  results.done++;
  results.bytesDone += p.size;
  progress.update(results.done, results.bytesDone);
  if (!result.ok) {
    tally.failed++;
    reporter.fileError(p.name, result.problem);
    // ndjson gives every input its line, a failed one an error line: outputs join to inputs by position
    if (results.textOut && run.settings.config.format === 'ndjson') await results.text.write(fileErrorLine(p.path, result.problem));
    // a full disk fails every output after this one, each with the same line: stop
    const hopeless = hopelessWrite(result.problem);
    if (hopeless !== null) throw new RunStopped(`stopped, outputs cannot be written (${writeErrorWords(hopeless)})`);
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
  for (const piece of result.pieces ?? (result.text !== undefined ? [result.text] : [])) await results.text.write(piece);
}

/**
 * Records in, records out: one JSON record a line on standard input, one line out per record in
 * input order, each carrying the record's id. A record that fails is an error line (and the run
 * goes on); the exit code stays 0 unless the stream itself cannot be read or written, so that a
 * streaming engine does not fail a whole task for one bad page.
 */
export async function runRecords(settings: RunSettings, io: BatchIo): Promise<number> {
  const session = openSession(settings, io, 'record');
  const state = openState();
  const interrupt = listen(io, state);
  try {
    const early = await openRecordsFile(settings, session, state, interrupt);
    return early ?? (await convertRecords(settings, io, session, state, interrupt));
  } finally {
    interrupt.dispose();
  }
}

/** -o FILE of a record stream opened; an exit code when the run ends here (the file exists and is kept, or cannot be written). */
async function openRecordsFile(settings: RunSettings, session: Session, state: OpenState, interrupt: Interrupt): Promise<number | null> {
  if (settings.output.kind !== 'file') return null;
  const path = settings.output.path;
  try {
    const lines = await openLineFile(path, settings.config.force, new Set(), interrupt, (file) => (state.lines = file));
    return lines === null ? interrupted(session, settings, 'record', interrupt.received ?? 'SIGINT', 0) : null;
  } catch (e) {
    if (e instanceof ProblemError && e.problem.code === 'output-exists' && settings.config.skipExisting === true) {
      // the records of standard input were converted into it already: nothing is read
      session.reporter.detail(`skip: output ${path} exists`);
      closeSession(session, settings, 'record');
      return 0;
    }
    reportOpenFailure(e, path, session.reporter);
    session.progress.stop();
    return 1;
  }
}

async function convertRecords(settings: RunSettings, io: BatchIo, session: Session, state: OpenState, interrupt: Interrupt): Promise<number> {
  const maxLine = settings.config.maxBytes * 2 + 64 * 1024;
  const { executor, concurrency } = await startExecutor(settings, true);
  const labels = new Map<number, RecordLabel>();
  const count = { started: 0, done: 0, bytesDone: 0 };
  const text: TextSink = state.lines ?? streamSink(io.stdout);
  let exitCode = 0;
  try {
    await schedule(
      splitStream(io.stdin as AsyncIterable<Buffer>, 10, maxLine),
      (chunk, seq): Task => {
        count.started++;
        return recordTask(chunk, seq, maxLine, labels);
      },
      (task) => executor.run(task),
      { concurrency, window: Math.max(16, concurrency * 4), ordered: settings.ordered, stop: interrupt.signal },
      async (result) => {
        const label = labels.get(result.seq) ?? { name: 'line ?', id: null };
        labels.delete(result.seq);
        count.done++;
        if (result.ok && result.stats) count.bytesDone += result.stats.bytes;
        session.progress.update(count.done, count.bytesDone);
        accountRecord(session, label.name, result);
        // a record that failed is its error line, worded here
        const line = result.ok ? result.text : errorLine(label.id, result.problem);
        if (line !== undefined) await text.write(line);
      },
    );
    // after a signal the lines written so far stay on standard output; an unfinished file is not kept
    if (interrupt.received === null && !(await completeText(state, text, settings.output, session.reporter))) exitCode = 1;
  } catch (e) {
    if (stopOnFailure(e, session, state.lines !== null, count.started - count.done)) exitCode = 1;
  } finally {
    state.lines?.abort();
    await executor.close();
  }
  return endRun(session, settings, 'record', interrupt, count.started - count.done, exitCode);
}

/** A record of the stream: its name in messages (`record "a"`, `line 4`), and its id for its error line. */
interface RecordLabel {
  readonly name: string;
  readonly id: unknown;
}

const labelOf = (id: unknown, line: number): RecordLabel => ({ name: id === null ? `line ${line}` : `record ${JSON.stringify(id)}`, id });

/** The job of one line of the record stream (labelled for messages). */
function recordTask(chunk: Chunk, seq: number, maxLine: number, labels: Map<number, RecordLabel>): Task {
  if (chunk.bytes === null) {
    const problem: Problem = { code: 'record-line-too-long', args: { line: chunk.number, limit: maxLine } };
    // its id, when the line's start holds it
    const id = chunk.head ? idInPrefix(chunk.head.toString('utf8'))?.id ?? null : null;
    labels.set(seq, labelOf(id, chunk.number));
    return { kind: 'ready', seq, result: { ok: false, problem } };
  }
  const record = parseRecord(chunk.bytes.toString('utf8'), chunk.number);
  labels.set(seq, labelOf(record.id, chunk.number));
  if (!record.ok) return { kind: 'ready', seq, result: { ok: false, problem: record.problem } };
  return { kind: 'record', seq, id: record.id, path: record.path, line: chunk.number, ...(record.bytes ? { bytes: record.bytes } : { text: record.text ?? '' }) };
}

function accountRecord(session: Session, label: string, result: JobResult): void {
  if (!result.ok) {
    session.tally.failed++;
    session.reporter.fileError(label, result.problem);
  } else if (result.stats) {
    session.tally.add(result.stats);
    const invalid = invalidBytesWarning(label, result.stats);
    if (invalid) session.reporter.warn(invalid);
  }
}

function reportOpenFailure(e: unknown, path: string, reporter: Reporter): void {
  if (e instanceof ProblemError) reporter.fileError(path, e.problem);
  else reportOutputFailure(e, reporter);
}

/** The header row of a csv or tsv run ('' for other formats); the table writer is loaded only for those. */
async function tableHeaderFor(format: string): Promise<string> {
  if (format !== 'csv' && format !== 'tsv') return '';
  const { tableHeader } = await import('../../emit/table.js');
  return tableHeader(format);
}
