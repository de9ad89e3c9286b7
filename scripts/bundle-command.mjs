// Build step: bundles the command (src/cli/command.ts: the command line, the library and the worker
// thread's entry) into one CommonJS file, dist/plan-parse.cjs, that bin/load-command.cjs compiles
// with a V8 code cache. One file loads faster than ~80 ES modules, and a CommonJS script can be
// compiled from a code cache on Node 20 (vm.Script cachedData). The library (dist/index.js) stays
// as tsc builds it: only the command is bundled.
//
// A source file's `import.meta.url` becomes the URL its tsc-built twin has under dist/, so that its
// relative paths to data/, rules/, schema/ and package.json hold in the bundle as they do there.
// iconv-lite's code tables (JSON, half a megabyte) stay files of the installed package, read when
// a page in that encoding needs them, as they are without the bundle.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Each src/**.ts file's `import.meta.url` replaced by the URL of its .js file under dist/. */
const metaUrlPerFile = {
  name: 'import-meta-url-per-file',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const asBuilt = relative(src, args.path).split('\\').join('/').replace(/\.ts$/u, '.js');
      return { contents: text.replaceAll('import.meta.url', `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(asBuilt)})).href`), loader: 'ts' };
    });
  },
};

/** iconv-lite's tables required from the installed package at run time, not copied into the bundle. */
const iconvTablesOutside = {
  name: 'iconv-tables-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\/tables\/.*\.json$/ }, (args) => {
      if (!args.importer.includes(`${join('node_modules', 'iconv-lite')}`)) return undefined;
      return { path: `iconv-lite/encodings/${args.path.slice(2)}`, external: true };
    });
  },
};

/** The packages src/text/lazy-module.ts loads at their first use (its LAZY_PACKAGES list). */
async function lazyPackageNames() {
  const file = join(src, 'text', 'lazy-module.ts');
  const list = /export const LAZY_PACKAGES = (\[[^\]]*\]) as const;/u.exec(await readFile(file, 'utf8'));
  if (!list) throw new Error(`${file}: no LAZY_PACKAGES list`);
  return JSON.parse(list[1].replaceAll("'", '"'));
}

/**
 * The packages src/text/lazy-module.ts loads at their first use, each bundled on its own as CommonJS,
 * dist/packages/<name>.cjs, which lazy-module requires (the library's and the command's alike): never
 * Node requiring an ES module (unified, remark, parse5 and vfile are ES modules), since a worker
 * thread terminated during such a require aborts the whole process (Node 20.20,
 * CreateRequiredModuleFacade); and one file where the package is dozens of modules. Not in the
 * command's bundle itself: their top-level functions would be made at every start, about 20 ms of CPU.
 */
const names = await lazyPackageNames();
/**
 * What both builds share: CommonJS for Node 20, no spaces or comments, simpler syntax (names kept, so
 * stack traces still read). The command's bundle: 647 KB -> 442 KB, about 4 ms less to load with its
 * code cache (paired runs).
 */
const NODE_CJS_MINIFIED = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', minifyWhitespace: true, minifySyntax: true, logLevel: 'warning' };
await build({
  entryPoints: Object.fromEntries(names.map((n) => [n, n])),
  outdir: join(root, 'dist', 'packages'),
  outExtension: { '.js': '.cjs' },
  ...NODE_CJS_MINIFIED,
});

const outfile = join(root, 'dist', 'plan-parse.cjs');
/**
 * commander loads node:child_process (and with it net, dgram) at its start, for subcommands run as
 * separate executables, which plan-parse has none of: in the bundle it gets the module when it
 * spawns one, never at start.
 */
const childProcessWhenSpawning = {
  name: 'child-process-when-spawning',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (args.importer.includes(`${join('node_modules', 'commander')}`) ? { path: 'child_process', namespace: 'when-spawning' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'when-spawning' }, () => ({ contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };", loader: 'js' }));
  },
};

await build({
  entryPoints: [join(src, 'cli', 'command.ts')],
  outfile,
  ...NODE_CJS_MINIFIED,
  plugins: [metaUrlPerFile, iconvTablesOutside, childProcessWhenSpawning],
  // import() of a built-in module as a require: the bundle is compiled as a vm.Script, which has no module loader
  supported: { 'dynamic-import': false },
});

// the bundle's hash on its first line: the key of its code cache (bin/load-command.cjs)
const text = await readFile(outfile, 'utf8');
const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
await writeFile(outfile, `// plan-parse bundle ${hash}\n${text}`);
