// The batch when things go wrong: writes that fail (full disks, read-only folders), interrupted runs
// (signals, temporary files), time budgets. The rest of the batch is test/batch.test.ts.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { errorLineOf } from './helpers/problems.js';
import { schedule, workerExecutor } from '../src/cli/batch/pool.js';
import type { JobConfig, JobResult, Task } from '../src/cli/batch/job.js';
import { timeoutFrom } from '../src/cli/values.js';
import { fill, mountTmpfs } from './helpers/small-disk.js';
import { parseTemporaryName, temporaryPath } from '../src/cli/batch/files.js';
import { removeStaleTemporaries } from '../src/cli/batch/temporaries.js';
import { listenForSignals, SIGNAL_EXIT_CODES } from '../src/cli/batch/interrupt.js';
import { BIN, cli, errorLines, files, PAGE, pages, temp } from './helpers/batch-cli.js';

describe('writes that fail', () => {
  it('ndjson into a file on a full disk: one error, exit 1, no file left (not exit 0 with nothing written)', (ctx) => {
    const disk = mountTmpfs(64);
    if (typeof disk === 'string') return ctx.skip(disk);
    try {
      fill(disk.dir, 64, 4096);
      const dir = pages();
      const out = join(disk.dir, 'trees.ndjson');
      for (const jobs of ['1', '2']) {
        const r = cli([join(dir, 'in'), '-f', 'ndjson', '-o', out, '--jobs', jobs]);
        expect(r.code, r.stderr).toBe(1);
        expect(errorLines(r.stderr)).toEqual([errorLineOf(out, { code: 'stream-write-failed', args: { errno: 'ENOSPC' } })]);
        expect(r.stderr).toMatch(/^stopped, output not written: converted \d files?/mu);
        expect(readdirSync(disk.dir)).toEqual(['filler']);
      }
      const records = cli(['--input', 'ndjson', '-o', out], { input: `${JSON.stringify({ id: 1, text: readFileSync(PAGE, 'utf8') })}\n`.repeat(3) });
      expect(records.code).toBe(1);
      expect(errorLines(records.stderr)).toEqual([errorLineOf(out, { code: 'stream-write-failed', args: { errno: 'ENOSPC' } })]);
      expect(readdirSync(disk.dir)).toEqual(['filler']);
    } finally {
      disk.release();
    }
  });

  it('OUTDIR on a disk that fills up: the run stops at the first output that does not fit (one error, not one per file)', (ctx) => {
    const disk = mountTmpfs(64);
    if (typeof disk === 'string') return ctx.skip(disk);
    try {
      fill(disk.dir, 64, 4096);
      const dir = temp();
      mkdirSync(join(dir, 'in'));
      for (let i = 1; i <= 5; i++) copyFileSync(PAGE, join(dir, `in/${i}.txt`));
      const out = join(disk.dir, 'out');
      const r = cli([join(dir, 'in'), '-o', out, '--jobs', '1']);
      expect(r.code).toBe(1);
      expect(errorLines(r.stderr)).toEqual([errorLineOf(join(dir, 'in/1.txt'), { code: 'write-failed', args: { path: join(out, '1.json'), errno: 'ENOSPC' } })]);
      expect(r.stderr).toMatch(/^stopped, outputs cannot be written \(no space left on device, ENOSPC\): converted 0 files \(0 B\), 1 failed, 0 skipped, 4 not done; /mu);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      disk.release();
    }
  });

  it('an OUTDIR that cannot be made is one error before any work (not one per file after all of it)', () => {
    const dir = pages();
    writeFileSync(join(dir, 'plain'), '');
    const r = cli([join(dir, 'in'), '-o', join(dir, 'plain/out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${errorLineOf(join(dir, 'plain/out'), { code: 'outdir-create-failed', args: { errno: 'ENOTDIR' } })}\n`);
  });

  it('a read-only OUTDIR, or one to make on a read-only file system, is one error with EROFS', (ctx) => {
    const disk = mountTmpfs(64, true);
    if (typeof disk === 'string') return ctx.skip(disk);
    try {
      const dir = pages();
      const there = cli([join(dir, 'in'), '-o', disk.dir]);
      expect(there.code).toBe(1);
      expect(there.stderr).toBe(`${errorLineOf(disk.dir, { code: 'outdir-not-writable', args: { errno: 'EROFS' } })}\n`);
      const below = join(disk.dir, 'trees/2024');
      const missing = cli([join(dir, 'in'), '-o', below]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe(`${errorLineOf(below, { code: 'outdir-create-failed', args: { errno: 'EROFS' } })}\n`);
    } finally {
      disk.release();
    }
  });
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The command started, not waited for: for signals sent while it runs. */
function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; finished: Promise<Finished> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const finished = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, finished };
}

/** Wait until `check` holds (polling; the time limit only ends a test that would hang). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 25_000) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const temporaries = (dir: string): string[] => (existsSync(dir) ? files(dir) : []).filter((f) => /(^|\/)\.[^/]+\.\d+-[0-9a-z]*-\d+\.tmp$/u.test(f));
/** Holds each job for ten minutes: the tests end it long before. */
const HOLD = { PLAN_PARSE_TEST_DELAY_MS: '600000' };

describe('interrupted runs', () => {
  it('SIGINT: exit 130, the summary of what was done, and the unfinished ndjson file removed', async () => {
    const dir = pages();
    const out = join(dir, 'trees.ndjson');
    const run = start([join(dir, 'in'), '-f', 'ndjson', '-o', out, '--jobs', '2'], HOLD);
    await until(() => temporaries(dir).length === 1, 'the temporary ndjson file');
    run.child.kill('SIGINT');
    const r = await run.finished;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/^interrupted by SIGINT: converted 0 files \(0 B\), 0 failed, 1 skipped, 3 not done; /mu);
    expect(temporaries(dir)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('SIGTERM while a worker writes into OUTDIR: exit 143, its temporary file removed, the outputs done kept and counted', async () => {
    const dir = pages();
    const out = join(dir, 'out');
    const run = start([join(dir, 'in'), '-o', out, '--jobs', '2'], { ...HOLD, PLAN_PARSE_TEST_DELAY_AT: 'commit', PLAN_PARSE_TEST_DELAY_MATCH: 'b.txt' });
    await until(() => temporaries(out).some((t) => t.startsWith('sub/.b.json.')) && existsSync(join(out, 'a.json')) && existsSync(join(out, 'sub/deep/c.json')), 'b.json half written, a.json and c.json done');
    run.child.kill('SIGTERM');
    const r = await run.finished;
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toMatch(/^interrupted by SIGTERM: converted 2 files \([^)]*\), 0 failed, 1 skipped, 1 not done; /mu);
    expect(files(out)).toEqual(['a.json', 'sub/deep/c.json']);
    // resumed: what was done is kept, the rest converts
    const resumed = cli([join(dir, 'in'), '-o', out, '--skip-existing']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/^converted 1 file \([^)]*\), 0 failed, 3 skipped \(2 already converted\); /mu);
    expect(files(out)).toEqual(['a.json', 'sub/b.json', 'sub/deep/c.json']);
  });

  it('SIGINT while names are still coming on standard input: exit 130 at once', async () => {
    const dir = pages();
    const run = start(['--stdin-list', '-o', join(dir, 'out')]);
    run.child.stdin!.write(`${join(dir, 'in/a.txt')}\n`);
    await until(() => existsSync(join(dir, 'out')), 'the output folder');
    run.child.kill('SIGINT');
    const r = await run.finished;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/^interrupted by SIGINT: converted 0 files/mu);
  });

  it('records: SIGINT with standard input still open, after the first answer: exit 130, that answer written and counted', async () => {
    const run = start(['--input', 'ndjson', '--jobs', '1']);
    run.child.stdin!.write(`${JSON.stringify({ id: 1, text: '一、指导思想' })}\n`);
    let out = '';
    run.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await until(() => out.includes('\n'), 'the first line out');
    run.child.kill('SIGINT');
    const r = await run.finished;
    expect(r.code).toBe(130);
    expect(JSON.parse(r.stdout).id).toBe(1);
    expect(r.stderr).toMatch(/^interrupted by SIGINT: converted 1 record \(\d+ B\), 0 failed, 0 not done; /mu);
  });

  it('a later run removes the temporary files a killed run (SIGKILL) left, and only stale ones of its own naming', async () => {
    const dir = pages();
    const ndjson = join(dir, 'trees.ndjson');
    const killed = start([join(dir, 'in'), '-f', 'ndjson', '-o', ndjson, '--jobs', '2'], HOLD);
    await until(() => temporaries(dir).length === 1, 'the temporary ndjson file');
    killed.child.kill('SIGKILL');
    expect((await killed.finished).signal).toBe('SIGKILL');
    const left = temporaries(dir);
    expect(left).toHaveLength(1);
    // a temporary file of a live process (this one), fresh: another run's, kept
    const live = `.trees.ndjson.${process.pid}-abc123-1.tmp`;
    writeFileSync(join(dir, live), 'partial');
    // the same, hours old: its PID was reused by now, removed
    const old = `.trees.ndjson.${process.pid}-abc123-2.tmp`;
    writeFileSync(join(dir, old), 'partial');
    utimesSync(join(dir, old), new Date(Date.now() - 3 * 3600_000), new Date(Date.now() - 3 * 3600_000));
    // not plan-parse's naming, or not one of this run's outputs: never touched
    const others = ['.trees.ndjson.tmp', '.notes.ndjson.1-abc-1.tmp', 'trees.ndjson.1-abc-1.tmp'];
    for (const o of others) writeFileSync(join(dir, o), 'mine');
    const again = cli([join(dir, 'in'), '-f', 'ndjson', '-o', ndjson]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(ndjson, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(existsSync(join(dir, left[0]!))).toBe(false);
    expect(existsSync(join(dir, old))).toBe(false);
    expect(existsSync(join(dir, live))).toBe(true);
    for (const o of others) expect(existsSync(join(dir, o))).toBe(true);

    // OUTDIR: a worker killed between writing and renaming
    const out = join(dir, 'out');
    const mid = start([join(dir, 'in'), '-o', out, '--jobs', '2'], { ...HOLD, PLAN_PARSE_TEST_DELAY_AT: 'commit', PLAN_PARSE_TEST_DELAY_MATCH: 'b.txt' });
    await until(() => temporaries(out).some((t) => t.startsWith('sub/.b.json.')), 'b.json half written');
    mid.child.kill('SIGKILL');
    await mid.finished;
    const resumed = cli([join(dir, 'in'), '-o', out, '--force']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(temporaries(out)).toEqual([]);
    expect(files(out)).toEqual(['a.json', 'sub/b.json', 'sub/deep/c.json']);
  });
});

describe('temporary files and signals, the parts', () => {
  it('parseTemporaryName reads only the names temporaryPath makes', () => {
    const made = temporaryPath('/x/out/page.json');
    expect(parseTemporaryName(made.slice('/x/out/'.length))).toEqual({ target: 'page.json', pid: process.pid });
    expect(parseTemporaryName('.a.b.json.123-x1y2z3-45.tmp')).toEqual({ target: 'a.b.json', pid: 123 });
    for (const name of ['page.json', '.page.json.tmp', 'page.json.1-a-1.tmp', '.page.json.1-A-1.tmp', '.page.json.x-a-1.tmp']) expect(parseTemporaryName(name)).toBeNull();
  });

  it('removeStaleTemporaries: a dead process, or older than the limit; never this process', async () => {
    const dir = temp();
    const names = ['.a.json.100-t-1.tmp', '.a.json.200-t-1.tmp', '.a.json.200-t-2.tmp', `.a.json.${process.pid}-t-1.tmp`, '.b.json.100-t-1.tmp'];
    for (const n of names) writeFileSync(join(dir, n), '');
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(dir, names[2]!), old, old);
    utimesSync(join(dir, names[3]!), old, old);
    const removed = await removeStaleTemporaries([join(dir, 'a.json'), join(dir, 'missing/c.json')], { isAlive: (pid) => pid === 200 });
    expect(removed.map((p) => relative(dir, p)).sort()).toEqual([names[0], names[2]]);
    expect(readdirSync(dir).sort()).toEqual([names[1], names[3], names[4]].sort());
  });

  it('the first signal aborts, the second calls for an exit; disposed, neither', () => {
    const source = new EventEmitter();
    const second: string[] = [];
    const interrupt = listenForSignals(source as never, (s) => second.push(s));
    expect(interrupt.received).toBeNull();
    source.emit('SIGTERM');
    expect(interrupt.received).toBe('SIGTERM');
    expect(interrupt.signal.aborted).toBe(true);
    expect(second).toEqual([]);
    source.emit('SIGINT');
    expect(second).toEqual(['SIGTERM']);
    interrupt.dispose();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
    expect(SIGNAL_EXIT_CODES).toEqual({ SIGINT: 130, SIGTERM: 143 });
  });

  it('schedule stops at once when its stop signal aborts: nothing more started or handed on', async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const handed: number[] = [];
    const never = (task: Task): Promise<JobResult> => {
      started.push(task.seq);
      if (task.seq === 0) return Promise.resolve({ seq: 0, ok: true });
      return new Promise(() => undefined);
    };
    const running = schedule([...Array(20).keys()], (_v, seq) => ({ kind: 'ready', seq, result: { ok: true } }) as Task, never, { concurrency: 3, window: 8, ordered: true, stop: stop.signal }, (r) => {
      handed.push(r.seq);
      stop.abort();
    });
    await running;
    expect(handed).toEqual([0]);
    expect(started.length).toBeLessThanOrEqual(4);
  });
});

describe('time budget of a file (--timeout)', () => {
  it('a file over its budget is stopped and reported, its worker replaced, and the run goes on (even --jobs 1: a budget given runs on a worker)', () => {
    const dir = pages();
    const r = spawnSync(process.execPath, [BIN, join(dir, 'in'), '-o', join(dir, 'out'), '--jobs', '1', '--timeout', '4'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...HOLD, PLAN_PARSE_TEST_DELAY_MATCH: 'b.txt' },
    });
    expect(r.status, r.stderr).toBe(1);
    expect(errorLines(r.stderr)).toEqual([errorLineOf(join(dir, 'in/sub/b.txt'), { code: 'timed-out', args: { ms: 4000 } })]);
    // c.md was waiting behind b.txt on the one worker: it went to the new one
    expect(files(join(dir, 'out'))).toEqual(['a.json', 'sub/deep/c.json']);
    expect(r.stderr).toMatch(/^converted 2 files \([^)]*\), 1 failed, 1 skipped; /mu);
  });

  it('usage: a number of seconds, 0 for none', () => {
    const dir = pages();
    expect(cli([join(dir, 'in'), '-o', join(dir, 'out'), '--timeout', 'soon']).code).toBe(2);
    expect(cli([join(dir, 'in'), '-o', join(dir, 'out'), '--timeout', '0']).code).toBe(0);
    expect(timeoutFrom(undefined)).toEqual({ timeoutMs: 60_000, explicit: false });
    expect(timeoutFrom('1.5')).toEqual({ timeoutMs: 1500, explicit: true });
    expect(timeoutFrom('0')).toEqual({ timeoutMs: null, explicit: true });
  });

  it('the pool: a job over budget fails as timed out, the others its worker held are done by the new worker', async () => {
    const dir = temp();
    // answers at once, but never for seq 1 (busy for good, as a page that never ends)
    const stuck = join(dir, 'stuck.mjs');
    writeFileSync(
      stuck,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.on('message', (t) => { parentPort.postMessage({ started: t.seq }); if (t.seq === 1) for (;;); parentPort.postMessage({ seq: t.seq, ok: true, text: 'done ' + t.seq }); });\n",
    );
    const config: JobConfig = { parse: { script: 'convert', keepBoilerplate: false }, rules: [], format: 'ndjson', pretty: false, color: false, maxBytes: 1 << 20, force: false };
    const executor = await workerExecutor(config, 1, new URL(`file://${stuck}`), { timeoutMs: 1000 });
    try {
      const results = await Promise.all([0, 1, 2, 3].map((seq) => executor.run({ kind: 'ready', seq, result: { ok: true } })));
      expect(results.map((r) => (r.ok ? r.text : r.problem.code))).toEqual(['done 0', 'timed-out', 'done 2', 'done 3']);
      const record = await executor.run({ kind: 'record', seq: 1, id: 'r1', text: 'x', path: null, line: 1 });
      expect(record).toEqual({ seq: 1, ok: false, problem: { code: 'timed-out', args: { ms: 1000 } } });
    } finally {
      await executor.close();
    }
  });
});
