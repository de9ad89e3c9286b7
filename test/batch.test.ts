// Batch conversion as a user runs it: folders, patterns, pipes, bad files, outputs that exist,
// OUTDIR inside DIR; and the pure parts (glob, output paths, sniffing, progress, summary, scheduler).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { statSync, chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, chownSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorLineOf, NO_SUCH_FILE, PNG_FILE } from './helpers/problems.js';
import { compileGlobs, expandBraces, splitGlobBase, hasMagic } from '../src/cli/batch/glob.js';
import { outputPathFor, safeRelative, withOutputExtension, mirroredRelative } from '../src/cli/batch/paths.js';
import { sniffBinary } from '../src/cli/batch/binary-sniff.js';
import { renderProgress, formatClock, makeProgress, progressDelayMs, PROGRESS_DELAY_MS } from '../src/cli/batch/progress.js';
import { Tally, formatSummary } from '../src/cli/batch/summary.js';
import { schedule, workerExecutor } from '../src/cli/batch/pool.js';
import type { JobConfig, JobDone, JobResult, Task } from '../src/cli/batch/job.js';
import { parseSize } from '../src/cli/values.js';
import { chooseSamples } from '../src/cli/batch/template.js';
import { PLANS, disclaimer, footer, header, withTemplate } from './helpers/site-pages.js';
import { BIN, BIG5, cli, errorLines, files, FIX, GBK, json, PAGE, pages, PNG, sh, temp, UTF16, type Ran } from './helpers/batch-cli.js';

describe('plan-parse DIR -o OUTDIR', () => {
  it('mirrors a folder with nested folders, text files only, and sums up on standard error', () => {
    const dir = pages();
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(files(join(dir, 'out'))).toEqual(['a.json', 'sub/b.json', 'sub/deep/c.json']);
    const tree = json(join(dir, 'out/sub/b.json'));
    expect(tree.type).toBe('root');
    expect(tree.source.path).toBe(join(dir, 'in/sub/b.txt'));
    const summary = r.stderr.trim().split('\n').pop()!;
    expect(summary).toMatch(/^converted 3 files/u);
    expect(summary).toContain('0 failed, 1 skipped');
    expect(summary).toMatch(/\d+ documents?, \d+ sections?, \d+ items?/u);
    expect(summary).toMatch(/encodings: .*gb18030 1/u);
    expect(summary).toMatch(/\d+(\.\d+)? (ms|s)/u);
  });

  it('a non-UTF-8 file converts, and says which encoding it was (GBK, Big5, UTF-16)', () => {
    const dir = temp();
    mkdirSync(join(dir, 'in'));
    copyFileSync(GBK, join(dir, 'in/gbk.txt'));
    copyFileSync(BIG5, join(dir, 'in/big5.txt'));
    copyFileSync(UTF16, join(dir, 'in/utf16.txt'));
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out'), '--jobs', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(join(dir, 'out/gbk.json')).source.encoding).toBe('gb18030');
    expect(json(join(dir, 'out/big5.json')).source).toMatchObject({ encoding: 'big5', converted: true });
    expect(json(join(dir, 'out/utf16.json')).source.encoding).toBe('utf-16le');
    expect(json(join(dir, 'out/gbk.json')).children).toEqual(JSON.parse(cli([PAGE]).stdout).children);
  });

  it('a binary file is one error line naming it and its type; the others convert; exit 1', () => {
    const dir = pages();
    writeFileSync(join(dir, 'in/sub/picture.txt'), PNG);
    const zeros = Buffer.alloc(4096);
    for (let i = 0; i < zeros.length; i += 3) zeros[i] = 0x41;
    writeFileSync(join(dir, 'in/blob.txt'), zeros);
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([
      errorLineOf(join(dir, 'in/blob.txt'), { code: 'binary', args: { source: 'file', kind: 'nul-bytes' } }),
      errorLineOf(join(dir, 'in/sub/picture.txt'), PNG_FILE),
    ]);
    expect(files(join(dir, 'out'))).toEqual(['a.json', 'sub/b.json', 'sub/deep/c.json']);
    expect(r.stderr).toMatch(/converted 3 files .*, 2 failed, 1 skipped/u);
  });

  it('a message stays one line whatever the name holds: control characters escaped', () => {
    const dir = temp();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'two\nlines.txt'), PNG);
    writeFileSync(join(dir, 'in', 'red\x1b[31m.txt'), PNG);
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      errorLineOf(`${join(dir, 'in')}/red\\x1B[31m.txt`, PNG_FILE),
      errorLineOf(`${join(dir, 'in')}/two\\nlines.txt`, PNG_FILE),
      expect.stringMatching(/^converted 0 files/u),
    ]);
    writeFileSync(join(dir, 'plain'), '');
    const out = join(dir, 'plain', 'a\tb');
    expect(cli([join(dir, 'in'), '-o', out]).stderr).toBe(`${errorLineOf(`${join(dir, 'plain')}/a\\tb`, { code: 'outdir-create-failed', args: { errno: 'ENOTDIR' } })}\n`);
  });

  it('an empty file converts to an empty tree, not an error', () => {
    const dir = temp();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in/empty.txt'), '');
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    const tree = json(join(dir, 'out/empty.json'));
    expect(tree.source.bytes).toBe(0);
    expect(tree.children.every((d: { children: unknown[] }) => d.children.length === 0)).toBe(true);
    expect(tree.diagnostics).toEqual([]);
  });

  it('an unreadable file is one error line; the run goes on', () => {
    const dir = pages();
    const secret = join(dir, 'in/secret.txt');
    copyFileSync(PAGE, secret);
    chmodSync(secret, 0o000);
    // root reads every file: run as nobody then, in folders nobody may enter and write
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      chmodSync(dir, 0o755);
      for (const d of ['in', 'in/sub', 'in/sub/deep']) chmodSync(join(dir, d), 0o755);
      for (const f of ['in/a.txt', 'in/sub/b.txt', 'in/sub/deep/c.md', 'in/notes.csv']) chmodSync(join(dir, f), 0o644);
      mkdirSync(join(dir, 'out'));
      chownSync(join(dir, 'out'), 65534, 65534);
    }
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out')], asRoot ? { uid: 65534, gid: 65534, cwd: dir } : {});
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([errorLineOf(secret, { code: 'read-failed', args: { reason: 'permission-denied', errno: 'EACCES' } })]);
    expect(files(join(dir, 'out'))).toEqual(['a.json', 'sub/b.json', 'sub/deep/c.json']);
  });

  it('a file larger than --max-bytes is refused with the sizes', () => {
    const dir = pages();
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out'), '--max-bytes', '4k']);
    expect(r.code).toBe(1);
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(errorLineOf(join(dir, 'in/a.txt'), { code: 'too-large', args: { size: statSync(PAGE).size, limit: 4096 } }));
    expect(files(join(dir, 'out'))).toEqual(['sub/b.json']);
  });

  it('existing outputs are not replaced without --force (one line each, exit 1), and are with it', () => {
    const dir = pages();
    expect(cli([join(dir, 'in'), '-o', join(dir, 'out')]).code).toBe(0);
    writeFileSync(join(dir, 'out/a.json'), 'mine');
    const again = cli([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(again.code).toBe(1);
    expect(errorLines(again.stderr)).toEqual([
      errorLineOf(join(dir, 'in/a.txt'), { code: 'output-exists', args: { path: join(dir, 'out/a.json') } }),
      errorLineOf(join(dir, 'in/sub/b.txt'), { code: 'output-exists', args: { path: join(dir, 'out/sub/b.json') } }),
      errorLineOf(join(dir, 'in/sub/deep/c.md'), { code: 'output-exists', args: { path: join(dir, 'out/sub/deep/c.json') } }),
    ]);
    expect(readFileSync(join(dir, 'out/a.json'), 'utf8')).toBe('mine');
    const forced = cli([join(dir, 'in'), '-o', join(dir, 'out'), '--force']);
    expect(forced.code).toBe(0);
    expect(json(join(dir, 'out/a.json')).type).toBe('root');
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('resume with --skip-existing: an existing output counts as done (skipped), the rest convert, exit 0', () => {
    const dir = pages();
    const out = join(dir, 'out');
    expect(cli([join(dir, 'in'), '-o', out]).code).toBe(0);
    writeFileSync(join(out, 'a.json'), 'mine');
    rmSync(join(out, 'sub/b.json'));
    const r = cli([join(dir, 'in'), '-o', out, '--skip-existing', '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(errorLines(r.stderr)).toEqual([]);
    expect(r.stderr).toContain(`skip ${join(dir, 'in/a.txt')}: output ${join(out, 'a.json')} exists`);
    expect(r.stderr).toMatch(/^converted 1 file \([^)]*\), 0 failed, 3 skipped \(2 already converted\); /mu);
    expect(readFileSync(join(out, 'a.json'), 'utf8')).toBe('mine');
    expect(json(join(out, 'sub/b.json')).source.encoding).toBe('gb18030');
    // one ndjson file that exists: every input is in it, nothing to do
    const ndjson = join(dir, 'trees.ndjson');
    writeFileSync(ndjson, 'done\n');
    const lines = cli([join(dir, 'in'), '-f', 'ndjson', '-o', ndjson, '--skip-existing']);
    expect(lines.code, lines.stderr).toBe(0);
    expect(lines.stderr).toMatch(/^converted 0 files \(0 B\), 0 failed, 4 skipped \(3 already converted\); /mu);
    expect(readFileSync(ndjson, 'utf8')).toBe('done\n');
    const records = cli(['--input', 'ndjson', '-o', ndjson, '--skip-existing'], { input: '{"id":1,"text":"一、x"}\n' });
    expect(records.code).toBe(0);
    expect(readFileSync(ndjson, 'utf8')).toBe('done\n');
    // a single file too
    const single = cli([PAGE, '-o', join(out, 'a.json'), '--skip-existing']);
    expect(single.code).toBe(0);
    expect(readFileSync(join(out, 'a.json'), 'utf8')).toBe('mine');
    const both = cli([join(dir, 'in'), '-o', out, '--skip-existing', '--force']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--force replaces existing outputs, --skip-existing keeps them: give one');
  });

  it('OUTDIR inside DIR: the walk never picks up its own outputs, even in a second run', () => {
    const dir = pages();
    const out = join(dir, 'in/converted');
    const first = cli([join(dir, 'in'), '-o', out, '-f', 'text']);
    expect(first.code).toBe(0);
    expect(files(out)).toEqual(['a.txt', 'sub/b.txt', 'sub/deep/c.txt']);
    const second = cli([join(dir, 'in'), '-o', out, '-f', 'text', '--force']);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/converted 3 files/u);
    expect(files(out)).toEqual(['a.txt', 'sub/b.txt', 'sub/deep/c.txt']);
  });

  it('OUTDIR is DIR: an input is never overwritten', () => {
    const dir = temp();
    const page = readFileSync(PAGE);
    writeFileSync(join(dir, 'a.txt'), page);
    writeFileSync(join(dir, 'b.md'), page);
    // --format text writes a.txt over a.txt (itself) and b.txt; --force does not make that allowed
    const r = cli([dir, '-o', dir, '-f', 'text', '--force']);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([errorLineOf(join(dir, 'a.txt'), { code: 'output-is-input', args: { path: join(dir, 'a.txt') } })]);
    expect(readFileSync(join(dir, 'a.txt'))).toEqual(page);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8').startsWith('教育局工作计划')).toBe(true);
    // two inputs to one output: the second is refused
    const clash = temp();
    writeFileSync(join(clash, 'p.txt'), page);
    writeFileSync(join(clash, 'p.md'), page);
    const c = cli([clash, '-o', join(clash, 'out')]);
    expect(c.code).toBe(1);
    expect(errorLines(c.stderr)).toEqual([errorLineOf(join(clash, 'p.txt'), { code: 'output-claimed', args: { path: join(clash, 'out/p.json'), by: join(clash, 'p.md') } })]);
  });

  it('outputs stay inside OUTDIR whatever the input names are', () => {
    const dir = temp();
    mkdirSync(join(dir, 'work'));
    mkdirSync(join(dir, 'elsewhere'));
    copyFileSync(PAGE, join(dir, 'elsewhere/page.txt'));
    const r = sh(`printf '%s\\n' ../elsewhere/page.txt "$PWD/../elsewhere/page.txt" | "$NODE" "$BIN" --stdin-list -o out`, join(dir, 'work'));
    expect(r.stderr).toContain('converted 1 file');
    const outs = files(join(dir, 'work/out'));
    expect(outs).toEqual(['__/elsewhere/page.json']);
    expect(existsSync(join(dir, 'elsewhere/page.json'))).toBe(false);
  });

  it('--glob chooses the files; patterns as arguments work too', () => {
    const dir = pages();
    const r = cli([join(dir, 'in'), '--glob', '**/*.md', '--glob', 'notes.{csv,tsv}', '-o', join(dir, 'out'), '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(files(join(dir, 'out'))).toEqual(['notes.json', 'sub/deep/c.json']);
    expect(r.stderr).toContain('skip ');
    const p = cli([`${join(dir, 'in')}/sub/**/*.{txt,md}`, '-f', 'ndjson']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout.trim().split('\n').map((l) => JSON.parse(l).source.path)).toEqual([join(dir, 'in/sub/b.txt'), join(dir, 'in/sub/deep/c.md')]);
    expect(cli([join(dir, 'in'), '--glob', '/abs/*', '-o', join(dir, 'o2')]).code).toBe(2);
  });

  it('a symbolic-link loop and a special file are skipped with a warning', () => {
    const dir = pages();
    symlinkSync('..', join(dir, 'in/sub/up'));
    symlinkSync('nowhere.txt', join(dir, 'in/dangling.txt'));
    spawnSync('mkfifo', [join(dir, 'in/pipe.txt')]);
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning ${join(dir, 'in/sub/up')}: skipped, symbolic link loop`);
    expect(r.stderr).toContain(`warning ${join(dir, 'in/dangling.txt')}: skipped, broken symbolic link`);
    if (existsSync(join(dir, 'in/pipe.txt'))) expect(r.stderr).toContain(`warning ${join(dir, 'in/pipe.txt')}: skipped, named pipe, not a file`);
    expect(files(join(dir, 'out'))).toEqual(['a.json', 'sub/b.json', 'sub/deep/c.json']);
  });

  it('--quiet prints nothing but errors', () => {
    const dir = pages();
    writeFileSync(join(dir, 'in/pic.txt'), PNG);
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([errorLineOf(join(dir, 'in/pic.txt'), PNG_FILE)]);
  });

  it('usage errors exit 2', () => {
    const dir = pages();
    expect(cli([join(dir, 'in'), '-o', join(dir, 'out'), '--jobs', '0']).code).toBe(2);
    expect(cli([join(dir, 'in'), '-o', join(dir, 'out'), '--max-bytes', 'lots']).code).toBe(2);
    expect(cli([join(dir, 'in'), '-o', PAGE]).code).toBe(2);
    expect(cli(['-', '--stdin-list']).code).toBe(2);
    expect(cli([PAGE, '--input', 'ndjson']).code).toBe(2);
  });

  it('worker threads give the same outputs as one thread', () => {
    const dir = pages();
    for (let i = 0; i < 6; i++) copyFileSync(i % 2 ? BIG5 : GBK, join(dir, `in/more-${i}.txt`));
    expect(cli([join(dir, 'in'), '-o', join(dir, 'one'), '--jobs', '1']).code).toBe(0);
    expect(cli([join(dir, 'in'), '-o', join(dir, 'two'), '--jobs', '2']).code).toBe(0);
    const names = files(join(dir, 'one'));
    expect(names).toHaveLength(9);
    expect(files(join(dir, 'two'))).toEqual(names);
    for (const n of names) expect(readFileSync(join(dir, 'two', n), 'utf8')).toBe(readFileSync(join(dir, 'one', n), 'utf8'));
  });
});

describe('--vocabulary in a batch', () => {
  it('reaches every job, in the main thread, in worker threads and for records', () => {
    const dir = temp();
    mkdirSync(join(dir, 'in'));
    const page = '臺北市國民小學資訊教育計畫\n一、核心功能\n（一）建立使用者資料來源清單。\n';
    for (let i = 0; i < 4; i++) writeFileSync(join(dir, `in/${i}.txt`), page);
    for (const jobs of ['1', '2']) {
      const out = join(dir, `out-${jobs}`);
      expect(cli([join(dir, 'in'), '-o', out, '--jobs', jobs, '--vocabulary', '--no-site-template']).code).toBe(0);
      for (let i = 0; i < 4; i++) {
        const tree = json(join(out, `${i}.json`));
        expect(tree.source.conversion.vocabulary).toBe(true);
        expect(JSON.stringify(tree.children)).toContain('创建用户数据源清单');
      }
    }
    const records = cli(['--input', 'ndjson', '--vocabulary', '--quiet'], { input: JSON.stringify({ id: 1, text: page }) + '\n' });
    expect(JSON.parse(records.stdout).tree.source.conversion.vocabulary).toBe(true);
  });
});

/** A folder of five plans of one site (its header, footer, disclaimer on each) and one of ten copies of one plan. */
function sitePages(): string {
  const dir = temp();
  mkdirSync(join(dir, 'in/site'), { recursive: true });
  mkdirSync(join(dir, 'in/copies'), { recursive: true });
  PLANS.forEach((plan, i) => writeFileSync(join(dir, `in/site/${i}.txt`), withTemplate(plan)));
  for (let i = 0; i < 10; i++) writeFileSync(join(dir, `in/copies/${i}.txt`), i % 2 ? `${header}\n${PLANS[0]}` : PLANS[0]!);
  return dir;
}

const removedRules = (tree: { removed: Array<{ rule: string; text: string }> }): string[] => tree.removed.map((r) => `${r.rule}: ${r.text}`);

describe('site template in a batch', () => {
  it("a folder's repeated lines are removed as site-template; copies of one plan keep every line", () => {
    const dir = sitePages();
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out'), '--verbose', '--jobs', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`site template of ${join(dir, 'in/site')}: 3 lines (5 files sampled, 5 distinct plans)`);
    expect(r.stderr).toContain(`site template of ${join(dir, 'in/copies')}: 0 lines (10 files sampled, 1 distinct plans)`);
    for (let i = 0; i < 5; i++) {
      expect(removedRules(json(join(dir, `out/site/${i}.json`)))).toEqual([`site-template: ${header}`, `site-template: ${disclaimer}`, `site-template: ${footer}`]);
    }
    const plain = json(join(dir, 'out/copies/0.json'));
    expect(plain.removed).toEqual([]);
    // the site's header on half of the copies: one plan is not enough to call it template
    expect(json(join(dir, 'out/copies/1.json')).removed).toEqual([]);
    // the plan is whole: the same tree as the plan alone
    expect(JSON.stringify(json(join(dir, 'out/site/0.json')).children[0].children[0].title)).toBe(JSON.stringify(plain.children[0].children[0].title));
  });

  it('worker threads find the same template and give the same outputs', () => {
    const dir = sitePages();
    expect(cli([join(dir, 'in'), '-o', join(dir, 'one'), '--jobs', '1']).code).toBe(0);
    expect(cli([join(dir, 'in'), '-o', join(dir, 'two'), '--jobs', '2']).code).toBe(0);
    const names = files(join(dir, 'one'));
    expect(names).toHaveLength(15);
    for (const n of names) expect(readFileSync(join(dir, 'two', n), 'utf8')).toBe(readFileSync(join(dir, 'one', n), 'utf8'));
    expect(json(join(dir, 'two/site/3.json')).removed.map((r: { rule: string }) => r.rule)).toEqual(['site-template', 'site-template', 'site-template']);
  });

  it('off with --no-site-template and --keep-boilerplate; never for one file or a record stream', () => {
    const dir = sitePages();
    const site = join(dir, 'in/site');
    const none = (r: Ran): void => {
      expect(r.code, r.stderr).toBe(0);
      const trees = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((t) => t.tree ?? t);
      expect(trees.length).toBeGreaterThan(0);
      for (const t of trees) expect(t.removed.filter((x: { rule: string }) => x.rule === 'site-template')).toEqual([]);
    };
    none(cli([site, '-f', 'ndjson', '--no-site-template']));
    none(cli([site, '-f', 'ndjson', '--keep-boilerplate']));
    none(cli([join(site, '0.txt'), '-f', 'ndjson']));
    const records = PLANS.map((p, i) => JSON.stringify({ id: i, text: withTemplate(p) })).join('\n');
    none(cli(['--input', 'ndjson'], { input: records }));
    // several files named one by one are a batch too: their folder is their group
    const named = cli([0, 1, 2, 3, 4].map((i) => join(site, `${i}.txt`)).concat(['-f', 'ndjson']));
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).removed.length)).toEqual([3, 3, 3, 3, 3]);
  });

  it('--help lists --no-site-template', () => {
    expect(cli(['--help']).stdout).toMatch(/--no-site-template/u);
  });
});

describe('site template sampling', () => {
  it('files evenly spread over each folder, within a folder and a run cap; small folders are not sampled', () => {
    const paths = [
      ...Array.from({ length: 100 }, (_, i) => `a/${String(i).padStart(3, '0')}.txt`),
      ...Array.from({ length: 10 }, (_, i) => `b/${i}.txt`),
      'c/1.txt',
      'c/2.txt',
    ];
    const chosen = chooseSamples(paths, { perGroup: 20, total: 100, minGroup: 3 });
    expect([...chosen.keys()]).toEqual(['a', 'b']);
    expect(chosen.get('a')).toHaveLength(20);
    expect(chosen.get('a')![0]).toBe('a/002.txt');
    expect(chosen.get('a')![19]).toBe('a/097.txt');
    expect(new Set(chosen.get('a')).size).toBe(20);
    expect(chosen.get('b')).toEqual(paths.slice(100, 110));
    // the run's cap: 40 files over 10 folders of 50 → 4 in each
    const many = Array.from({ length: 500 }, (_, i) => `d${Math.floor(i / 50)}/${i}.txt`);
    const capped = chooseSamples(many, { perGroup: 20, total: 40, minGroup: 3 });
    expect([...capped.values()].map((l) => l.length)).toEqual(Array(10).fill(4));
    // more folders than the cap allows: the first ones, minGroup each
    const more = chooseSamples(Array.from({ length: 300 }, (_, i) => `e${Math.floor(i / 3)}/${i}.txt`), { perGroup: 20, total: 40, minGroup: 3 });
    expect(more.size).toBe(13);
    expect([...more.values()].reduce((n, l) => n + l.length, 0)).toBe(39);
  });
});

describe('standard error on a terminal', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;
  // `script` runs the command on a pseudo-terminal: the progress bar and colour appear only there
  it.skipIf(!hasScript)('progress bar and colour on a terminal; NO_COLOR and --no-color turn colour off', () => {
    const dir = pages();
    for (let i = 0; i < 2; i++) copyFileSync(BIG5, join(dir, `in/big-${i}.txt`));
    writeFileSync(join(dir, 'in/pic.txt'), PNG);
    const onTty = (args: string, env: Record<string, string | undefined>) => {
      const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" ${args}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, ...env } });
      return r.stdout;
    };
    // no delay before the bar: it shows from the first file done, however fast the machine
    const env = { NO_COLOR: undefined, FORCE_COLOR: undefined, PLAN_PARSE_PROGRESS_DELAY_MS: '0' };
    const coloured = onTty(`"${join(dir, 'in')}" -o "${join(dir, 'o1')}" --jobs 1`, env);
    expect(coloured).toContain('\x1b[31merror\x1b[39m');
    expect(coloured).toMatch(/\r\s*\d+% \[[#-]+\] \d+\/6 files/u);
    expect(coloured).toMatch(/converted 5 files/u);
    const plain = onTty(`"${join(dir, 'in')}" -o "${join(dir, 'o2')}" --jobs 1`, { ...env, NO_COLOR: '1' });
    expect(plain).toContain(errorLineOf(join(dir, 'in/pic.txt'), PNG_FILE));
    expect(plain).not.toContain('\x1b[31m');
    expect(onTty(`"${join(dir, 'in')}" -o "${join(dir, 'o3')}" --no-color`, env)).not.toContain('\x1b[31m');
    const quiet = onTty(`"${join(dir, 'in')}" -o "${join(dir, 'o4')}" --quiet --no-color`, env);
    expect(quiet.trim()).toBe(errorLineOf(join(dir, 'in/pic.txt'), PNG_FILE));
  });
});

describe('--format ndjson and --stdin-list', () => {
  it('one compact tree per line, in input order with --jobs 2; --unordered has the same lines', () => {
    const dir = temp();
    const sources = [PAGE, BIG5, GBK, UTF16, PAGE, BIG5];
    sources.forEach((s, i) => copyFileSync(s, join(dir, `p${i}.txt`)));
    const r = cli([dir, '-f', 'ndjson', '--jobs', '2']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.map((l) => JSON.parse(l).source.path)).toEqual(sources.map((_, i) => join(dir, `p${i}.txt`)));
    const u = cli([dir, '-f', 'ndjson', '--jobs', '2', '--unordered']);
    expect(u.stdout.split('\n').filter(Boolean).sort()).toEqual([...lines].sort());
    // -o FILE gathers every line in one file
    const out = join(dir, 'all.ndjson');
    expect(cli([dir, '-f', 'ndjson', '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean)).toEqual(lines);
  });

  it('find … -print0 | plan-parse --stdin-list -0', () => {
    const dir = pages();
    writeFileSync(join(dir, 'in/sub/with space.txt'), readFileSync(PAGE));
    const r = sh(`find in -type f -name '*.txt' -print0 | sort -z | "$NODE" "$BIN" --stdin-list -0 -f ndjson`, dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).source.path)).toEqual(['in/a.txt', 'in/sub/b.txt', 'in/sub/with space.txt']);
    const o = sh(`find in -name '*.txt' -print0 | "$NODE" "$BIN" -0 -o out`, dir);
    expect(o.code, o.stderr).toBe(0);
    expect(files(join(dir, 'out'))).toEqual(['in/a.json', 'in/sub/b.json', 'in/sub/with space.json']);
    const nl = sh(`printf 'in/a.txt\\nin/missing.txt\\n' | "$NODE" "$BIN" --stdin-list -f ndjson`, dir);
    expect(nl.code).toBe(1);
    expect(errorLines(nl.stderr)).toEqual([errorLineOf('in/missing.txt', NO_SUCH_FILE)]);
    // the missing file has its error line, in its place
    expect(nl.stdout.trim().split('\n').map((l) => JSON.parse(l).code ?? null)).toEqual([null, 'read-failed']);
  });
});

describe('pure parts', () => {
  it('glob: **, *, ?, [..], {a,b}', () => {
    const m = compileGlobs(['**/*.txt']);
    expect(['a.txt', 'x/y/a.txt'].map(m)).toEqual([true, true]);
    expect(['a.md', 'a.txt/b'].map(m)).toEqual([false, false]);
    const base = compileGlobs(['*.{md,htm?}']);
    expect(['d/a.md', 'a.html', 'a.htm', 'a.h'].map(base)).toEqual([true, true, false, false]);
    const anchored = compileGlobs(['*.txt'], { matchBase: false });
    expect(['a.txt', 'd/a.txt'].map(anchored)).toEqual([true, false]);
    const seg = compileGlobs(['20[0-9][0-9]/**/p?.txt']);
    expect(['2024/p1.txt', '2024/x/y/p2.txt', '20x4/p1.txt', '2024/p10.txt'].map(seg)).toEqual([true, true, false, false]);
    expect(compileGlobs(['[!a]*.txt'])('b.txt')).toBe(true);
    expect(compileGlobs(['[!a]*.txt'])('a.txt')).toBe(false);
    expect(compileGlobs(['a.(x)+.txt'])('a.(x)+.txt')).toBe(true);
    expect(expandBraces('{a,b{c,d}}.txt')).toEqual(['a.txt', 'bc.txt', 'bd.txt']);
    expect(expandBraces('{a}.txt')).toEqual(['{a}.txt']);
    expect(splitGlobBase('pages/2024/**/*.txt')).toEqual({ base: 'pages/2024', pattern: '**/*.txt' });
    expect(splitGlobBase('*.txt')).toEqual({ base: '.', pattern: '*.txt' });
    expect(splitGlobBase('/data/*/a.txt')).toEqual({ base: '/data', pattern: '*/a.txt' });
    expect(hasMagic('a/b.txt')).toBe(false);
    // no catastrophic backtracking on a long near-miss: it returns (test/redos.test.ts checks the
    // pattern this glob compiles to, and test:slow times glob matching; nothing is timed here)
    expect(compileGlobs(['**/*a*a*a*a*a*b'])(`${'a/'.repeat(200)}${'a'.repeat(3000)}`)).toBe(false);
  });

  it('output paths: extension swapped, names made safe, always inside OUTDIR', () => {
    expect(withOutputExtension('a/b/page.txt', '.json')).toBe('a/b/page.json');
    expect(withOutputExtension('a/README', '.json')).toBe('a/README.json');
    expect(withOutputExtension('.hidden', '.json')).toBe('.hidden.json');
    expect(safeRelative('../../etc/passwd')).toBe('__/__/etc/passwd');
    expect(safeRelative('/etc/passwd')).toBe('etc/passwd');
    expect(safeRelative('a/./b//c')).toBe('a/b/c');
    expect(outputPathFor('/out', '../../x.txt', '.json')).toBe('/out/__/__/x.json');
    expect(outputPathFor('/out', '/abs/x.txt', '.json')).toBe('/out/abs/x.json');
    expect(mirroredRelative('/data/pages/a/b.txt', '/data/pages')).toBe('a/b.txt');
    expect(mirroredRelative('/data/other/b.txt', '/data/pages')).toBe('__/other/b.txt');
    expect(() => outputPathFor('/out', '..', '.json')).not.toThrow();
    expect(outputPathFor('/out', '..', '.json').startsWith('/out/')).toBe(true);
  });

  it('binary sniffing: magic numbers, NULs; UTF-16 passes', () => {
    expect(sniffBinary(PNG)).toBe('png');
    expect(sniffBinary(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe('zip');
    expect(sniffBinary(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(sniffBinary(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffBinary(Buffer.from('GIF89a..'))).toBe('gif');
    expect(sniffBinary(Buffer.from([1, 0, 2, 0, 0, 3, 0, 0, 5]))).toBe('nul-bytes');
    expect(sniffBinary(readFileSync(UTF16))).toBeNull();
    for (const f of readdirSync(join(FIX, 'roundtrip')).filter((n) => n.includes('utf-16'))) {
      const bytes = readFileSync(join(FIX, 'roundtrip', f));
      expect(sniffBinary(bytes.subarray(2))).toBeNull(); // without its BOM
      expect(sniffBinary(bytes.subarray(3))).toBeNull(); // cut in the middle of a code unit
      expect(sniffBinary(Buffer.from(bytes.subarray(2).toString('utf16le'), 'utf16le').swap16())).toBeNull(); // big-endian
    }
    const random = Buffer.alloc(8192);
    for (let i = 0, x = 7; i < random.length; i++) random[i] = (x = (x * 1103515245 + 12345) % 2147483648) >> 16 & 0xff;
    expect(sniffBinary(random)).toBe('nul-bytes');
    expect(sniffBinary(Buffer.from('一、指导思想\n', 'utf16le'))).toBeNull();
    expect(sniffBinary(readFileSync(GBK))).toBeNull();
    expect(sniffBinary(new Uint8Array(0))).toBeNull();
  });

  it('sizes, progress and summary', () => {
    expect(parseSize('20M')).toBe(20 * 1024 * 1024);
    expect(parseSize('500k')).toBe(512000);
    expect(parseSize('1.5GB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('1024')).toBe(1024);
    expect(parseSize('0')).toBeNull();
    expect(parseSize('big')).toBeNull();
    expect(formatClock(75)).toBe('1:15');
    expect(formatClock(3725)).toBe('1:02:05');
    const bar = renderProgress({ done: 50, total: 200, bytesDone: 25e6, bytesTotal: 100e6, elapsedMs: 10_000, unit: 'file' }, 100);
    expect(bar).toMatch(/^ 25% \[#+-+\] 50\/200 files 5\.0\/s 2\.5 MB\/s ETA 0:30$/u);
    expect(bar.length).toBeLessThanOrEqual(100);
    expect(renderProgress({ done: 7, total: null, bytesDone: 0, bytesTotal: null, elapsedMs: 1000, unit: 'record' }, 80)).toBe('7 records 7.0/s 0.0 MB/s');
    const t = new Tally();
    t.add({ bytes: 2_000_000, encoding: 'gb18030', invalidBytes: 0, documents: 2, sections: 5, items: 9 });
    t.add({ bytes: 1_000_000, encoding: 'utf-8', invalidBytes: 0, documents: 1, sections: 0, items: 1 });
    t.add({ bytes: 1_000_000, encoding: 'gb18030', invalidBytes: 0, documents: 1, sections: 1, items: 0 });
    t.failed = 1;
    t.skipped = 2;
    expect(formatSummary(t, 2000, 'file')).toBe('converted 3 files (3.8 MB), 1 failed, 2 skipped; 4 documents, 6 sections, 10 items; encodings: gb18030 2, utf-8 1; 2.0 s (2.0 MB/s)');
  });

  it('the progress bar shows after its delay, on a clock of our own: none before, at once on the first update after, off the screen when stopped', () => {
    let clock = 1000;
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text), columns: 60 } as unknown as NodeJS.WritableStream & { columns: number };
    const progress = makeProgress(stream, true, 'file', () => clock, 300);
    progress.setTotal(4, 400);
    clock += 100;
    progress.update(1, 100);
    expect(written).toEqual([]); // a quick run shows no bar
    clock += 250;
    progress.update(2, 200);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\r 50% \[#+-+\] 2\/4 files .*\x1b\[K$/u);
    expect(written[0]!.length).toBeLessThanOrEqual(60 + 4);
    progress.update(3, 300); // shown already: the timer redraws it, not every update
    expect(written).toHaveLength(1);
    progress.write('error x.txt: binary file\n'); // a line of text takes the bar off first
    expect(written.slice(1)).toEqual(['\r\x1b[K', 'error x.txt: binary file\n']);
    clock += 100;
    progress.update(4, 400); // no bar showing: drawn again at once
    expect(written[3]).toMatch(/^\r100% \[#+\] 4\/4 files/u);
    progress.stop();
    expect(written.at(-1)).toBe('\r\x1b[K');
    // disabled: lines pass through, nothing drawn
    const plain: string[] = [];
    const off = makeProgress({ write: (text: string) => plain.push(text) } as unknown as NodeJS.WritableStream, false, 'file', () => clock, 0);
    off.setTotal(1, 1);
    off.update(1, 1);
    off.write('line\n');
    off.stop();
    expect(plain).toEqual(['line\n']);
  });

  it('the delay before the bar is PLAN_PARSE_PROGRESS_DELAY_MS when that is a whole number of milliseconds', () => {
    expect(progressDelayMs({})).toBe(PROGRESS_DELAY_MS);
    expect(progressDelayMs({ PLAN_PARSE_PROGRESS_DELAY_MS: '0' })).toBe(0);
    expect(progressDelayMs({ PLAN_PARSE_PROGRESS_DELAY_MS: ' 1500 ' })).toBe(1500);
    for (const bad of ['', 'soon', '-5', '1.5', '1e3']) expect(progressDelayMs({ PLAN_PARSE_PROGRESS_DELAY_MS: bad }), bad).toBe(PROGRESS_DELAY_MS);
  });

  it('a job whose worker dies runs again in the main thread', async () => {
    const dir = temp();
    const crashing = join(dir, 'crash.mjs');
    writeFileSync(crashing, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const config: JobConfig = { parse: { script: 'convert', keepBoilerplate: false }, rules: [], format: 'ndjson', pretty: false, color: false, maxBytes: 1 << 20, force: false };
    const executor = await workerExecutor(config, 1, new URL(`file://${crashing}`));
    try {
      const results = await Promise.all([executor.run({ kind: 'file', seq: 0, path: PAGE, out: null }), executor.run({ kind: 'file', seq: 1, path: GBK, out: null })]);
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      // run in the main thread, the output comes in pieces
      expect(JSON.parse([...(results[1] as JobDone).pieces!].join('')).source.encoding).toBe('gb18030');
      // a record's bytes are still there for the retry (they were moved to the dead worker once)
      const bytes = new Uint8Array(readFileSync(GBK));
      const record = await executor.run({ kind: 'record', seq: 2, id: 'r', bytes, path: null, line: 1 });
      expect(record.ok).toBe(true);
      expect(JSON.parse((record as JobDone).text!).tree.source).toMatchObject({ encoding: 'gb18030', bytes: bytes.length });
    } finally {
      await executor.close();
    }
  });

  it('the scheduler keeps input order, bounds what is in flight, and waits for a slow consumer', async () => {
    let inFlight = 0;
    let most = 0;
    const run = async (task: Task): Promise<JobResult> => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, (7 - (task.seq % 7)) * 2));
      inFlight--;
      return { seq: task.seq, ok: true, text: String(task.seq) };
    };
    const seen: string[] = [];
    let started = 0;
    async function* source() {
      for (let i = 0; i < 60; i++) {
        started++;
        yield i;
      }
    }
    let maxAhead = 0;
    await schedule(source(), (_v, seq) => ({ kind: 'ready', seq, result: { ok: true } }) as Task, run, { concurrency: 4, window: 8, ordered: true }, async (r) => {
      maxAhead = Math.max(maxAhead, started - seen.length);
      await new Promise((res) => setTimeout(res, 1));
      seen.push((r as JobDone).text!);
    });
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => String(i)));
    expect(most).toBeLessThanOrEqual(4);
    expect(maxAhead).toBeLessThanOrEqual(9);
    const unordered: number[] = [];
    await schedule([...Array(30).keys()], (_v, seq) => ({ kind: 'ready', seq, result: { ok: true } }) as Task, run, { concurrency: 4, window: 8, ordered: false }, (r) => {
      unordered.push(r.seq);
    });
    expect([...unordered].sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
    await schedule([], () => ({ kind: 'ready', seq: 0, result: { ok: true } }) as Task, run, { concurrency: 2, window: 4, ordered: true }, () => undefined);
  });
});
