// A batch starts its worker threads while the walk still finds inputs, and starts its largest files
// first, while results still go on in input order.
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { largestFirst, schedule, useWorkerEntry } from '../src/cli/batch/pool.js';
import { EarlyWorkers, SMALL_BATCH_BYTES } from '../src/cli/batch/session.js';
import type { JobConfig, JobResult, Task } from '../src/cli/batch/job.js';
import type { RunSettings } from '../src/cli/batch/settings.js';

const ROOT = new URL('..', import.meta.url).pathname;
const PAGE = join(ROOT, 'fixtures/pages/seed-jiaoyuju-jihua-daquan/input.txt');
// the tsc-built worker (the tests run the sources, which have no worker.js beside pool.ts)
useWorkerEntry(pathToFileURL(join(ROOT, 'dist/cli/batch/worker.js')));

const config: JobConfig = { parse: { script: 'convert', keepBoilerplate: false }, rules: [], format: 'ndjson', pretty: false, color: false, maxBytes: 1 << 20, force: false };
const settings = (jobs: number, jobsExplicit = false): RunSettings => ({
  config, output: { kind: 'stdout' }, jobs, jobsExplicit, timeoutMs: null, timeoutExplicit: false, ordered: true, quiet: true, verbose: false, color: false, summary: false, progress: false,
});

describe('largest first', () => {
  it('orders each block by size, largest first, ties in input order', () => {
    expect(largestFirst([1, 5, 3, 5, 9, 2, 8], 4)).toEqual([1, 3, 2, 0, 4, 6, 5]);
    expect(largestFirst([], 4)).toEqual([]);
  });

  it('results still go on in input order, and a window as wide as the blocks never stalls', async () => {
    const sizes = Array.from({ length: 40 }, (_, k) => (k * 37) % 23);
    const started: number[] = [];
    const handed: number[] = [];
    const run = async (task: Task): Promise<JobResult> => {
      started.push(task.seq);
      await new Promise((r) => setImmediate(r));
      return { seq: task.seq, ok: true };
    };
    const order = largestFirst(sizes, 8);
    await schedule(order, (at) => ({ kind: 'ready', seq: at, result: { ok: true } }) as Task, run, { concurrency: 3, window: 8, ordered: true }, (r) => {
      handed.push(r.seq);
    });
    expect(handed).toEqual([...sizes.keys()]);
    expect(started).toEqual(order);
  });
});

describe('workers started during the walk', () => {
  it('start once the inputs found make a batch for them, and are handed to the run that wants them', async () => {
    const early = new EarlyWorkers(settings(2));
    early.found(SMALL_BATCH_BYTES);
    early.found(null); // standard input, a missing file: not counted
    const none = new EarlyWorkers(settings(2));
    none.found(SMALL_BATCH_BYTES);
    expect(await none.take(2, true)).toBeNull(); // one file is no batch for workers
    early.found(1);
    const pool = await early.take(2, true);
    expect(pool).not.toBeNull();
    try {
      const result = await pool!.executor.run({ kind: 'file', seq: 0, path: PAGE, out: null });
      expect(result.ok).toBe(true);
      expect(pool!.concurrency).toBe(4);
    } finally {
      await pool!.executor.close();
    }
  });

  it('are stopped when the run wants other ones, and none start after that', async () => {
    const early = new EarlyWorkers(settings(2, true));
    early.found(1);
    early.found(1); // --jobs given: any two files
    expect(await early.take(1, true)).toBeNull();
    early.found(1);
    expect(await early.take(2, true)).toBeNull();
  });

  it('start nothing for --jobs 1', async () => {
    const early = new EarlyWorkers(settings(1, true));
    for (let k = 0; k < 5; k++) early.found(SMALL_BATCH_BYTES);
    expect(await early.take(1, true)).toBeNull();
  });
});
