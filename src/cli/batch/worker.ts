// A worker thread of the pool: runs jobs as they come, two at a time at most (so reading one
// file overlaps parsing the other), and answers each with its result.
import { parentPort, workerData } from 'node:worker_threads';
import { failedJob, makeJobRunner, type JobConfig, type Task } from './job.js';
import { problemOf } from './problems.js';

const port = parentPort;
if (!port) throw new Error('plan-parse: batch/worker.js runs as a worker thread');
const run = makeJobRunner((workerData as { config: JobConfig }).config, 'worker');

port.on('message', (task: Task) => {
  // the job's time budget starts now, not while it waited behind another
  port.postMessage({ started: task.seq });
  run(task).then(
    (result) => port.postMessage(result),
    (e: unknown) => port.postMessage(failedJob(task.seq, problemOf(e))),
  );
});
