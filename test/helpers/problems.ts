// The line a problem is on standard error, worded by the one place with the words (problem-words.ts):
// tests give the code and its facts, not the sentence.
import type { Problem } from '../../src/cli/batch/problems.js';
import { problemWords } from '../../src/cli/batch/problem-words.js';

/** `error FILE: words` (FILE as shown, its escapes included). */
export const errorLineOf = (file: string, problem: Problem): string => `error ${file}: ${problemWords(problem)}`;

/** A file that is not there. */
export const NO_SUCH_FILE: Problem = { code: 'read-failed', args: { reason: 'no-such-file', errno: 'ENOENT' } };

/** A file refused as a PNG image. */
export const PNG_FILE: Problem = { code: 'binary', args: { source: 'file', kind: 'png' } };
