// Running jobs: in this thread, or on a pool of worker threads; and the scheduler that keeps a
// bounded number of jobs in flight and hands results on in input order (or as they finish).
import type { Worker as WorkerType } from 'node:worker_threads';
import type { JobConfig, JobResult, JobRunner, Task } from './job.js';

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
      const job = last.then(turn).then(() => (closed ? ({ seq: task.seq, ok: false, problem: { code: 'not-started', args: {} } } as const) : runner(task)));
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
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 256 };

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

/** The result of a job stopped for its time budget. */
export function timedOut(task: Task, timeoutMs: number): JobResult {
  return { seq: task.seq, ok: false, problem: { code: 'timed-out', args: { ms: timeoutMs } } };
}

/** The script a worker thread runs: set by the command's bundle (see useWorkerEntry); else worker.js beside this module. */
let workerEntry: URL | null = null;

/** The command's bundle (dist/plan-parse.cjs) runs its workers from the script that loaded it, not from worker.js. */
export function useWorkerEntry(url: URL): void {
  workerEntry = url;
}

/**
 * Jobs run on `size` worker threads, each running dist/batch/worker.js (or the command's bundle). When a worker dies, the
 * jobs it held run again in the main thread (a job that fails there too is reported, and the run
 * goes on), and the worker is replaced. A job over its time budget fails as timed out: its worker
 * is terminated and replaced, and the other jobs it held go to the new one.
 */
export async function workerExecutor(config: JobConfig, size: number, workerUrl: URL = workerEntry ?? new URL('./worker.js', import.meta.url), options: WorkerOptions = {}): Promise<Executor> {
  const { Worker } = await import('node:worker_threads');
  const pool = new WorkerPool(config, size, (data) => new Worker(workerUrl, { workerData: data, resourceLimits: WORKER_LIMITS }), options.timeoutMs);
  return { run: (task) => pool.run(task), close: () => pool.close() };
}

class WorkerPool {
  private readonly slots: Slot[] = [];
  private closing = false;
  private restarts = 0;
  private broken: string | null = null;
  private fallback: Promise<JobRunner> | null = null;
  /** Files whose sampled page a worker keeps (SampleTask.keep): their jobs go to that worker. */
  private readonly holders = new Map<string, { readonly slot: Slot; readonly worker: WorkerType }>();

  constructor(
    private readonly config: JobConfig,
    private readonly size: number,
    private readonly start: (data: { config: JobConfig }) => WorkerType,
    private readonly timeoutMs: number | undefined,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(task: Task): Promise<JobResult> {
    if (this.broken !== null) return this.runLocally(task);
    const holder = task.kind === 'file' ? this.holders.get(task.path) : undefined;
    if (holder && task.kind === 'file') {
      this.holders.delete(task.path);
      // a worker replaced since has lost the page: then any worker reads the file again
      if (holder.slot.worker === holder.worker) return new Promise<JobResult>((resolve) => this.send(holder.slot, { task, resolve }));
    }
    let best = this.slots[0]!;
    for (const s of this.slots) if (s.pending.size < best.pending.size) best = s;
    return new Promise<JobResult>((resolve) => this.send(best, { task, resolve }));
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const s of this.slots) clearTimers(s);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private runLocally(task: Task): Promise<JobResult> {
    this.fallback ??= localRunner(this.config);
    return this.fallback.then((runner) => runner(task));
  }

  private spawn(slot?: Slot): Slot {
    const worker = this.start({ config: this.config });
    const s: Slot = slot ?? { worker, pending: new Map(), timers: new Map() };
    s.worker = worker;
    worker.on('message', (m: WorkerMessage) => {
      // a worker being replaced may still speak: only the slot's current one counts
      if (s.worker === worker) this.received(s, m);
    });
    worker.on('error', (e) => {
      if (s.worker === worker) this.died(s, e.message);
    });
    worker.on('exit', (code) => {
      if (s.worker === worker && !this.closing) this.died(s, `exit code ${code}`);
    });
    return s;
  }

  private received(s: Slot, m: WorkerMessage): void {
    if ('started' in m) {
      const timeoutMs = this.timeoutMs;
      if (timeoutMs === undefined || this.closing || !s.pending.has(m.started)) return;
      // the worker keeps the process alive while the job runs; the timer need not
      s.timers.set(m.started, setTimeout(() => this.expire(s, m.started), timeoutMs).unref());
      return;
    }
    const p = s.pending.get(m.seq);
    if (!p) return;
    s.pending.delete(m.seq);
    clearTimeout(s.timers.get(m.seq));
    s.timers.delete(m.seq);
    if (p.task.kind === 'sample' && m.ok && m.held === true) this.holders.set(p.task.path, { slot: s, worker: s.worker });
    p.resolve(m);
  }

  /** A worker died: its jobs run again here, and it is replaced (unless too many died). */
  private died(s: Slot, reason: string): void {
    const held = [...s.pending.values()];
    s.pending.clear();
    clearTimers(s);
    for (const p of held) {
      this.runLocally(p.task).then(p.resolve, (e: unknown) => p.resolve({ seq: p.task.seq, ok: false, problem: { code: 'worker-died', args: { reason, retry: (e as Error).message } } }));
    }
    if (this.closing) return;
    if (this.restarts++ < 2 * this.size + 4) this.spawn(s);
    else this.broken = reason;
  }

  /** A job over its budget: fail it, replace its worker, hand the worker's other jobs to the new one. */
  private expire(s: Slot, seq: number): void {
    const late = s.pending.get(seq);
    if (!late || this.closing || this.timeoutMs === undefined) return;
    s.pending.delete(seq);
    clearTimers(s);
    const others = [...s.pending.values()];
    s.pending.clear();
    const old = s.worker;
    this.spawn(s);
    void old.terminate();
    for (const p of others) this.send(s, p);
    late.resolve(timedOut(late.task, this.timeoutMs));
  }

  private send(s: Slot, p: Pending): void {
    s.pending.set(p.task.seq, p);
    // copied, not transferred: a job may have to be sent again (its worker replaced) or run here
    s.worker.postMessage(p.task);
  }
}

function clearTimers(s: Slot): void {
  for (const timer of s.timers.values()) clearTimeout(timer);
  s.timers.clear();
}

/**
 * The positions of items in the order to start them: the largest first within each block of
 * `block` positions (a large file started last would keep one worker busy while the others idle),
 * after the positions in `first` (files whose sampled page is kept: started first, it is let go).
 * Results still go on in input order when asked: with `block` at most the schedule's window, the
 * next result in order is always among the items started, so the window never stalls the run.
 */
export function largestFirst(sizes: readonly number[], block: number, first: ReadonlySet<number> = new Set()): number[] {
  const rank = (position: number): number => (first.has(position) ? 0 : 1);
  const order: number[] = [];
  for (let from = 0; from < sizes.length; from += block) {
    const positions = Array.from({ length: Math.min(block, sizes.length - from) }, (_, k) => from + k);
    order.push(...positions.sort((a, b) => rank(a) - rank(b) || sizes[b]! - sizes[a]! || a - b));
  }
  return order;
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
  return new Promise<void>((resolve, reject) => {
    const scheduler = new Scheduler(iterator, toTask, run, options, emit, resolve, reject);
    const stop = options.stop;
    if (stop) {
      if (stop.aborted) return scheduler.abort();
      stop.addEventListener('abort', () => scheduler.abort(), { once: true });
    }
    scheduler.pump();
  });
}

/** The state of one schedule() call. */
class Scheduler<T> {
  private readonly ready = new Map<number, JobResult>();
  private readonly finished: JobResult[] = [];
  private started = 0;
  private handed = 0;
  private nextInOrder = 0;
  private inFlight = 0;
  private pulling = false;
  private exhausted = false;
  private emitting = false;
  private stopped = false;

  constructor(
    private readonly iterator: AsyncIterator<T> | Iterator<T>,
    private readonly toTask: (value: T, seq: number) => Task,
    private readonly run: (task: Task) => Promise<JobResult>,
    private readonly options: ScheduleOptions,
    private readonly emit: (result: JobResult) => Promise<void> | void,
    private readonly resolve: () => void,
    private readonly reject: (e: unknown) => void,
  ) {}

  /** Stopped from outside: nothing more is started or handed on. */
  abort(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.resolve();
  }

  private readonly fail = (e: unknown): void => {
    if (this.stopped) return;
    this.stopped = true;
    this.reject(e);
  };

  private takeReady(): JobResult | undefined {
    if (!this.options.ordered) return this.finished.shift();
    const r = this.ready.get(this.nextInOrder);
    if (r) {
      this.ready.delete(this.nextInOrder);
      this.nextInOrder++;
    }
    return r;
  }

  private hasReady(): boolean {
    return this.options.ordered ? this.ready.has(this.nextInOrder) : this.finished.length > 0;
  }

  private async drain(): Promise<void> {
    this.emitting = true;
    try {
      for (let r = this.takeReady(); r && !this.stopped; r = this.takeReady()) {
        await this.emit(r);
        this.handed++;
        this.pump();
      }
    } finally {
      this.emitting = false;
    }
  }

  readonly pump = (): void => {
    if (this.stopped) return;
    if (!this.emitting && this.hasReady()) this.drain().then(this.pump, this.fail);
    if (!this.pulling && !this.exhausted && this.inFlight < this.options.concurrency && this.started - this.handed < this.options.window) this.pull();
    if (this.exhausted && !this.pulling && this.inFlight === 0 && !this.emitting && this.ready.size === 0 && this.finished.length === 0) {
      this.stopped = true;
      this.resolve();
    }
  };

  /** Take the next value of the source and start its task. */
  private pull(): void {
    this.pulling = true;
    Promise.resolve(this.iterator.next()).then((next) => {
      this.pulling = false;
      if (next.done) this.exhausted = true;
      else {
        const task = this.toTask(next.value, this.started++);
        this.inFlight++;
        this.run(task).then((result) => {
          this.inFlight--;
          if (this.options.ordered) this.ready.set(result.seq, result);
          else this.finished.push(result);
          this.pump();
        }, this.fail);
      }
      this.pump();
    }, this.fail);
  }
}
