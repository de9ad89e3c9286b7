'use strict';
// Loads the command's bundle, dist/plan-parse.cjs (npm run build makes it), compiled with a V8 code
// cache when there is one: compiling half a megabyte of JavaScript costs more than reading the
// cache. The cache is a file per bundle and Node version in the user's cache folder
// ($XDG_CACHE_HOME/plan-parse or ~/.cache/plan-parse), written after a run whose cache was missing
// or stale (the caches of other bundles are removed then). Nothing about the cache ever fails a
// run: a cache that cannot be read, is rejected by V8, or cannot be written is no cache.
// PLAN_PARSE_NO_CACHE=1 turns it off.
//
// Run as a worker thread's script (the pool starts its workers with this file), it loads the same
// bundle and starts the worker's job loop.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const BUNDLE = path.join(__dirname, '..', 'dist', 'plan-parse.cjs');

// A regular expression is compiled to machine code at its first use, not interpreted first: the
// boilerplate rules' combined pattern (91 rules in one alternation) takes tens of milliseconds in
// V8's regexp interpreter on a page's first line, and a few once compiled. Set before anything is
// compiled, in the command's process only (the library leaves V8 as it finds it).
// A function is optimised after about twice the work V8 waits for by default (its interrupt budget,
// 132 KB of bytecode run): in a batch many functions warm up, are optimised and are then thrown away
// (deoptimised) while the pages still vary; on the bench corpus (--jobs 1) this compiles 205
// functions instead of 343, with 24 deoptimisations instead of 59, for 3-6% less CPU and a lower peak
// (docs/performance.md, "When V8 optimises").
const V8_FLAGS = '--no-regexp-tier-up --interrupt-budget=262144';
require('node:v8').setFlagsFromString(V8_FLAGS);

/** A short hash of a string (FNV-1a, 32 bits, hex): names a cache, without loading node:crypto. */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** The cache file of this bundle text under this Node, or null when there is no place for one. */
function cacheFileOf(source) {
  if (process.env.PLAN_PARSE_NO_CACHE === '1') return null;
  // the build writes the bundle's own hash on its first line: a new bundle never meets an old cache
  const hash = /^\/\/ plan-parse bundle ([0-9a-f]+)/u.exec(source);
  if (!hash) return null;
  let home = process.env.XDG_CACHE_HOME;
  // $HOME is what os.homedir() reads first; node:os is loaded only without it
  if ((!home || !path.isAbsolute(home)) && process.env.HOME && path.isAbsolute(process.env.HOME)) home = path.join(process.env.HOME, '.cache');
  if (!home || !path.isAbsolute(home)) {
    try {
      home = path.join(require('node:os').homedir(), '.cache');
    } catch {
      return null;
    }
  }
  // V8 rejects a cache made under other flags: the flags (ours and the command line's) are in the name, so runs under others keep their own
  const flags = `-${fnv1a([V8_FLAGS, ...process.execArgv].join(' '))}`;
  return path.join(home, 'plan-parse', `${hash[1]}-${process.version}-${process.arch}${flags}.v8cache`);
}

function readCache(file) {
  if (file === null) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The caches of other bundles (other versions of plan-parse) removed: the folder holds one bundle's. */
function removeOtherCaches(file) {
  const bundle = path.basename(file).split('-')[0];
  for (const name of fs.readdirSync(path.dirname(file))) {
    if (name.endsWith('.v8cache') && !name.startsWith(`${bundle}-`)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
  }
}

/** Write the code cache atomically (a temporary file renamed); any failure leaves no cache, silently. */
function writeCache(file, script) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temporary, file);
    removeOtherCaches(file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // no cache, and nothing left behind that can be removed
    }
  }
}

/**
 * The bundle's exports. `whenDone` is called by the caller after a run: it writes the cache when
 * there was none (the cache made then holds every function the run compiled, not only the top level).
 */
function loadCommand() {
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const file = cacheFileOf(source);
  const cachedData = readCache(file);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  // the pool's workers load the bundle through this file too (and so from the cache)
  module.exports.useWorkerEntry(require('node:url').pathToFileURL(__filename));
  const stale = file !== null && (cachedData === undefined || script.cachedDataRejected === true);
  // whenDone is the command's (bin/plan-parse.js): a worker never writes the cache
  return { command: module.exports, whenDone: () => (stale ? writeCache(file, script) : undefined) };
}

module.exports = { loadCommand };

// the main module of a thread is this file only in the pool's workers (the command's is plan-parse.js)
if (require.main === module && !require('node:worker_threads').isMainThread) {
  loadCommand().command.startWorker();
}
