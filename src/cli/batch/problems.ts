// What can go wrong with one input, one output or one record of a run, as data: a code and its facts.
// The words of each code are in problem-words.ts, added where a problem is shown (the stderr line,
// the ndjson error record). Usage errors (exit 2) are not here: they are the command line's own,
// one line worded where they are found (src/cli/values.ts UsageError).
import type { BinaryKind } from './binary-sniff.js';

/** Why a file could not be read, from its system error code. */
export type ReadReason = 'no-such-file' | 'permission-denied' | 'is-a-folder' | 'symlink-loop' | 'name-too-long' | 'not-a-regular-file' | 'other';

/**
 * A read that failed: the reason, and the system's code (ENOENT …; the message when there is none;
 * null when a check found it, not the system: a folder, a device).
 */
export interface ReadFailure {
  readonly reason: ReadReason;
  readonly errno: string | null;
}

/** Where bytes refused as binary came from: a file, standard input, a record. */
export type BinarySource = 'file' | 'stdin' | 'record';

type Of<C extends string, A extends object = Record<never, never>> = { readonly code: C; readonly args: Readonly<A> };

/** The problems of an input (reading, sniffing, parsing). */
export type InputProblem =
  | Of<'read-failed', ReadFailure>
  /** A pattern that matched nothing: `base` when its folder could not be read. */
  | Of<'no-match', { base: string | null; failure: ReadFailure | null }>
  /** A name on --stdin-list longer than `limit` bytes. */
  | Of<'list-name-too-long', { limit: number }>
  | Of<'binary', { source: BinarySource; kind: BinaryKind }>
  | Of<'too-large', { size: number; limit: number }>
  /** More than the allowed share of the decoded text invalid or unmapped. */
  | Of<'undecodable', { bad: number; percent: number; encoding: string }>
  /** The library threw while parsing (a bug, or a limit it enforces). */
  | Of<'cannot-parse', { message: string }>;

/** The problems of an output: refused before writing, or failing to be written. */
export type OutputProblem =
  | Of<'output-exists', { path: string }>
  | Of<'output-is-input', { path: string }>
  | Of<'output-claimed', { path: string; by: string }>
  /** A symbolic link inside OUTDIR would take the output out of it. */
  | Of<'output-outside', { path: string; outDir: string }>
  | Of<'no-output-name', { rel: string }>
  | Of<'output-leaves-folder', { rel: string; outDir: string }>
  /** `errno`: the system's code (ENOSPC, EROFS …), the message when there is none. */
  | Of<'write-failed', { path: string; errno: string }>
  | Of<'folder-failed', { path: string; errno: string }>
  /** Standard output or the ndjson file (named by the line) could not be written. */
  | Of<'stream-write-failed', { errno: string }>
  | Of<'outdir-create-failed', { errno: string }>
  | Of<'outdir-not-writable', { errno: string }>;

/** The problems of running a job. */
export type JobProblem =
  | Of<'timed-out', { ms: number }>
  /** Its worker died (`reason`), and running it again in the main thread failed too (`retry`). */
  | Of<'worker-died', { reason: string; retry: string }>
  | Of<'not-started'>
  /** An error of plan-parse itself. */
  | Of<'internal-error', { message: string }>;

/** The problems of a line of `--input ndjson`. */
export type RecordProblem =
  | Of<'record-not-json', { line: number; message: string }>
  | Of<'record-not-object', { line: number }>
  | Of<'record-path-not-string'>
  | Of<'record-text-and-base64'>
  | Of<'record-bad-base64'>
  | Of<'record-text-not-string'>
  | Of<'record-base64-not-string'>
  | Of<'record-no-text'>
  | Of<'record-line-too-long', { line: number; limit: number }>;

export type Problem = InputProblem | OutputProblem | JobProblem | RecordProblem;
export type ProblemCode = Problem['code'];

/** A problem thrown: caught where a job (or a step of the run) ends, and shown there. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.code} ${JSON.stringify(problem.args)}`);
  }
}

/** Why something failed: the problem thrown, or an error of plan-parse itself (the run goes on). */
export const problemOf = (e: unknown): Problem => (e instanceof ProblemError ? e.problem : { code: 'internal-error', args: { message: e instanceof Error ? e.message : String(e) } });

/** The system's error code of a failure, or its message when it has none. */
export const errnoOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message ?? String(e);

const READ_REASONS: Readonly<Record<string, ReadReason>> = {
  ENOENT: 'no-such-file',
  EACCES: 'permission-denied',
  EPERM: 'permission-denied',
  EISDIR: 'is-a-folder',
  ELOOP: 'symlink-loop',
  ENAMETOOLONG: 'name-too-long',
};

/** The read failure of a system error. */
export function readFailure(e: unknown): ReadFailure {
  const errno = errnoOf(e);
  return { reason: READ_REASONS[errno] ?? 'other', errno };
}

/** The problem of a read that failed. */
export const readFailed = (e: unknown): Problem => ({ code: 'read-failed', args: readFailure(e) });

/** Codes that no later output in the same place can escape: a run writing there stops. */
const HOPELESS_WRITE_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

/** The system code of a write that failed in a way every later output will (a full disk …); null otherwise. */
export function hopelessWrite(p: Problem): string | null {
  return (p.code === 'write-failed' || p.code === 'folder-failed') && HOPELESS_WRITE_CODES.has(p.args.errno) ? p.args.errno : null;
}
