// The pipeline's own CPU time, this build against another, without the process start and the output
// files (whose kernel time moves by ±15% on a shared machine): each build converts a third of the bench
// corpus (bench/.corpus/, made by `npm run bench`) in a process of its own, through the job runner, as a
// batch does (a sample of 80 files first, kept for their jobs where the build keeps them, then every
// file, its JSON made but not written), three rounds in one process; the builds alternate, and the
// ratio of the warm rounds' medians (the second and later) is printed with each pair.
// Usage: node bench/pipeline-pair.mjs OTHER_ROOT [PAIRS]   (OTHER_ROOT: a built checkout, e.g. a worktree)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const [, , otherArg, pairsArg, childRoot] = process.argv;
const ROUNDS = 3;
const SAMPLED = 80;

async function child(root) {
  const { makeJobRunner } = await import(pathToFileURL(join(root, 'dist/cli/batch/job.js')).href);
  const manifest = JSON.parse(readFileSync(join(here, 'bench/.corpus/manifest.json'), 'utf8'));
  const files = [...manifest.halves.a, ...manifest.halves.b].filter((_, i) => i % 3 === 0).map((f) => f.file);
  const config = { parse: { script: 'convert', keepBoilerplate: false }, rules: [], format: 'json', pretty: true, color: false, maxBytes: 1 << 26, force: false };
  const times = [];
  for (let r = 0; r < ROUNDS; r++) {
    const run = makeJobRunner(config);
    const started = process.cpuUsage();
    for (let k = 0; k < SAMPLED; k++) await run({ kind: 'sample', seq: k, path: files[Math.floor((k * files.length) / SAMPLED)], keep: true });
    for (let k = 0; k < files.length; k++) {
      const result = await run({ kind: 'file', seq: k, path: files[k], out: null });
      if (!result.ok) throw new Error(`${files[k]}: ${JSON.stringify(result.problem)}`);
      for (const piece of result.pieces ?? []) void piece;
    }
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  process.stdout.write(JSON.stringify(times));
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

function measure(root) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '-', '-', root], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

if (childRoot !== undefined) await child(childRoot);
else {
  if (!otherArg) {
    process.stderr.write('usage: node bench/pipeline-pair.mjs OTHER_ROOT [PAIRS]\n');
    process.exit(2);
  }
  const other = resolve(otherArg);
  const ratios = [];
  for (let p = 0; p < Number(pairsArg ?? 3); p++) {
    // the order alternates, so that a drift of the machine falls on both
    let a;
    let b;
    if (p % 2 === 0) {
      a = measure(other);
      b = measure(here);
    } else {
      b = measure(here);
      a = measure(other);
    }
    const warmA = median(a.slice(1));
    const warmB = median(b.slice(1));
    ratios.push(warmB / warmA);
    process.stdout.write(`other ${a.map((t) => t.toFixed(0)).join(' ')} ms, this ${b.map((t) => t.toFixed(0)).join(' ')} ms: this/other ${(warmB / warmA).toFixed(3)} (warm rounds)\n`);
  }
  process.stdout.write(`median this/other ${median(ratios).toFixed(3)} over ${ratios.length} pairs\n`);
}
