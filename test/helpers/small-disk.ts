// Small file systems for the tests of failed writes: a tmpfs that fills up (ENOSPC), a read-only one
// (EROFS). Mounting needs root (CAP_SYS_ADMIN); where it is not permitted the tests skip with a note.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Mounted {
  /** The mount point. */
  readonly dir: string;
  /** Unmount and remove the mount point. */
  readonly release: () => void;
}

/** Mount a tmpfs of `sizeKb` KB (read-only with `readOnly`); when that is not permitted, why not (the test skips with it). */
export function mountTmpfs(sizeKb: number, readOnly = false): Mounted | string {
  const dir = mkdtempSync(join(tmpdir(), 'pp-mount-'));
  const options = `${readOnly ? 'ro,' : ''}size=${sizeKb}k`;
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0];
    return `skipped: cannot mount a tmpfs here (${why}); the test needs root`;
  }
  return {
    dir,
    release: () => {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fill a mounted tmpfs but for `freeBytes` (a multiple of its 4 KB pages). */
export function fill(dir: string, sizeKb: number, freeBytes: number): void {
  writeFileSync(join(dir, 'filler'), Buffer.alloc(sizeKb * 1024 - freeBytes));
}
