// The words of every problem of a run (problems.ts), the only place they are written: used by the
// reporter (`error FILE: words` on standard error) and by the ndjson error records (`"error"`).
import type { BinaryKind } from './binary-sniff.js';
import type { Problem, ProblemCode, ReadFailure, ReadReason } from './problems.js';
import { formatBytes } from './summary.js';

const READ_WORDS: Readonly<Record<Exclude<ReadReason, 'other'>, string>> = {
  'no-such-file': 'no such file',
  'permission-denied': 'permission denied',
  'is-a-folder': 'is a folder',
  'symlink-loop': 'symbolic link loop',
  'name-too-long': 'name too long',
  'not-a-regular-file': 'is not a regular file',
};

/** Why a file could not be read: `no such file`, `cannot read (EIO)`. */
export const readFailureWords = (f: ReadFailure): string => (f.reason === 'other' ? `cannot read (${f.errno ?? 'unknown'})` : READ_WORDS[f.reason]);

const WRITE_WORDS: Readonly<Record<string, string>> = {
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

/** Words for the code of a failed write, the code kept: `no space left on device, ENOSPC`. */
export function writeErrorWords(errno: string): string {
  const said = WRITE_WORDS[errno];
  return said ? `${said}, ${errno}` : errno;
}

const BINARY_WORDS: Readonly<Record<BinaryKind, string>> = {
  png: 'PNG image',
  jpeg: 'JPEG image',
  gif: 'GIF image',
  pdf: 'PDF document',
  zip: 'ZIP archive or Office document',
  ole: 'Office 97-2003 document',
  gzip: 'GZIP archive',
  bzip2: 'BZIP2 archive',
  xz: 'XZ archive',
  '7z': '7-Zip archive',
  rar: 'RAR archive',
  elf: 'ELF executable',
  webp: 'WebP image',
  'nul-bytes': 'binary data (NUL bytes)',
};

/** The name of a binary type: `PNG image`. */
export const binaryKindWords = (kind: BinaryKind): string => BINARY_WORDS[kind];

const BINARY_SOURCE = { file: 'file', stdin: 'input', record: 'data' } as const;

type Wording = { readonly [C in ProblemCode]: (args: Extract<Problem, { code: C }>['args']) => string };

/** Every code's words, from its facts. */
const WORDS: Wording = {
  'read-failed': (a) => readFailureWords(a),
  'no-match': (a) => (a.base === null || a.failure === null ? 'no match' : `no match (${a.base}: ${readFailureWords(a.failure)})`),
  'list-name-too-long': (a) => `longer than ${a.limit / 1024} KB`,
  binary: (a) => `binary ${BINARY_SOURCE[a.source]} (${binaryKindWords(a.kind)})`,
  'too-large': (a) => `too large (${formatBytes(a.size)}, the limit is ${formatBytes(a.limit)}; see --max-bytes)`,
  undecodable: (a) => `undecodable: ${a.bad} invalid or unmapped sequences (${a.percent}% of the text) in the best guess, ${a.encoding} (force one with --encoding)`,
  'cannot-parse': (a) => `cannot parse (${a.message})`,
  'output-exists': (a) => `output ${a.path} exists (use --force to replace it, or --skip-existing to keep it)`,
  'output-is-input': (a) => `output ${a.path} is an input: refusing to overwrite it`,
  'output-claimed': (a) => `output ${a.path} is also the output of ${a.by}`,
  'output-outside': (a) => `output ${a.path} leads outside ${a.outDir} through a symbolic link: refusing to write it`,
  'no-output-name': (a) => `no output name for ${a.rel}`,
  'output-leaves-folder': (a) => `output for ${a.rel} would leave ${a.outDir}`,
  'write-failed': (a) => `cannot write ${a.path} (${writeErrorWords(a.errno)})`,
  'folder-failed': (a) => `cannot create folder ${a.path} (${writeErrorWords(a.errno)})`,
  'stream-write-failed': (a) => `cannot write (${writeErrorWords(a.errno)})`,
  'outdir-create-failed': (a) => `cannot create the output folder (${writeErrorWords(a.errno)})`,
  'outdir-not-writable': (a) => `cannot write in the output folder (${writeErrorWords(a.errno)})`,
  'timed-out': (a) => `timed out after ${a.ms / 1000} s`,
  'worker-died': (a) => `the worker stopped (${a.reason}), and so did the retry (${a.retry})`,
  'not-started': () => 'not started: the run stopped',
  'internal-error': (a) => `internal error (${a.message})`,
  'record-not-json': (a) => `line ${a.line} is not JSON (${a.message})`,
  'record-not-object': (a) => `line ${a.line} is not a JSON object`,
  'record-path-not-string': () => 'path must be a string',
  'record-text-and-base64': () => 'give text or base64, not both',
  'record-bad-base64': () => 'base64 is not valid base64',
  'record-text-not-string': () => 'text must be a string',
  'record-base64-not-string': () => 'base64 must be a string',
  'record-no-text': () => 'a record needs "text" or "base64"',
  'record-line-too-long': (a) => `line ${a.line} is longer than ${a.limit} bytes (see --max-bytes)`,
};

/** The words of a problem, one line: `binary file (PNG image)`. */
export function problemWords(p: Problem): string {
  return (WORDS[p.code] as (args: Problem['args']) => string)(p.args);
}

/** Every code that has words (all of them: the type requires it). */
export const WORDED_CODES: readonly ProblemCode[] = Object.keys(WORDS) as ProblemCode[];
