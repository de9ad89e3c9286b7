// The first part of a run over files: every input found, then each job planned with where its
// output goes (refusing an output that is an input, leads out of OUTDIR or is claimed twice).
import { basename, dirname, join, resolve } from 'node:path';
import { canonical, readStream } from './files.js';
import { ProblemError, type Problem } from './problems.js';
import { InputFinder, type Found } from './walk.js';
import { OUTPUT_EXTENSIONS, isInside, outputPathFor } from './paths.js';
import { outputsOf, type Planned } from './planned.js';
import { splitStream } from './ndjson.js';
import { PROBE_NAME } from './outdir.js';
import type { Interrupt } from './interrupt.js';
import { removeStaleTemporaries } from './temporaries.js';
import type { FileRunSettings } from './settings.js';
import { openLineFile, reportOutputFailure, type BatchIo, type LineFile, type Session } from './session.js';
import { displayPath, nameFromBytes } from '../../text/file-names.js';

/** An input found: a file (or a named one that is not there), standard input, or a name on --stdin-list too long to be one. */
export type FoundInput = Found | { kind: 'stdin' } | { kind: 'unnamed'; label: string; problem: Problem };

/** The longest name --stdin-list takes, in bytes. */
const LIST_NAME_LIMIT = 64 * 1024;

/** Every input, in order (paths only: small even for a large corpus). */
export async function findInputs(settings: FileRunSettings, io: BatchIo, session: Session, outDirReal: string | null, found: FoundInput[], onFound: (f: FoundInput) => void = () => undefined): Promise<void> {
  const add = (f: FoundInput): void => {
    found.push(f);
    onFound(f);
  };
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
    if (source === '-') add({ kind: 'stdin' });
    else for await (const f of finder.argument(source)) add(f);
  }
  if (settings.stdinList !== null) {
    for await (const chunk of splitStream(io.stdin as AsyncIterable<Buffer>, settings.stdinList, LIST_NAME_LIMIT)) {
      if (chunk.bytes === null) {
        add({ kind: 'unnamed', label: `standard input, name ${chunk.number}`, problem: { code: 'list-name-too-long', args: { limit: LIST_NAME_LIMIT } } });
        continue;
      }
      // names as bytes: one that is not UTF-8 (a GBK name) still names its file
      for await (const f of finder.named(nameFromBytes(chunk.bytes))) add(f);
    }
  }
}

/** The jobs of a run, each with where its output goes; the ndjson file when there is one. */
export interface Plan {
  readonly planned: Planned[];
  readonly lines: LineFile | null;
  readonly totalBytes: number;
}

/** The ndjson file of a run whose -o is one file for many inputs; a whole Plan when it exists and is kept; null when the run cannot start (reported). */
async function openRunLines(settings: FileRunSettings, session: Session, found: readonly FoundInput[], inputReals: ReadonlySet<string>, interrupt: Interrupt, opened: (file: LineFile) => void): Promise<LineFile | Plan | null> {
  const output = settings.output;
  if (output.kind !== 'file') throw new Error('openRunLines: -o is not a file');
  try {
    const lines = await openLineFile(output.path, settings.config.force, inputReals, interrupt, opened);
    return lines;
  } catch (e) {
    if (e instanceof ProblemError && e.problem.code === 'output-exists' && settings.config.skipExisting === true) {
      // every input is in the file already (it is renamed into place only when complete)
      const inputs = found.filter((f) => f.kind !== 'missing' && f.kind !== 'unnamed').length;
      session.tally.skipped += inputs;
      session.tally.existing += inputs;
      session.reporter.detail(`skip: output ${output.path} exists`);
      // a name too long to be one is still an error
      const unnamed: Planned[] = found.flatMap((f) => (f.kind === 'unnamed' ? [failed(f.label, null, f.problem)] : []));
      return { planned: unnamed, lines: null, totalBytes: 0 };
    }
    if (e instanceof ProblemError) session.reporter.fileError(output.path, e.problem);
    else reportOutputFailure(e, session.reporter);
    return null;
  }
}

/** A job that fails without running. */
const failed = (name: string, path: string | null, problem: Problem): Planned => ({ task: { kind: 'ready', result: { ok: false, problem } }, name, path, size: 0 });

/** The outputs claimed so far, by real path: an output is refused when it is an input, leaves OUTDIR or is claimed twice. */
class OutputClaims {
  private readonly claimed = new Map<string, string>();
  private readonly realDirs = new Map<string, string>();

  constructor(
    private readonly output: FileRunSettings['output'],
    private readonly outDirReal: string | null,
    private readonly inputReals: ReadonlySet<string>,
  ) {}

  private async realOf(path: string): Promise<string> {
    const dir = dirname(path);
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      real = dirname(await canonical(join(dir, '.probe')));
      this.realDirs.set(dir, real);
    }
    return join(real, basename(path));
  }

  /** Claim `out` for input `name`: null when it may be written, else why not. */
  async claim(out: string, name: string): Promise<Problem | null> {
    const real = await this.realOf(resolve(out));
    if (this.output.kind === 'dir' && this.outDirReal !== null && !isInside(real, this.outDirReal)) {
      // a symbolic link inside OUTDIR (to a folder elsewhere) would take the output out of it
      return { code: 'output-outside', args: { path: out, outDir: this.output.path } };
    }
    if (this.inputReals.has(real)) return { code: 'output-is-input', args: { path: out } };
    const other = this.claimed.get(real);
    if (other !== undefined) return { code: 'output-claimed', args: { path: out, by: other } };
    this.claimed.set(real, name);
    return null;
  }
}

/** Where the output of one input goes (null: into the text output), or why it has none. */
function outputOf(settings: FileRunSettings, f: Exclude<Found, { kind: 'missing' }> | { kind: 'stdin' }, toLines: boolean): { out: string | null } | { problem: Problem } {
  const output = settings.output;
  if (output.kind === 'file') return { out: toLines ? null : output.path };
  if (output.kind !== 'dir') return { out: null };
  try {
    return { out: outputPathFor(output.path, f.kind === 'stdin' ? 'stdin' : f.rel, OUTPUT_EXTENSIONS[settings.config.format] ?? '.json') };
  } catch (e) {
    if (e instanceof ProblemError) return { problem: e.problem };
    throw e;
  }
}

/**
 * The plan of each job: where its output goes, refusing to overwrite an input, and stale temporary
 * files of earlier runs removed beside the outputs. Null when the run cannot start (reported).
 */
export async function planJobs(settings: FileRunSettings, io: BatchIo, session: Session, found: readonly FoundInput[], outDirReal: string | null, interrupt: Interrupt, opened: (file: LineFile) => void): Promise<Plan | null> {
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
    const opening = await openRunLines(settings, session, found, inputReals, interrupt, opened);
    if (opening === null || 'planned' in opening) return opening;
    lines = opening;
  }
  const planned: Planned[] = [];
  const claims = new OutputClaims(output, outDirReal, inputReals);
  let stdinBytes: Uint8Array | null = null;
  for (const f of found) {
    if (f.kind === 'unnamed' || f.kind === 'missing') {
      planned.push(f.kind === 'unnamed' ? failed(f.label, null, f.problem) : failed(f.path, displayPath(f.path), f.problem));
      continue;
    }
    const name = f.kind === 'stdin' ? '-' : f.path;
    const path = f.kind === 'stdin' ? null : displayPath(f.path);
    const where = outputOf(settings, f, lines !== null);
    const refused = 'problem' in where ? where.problem : where.out !== null ? await claims.claim(where.out, name) : null;
    if (refused !== null) {
      planned.push(failed(name, path, refused));
      continue;
    }
    const out = 'out' in where ? where.out : null;
    if (f.kind === 'stdin') {
      stdinBytes ??= await readStream(io.stdin);
      planned.push({ task: { kind: 'bytes', bytes: stdinBytes, out }, name, path, size: stdinBytes.length });
    } else planned.push({ task: { kind: 'file', path: f.path, out }, name, path, size: f.size });
  }
  if (lines === null) await removeStaleTemporaries([...outputsOf(planned), ...(output.kind === 'dir' ? [join(output.path, PROBE_NAME)] : [])]);
  if (interrupt.received !== null) return null;
  return { planned, lines, totalBytes: totalBytes + (stdinBytes?.length ?? 0) };
}
