// Reading inputs and writing outputs: inputs are never overwritten, outputs are written atomically.
import { rename, lstat, unlink, realpath, link } from 'node:fs/promises';
import { closeSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { fsPath, pathFromFs } from '../../text/file-names.js';

/** A problem with one input or output file: reported, and the run goes on. */
export class InputError extends Error {}

/** An output that could not be written, with the error code (ENOSPC, EROFS …). */
export class OutputError extends InputError {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** Codes that no later output in the same place can escape: a run writing there stops. */
export const HOPELESS_WRITE_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

const errorCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

export async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The reason, in words, that a file could not be read. */
export function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder';
    case 'ELOOP': return 'symbolic link loop';
    case 'ENAMETOOLONG': return 'name too long';
    default: return `cannot read (${code ?? (e as Error).message})`;
  }
}

/** Words for the error code of a failed write, the code kept: `no space left on device, ENOSPC`. */
export function describeWriteError(code: string): string {
  const words: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EIO: 'input/output error',
    EFBIG: 'file too large for the file system',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is not a folder',
    ENOENT: 'no such folder',
    EISDIR: 'is a folder',
    ENAMETOOLONG: 'name too long',
    EPIPE: 'the reader went away',
  };
  const said = words[code];
  return said ? `${said}, ${code}` : code;
}

/** `cannot write PATH (no space left on device, ENOSPC)`, as an OutputError. */
export const cannotWrite = (path: string, e: unknown): OutputError => new OutputError(`cannot write ${path} (${describeWriteError(errorCode(e))})`, errorCode(e));

/** An output that exists and is left alone (without --force). */
export class OutputExistsError extends InputError {
  constructor(readonly path: string) {
    super(`output ${path} exists (use --force to replace it, or --skip-existing to keep it)`);
  }
}

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
      return join(pathFromFs(await realpath(fsPath(at), { encoding: 'buffer' })), ...rest.reverse());
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
      if (code === 'EEXIST') throw new OutputExistsError(path);
      // file systems without hard links: check, then rename
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
      if (await exists(path)) throw new OutputExistsError(path);
      await rename(fsPath(temp), fsPath(path));
      return;
    }
    await unlink(fsPath(temp));
  } catch (e) {
    await unlink(fsPath(temp)).catch(() => undefined);
    if (e instanceof InputError) throw e;
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
  const failed = (e: unknown): InputError => cannotWrite(path, e);
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
      if (code === 'EEXIST') throw new OutputExistsError(path);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
      let there = true;
      try {
        lstatSync(fsPath(path));
      } catch {
        there = false;
      }
      if (there) throw new OutputExistsError(path);
      renameSync(fsPath(temp), fsPath(path));
      return;
    }
    drop();
  } catch (e) {
    drop();
    if (e instanceof InputError) throw e;
    throw failed(e);
  }
}

/** Write a new file from a string, or from pieces one after the other (never joined into one string). */
function writeContentSync(path: string, content: string | Iterable<string>): void {
  if (typeof content === 'string') {
    writeFileSync(fsPath(path), content);
    return;
  }
  const fd = openSync(fsPath(path), 'w');
  try {
    for (const piece of content) {
      const bytes = Buffer.from(piece, 'utf8');
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
    }
  } finally {
    closeSync(fd);
  }
}
