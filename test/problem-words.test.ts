// The words of the run's problems (src/cli/batch/problem-words.ts): the one test file that holds them.
// Every other test gives a problem's code and facts; here each code is worded once, as users read it
// on standard error (`error FILE: words`) and in the `"error"` of an ndjson error record.
import { describe, expect, it } from 'vitest';
import { problemWords, WORDED_CODES, readFailureWords, writeErrorWords } from '../src/cli/batch/problem-words.js';
import { readFailure, type Problem, type ProblemCode } from '../src/cli/batch/problems.js';
import { errorLine, fileErrorLine } from '../src/cli/batch/ndjson.js';
import { makeReporter } from '../src/cli/batch/report.js';

/** One problem of every code, and its words. */
const SAMPLES: ReadonlyArray<readonly [Problem, string]> = [
  [{ code: 'read-failed', args: { reason: 'no-such-file', errno: 'ENOENT' } }, 'no such file'],
  [{ code: 'read-failed', args: { reason: 'permission-denied', errno: 'EACCES' } }, 'permission denied'],
  [{ code: 'read-failed', args: { reason: 'is-a-folder', errno: null } }, 'is a folder'],
  [{ code: 'read-failed', args: { reason: 'not-a-regular-file', errno: null } }, 'is not a regular file'],
  [{ code: 'read-failed', args: { reason: 'other', errno: 'EIO' } }, 'cannot read (EIO)'],
  [{ code: 'no-match', args: { base: null, failure: null } }, 'no match'],
  [{ code: 'no-match', args: { base: 'pages', failure: { reason: 'no-such-file', errno: 'ENOENT' } } }, 'no match (pages: no such file)'],
  [{ code: 'list-name-too-long', args: { limit: 65536 } }, 'longer than 64 KB'],
  [{ code: 'binary', args: { source: 'file', kind: 'png' } }, 'binary file (PNG image)'],
  [{ code: 'binary', args: { source: 'file', kind: 'nul-bytes' } }, 'binary file (binary data (NUL bytes))'],
  [{ code: 'binary', args: { source: 'stdin', kind: 'pdf' } }, 'binary input (PDF document)'],
  [{ code: 'binary', args: { source: 'record', kind: 'zip' } }, 'binary data (ZIP archive or Office document)'],
  [{ code: 'too-large', args: { size: 5734, limit: 4096 } }, 'too large (5.6 KB, the limit is 4.0 KB; see --max-bytes)'],
  [
    { code: 'undecodable', args: { bad: 40, percent: 12, encoding: 'gb18030' } },
    'undecodable: 40 invalid or unmapped sequences (12% of the text) in the best guess, gb18030 (force one with --encoding)',
  ],
  [{ code: 'cannot-parse', args: { message: 'boom' } }, 'cannot parse (boom)'],
  [{ code: 'output-exists', args: { path: 'out/a.json' } }, 'output out/a.json exists (use --force to replace it, or --skip-existing to keep it)'],
  [{ code: 'output-is-input', args: { path: 'a.txt' } }, 'output a.txt is an input: refusing to overwrite it'],
  [{ code: 'output-claimed', args: { path: 'out/p.json', by: 'p.md' } }, 'output out/p.json is also the output of p.md'],
  [{ code: 'output-outside', args: { path: 'out/sub/b.json', outDir: 'out' } }, 'output out/sub/b.json leads outside out through a symbolic link: refusing to write it'],
  [{ code: 'no-output-name', args: { rel: '..' } }, 'no output name for ..'],
  [{ code: 'output-leaves-folder', args: { rel: '../x', outDir: 'out' } }, 'output for ../x would leave out'],
  [{ code: 'write-failed', args: { path: 'out/1.json', errno: 'ENOSPC' } }, 'cannot write out/1.json (no space left on device, ENOSPC)'],
  [{ code: 'folder-failed', args: { path: 'out/sub', errno: 'EACCES' } }, 'cannot create folder out/sub (permission denied, EACCES)'],
  [{ code: 'stream-write-failed', args: { errno: 'ENOSPC' } }, 'cannot write (no space left on device, ENOSPC)'],
  [{ code: 'outdir-create-failed', args: { errno: 'ENOTDIR' } }, 'cannot create the output folder (a part of the path is not a folder, ENOTDIR)'],
  [{ code: 'outdir-not-writable', args: { errno: 'EROFS' } }, 'cannot write in the output folder (read-only file system, EROFS)'],
  [{ code: 'timed-out', args: { ms: 60000 } }, 'timed out after 60 s'],
  [{ code: 'worker-died', args: { reason: 'exit code 1', retry: 'out of memory' } }, 'the worker stopped (exit code 1), and so did the retry (out of memory)'],
  [{ code: 'not-started', args: {} }, 'not started: the run stopped'],
  [{ code: 'internal-error', args: { message: 'x is undefined' } }, 'internal error (x is undefined)'],
  [{ code: 'record-not-json', args: { line: 4, message: 'Unexpected end of JSON input' } }, 'line 4 is not JSON (Unexpected end of JSON input)'],
  [{ code: 'record-not-object', args: { line: 7 } }, 'line 7 is not a JSON object'],
  [{ code: 'record-path-not-string', args: {} }, 'path must be a string'],
  [{ code: 'record-text-and-base64', args: {} }, 'give text or base64, not both'],
  [{ code: 'record-bad-base64', args: {} }, 'base64 is not valid base64'],
  [{ code: 'record-text-not-string', args: {} }, 'text must be a string'],
  [{ code: 'record-base64-not-string', args: {} }, 'base64 must be a string'],
  [{ code: 'record-no-text', args: {} }, 'a record needs "text" or "base64"'],
  [{ code: 'record-line-too-long', args: { line: 2, limit: 67584 } }, 'line 2 is longer than 67584 bytes (see --max-bytes)'],
];

describe('the words of every problem', () => {
  it('every code has words, and a sample of each is worded here', () => {
    const sampled = new Set<ProblemCode>(SAMPLES.map(([p]) => p.code));
    expect(WORDED_CODES.filter((code) => !sampled.has(code))).toEqual([]);
  });

  for (const [problem, words] of SAMPLES) {
    it(`${problem.code}: ${words}`, () => {
      expect(problemWords(problem)).toBe(words);
    });
  }

  it('a read failure from the system error: the code kept as a fact, worded as before', () => {
    const failure = (code: string | undefined, message = 'x') => readFailure(Object.assign(new Error(message), code === undefined ? {} : { code }));
    expect(failure('ENOENT')).toEqual({ reason: 'no-such-file', errno: 'ENOENT' });
    expect(failure('EPERM')).toEqual({ reason: 'permission-denied', errno: 'EPERM' });
    expect(failure('ELOOP')).toEqual({ reason: 'symlink-loop', errno: 'ELOOP' });
    expect(readFailureWords(failure('ENAMETOOLONG'))).toBe('name too long');
    expect(readFailureWords(failure(undefined, 'odd'))).toBe('cannot read (odd)');
    expect(writeErrorWords('EXYZ')).toBe('EXYZ');
  });

  it('the stderr line and the ndjson records carry the same words; the records carry the code too', () => {
    const problem: Problem = { code: 'binary', args: { source: 'record', kind: 'png' } };
    let written = '';
    makeReporter(process.stderr, { color: false, write: (t) => (written += t) }).fileError('record "png"', problem);
    expect(written).toBe('error record "png": binary data (PNG image)\n');
    expect(errorLine('png', problem)).toBe('{"id":"png","error":"binary data (PNG image)","code":"binary"}\n');
    expect(fileErrorLine('bad.txt', { code: 'read-failed', args: { reason: 'no-such-file', errno: 'ENOENT' } })).toBe('{"path":"bad.txt","error":"no such file","code":"read-failed"}\n');
  });
});
