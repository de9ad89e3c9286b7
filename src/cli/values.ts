// Option values as typed on the command line → numbers; a value that is not one is a usage error.
import { availableParallelism } from 'node:os';

/**
 * A command line that cannot be run as given: one line on standard error, exit code 2. Worded where
 * it is thrown, on purpose: it is the command line's own (nothing is run, no file or record is named),
 * not a problem of a run, which is data (batch/problems.ts) worded at the edge (batch/problem-words.ts).
 */
export class UsageError extends Error {}

/** `20M`, `500k`, `1.5G`, `1048576` → bytes (binary units). */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/iu.exec(text);
  if (!m) return null;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = Math.floor(Number(m[1]) * unit);
  return n > 0 ? n : null;
}

/** --max-bytes in bytes. */
export function maxBytesFrom(value: string): number {
  const maxBytes = parseSize(value);
  if (maxBytes === null) throw new UsageError(`--max-bytes ${value} is not a size (e.g. 500k, 20M)`);
  return maxBytes;
}

/** The time budget of a file when --timeout is not given. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** --timeout in ms (null: no budget), and whether it was given. */
export function timeoutFrom(value: string | undefined): { timeoutMs: number | null; explicit: boolean } {
  if (value === undefined) return { timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000, explicit: false };
  if (!/^\s*\d+(\.\d+)?\s*$/u.test(value)) throw new UsageError(`--timeout ${value} is not a number of seconds (0 for none)`);
  const seconds = Number(value);
  return { timeoutMs: seconds > 0 ? seconds * 1000 : null, explicit: true };
}

/** --jobs (default: the number of cores), and whether it was given. */
export function jobsFrom(value: string | undefined): { jobs: number; explicit: boolean } {
  if (value === undefined) return { jobs: Math.max(1, availableParallelism()), explicit: false };
  if (!/^\d+$/u.test(value) || Number(value) < 1) throw new UsageError(`--jobs ${value} is not a number of threads (1 or more)`);
  return { jobs: Math.min(Number(value), 256), explicit: true };
}
