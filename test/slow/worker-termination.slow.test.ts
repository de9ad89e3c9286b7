// A worker thread terminated while it loads the lazily loaded packages (the pool terminates its
// workers when a run stops early, and a worker whose job is over its budget): the process goes on.
// Node 20.20 aborts the whole process when the package is an ES module Node is requiring
// (CreateRequiredModuleFacade); src/text/lazy-module.ts loads each one as a CommonJS bundle of its
// own (dist/packages/, scripts/bundle-command.mjs), and this terminates workers at many points of it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LAZY_PACKAGES } from '../../src/text/lazy-module.js';

const DIST = new URL('../../dist/', import.meta.url).pathname;

/**
 * A script that times a worker loading `files` (the median of three), then starts `rounds` workers
 * and terminates each at a point spread evenly over 0 to 1.5 times that time.
 */
const terminations = (files: string[], rounds: number) => `
const { Worker } = require('node:worker_threads');
const body = ${JSON.stringify(`const { parentPort } = require('node:worker_threads'); parentPort.postMessage('start'); for (const f of ${JSON.stringify(files)}) require(f); parentPort.postMessage('loaded');`)};
const timed = [];
function time() {
  const w = new Worker(body, { eval: true });
  let t0;
  w.on('message', (m) => {
    if (m === 'start') t0 = performance.now();
    else { timed.push(performance.now() - t0); w.terminate().then(() => (timed.length < 3 ? time() : round(0, timed.sort((a, b) => a - b)[1]))); }
  });
}
function round(i, loadMs) {
  if (i === ${rounds}) return console.log('rounds', i);
  const w = new Worker(body, { eval: true });
  w.on('message', (m) => { if (m === 'start') setTimeout(() => w.terminate().then(() => round(i + 1, loadMs)), (1.5 * loadMs * i) / ${rounds}); });
}
time();
`;

describe('workers terminated while they load packages', () => {
  it('the bundled packages: 150 terminations from the start of their loading to after its end, the process exits normally', () => {
    const files = LAZY_PACKAGES.map((n) => join(DIST, 'packages', `${n}.cjs`));
    const r = spawnSync(process.execPath, ['-e', terminations(files, 150)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect({ status: r.status, signal: r.signal, stdout: r.stdout }).toEqual({ status: 0, signal: null, stdout: 'rounds 150\n' });
  });
});
