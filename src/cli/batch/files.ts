// Reading inputs and writing outputs: inputs are never overwritten, outputs are written atomically.
import { rename, lstat, unlink, realpathBytes, link } from './fs-async.js';
import { closeSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { fsPath, pathFromFs } from '../../text/file-names.js';
import { errnoOf, ProblemError } from './problems.js';

export async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The problem of an output that could not be written (ENOSPC, EROFS … kept as a fact). */
export const cannotWrite = (path: string, e: unknown): ProblemError => new ProblemError({ code: 'write-failed', args: { path, errno: errnoOf(e) } });

/** An output that exists and is left alone (without --force). */
export const outputExists = (path: string): ProblemError => new ProblemError({ code: 'output-exists', args: { path } });

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(fsPath(path));
    return true;
  } catch {
    return false;
  }
}

/** The real path of a file, or of its nearest existing folder joined to the rest when it does not exist yet. */
export async function canonical(path: string): Promise<string> {
  // the nearest ancestor that exists, resolved, and the rest of the path as written: a symbolic
  // link anywhere above a file still to be made is followed
  const rest: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    try {
      return join(pathFromFs(await realpathBytes(fsPath(at))), ...rest.reverse());
    } catch {
      if (dirname(at) === at) return resolve(path);
      rest.push(basename(at));
    }
  }
}

let tempCounter = 0;
const tempTag = Math.random().toString(36).slice(2, 8);

/** A temporary name beside the target, unique across processes and worker threads: `.NAME.PID-TAG-N.tmp`. */
export function temporaryPath(path: string): string {
  tempCounter++;
  return join(dirname(path), `.${basename(path)}.${process.pid}-${tempTag}-${tempCounter}.tmp`);
}

const TEMPORARY_NAME = /^\.(.+)\.(\d+)-([0-9a-z]*)-(\d+)\.tmp$/u;

/** The output name and process id of a temporary file name of temporaryPath; null for any other name. */
export function parseTemporaryName(name: string): { readonly target: string; readonly pid: number } | null {
  const m = TEMPORARY_NAME.exec(name);
  return m ? { target: m[1]!, pid: Number(m[2]) } : null;
}

/** Move a finished temporary file into place: rename with `force`, else a link that fails if the target exists. */
export async function commitTemporary(temp: string, path: string, force: boolean): Promise<void> {
  try {
    if (force) {
      await rename(fsPath(temp), fsPath(path));
      return;
    }
    try {
      await link(fsPath(temp), fsPath(path));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw outputExists(path);
      // file systems without hard links: check, then rename
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
      if (await exists(path)) throw outputExists(path);
      await rename(fsPath(temp), fsPath(path));
      return;
    }
    await unlink(fsPath(temp));
  } catch (e) {
    await unlink(fsPath(temp)).catch(() => undefined);
    if (e instanceof ProblemError) throw e;
    throw cannotWrite(path, e);
  }
}

/**
 * writeOutputAtomically for a worker thread, synchronously, without the input check (the caller
 * has made it): a temporary file beside the target, then rename (`force`) or a link that fails
 * when the target exists.
 */
export function writeOutputSync(path: string, content: string | Iterable<string>, force: boolean, beforeCommit?: () => void): void {
  const temp = temporaryPath(path);
  const failed = (e: unknown): ProblemError => cannotWrite(path, e);
  const drop = (): void => {
    try {
      unlinkSync(fsPath(temp));
    } catch {
      // already gone
    }
  };
  try {
    writeContentSync(temp, content);
  } catch (e) {
    drop();
    throw failed(e);
  }
  beforeCommit?.();
  try {
    if (force) {
      renameSync(fsPath(temp), fsPath(path));
      return;
    }
    try {
      linkSync(fsPath(temp), fsPath(path));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw outputExists(path);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
      let there = true;
      try {
        lstatSync(fsPath(path));
      } catch {
        there = false;
      }
      if (there) throw outputExists(path);
      renameSync(fsPath(temp), fsPath(path));
      return;
    }
    drop();
  } catch (e) {
    drop();
    if (e instanceof ProblemError) throw e;
    throw failed(e);
  }
}

/**
 * A string written whole, as UTF-8. Handed to the system as the string itself, which Node encodes
 * without a Buffer of ours (about half the time of Buffer.from and a write); should the system take
 * only part of it, the rest goes as bytes.
 */
function writeStringSync(fd: number, text: string): void {
  const written = writeSync(fd, text);
  const total = Buffer.byteLength(text, 'utf8');
  if (written === total) return;
  const bytes = Buffer.from(text, 'utf8');
  for (let at = written; at < total;) at += writeSync(fd, bytes, at, total - at);
}

/** Write a new file from a string, or from pieces one after the other (never joined into one string). */
function writeContentSync(path: string, content: string | Iterable<string>): void {
  if (typeof content === 'string') {
    writeFileSync(fsPath(path), content);
    return;
  }
  const fd = openSync(fsPath(path), 'w');
  try {
    for (const piece of content) writeStringSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}
