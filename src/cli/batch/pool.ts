// Running jobs: in this thread, or on a pool of worker threads; and the scheduler that keeps a
// bounded number of jobs in flight and hands results on in input order (or as they finish).
import type { Worker as WorkerType } from 'node:worker_threads';
import type { JobConfig, JobResult, JobRunner, Task } from './job.js';
import { errorLine } from './ndjson.js';

export interface Executor {
  run(task: Task): Promise<JobResult>;
  close(): Promise<void>;
}

/** The job runner of this thread, loaded (with the library) only when needed. */
async function localRunner(config: JobConfig): Promise<JobRunner> {
  const { makeJobRunner } = await import('./job.js');
  return makeJobRunner(config);
}

/** Jobs run in this thread: no start-up cost, for one file or --jobs 1. */
export async function inProcessExecutor(config: JobConfig): Promise<Executor> {
  const runner = await localRunner(config);
  // a job runs synchronously (reading, parsing, writing): one at a time, each on a turn of its own
  // of the event loop, so that timers (the progress bar) and signals (SIGINT) are handled between two
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  let last: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    run(task) {
      const job = last.then(turn).then(() => (closed ? { seq: task.seq, ok: false, error: 'not started: the run stopped' } : runner(task)));
      last = job.catch(() => undefined);
      return job;
    },
    async close() {
      // a job still queued when the run stops is not started
      closed = true;
    },
  };
}

/**
 * Heap limits of a worker. Without them V8 sizes each worker's heap for a long-running server
 * (266–301 MB resident for two workers on the 50 MB benchmark batch); a smaller young generation
 * and a bounded old one keep the whole process near 160 MB, for more GC work (5–30% more CPU time
 * in noisy runs; see README, Performance). A job that needs more than the old generation holds
 * (a very large page) kills its worker and is run again in the main thread, which has no limit.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 256 };

interface Pending {
  readonly task: Task;
  readonly resolve: (r: JobResult) => void;
}

interface Slot {
  worker: WorkerType;
  readonly pending: Map<number, Pending>;
  /** The time budget of each job the worker has started. */
  readonly timers: Map<number, ReturnType<typeof setTimeout>>;
}

/** What a worker posts: a job's result, or word that it starts a job (its time budget starts then). */
export type WorkerMessage = JobResult | { readonly started: number };

export interface WorkerOptions {
  /** Each job's time budget in ms, from when its worker starts it; a job over it is stopped. None when absent. */
  readonly timeoutMs?: number;
}

/** The result of a job stopped for its time budget: an error line too for a record. */
export function timedOut(task: Task, timeoutMs: number): JobResult {
  const error = `timed out after ${timeoutMs / 1000} s`;
  return { seq: task.seq, ok: false, error, ...(task.kind === 'record' ? { text: errorLine(task.id, error) } : {}) };
}

/**
 * Jobs run on `size` worker threads, each running dist/batch/worker.js. When a worker dies, the
 * jobs it held run again in the main thread (a job that fails there too is reported, and the run
 * goes on), and the worker is replaced. A job over its time budget fails as timed out: its worker
 * is terminated and replaced, and the other jobs it held go to the new one.
 */
export async function workerExecutor(config: JobConfig, size: number, workerUrl: URL = new URL('./worker.js', import.meta.url), options: WorkerOptions = {}): Promise<Executor> {
  const { Worker } = await import('node:worker_threads');
  const slots: Slot[] = [];
  let closing = false;
  let restarts = 0;
  let broken: string | null = null;
  let fallback: Promise<JobRunner> | null = null;
  const timeoutMs = options.timeoutMs;

  const clearTimers = (s: Slot): void => {
    for (const timer of s.timers.values()) clearTimeout(timer);
    s.timers.clear();
  };

  const spawn = (slot?: Slot): Slot => {
    const worker = new Worker(workerUrl, { workerData: { config }, resourceLimits: WORKER_LIMITS });
    const s: Slot = slot ?? { worker, pending: new Map(), timers: new Map() };
    s.worker = worker;
    worker.on('message', (m: WorkerMessage) => {
      // a worker being replaced may still speak: only the slot's current one counts
      if (s.worker !== worker) return;
      if ('started' in m) {
        if (timeoutMs === undefined || closing || !s.pending.has(m.started)) return;
        // the worker keeps the process alive while the job runs; the timer need not
        s.timers.set(m.started, setTimeout(() => expire(s, m.started), timeoutMs).unref());
        return;
      }
      const p = s.pending.get(m.seq);
      if (!p) return;
      s.pending.delete(m.seq);
      clearTimeout(s.timers.get(m.seq));
      s.timers.delete(m.seq);
      p.resolve(m);
    });
    const fail = (reason: string): void => {
      const held = [...s.pending.values()];
      s.pending.clear();
      clearTimers(s);
      for (const p of held) {
        fallback ??= localRunner(config);
        fallback
          .then((runLocally) => runLocally(p.task))
          .then(p.resolve, (e: unknown) => p.resolve({ seq: p.task.seq, ok: false, error: `the worker stopped (${reason}), and so did the retry (${(e as Error).message})` }));
      }
      if (closing) return;
      if (restarts++ < 2 * size + 4) spawn(s);
      else broken = reason;
    };
    worker.on('error', (e) => {
      if (s.worker === worker) fail(e.message);
    });
    worker.on('exit', (code) => {
      if (s.worker === worker && !closing) fail(`exit code ${code}`);
    });
    return s;
  };

  /** A job over its budget: fail it, replace its worker, hand the worker's other jobs to the new one. */
  const expire = (s: Slot, seq: number): void => {
    const late = s.pending.get(seq);
    if (!late || closing || timeoutMs === undefined) return;
    s.pending.delete(seq);
    clearTimers(s);
    const others = [...s.pending.values()];
    s.pending.clear();
    const old = s.worker;
    spawn(s);
    void old.terminate();
    for (const p of others) send(s, p);
    late.resolve(timedOut(late.task, timeoutMs));
  };

  const send = (s: Slot, p: Pending): void => {
    s.pending.set(p.task.seq, p);
    // copied, not transferred: a job may have to be sent again (its worker replaced) or run here
    s.worker.postMessage(p.task);
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    run(task) {
      if (broken !== null) {
        fallback ??= localRunner(config);
        return fallback.then((runLocally) => runLocally(task));
      }
      let best = slots[0]!;
      for (const s of slots) if (s.pending.size < best.pending.size) best = s;
      return new Promise<JobResult>((resolve) => send(best, { task, resolve }));
    },
    async close() {
      closing = true;
      for (const s of slots) clearTimers(s);
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

export interface ScheduleOptions {
  /** Jobs in flight at once. */
  readonly concurrency: number;
  /** Most jobs started but not yet handed on: bounds the reorder buffer. */
  readonly window: number;
  /** Hand results on in input order. */
  readonly ordered: boolean;
  /** Stop when this aborts: nothing more is started or handed on, and schedule resolves at once. */
  readonly stop?: AbortSignal;
}

/**
 * Run every task of the source, numbering them in order, with a bounded number in flight, and hand
 * each result to `emit` (awaited, one at a time: a slow consumer slows the run down, memory stays
 * flat). Ordered: results are handed on in input order, buffered at most `window` at a time.
 */
export function schedule<T>(source: AsyncIterable<T> | Iterable<T>, toTask: (value: T, seq: number) => Task, run: (task: Task) => Promise<JobResult>, options: ScheduleOptions, emit: (result: JobResult) => Promise<void> | void): Promise<void> {
  const iterator: AsyncIterator<T> | Iterator<T> = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const ready = new Map<number, JobResult>();
  const finished: JobResult[] = [];
  let started = 0;
  let handed = 0;
  let nextInOrder = 0;
  let inFlight = 0;
  let pulling = false;
  let exhausted = false;
  let emitting = false;
  let stopped = false;

  return new Promise<void>((resolve, reject) => {
    const fail = (e: unknown): void => {
      if (stopped) return;
      stopped = true;
      reject(e);
    };

    const takeReady = (): JobResult | undefined => {
      if (options.ordered) {
        const r = ready.get(nextInOrder);
        if (r) {
          ready.delete(nextInOrder);
          nextInOrder++;
        }
        return r;
      }
      return finished.shift();
    };

    const drain = async (): Promise<void> => {
      emitting = true;
      try {
        for (let r = takeReady(); r && !stopped; r = takeReady()) {
          await emit(r);
          handed++;
          pump();
        }
      } finally {
        emitting = false;
      }
    };

    const stop = options.stop;
    if (stop) {
      const onAbort = (): void => {
        if (stopped) return;
        stopped = true;
        resolve();
      };
      if (stop.aborted) return onAbort();
      stop.addEventListener('abort', onAbort, { once: true });
    }

    const hasReady = (): boolean => (options.ordered ? ready.has(nextInOrder) : finished.length > 0);

    const pump = (): void => {
      if (stopped) return;
      if (!emitting && hasReady()) drain().then(pump, fail);
      if (!pulling && !exhausted && inFlight < options.concurrency && started - handed < options.window) {
        pulling = true;
        Promise.resolve(iterator.next()).then((next) => {
          pulling = false;
          if (next.done) exhausted = true;
          else {
            const task = toTask(next.value, started++);
            inFlight++;
            run(task).then((result) => {
              inFlight--;
              if (options.ordered) ready.set(result.seq, result);
              else finished.push(result);
              pump();
            }, fail);
          }
          pump();
        }, fail);
      }
      if (exhausted && !pulling && inFlight === 0 && !emitting && ready.size === 0 && finished.length === 0) {
        stopped = true;
        resolve();
      }
    };
    pump();
  });
}
