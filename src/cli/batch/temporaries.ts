// The temporary files of plan-parse (`.NAME.PID-TAG-N.tmp`, beside the output NAME; see io.ts):
// its own removed when a run is interrupted, and those of an earlier run that was killed removed by
// the next run writing to the same place, when their process is gone or they are old.
import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { lstat, readdir, unlink } from './fs-async.js';
import { basename, dirname, join } from 'node:path';
import { parseTemporaryName } from './files.js';
import { fsPath, nameFromBytes } from '../../text/file-names.js';

/** A temporary file older than this is stale even when a process of its PID runs (PIDs are reused). */
export const STALE_AFTER_MS = 30 * 60 * 1000;

/** True when a process of this PID runs (or exists under another user). */
export function processIsAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Output paths grouped by folder: folder → the names in it. */
function namesByFolder(outputs: Iterable<string>): Map<string, Set<string>> {
  const byFolder = new Map<string, Set<string>>();
  for (const out of outputs) {
    const folder = dirname(out);
    const names = byFolder.get(folder) ?? new Set<string>();
    names.add(basename(out));
    byFolder.set(folder, names);
  }
  return byFolder;
}

/**
 * Remove the temporary files of this process for these outputs: after its workers were stopped
 * mid-write. Synchronous, so that it can run on a second signal, just before exiting.
 */
export function removeOwnTemporaries(outputs: Iterable<string>, pid: number = process.pid): number {
  const byFolder = namesByFolder(outputs);
  let removed = 0;
  for (const [folder, names] of byFolder) {
    let entries: string[];
    try {
      entries = readdirSync(fsPath(folder), { encoding: 'buffer' }).map(nameFromBytes);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const parsed = parseTemporaryName(entry);
      if (parsed === null || parsed.pid !== pid || !names.has(parsed.target)) continue;
      try {
        if (!lstatSync(fsPath(join(folder, entry))).isFile()) continue;
        unlinkSync(fsPath(join(folder, entry)));
        removed++;
      } catch {
        // gone already
      }
    }
  }
  return removed;
}

export interface StaleOptions {
  readonly now?: number;
  readonly isAlive?: (pid: number) => boolean;
  readonly staleAfterMs?: number;
}

/**
 * Remove temporary files left by earlier runs in the folders of these outputs: only files of
 * plan-parse's naming, for one of these output names, not of this process, and whose process is
 * gone or which are older than STALE_AFTER_MS. Returns the paths removed.
 */
export async function removeStaleTemporaries(outputs: Iterable<string>, options: StaleOptions = {}): Promise<string[]> {
  const now = options.now ?? Date.now();
  const isAlive = options.isAlive ?? processIsAlive;
  const staleAfter = options.staleAfterMs ?? STALE_AFTER_MS;
  const byFolder = namesByFolder(outputs);
  const removed: string[] = [];
  for (const [folder, names] of byFolder) {
    let entries: string[];
    try {
      entries = (await readdir(fsPath(folder), { encoding: 'buffer' })).map(nameFromBytes);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const parsed = parseTemporaryName(entry);
      if (parsed === null || parsed.pid === process.pid || !names.has(parsed.target)) continue;
      const path = join(folder, entry);
      try {
        const info = await lstat(fsPath(path));
        if (!info.isFile()) continue;
        if (isAlive(parsed.pid) && now - info.mtimeMs < staleAfter) continue;
        await unlink(fsPath(path));
        removed.push(path);
      } catch {
        // gone already, or not ours to remove
      }
    }
  }
  return removed;
}
