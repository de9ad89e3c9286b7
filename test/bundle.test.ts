// The command as users run it loads one bundle (dist/plan-parse.cjs) through bin/load-command.cjs,
// with a V8 code cache in the user's cache folder. The cache never changes an output and never
// fails a run; the pool's workers load the bundle too.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parsePlan } from '../src/index.js';
import { LAZY_PACKAGES } from '../src/text/lazy-module.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/plan-parse.js');
const PAGE = join(ROOT, 'fixtures/pages/seed-jiaoyuju-jihua-daquan/input.txt');
const TRADITIONAL = join(ROOT, 'fixtures/pages/seed-gaozhiliang-fazhan-fanti/input.txt');

function cli(args: string[], cacheHome: string, extraEnv: Record<string, string> = {}, nodeFlags: string[] = []) {
  const r = spawnSync(process.execPath, [...nodeFlags, BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...extraEnv } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const expectedJson = (path: string): string => `${JSON.stringify(parsePlan(readFileSync(path), { path }))}\n`;

describe('the command bundle', () => {
  it('is what the bin loads: one file, built with its hash on the first line', () => {
    const bundle = readFileSync(join(ROOT, 'dist/plan-parse.cjs'), 'utf8');
    expect(bundle).toMatch(/^\/\/ plan-parse bundle [0-9a-f]{16}\n/u);
    expect(readFileSync(BIN, 'utf8')).toContain('load-command.cjs');
  });

  it('writes a code cache after the first run, reads it after, and the outputs do not change', () => {
    const home = mkdtempSync(join(tmpdir(), 'pp-cache-'));
    const first = cli([PAGE], home);
    expect(first.code).toBe(0);
    const cached = readdirSync(join(home, 'plan-parse'));
    expect(cached).toHaveLength(1);
    // named by the bundle, Node, the machine and the V8 flags it runs under (ours and the command line's)
    expect(cached[0]).toMatch(new RegExp(`^[0-9a-f]{16}-${process.version.replaceAll('.', '\\.')}-${process.arch}-[0-9a-f]{8}\\.v8cache$`, 'u'));
    const second = cli([PAGE], home);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toBe(expectedJson(PAGE));
    expect(cli([TRADITIONAL], home).stdout).toBe(expectedJson(TRADITIONAL));
  });

  it('a cache V8 rejects is replaced (and other bundles\' caches removed), and the run does not notice', () => {
    const home = mkdtempSync(join(tmpdir(), 'pp-cache-'));
    cli([PAGE], home);
    const [name] = readdirSync(join(home, 'plan-parse'));
    const file = join(home, 'plan-parse', name!);
    writeFileSync(file, 'not a code cache');
    const otherBundle = join(home, 'plan-parse', `0123456789abcdef-${process.version}-${process.arch}.v8cache`);
    writeFileSync(otherBundle, 'the cache of another version');
    const r = cli([PAGE], home);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expectedJson(PAGE));
    expect(readFileSync(file).length).toBeGreaterThan(1000);
    // the caches of other bundles go when a new one is written
    expect(readdirSync(join(home, 'plan-parse'))).toEqual([name]);
  });

  it('a cache folder that cannot be made fails nothing', () => {
    const home = mkdtempSync(join(tmpdir(), 'pp-cache-'));
    writeFileSync(join(home, 'plan-parse'), 'a file where the folder would be');
    const r = cli([PAGE], home);
    expect(r).toEqual({ code: 0, stdout: expectedJson(PAGE), stderr: '' });
    expect(readdirSync(home)).toEqual(['plan-parse']);
  });

  it('PLAN_PARSE_NO_CACHE=1 writes no cache', () => {
    const home = mkdtempSync(join(tmpdir(), 'pp-cache-'));
    expect(cli([PAGE], home, { PLAN_PARSE_NO_CACHE: '1' }).stdout).toBe(expectedJson(PAGE));
    expect(readdirSync(home)).toEqual([]);
  });

  it('the workers of a batch load the bundle through the same loader and give the same outputs', () => {
    const home = mkdtempSync(join(tmpdir(), 'pp-cache-'));
    const out = mkdtempSync(join(tmpdir(), 'pp-out-'));
    const input = mkdtempSync(join(tmpdir(), 'pp-in-'));
    mkdirSync(join(input, 'a'));
    writeFileSync(join(input, 'a', 'one.txt'), readFileSync(PAGE));
    writeFileSync(join(input, 'two.txt'), readFileSync(TRADITIONAL));
    const alone = mkdtempSync(join(tmpdir(), 'pp-out-'));
    expect(cli([input, '--jobs', '2', '-o', out], home).code).toBe(0);
    expect(cli([input, '--jobs', '1', '-o', alone], home).code).toBe(0);
    for (const name of ['a/one.json', 'two.json']) expect(readFileSync(join(out, name), 'utf8')).toBe(readFileSync(join(alone, name), 'utf8'));
  });

  // Node 20.20 aborts the whole process (CreateRequiredModuleFacade) when a worker thread is
  // terminated while it requires an ES module, and the pool terminates its workers when a run stops
  // early: neither the command nor the library may have Node require one.
  it('requires no ES module: the lazily loaded packages are CommonJS bundles of their own, dist/packages/', () => {
    const requires = (file: string) => [...readFileSync(file, 'utf8').matchAll(/\brequire\((["'`])([^"'`]*)\1\)/gu)].map((m) => m[2]!);
    const allowed = (name: string) => name.startsWith('node:') || /^(buffer|stream|string_decoder|process)$/u.test(name) || /^iconv-lite\/encodings\/tables\/[\w-]+\.json$/u.test(name);
    expect(requires(join(ROOT, 'dist/plan-parse.cjs')).filter((n) => !allowed(n))).toEqual([]);
    expect(readdirSync(join(ROOT, 'dist/packages')).sort()).toEqual(LAZY_PACKAGES.map((n) => `${n}.cjs`).sort());
    for (const name of LAZY_PACKAGES) expect(requires(join(ROOT, `dist/packages/${name}.cjs`)).filter((n) => !allowed(n)), name).toEqual([]);
  });

  it('the library loads the bundles too, with require(esm) turned off', () => {
    const page = join(ROOT, 'fixtures/markdown-html/seed-jiaoyu-gongzuo-jihua-5pian/input.html');
    const markdown = page.replace(/html$/u, 'md');
    // an HTML page (parse5, hast-util-from-parse5, vfile), a Markdown page (unified, remark-parse), a rules file (yaml)
    const script = `import { parsePlan, parseRulesFile } from ${JSON.stringify(join(ROOT, 'dist/index.js'))}; import { readFileSync } from 'node:fs';
const html = parsePlan(readFileSync(${JSON.stringify(page)}), { path: 'page.html' });
const md = parsePlan(readFileSync(${JSON.stringify(markdown)}), { path: 'page.md' });
let refused = '';
try { parseRulesFile('rules: [', 'bad.yaml'); } catch (e) { refused = e.message; }
process.stdout.write(JSON.stringify([html.children.length > 0, md.children.length > 0, refused.includes('not valid YAML')]));`;
    const r = spawnSync(process.execPath, ['--no-experimental-require-module', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('[true,true,true]');
  });

  it('each bundled package exports what the package itself does', () => {
    const load = createRequire(import.meta.url);
    const names = (o: object) => Object.keys(o).filter((k) => k !== '__esModule' && k !== 'module.exports').sort();
    for (const name of LAZY_PACKAGES) expect(names(load(join(ROOT, `dist/packages/${name}.cjs`)) as object), name).toEqual(names(load(name) as object));
  });

  it('Markdown and HTML pages, YAML and Markdown outputs, in workers too, with require(esm) turned off', () => {
    const home = mkdtempSync(join(tmpdir(), 'pp-cache-'));
    const input = mkdtempSync(join(tmpdir(), 'pp-in-'));
    const pages = join(ROOT, 'fixtures/markdown-html/seed-jiaoyu-gongzuo-jihua-5pian');
    for (const ext of ['md', 'html']) writeFileSync(join(input, `page-${ext}.${ext}`), readFileSync(join(pages, `input.${ext}`)));
    // YAML in two workers, Markdown in the command's own thread: each run loads unified and parse5
    for (const [format, jobs] of [['yaml', '2'], ['markdown', '1']] as const) {
      const out = mkdtempSync(join(tmpdir(), 'pp-out-'));
      const r = cli([input, '-f', format, '--jobs', jobs, '-o', out], home, {}, ['--no-experimental-require-module']);
      expect(r.stderr, `${format} --jobs ${jobs}`).toMatch(/^converted 2 files .*, 0 failed, 0 skipped;/u);
      expect(r.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['page-html.' + (format === 'yaml' ? 'yaml' : 'md'), 'page-md.' + (format === 'yaml' ? 'yaml' : 'md')]);
    }
  });
});
