#!/usr/bin/env node
// The long fuzz: `npm run fuzz -- --minutes 10` (builds first), or `node test/fuzz/run.mjs` after a
// build. It runs the properties of test/fuzz.test.ts on the built library (dist/), with larger
// inputs (up to --max-size bytes, default 64 KB) and more of them, until --minutes N (default 10)
// have passed. It prints the seed, then the counts; on a failure it prints the counterexample (and
// saves the input) and exits 1. A run that hangs is caught too: the fuzzing runs in a child process
// that reports each input before parsing it, and this process stops it when one takes too long.
//
//   node test/fuzz/run.mjs --minutes 10 [--seed N] [--max-size BYTES] [--hang-seconds S] [--keep-going]
//   node test/fuzz/run.mjs --replay FILE [--options JSON]      check one saved input again
// --keep-going prints each kind of failure once, saves its input and goes on to the end (exit 1
// if there was any): one run then lists every kind of failure it can find.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { readFileSync, writeFileSync, writeSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(import.meta.url);
const ROOT = new URL('../../', import.meta.url).pathname;
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const args = { minutes: 10, seed: null, maxSize: 65_536, hangSeconds: 120, child: false, replay: null, options: '{}', out: join(tmpdir(), 'plan-parse-fuzz'), keepGoing: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--') continue;
    else if (a === '--minutes') args.minutes = Number(value());
    else if (a === '--seed') args.seed = Number(value()) >>> 0;
    else if (a === '--max-size') args.maxSize = Number(value());
    else if (a === '--hang-seconds') args.hangSeconds = Number(value());
    else if (a === '--out') args.out = value();
    else if (a === '--replay') args.replay = value();
    else if (a === '--options') args.options = value();
    else if (a === '--child') args.child = true;
    else if (a === '--keep-going') args.keepGoing = true;
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(HERE, 'utf8').split('\n').slice(1, 14).map((l) => l.replace(/^\/\/ ?/u, '')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (see --help)`);
  }
  if (!(args.minutes > 0)) throw new Error('--minutes must be a positive number');
  return args;
}

// ---------------------------------------------------------------------------------------------
// The library, the checker and the properties (the child's side).

async function loadLibrary() {
  const dist = (p) => join(ROOT, 'dist', p);
  if (!existsSync(dist('index.js'))) throw new Error('dist/ is missing: run npm run build (npm run fuzz builds first)');
  const [{ parsePlan }, { decodeBytes }, { declaredCharset }, { normalizeText }, { convertScript }, { extractText }] = await Promise.all([
    import(dist('index.js')), import(dist('decode/decode.js')), import(dist('decode/meta-charset.js')), import(dist('text/normalize.js')), import(dist('script/convert.js')), import(dist('extract/extract.js')),
  ]);
  const Ajv = require('ajv');
  const validate = new (Ajv.default ?? Ajv)({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schema/plan-tree.schema.json'), 'utf8')));
  const { makeChecker } = await import('./invariants.mjs');
  return { parsePlan, checker: makeChecker({ parsePlan, decodeBytes, declaredCharset, normalizeText, convertScript, extractText, validate }) };
}

/** A counterexample in a few lines: a mutated seed by its recipe, bytes and strings cut short. */
function describeValues(values) {
  const one = (v) => {
    if (v instanceof Uint8Array) return `<${v.length} bytes: ${Buffer.from(v.subarray(0, 48)).toString('hex')}${v.length > 48 ? '…' : ''}>`;
    if (typeof v === 'string') return JSON.stringify(v.length > 200 ? `${v.slice(0, 200)}…` : v) + (v.length > 200 ? ` (${v.length} units)` : '');
    if (v && typeof v === 'object' && 'ops' in v) return `seed page ${v.name} in ${v.encoding}, changed by ${JSON.stringify(v.ops)} → ${one(v.bytes)}`;
    return JSON.stringify(v);
  };
  return values.map(one).join(', ');
}

const emit = (message) => writeSync(1, `${JSON.stringify(message)}\n`);

async function child(args) {
  const fc = require('fast-check');
  const iconv = require('iconv-lite');
  const { makeArbitraries } = await import('./arbitraries.mjs');
  const { loadSeeds } = await import('./seeds.mjs');
  const { timeOf } = await import('./timing.mjs');
  const { parsePlan, checker } = await loadLibrary();
  const seeds = loadSeeds();
  const arb = makeArbitraries({ fc, iconv, seeds, maxSize: args.maxSize });

  // the rate of real pages, measured now: the time budget of an input is in proportion to its size
  const page = seeds.find((s) => s.name.startsWith('pages/')).text;
  parsePlan(page);
  const rate = timeOf(() => parsePlan(page), 3) / page.length;
  const budget = (units) => Math.max(3000, 40 * rate * units);

  mkdirSync(args.out, { recursive: true });
  const current = join(args.out, `current-${args.seed}.bin`);
  const counts = { runs: 0, units: 0, byProperty: {}, encodings: {}, formats: {}, maxMs: 0, maxMsPerKB: 0, maxDepth: 0, diagnostics: {} };
  const tally = (map, key) => (map[key] = (map[key] ?? 0) + 1);

  const options = fc.record(
    {
      script: fc.constantFrom('convert', 'keep'),
      vocabulary: fc.boolean(),
      keepBoilerplate: fc.boolean(),
      encoding: fc.constantFrom('utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be'),
      from: fc.constantFrom('text', 'markdown', 'html'),
    },
    { requiredKeys: [] },
  );

  const save = (path, input, opts) =>
    writeFileSync(path, typeof input === 'string' ? Buffer.from(JSON.stringify({ string: input, options: opts })) : Buffer.concat([Buffer.from(`${JSON.stringify({ options: opts })}\n`), input]));

  /** One checked input: reported before it is parsed (so that a hang can be caught), counted after. */
  const run = (property, { input, opts }) => {
    const units = input.length;
    save(current, input, opts);
    emit({ type: 'begin', property, units });
    const { ms, depth, tree } = checker.check(input, opts, budget(units));
    counts.runs++;
    counts.units += units;
    tally(counts.byProperty, property);
    tally(counts.encodings, tree.source.encoding);
    tally(counts.formats, tree.source.format);
    for (const d of tree.diagnostics) tally(counts.diagnostics, d.code);
    counts.maxMs = Math.max(counts.maxMs, ms);
    if (units >= 1024) counts.maxMsPerKB = Math.max(counts.maxMsPerKB, ms / (units / 1024));
    counts.maxDepth = Math.max(counts.maxDepth, depth);
    emit({ type: 'end', ms });
  };

  /** name, arbitraries, and how their values make an input and its parse options */
  const properties = [
    ['bytes', [arb.bytes], ([b]) => ({ input: b, opts: {} })],
    ['text', [arb.text, fc.constantFrom('convert', 'keep')], ([t, script]) => ({ input: t, opts: { script } })],
    ['plan-text', [arb.planText], ([t]) => ({ input: t, opts: {} })],
    ['mutated-seed', [arb.mutatedSeed], ([m]) => ({ input: m.bytes, opts: {} })],
    ['mutated-seed+options', [arb.mutatedSeed, options], ([m, o]) => ({ input: m.bytes, opts: o })],
    ['nesting', [arb.nesting], ([n]) => ({ input: n.text, opts: { from: n.from } })],
    ['flood', [arb.flood], ([f]) => ({ input: f.text, opts: { from: f.from } })],
    ['mixed-encoding', [arb.mixedEncoding], ([m]) => ({ input: m.bytes, opts: {} })],
  ].map(([name, arbs, toInput]) => ({ name, toInput, property: fc.property(...arbs, (...values) => run(name, toInput(values))) }));

  const deadline = Date.now() + args.minutes * 60_000;
  emit({ type: 'start', seed: args.seed, seeds: seeds.length, rateNsPerUnit: Math.round(rate * 1e6) });
  let batch = 0;
  let lastProgress = Date.now();
  while (Date.now() < deadline) {
    for (const [i, { name, property, toInput }] of properties.entries()) {
      const seed = (args.seed + batch * properties.length + i) >>> 0;
      const result = fc.check(property, { seed, numRuns: 25 });
      if (result.failed) {
        const saved = join(args.out, `failure-${seed}.bin`);
        if (result.counterexample) {
          const { input, opts } = toInput(result.counterexample);
          save(saved, input, opts);
        }
        const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
        // fast-check's report, with the counterexample shown short (the saved file holds all of it)
        const report = fc
          .defaultReportMessage(result)
          .split('\n')
          .map((line) => (line.startsWith('Counterexample:') ? `Counterexample: ${describeValues(result.counterexample ?? [])}` : line))
          .join('\n');
        emit({ type: 'fail', property: name, seed, path: result.counterexamplePath, report: `${report}\nError: ${error}`, error, input: saved });
        if (!args.keepGoing) process.exit(1);
      }
      if (Date.now() >= deadline) break;
    }
    batch++;
    if (Date.now() - lastProgress > 60_000) {
      emit({ type: 'progress', counts });
      lastProgress = Date.now();
    }
  }
  emit({ type: 'done', counts, batches: batch });
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// The supervisor (the command's side).

/** What kind of failure an error message says, without the numbers and the quoted text that vary. */
const kindOf = (message) => message.split('\n')[0].replace(/"[^"]*"/gu, '"…"').replace(/\d+(\.\d+)?/gu, 'N').slice(0, 160);

function supervise(args) {
  const seed = args.seed ?? (Math.random() * 2 ** 32) >>> 0;
  const started = Date.now();
  const deadline = started + args.minutes * 60_000;
  console.log(`plan-parse fuzz: seed ${seed}, ${args.minutes} minutes, inputs up to ${args.maxSize} bytes${args.keepGoing ? ', keep going after failures' : ''} (replay this run with --seed ${seed})`);
  const totals = { runs: 0, units: 0, byProperty: {}, encodings: {}, formats: {}, maxMs: 0, maxMsPerKB: 0, maxDepth: 0, diagnostics: {} };
  const failures = new Map(); // kind → { count, first }
  let children = 0;

  const add = (counts) => {
    if (!counts) return;
    totals.runs += counts.runs;
    totals.units += counts.units;
    for (const key of ['byProperty', 'encodings', 'formats', 'diagnostics']) for (const [k, v] of Object.entries(counts[key])) totals[key][k] = (totals[key][k] ?? 0) + v;
    totals.maxMs = Math.max(totals.maxMs, counts.maxMs);
    totals.maxMsPerKB = Math.max(totals.maxMsPerKB, counts.maxMsPerKB);
    totals.maxDepth = Math.max(totals.maxDepth, counts.maxDepth);
  };

  const noteFailure = (kind, describe) => {
    const known = failures.get(kind);
    if (known) {
      known.count++;
      return;
    }
    failures.set(kind, { count: 1 });
    describe();
  };

  const finish = () => {
    const minutes = (Date.now() - started) / 60_000;
    const failed = [...failures.values()].reduce((n, f) => n + f.count, 0);
    console.log(`plan-parse fuzz: ${failed === 0 ? 'no failure' : `${failed} failures of ${failures.size} kinds`} in ${minutes.toFixed(1)} minutes; seed ${seed}${children > 1 ? ` (${children} fuzzing processes, each a new seed after a hang)` : ''}`);
    console.log(`  inputs: ${totals.runs} (${Object.entries(totals.byProperty).map(([k, v]) => `${k} ${v}`).join(', ')}), ${(totals.units / 1e6).toFixed(1)} M units in all`);
    console.log(`  encodings read: ${Object.entries(totals.encodings).map(([k, v]) => `${k} ${v}`).join(', ')}; formats: ${Object.entries(totals.formats).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  slowest input ${totals.maxMs.toFixed(0)} ms; slowest per KB (inputs ≥ 1 KB) ${totals.maxMsPerKB.toFixed(1)} ms; deepest nesting ${totals.maxDepth}`);
    console.log(`  diagnostics: ${Object.entries(totals.diagnostics).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const [kind, f] of failures) console.log(`  failure ×${f.count}: ${kind}`);
    process.exitCode = failures.size > 0 ? 1 : 0;
  };

  const startChild = (childSeed) => {
    children++;
    const minutesLeft = Math.max(0.05, (deadline - Date.now()) / 60_000);
    const worker = spawn(process.execPath, [HERE, '--child', '--seed', String(childSeed), '--minutes', String(minutesLeft), '--max-size', String(args.maxSize), '--out', args.out, ...(args.keepGoing ? ['--keep-going'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    let begun = null;
    let counts = null;
    let done = false;
    let hung = false;
    const watch = setInterval(() => {
      if (!begun || Date.now() - begun.at < args.hangSeconds * 1000) return;
      hung = true;
      const input = join(args.out, `hang-${childSeed}-${begun.n}.bin`);
      try {
        writeFileSync(input, readFileSync(join(args.out, `current-${childSeed}.bin`)));
      } catch {
        // the child had not written it
      }
      noteFailure(`hang in ${begun.property}`, () => {
        console.log(`FAILURE: a ${begun.property} input of ${begun.units} units has not finished after ${args.hangSeconds} s (a hang).`);
        console.log(`  the input: ${input} (first line: parse options as JSON; replay: node test/fuzz/run.mjs --replay ${input})`);
      });
      worker.kill('SIGKILL');
    }, 1000);
    let n = 0;
    createInterface({ input: worker.stdout }).on('line', (line) => {
      let m;
      try {
        m = JSON.parse(line);
      } catch {
        console.log(line);
        return;
      }
      if (m.type === 'begin') begun = { ...m, at: Date.now(), n: n++ };
      else if (m.type === 'end') begun = null;
      else if (m.type === 'start' && children === 1) console.log(`  ${m.seeds} seed pages; real pages parse at ${m.rateNsPerUnit} ns a character here; a run may take 40 times that (3 s at least)`);
      else if (m.type === 'progress') {
        console.log(`  ${((Date.now() - started) / 60_000).toFixed(1)} min: ${totals.runs + m.counts.runs} inputs, ${((totals.units + m.counts.units) / 1e6).toFixed(1)} M units, slowest ${Math.max(totals.maxMs, m.counts.maxMs).toFixed(0)} ms`);
        counts = m.counts;
      } else if (m.type === 'fail') {
        noteFailure(`${m.property}: ${kindOf(m.error ?? m.report)}`, () => {
          console.log(`FAILURE in property ${m.property} (fast-check seed ${m.seed}, path ${m.path}):`);
          console.log(m.report.length > 4000 ? `${m.report.slice(0, 4000)}…` : m.report);
          console.log(`  the shrunk input: ${m.input} (first line: parse options as JSON; replay: node test/fuzz/run.mjs --replay ${m.input})`);
        });
      } else if (m.type === 'done') {
        counts = m.counts;
        done = true;
      }
    });
    worker.on('exit', (code, signal) => {
      clearInterval(watch);
      add(counts);
      if (!done && !hung && failures.size === 0) {
        noteFailure(`the fuzzing process stopped (exit ${code}, signal ${signal})`, () => console.log(`FAILURE: the fuzzing process stopped (exit ${code}, signal ${signal}) ${begun ? `during a ${begun.property} input of ${begun.units} units` : ''}`));
      }
      // after a hang, go on with a fresh process and another seed when asked to keep going
      if (hung && args.keepGoing && Date.now() < deadline - 3000) startChild((childSeed + 1_000_003) >>> 0);
      else finish();
    });
  };
  startChild(seed);
}

// ---------------------------------------------------------------------------------------------

async function replay(args) {
  const { checker } = await loadLibrary();
  const raw = readFileSync(args.replay);
  let input;
  let options = JSON.parse(args.options);
  if (raw[0] === 0x7b && raw.includes(0x0a) === false) {
    const saved = JSON.parse(raw.toString('utf8'));
    input = saved.string;
    options = { ...saved.options, ...options };
  } else {
    const nl = raw.indexOf(0x0a);
    const head = JSON.parse(raw.subarray(0, nl).toString('utf8'));
    if (head.string !== undefined) {
      input = head.string;
    } else input = new Uint8Array(raw.subarray(nl + 1));
    options = { ...head.options, ...options };
  }
  try {
    const { ms, depth } = checker.check(input, options);
    console.log(`ok: ${input.length} units in ${ms.toFixed(0)} ms, nesting ${depth}`);
  } catch (e) {
    console.log(`FAILURE: ${e.message}`);
    process.exitCode = 1;
  }
}

const args = parseArgs(process.argv.slice(2));
if (args.replay) await replay(args);
else if (args.child) await child(args);
else supervise(args);
