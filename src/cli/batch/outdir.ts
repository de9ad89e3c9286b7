// OUTDIR before a run: made if missing, and proved writable, so that a folder that cannot be
// written is one error before any work instead of one error per file after all of it.
import { lstat, mkdir, unlink, writeFile } from './fs-async.js';
import { dirname, join, resolve } from 'node:path';
import { temporaryPath } from './files.js';
import { errnoOf, type Problem } from './problems.js';
import { fsPath } from '../../text/file-names.js';

/** The name the probe file stands for (its temporary name is made from it): swept like an output's. */
export const PROBE_NAME = 'plan-parse-probe';

/**
 * The error of making the first missing folder of `dir`: a recursive mkdir reports ENOENT where
 * the folder above is on a read-only file system (EROFS) or not writable (EACCES).
 */
async function realCause(dir: string, code: string): Promise<string> {
  if (code !== 'ENOENT') return code;
  let missing = resolve(dir);
  while (dirname(missing) !== missing && !(await lstat(fsPath(dirname(missing))).then(() => true, () => false))) missing = dirname(missing);
  try {
    await mkdir(fsPath(missing));
    return code;
  } catch (e) {
    return errnoOf(e);
  }
}

/**
 * Make `dir` (and its parents) and write then delete a probe file in it (named as a temporary
 * file of plan-parse, so that a run killed in between leaves nothing a later run keeps).
 * Null when the folder can be written; else why not.
 */
export async function checkOutputFolder(dir: string): Promise<Problem | null> {
  try {
    await mkdir(fsPath(dir), { recursive: true });
  } catch (e) {
    return { code: 'outdir-create-failed', args: { errno: await realCause(dir, errnoOf(e)) } };
  }
  const probe = temporaryPath(join(dir, PROBE_NAME));
  try {
    await writeFile(fsPath(probe), '', { flag: 'wx' });
  } catch (e) {
    return { code: 'outdir-not-writable', args: { errno: errnoOf(e) } };
  }
  await unlink(fsPath(probe)).catch(() => undefined);
  return null;
}
