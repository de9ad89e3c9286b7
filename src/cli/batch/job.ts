// One job: one file (or one record) in, one tree out. The same code runs in the main thread
// (one file, --jobs 1) and in each worker thread. Everything here is plain data so that it
// crosses to a worker as a message.
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { compactPrepared, parsePlan, parsePrepared, preparePage, preparedSize, type ParseOptions, type PreparedPage } from '../../pipeline.js';
import { samplePage, type PageSample } from '../../boilerplate/site-template.js';
import { readRulesYaml, type Rule } from '../../boilerplate/rules.js';
import type { RootNode, BodyNode } from '../../types.js';
import type { OutputFormat } from '../../emit/format.js';
import { jsonChunks } from '../../emit/json.js';
import type { TreeStats } from './summary.js';
import { writeOutputSync, outputExists } from './files.js';
import { errnoOf, problemOf, readFailed, ProblemError, type Problem } from './problems.js';
import { sniffBinary } from './binary-sniff.js';
import { appendAll } from '../../text/arrays.js';
import { displayPath, fsPath } from '../../text/file-names.js';
import { recordLine } from './ndjson.js';
import { favourMemoryFor } from './memory-mode.js';

/** Output formats of the command: the library's, and ndjson (one compact JSON tree a line). */
export type CliFormat = OutputFormat | 'ndjson';

/**
 * The library's parse options a run gives every job: plain data (it crosses to a worker thread).
 * Rules travel as the files' text (`JobConfig.rules`) and are parsed again where the job runs.
 */
export type JobParseOptions = Pick<ParseOptions, 'encoding' | 'script' | 'vocabulary' | 'from' | 'keepBoilerplate' | 'templateLines'>;

/** How every job of a run is done; the same for all of them. */
export interface JobConfig {
  readonly parse: JobParseOptions;
  /** Rules files as read by the main thread, parsed again where the job runs. */
  readonly rules: ReadonlyArray<{ readonly name: string; readonly text: string }>;
  readonly format: CliFormat;
  readonly pretty: boolean;
  readonly color: boolean;
  readonly maxBytes: number;
  readonly force: boolean;
  /** An output that exists is kept and its input counted as done (resuming a run); not with `force`. */
  readonly skipExisting?: boolean;
}

export interface FileTask {
  readonly kind: 'file';
  readonly seq: number;
  /** The path to read, as given or found. */
  readonly path: string;
  /** Where to write the output; null returns the formatted text instead. */
  readonly out: string | null;
  /** The site-template lines of the file's group (see SampleTask), removed as `site-template`. */
  readonly template?: readonly string[];
}

/** Read a file up to the boilerplate stage and return its PageSample (the first pass of a batch). */
export interface SampleTask {
  readonly kind: 'sample';
  readonly seq: number;
  readonly path: string;
  /**
   * Keep the page as read, within the runner's budget (HELD_PAGES_BYTES), for the file's own job:
   * that job then starts at the boilerplate stage. The result says whether it was kept (`held`).
   */
  readonly keep?: boolean;
}

export interface RecordTask {
  readonly kind: 'record';
  readonly seq: number;
  /** The record's `id`, echoed on its output line. */
  readonly id: unknown;
  readonly text?: string;
  readonly bytes?: Uint8Array;
  readonly path: string | null;
  /** Its line number in the input stream. */
  readonly line: number;
}

/** Bytes already read (standard input), parsed like a file. */
export interface BytesTask {
  readonly kind: 'bytes';
  readonly seq: number;
  readonly bytes: Uint8Array;
  readonly out: string | null;
}

/** A job decided without running (a record that is not valid JSON, an output that would clobber an input). */
export interface ReadyTask {
  readonly kind: 'ready';
  readonly seq: number;
  readonly result: JobOutcome;
}

export type Task = FileTask | BytesTask | RecordTask | ReadyTask | SampleTask;

/** A job done: its output (as text, in pieces, or written to its file), or the output kept. */
export interface JobDone {
  readonly seq: number;
  readonly ok: true;
  /** The formatted output when it was not written to a file. */
  readonly text?: string;
  /**
   * The same, in pieces made as they are asked for (a job run in the main thread: a large tree is
   * then never one string; a worker's output crosses to the main thread as `text`).
   */
  readonly pieces?: Iterable<string>;
  readonly stats?: TreeStats;
  /** What a SampleTask found. */
  readonly sample?: PageSample;
  /** The SampleTask's page is kept where it ran, for its file's job (send that job to the same runner). */
  readonly held?: boolean;
  /** The output existed and was kept (--skip-existing): the input counts as done. */
  readonly kept?: boolean;
}

/** A job failed: why, as data (worded where it is shown: problem-words.ts). */
export interface JobFailed {
  readonly seq: number;
  readonly ok: false;
  readonly problem: Problem;
}

export type JobResult = JobDone | JobFailed;

/** A result without its number (a job decided before it is numbered). */
export type JobOutcome = Omit<JobDone, 'seq'> | Omit<JobFailed, 'seq'>;

/** The result of a job that failed. */
export const failedJob = (seq: number, problem: Problem): JobFailed => ({ seq, ok: false, problem });

/** Share of U+FFFD in the decoded text above which a page is refused as undecodable. */
const UNDECODABLE_SHARE = 0.05;
const UNDECODABLE_MIN = 16;

export function countNodes(tree: RootNode): { sections: number; items: number } {
  let sections = 0;
  let items = 0;
  const visit = (nodes: readonly BodyNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'section') {
        sections++;
        visit(node.children);
      } else if (node.type === 'item') items++;
    }
  };
  for (const doc of tree.children) visit(doc.children);
  return { sections, items };
}

export function statsOf(tree: RootNode): TreeStats {
  const invalidBytes = tree.diagnostics.reduce((n, d) => n + (d.code === 'invalid-bytes' ? 1 : 0), 0);
  return { bytes: tree.source.bytes, encoding: tree.source.encoding, invalidBytes, documents: tree.children.length, ...countNodes(tree) };
}

/** The warning line's text for a file whose decoded text holds invalid bytes; null when it holds none. */
export function invalidBytesWarning(name: string, stats: TreeStats): string | null {
  if (stats.invalidBytes === 0) return null;
  return `${name}: ${stats.invalidBytes} invalid byte sequence(s) replaced by U+FFFD (decoded as ${stats.encoding}; see the invalid-bytes diagnostics)`;
}

/** Null when the tree decoded well enough; else why it is refused. */
export function undecodable(tree: RootNode): Problem | null {
  const length = tree.position.end.offset;
  let bad = 0;
  for (const d of tree.diagnostics) if (d.code === 'invalid-bytes' || d.code === 'unmapped-character') bad++;
  if (bad < UNDECODABLE_MIN || bad <= length * UNDECODABLE_SHARE) return null;
  const percent = Math.round((bad / Math.max(1, length)) * 100);
  return { code: 'undecodable', args: { bad, percent, encoding: tree.source.encoding } };
}

/**
 * The output of a tree, in pieces (JSON and the tables are made a piece at a time as they are
 * written). `ownFile`: the output is a file of its own, so a table starts with its header; the
 * tables of a run to one stream share the header the run writes first.
 */
type Formatter = (tree: RootNode, ownFile: boolean) => Iterable<string>;

/**
 * The emitter of the run's format. JSON needs only emit/json.js; the others load emit/format.js
 * (and what it loads, e.g. the Markdown stack) the first time they are needed.
 */
async function formatterFor(config: JobConfig): Promise<Formatter> {
  const format = config.format;
  if (format === 'ndjson') return (tree) => jsonChunks(tree, false);
  if (format === 'json') return (tree) => jsonChunks(tree, config.pretty);
  if (format === 'yaml') {
    const { yamlChunks } = await import('../../emit/yaml.js');
    return (tree) => yamlChunks(tree);
  }
  if (format === 'csv' || format === 'tsv' || format === 'items') {
    const { tableChunks } = await import('../../emit/table.js');
    return (tree, ownFile) => tableChunks(tree, format, ownFile);
  }
  const { formatTree } = await import('../../emit/format.js');
  // colour (the outline on a terminal) from the command's reporter, the only module that colours
  const painter = config.color ? (await import('./report.js')).colourPainter() : undefined;
  return (tree) => [formatTree(tree, format, { pretty: config.pretty, ...(painter ? { painter } : {}) })];
}

const joinPieces = (pieces: Iterable<string>): string => {
  const all: string[] = [];
  for (const piece of pieces) all.push(piece);
  return all.join('');
};

/**
 * Read a whole regular file, refusing what is too large; errors become a ProblemError.
 * Synchronous: a job has its worker thread to itself, and the calls cost less than promises.
 */
export function readBounded(path: string, maxBytes: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(fsPath(path), 'r');
  } catch (e) {
    throw new ProblemError(readFailed(e));
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new ProblemError({ code: 'read-failed', args: { reason: 'is-a-folder', errno: null } });
    if (!info.isFile()) throw new ProblemError({ code: 'read-failed', args: { reason: 'not-a-regular-file', errno: null } });
    if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    const bytes = readFileSync(fd);
    if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
    return bytes;
  } catch (e) {
    if (e instanceof ProblemError) throw e;
    throw new ProblemError(readFailed(e));
  } finally {
    closeSync(fd);
  }
}

export const tooLarge = (size: number, limit: number): ProblemError => new ProblemError({ code: 'too-large', args: { size, limit } });


export type JobRunner = (task: Task) => Promise<JobResult>;

/** Where the testing hook holds a job. */
export type TestDelayPoint = 'parse' | 'commit';

/**
 * Testing hook, so that tests of signals and time budgets do not depend on the machine's speed:
 * PLAN_PARSE_TEST_DELAY_MS holds each job that long, blocking its thread as a page that parses
 * slowly would: before parsing, or with PLAN_PARSE_TEST_DELAY_AT=commit between writing the
 * temporary file and renaming it. PLAN_PARSE_TEST_DELAY_MATCH, when set, limits it to inputs whose
 * path contains it. Read where jobs run (the main thread, each worker); null when not set.
 */
export function testDelayFrom(env: NodeJS.ProcessEnv): ((point: TestDelayPoint, path: string | null) => void) | null {
  const ms = Number(env['PLAN_PARSE_TEST_DELAY_MS']);
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const match = env['PLAN_PARSE_TEST_DELAY_MATCH'];
  const at: TestDelayPoint = env['PLAN_PARSE_TEST_DELAY_AT'] === 'commit' ? 'commit' : 'parse';
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return (point, path) => {
    if (point !== at) return;
    if (match !== undefined && match !== '' && !(path ?? '').includes(match)) return;
    // in slices: a worker being terminated stops between two of them
    const until = Date.now() + ms;
    for (let left = ms; left > 0; left = until - Date.now()) Atomics.wait(cell, 0, 0, Math.min(left, 50));
  };
}

/** What the jobs of a run share: its configuration, parse options, formatter, folders made. */
interface JobContext {
  readonly config: JobConfig;
  /** Where the jobs run: a worker sends its output to the main thread as one text. */
  readonly thread: JobThread;
  readonly parseOptions: ParseOptions;
  readonly delay: ReturnType<typeof testDelayFrom>;
  readonly madeDirs: Set<string>;
  formatter: Promise<Formatter> | null;
  /** Sampled pages kept for their files' jobs, by path, each with the memory it holds (preparedSize), and their total. */
  readonly held: Map<string, { readonly page: PreparedPage; readonly size: number }>;
  heldBytes: number;
  /** The most memory the kept pages may hold (HELD_PAGES_BYTES). */
  readonly heldBudget: number;
}

/**
 * The memory a runner gives the sampled pages it keeps for their files' jobs (see SampleTask.keep,
 * compactPrepared): a batch samples up to 240 files, which hold about 21 MB in all on the benchmark
 * batch, so two workers keep about three quarters of them. The main pass starts with them, so they
 * are let go first; the batch's peak still grows by more than they hold (docs/performance.md).
 */
export const HELD_PAGES_BYTES = 8 * 1024 * 1024;

/** The thread a runner's jobs run in: the command's own, or a worker thread of the pool. */
export type JobThread = 'main' | 'worker';

/** The function that does one job, for this run's configuration, in this thread. */
export function makeJobRunner(config: JobConfig, thread: JobThread = 'main', heldBudget = HELD_PAGES_BYTES): JobRunner {
  const extraRules: Rule[] = [];
  for (const r of config.rules) appendAll(extraRules, readRulesYaml(r.text, r.name).rules); // checked by the command line before any work
  const ctx: JobContext = { config, thread, parseOptions: { ...config.parse, extraRules, leanPositions: true }, delay: testDelayFrom(process.env), madeDirs: new Set(), formatter: null, held: new Map(), heldBytes: 0, heldBudget };
  return async (task) => {
    switch (task.kind) {
      case 'file':
      case 'bytes': return fileJob(ctx, task);
      case 'record': return recordJob(ctx, task);
      case 'ready': return { seq: task.seq, ...task.result };
      case 'sample': return sampleJob(ctx, task);
    }
  };
}

/** A page's input: its bytes, a record's text, or a sampled page kept as read (PreparedPage). */
type PageInput = Uint8Array | string | PreparedPage;

const isPrepared = (input: PageInput): input is PreparedPage => typeof input !== 'string' && !(input instanceof Uint8Array);

function parseInput(ctx: JobContext, input: PageInput, path: string | null, template?: readonly string[]): RootNode {
  if (ctx.thread === 'main') favourMemoryFor(isPrepared(input) ? input.bytes : input.length);
  let tree: RootNode;
  try {
    const options = { ...ctx.parseOptions, path, ...(template && template.length > 0 ? { templateLines: new Set(template) } : {}) };
    tree = isPrepared(input) ? parsePrepared(input, options) : parsePlan(input, options);
  } catch (e) {
    throw new ProblemError({ code: 'cannot-parse', args: { message: (e as Error).message } });
  }
  // bytes decoded here or when sampled: a text that is mostly replacement characters is refused
  if (typeof input !== 'string') {
    const refused = undecodable(tree);
    if (refused) throw new ProblemError(refused);
  }
  return tree;
}

/** Make the output's folder (once a run). */
function makeFolderOf(ctx: JobContext, out: string): void {
  const dir = dirname(out);
  if (ctx.madeDirs.has(dir)) return;
  try {
    mkdirSync(fsPath(dir), { recursive: true });
  } catch (e) {
    throw new ProblemError({ code: 'folder-failed', args: { path: dir, errno: errnoOf(e) } });
  }
  ctx.madeDirs.add(dir);
}

/**
 * The tree of a file's (or standard input's) bytes. A function of its own so that a file's bytes are
 * let go when it returns, not held while the tree is written (20 MB for a 20 MB page).
 */
function readAndParse(ctx: JobContext, task: FileTask | BytesTask): RootNode {
  const { config, delay } = ctx;
  const bytes = task.kind === 'file' ? readBounded(task.path, config.maxBytes) : task.bytes;
  if (task.kind === 'bytes' && bytes.length > config.maxBytes) throw tooLarge(bytes.length, config.maxBytes);
  const binary = sniffBinary(bytes);
  if (binary) throw new ProblemError({ code: 'binary', args: { source: task.kind === 'file' ? 'file' : 'stdin', kind: binary } });
  delay?.('parse', task.kind === 'file' ? task.path : null);
  return parseInput(ctx, bytes, task.kind === 'file' ? displayPath(task.path) : null, task.kind === 'file' ? task.template : undefined);
}

/** The tree of a file whose page was kept when it was sampled (read, sniffed and decoded then). */
function parseHeld(ctx: JobContext, task: FileTask, page: PreparedPage): RootNode {
  ctx.delay?.('parse', task.path);
  return parseInput(ctx, page, displayPath(task.path), task.template);
}

async function fileJob(ctx: JobContext, task: FileTask | BytesTask): Promise<JobResult> {
  const { config, delay } = ctx;
  const held = task.kind === 'file' ? takeHeld(ctx, task.path) : undefined;
  try {
    if (task.out !== null && !config.force && exists(task.out)) {
      // written atomically (temporary file, then renamed): an output there is complete
      if (config.skipExisting === true) return { seq: task.seq, ok: true, kept: true };
      throw outputExists(task.out);
    }
    const tree = held && task.kind === 'file' ? parseHeld(ctx, task, held) : readAndParse(ctx, task);
    ctx.formatter ??= formatterFor(config);
    const pieces = (await ctx.formatter)(tree, task.out !== null);
    const stats = statsOf(tree);
    if (task.out === null) return ctx.thread === 'main' ? { seq: task.seq, ok: true, pieces, stats } : { seq: task.seq, ok: true, text: joinPieces(pieces), stats };
    makeFolderOf(ctx, task.out);
    writeOutputSync(task.out, pieces, config.force, delay ? () => delay('commit', task.kind === 'file' ? task.path : null) : undefined);
    return { seq: task.seq, ok: true, stats };
  } catch (e) {
    return failedJob(task.seq, problemOf(e));
  }
}

function recordJob(ctx: JobContext, task: RecordTask): JobResult {
  const { maxBytes } = ctx.config;
  try {
    const input = task.bytes ?? task.text ?? '';
    if (typeof input !== 'string') {
      if (input.length > maxBytes) throw tooLarge(input.length, maxBytes);
      const binary = sniffBinary(input);
      if (binary) throw new ProblemError({ code: 'binary', args: { source: 'record', kind: binary } });
    } else if (input.length > maxBytes) throw tooLarge(Buffer.byteLength(input), maxBytes);
    ctx.delay?.('parse', task.path);
    const tree = parseInput(ctx, input, task.path);
    return { seq: task.seq, ok: true, text: recordLine(task.id, tree), stats: statsOf(tree) };
  } catch (e) {
    // its error line is written where results are taken in (run.ts), worded there
    return failedJob(task.seq, problemOf(e));
  }
}

function sampleJob(ctx: JobContext, task: SampleTask): JobResult {
  try {
    const bytes = readBounded(task.path, ctx.config.maxBytes);
    const binary = sniffBinary(bytes);
    if (binary) throw new ProblemError({ code: 'binary', args: { source: 'file', kind: binary } });
    const page = preparePage(bytes, { ...ctx.parseOptions, path: displayPath(task.path) });
    const held = task.keep === true && keepPage(ctx, task.path, page);
    return { seq: task.seq, ok: true, sample: samplePage(page.text), ...(held ? { held } : {}) };
  } catch (e) {
    // the file is reported when its own job runs; here it only adds nothing to the count
    return failedJob(task.seq, problemOf(e));
  }
}

/** Keep a sampled page for its file's job when it fits the runner's budget; true when kept. */
function keepPage(ctx: JobContext, path: string, prepared: PreparedPage): boolean {
  const page = compactPrepared(prepared);
  const size = preparedSize(page);
  if (ctx.held.has(path) || ctx.heldBytes + size > ctx.heldBudget) return false;
  ctx.held.set(path, { page, size });
  ctx.heldBytes += size;
  return true;
}

/** The page kept for this file's job, if any, no longer kept. */
function takeHeld(ctx: JobContext, path: string): PreparedPage | undefined {
  const kept = ctx.held.get(path);
  if (kept === undefined) return undefined;
  ctx.held.delete(path);
  ctx.heldBytes -= kept.size;
  return kept.page;
}

function exists(path: string): boolean {
  try {
    lstatSync(fsPath(path));
    return true;
  } catch {
    return false;
  }
}
