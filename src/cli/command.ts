// The command as one bundle (scripts/bundle-command.mjs → dist/plan-parse.cjs, loaded by
// bin/load-command.cjs): the command line in the main thread; in a worker thread of the pool, the
// worker's job loop. The worker is loaded only in a worker.
export { run } from './main.js';
export { useWorkerEntry } from './batch/pool.js';

/** Run this thread as a worker of the pool (batch/worker.js). */
export async function startWorker(): Promise<void> {
  await import('./batch/worker.js');
}
