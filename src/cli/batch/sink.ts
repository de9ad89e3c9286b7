// Where the text of a run goes (standard output, or one ndjson file), and what a failed write means:
// EPIPE on standard output is a reader that went away (the run stops quietly); any other failure
// (a full disk, an I/O error, a read-only file system) is an error the run must report.
import { closeSync, fstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { Problem } from './problems.js';
import { fsPath } from '../../text/file-names.js';

/** The reader of standard output went away (`… | head`): the run stops, quietly. */
export class ReaderGone extends Error {}

/** Writing failed: the text is lost, the run stops and exits 1. */
export class WriteFailed extends Error {
  constructor(
    /** What could not be written: `standard output`, or the path of the file. */
    readonly target: string,
    /** The error code (ENOSPC, EIO …), or the message when there is none. */
    readonly code: string,
  ) {
    super(`cannot write ${target} (${code})`);
  }

  /** What to report, naming `target`. */
  get problem(): Problem {
    return { code: 'stream-write-failed', args: { errno: this.code } };
  }
}

export interface TextSink {
  /** Write, waiting when the reader is slow; throws ReaderGone or WriteFailed. */
  write(text: string): Promise<void> | void;
  /** Wait until what was written has left (or failed); throws ReaderGone or WriteFailed. */
  finish(): Promise<void>;
}

type Writable = NodeJS.WritableStream & { fd?: unknown; writableLength?: number; destroyed?: boolean };

const codeOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message ?? String(e);

/**
 * The descriptor behind a stream that Node writes synchronously (a file, a device): Node's stream
 * drops what a short write (a disk filling up) leaves over, so such a descriptor is written here,
 * in a loop, until every byte is out or the write fails. Null for pipes, sockets and terminals.
 */
function synchronousDescriptor(stream: Writable): number | null {
  const fd = stream.fd;
  if (typeof fd !== 'number' || isatty(fd)) return null;
  try {
    const info = fstatSync(fd);
    return info.isFile() || info.isCharacterDevice() || info.isBlockDevice() ? fd : null;
  } catch {
    return null;
  }
}

/** The streams diagnosticsStream has made quiet (one listener each, however many runs use them). */
const quietStreams = new WeakSet<NodeJS.WritableStream>();

/**
 * Standard error as a run's diagnostics go to it. Should its reader go away (`plan-parse … 2>&1 | head`)
 * or the stream fail, the messages have nowhere else to go: the run goes on, and its outputs and exit
 * code still say what was done (without a listener, the stream's error would end the process).
 */
export function diagnosticsStream<T extends NodeJS.WritableStream>(stream: T): T {
  if (!quietStreams.has(stream)) {
    quietStreams.add(stream);
    stream.on('error', () => undefined);
  }
  return stream;
}

/** Write every byte of `bytes` to `fd`, however many calls it takes. */
export function writeFully(fd: number, bytes: Uint8Array, write: typeof writeSync = writeSync): void {
  let offset = 0;
  while (offset < bytes.length) offset += write(fd, bytes, offset, bytes.length - offset);
}

/** Standard output (or any stream standing for it), named `name` in messages. */
export function streamSink(stream: Writable, name = 'standard output'): TextSink {
  const failure = (code: string): Error => (code === 'EPIPE' ? new ReaderGone(name) : new WriteFailed(name, code));
  const fd = synchronousDescriptor(stream);
  if (fd !== null) {
    return {
      write(text) {
        try {
          writeFully(fd, Buffer.from(text, 'utf8'));
        } catch (e) {
          throw failure(codeOf(e));
        }
      },
      finish: async () => undefined,
    };
  }
  let failed: string | null = null;
  // stays attached: an error after the run must not crash the process either
  stream.on('error', (e: unknown) => {
    failed ??= codeOf(e);
  });
  const settle = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const onDrain = (): void => {
        stream.off('error', onError);
        resolve();
      };
      const onError = (e: unknown): void => {
        stream.off('drain', onDrain);
        reject(failure(codeOf(e)));
      };
      stream.once('drain', onDrain);
      stream.once('error', onError);
    });
  return {
    write(text) {
      if (failed !== null) throw failure(failed);
      if (stream.destroyed) throw failure('EPIPE');
      if (stream.write(text)) return;
      return settle();
    },
    async finish() {
      if (failed === null && (stream.writableLength ?? 0) > 0) await settle();
      // an error of the last write arrives on a later turn
      await new Promise((resolve) => setImmediate(resolve));
      if (failed !== null) throw failure(failed);
    },
  };
}

/** One file written through a temporary file beside it (see io.ts), renamed into place at the end. */
export interface FileSink extends TextSink {
  /** The temporary file being written. */
  readonly temp: string;
  /** Close the temporary file; then it can be renamed. Throws WriteFailed. */
  finish(): Promise<void>;
  /** Close and delete the temporary file (also called after a failure). */
  abort(): void;
}

/**
 * Create `temp` and write to it synchronously, a line at a time (each write is one system call
 * for a whole tree; the main thread only writes, the parsing is elsewhere). `target` names the file
 * in messages. Throws WriteFailed.
 */
export function openFileSink(temp: string, target: string): FileSink {
  let fd: number | null;
  try {
    fd = openSync(fsPath(temp), 'wx');
  } catch (e) {
    throw new WriteFailed(target, codeOf(e));
  }
  const closeQuietly = (): void => {
    if (fd === null) return;
    try {
      closeSync(fd);
    } catch {
      // closing after a failure: the file is deleted anyway
    }
    fd = null;
  };
  return {
    temp,
    write(text) {
      if (fd === null) throw new WriteFailed(target, 'EBADF');
      try {
        writeFully(fd, Buffer.from(text, 'utf8'));
      } catch (e) {
        throw new WriteFailed(target, codeOf(e));
      }
    },
    async finish() {
      if (fd === null) throw new WriteFailed(target, 'EBADF');
      const open = fd;
      fd = null;
      try {
        closeSync(open);
      } catch (e) {
        throw new WriteFailed(target, codeOf(e));
      }
    },
    abort() {
      closeQuietly();
      try {
        unlinkSync(fsPath(temp));
      } catch {
        // not there
      }
    },
  };
}
