// The flags users know from other tools (issue #19): -V, --color=WHEN, NO_COLOR, FORCE_COLOR,
// -o -, --compact/--pretty, one default per option in --help, the README's GNU parallel recipe.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { colourFor } from '../src/cli/colour.js';
import { join } from 'node:path';
import { errorLineOf, NO_SUCH_FILE } from './helpers/problems.js';
import { runInProcess } from './helpers/in-process.js';

const BIN = new URL('../bin/plan-parse.js', import.meta.url).pathname;
const PAGE = new URL('../fixtures/pages/seed-jiaoyuju-jihua-daquan/input.txt', import.meta.url).pathname;
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const ESC = '\u001b[';
/** The recipe names a saved template (--template site.json). */
const EMPTY_TEMPLATE = '{"planParseTemplate": 1, "sampled": 0, "plans": 0, "lines": []}\n';

function cli(args: string[], env: Record<string, string | undefined> = {}, input?: string) {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base['NO_COLOR'];
  delete base['FORCE_COLOR'];
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...base, ...env } as NodeJS.ProcessEnv });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('familiar flags', () => {
  it('-V and --version print the version; -v stays an alias', () => {
    for (const flag of ['-V', '--version', '-v']) expect(cli([flag]).stdout, flag).toBe(`${VERSION}\n`);
  });
  it('--color=always, --color alone and FORCE_COLOR colour a pipe; --color=never, --no-color and NO_COLOR do not', async () => {
    const out = async (args: string[], env: Record<string, string> = {}) => (await runInProcess(args, env)).stdout;
    expect(await out([PAGE, '-f', 'outline', '--color=always'])).toContain(ESC);
    expect(await out(['--color', PAGE, '-f', 'outline'])).toContain(ESC); // the word after --color stays an input
    expect(await out([PAGE, '-f', 'outline'], { FORCE_COLOR: '1' })).toContain(ESC);
    expect(await out([PAGE, '-f', 'outline'], { FORCE_COLOR: '0' })).not.toContain(ESC);
    expect(await out([PAGE, '-f', 'outline'])).not.toContain(ESC);
    expect(await out([PAGE, '-f', 'outline', '--color=never'], { FORCE_COLOR: '1' })).not.toContain(ESC);
    expect(await out([PAGE, '-f', 'outline', '--no-color'], { FORCE_COLOR: '1' })).not.toContain(ESC);
    expect(await out([PAGE, '-f', 'outline', '--color=auto'])).not.toContain(ESC);
    // standard error too
    expect((await runInProcess(['/no/such/file.txt', '--color=always'])).stderr).toContain(`${ESC}31merror`);
    expect((await runInProcess(['/no/such/file.txt'])).stderr).toBe(`${errorLineOf('/no/such/file.txt', NO_SUCH_FILE)}\n`);
    expect((await runInProcess([PAGE, '--color=sometimes'])).code).toBe(2);
    // the same through the installed command, once each way
    expect(cli([PAGE, '-f', 'outline', '--color=always']).stdout).toContain(ESC);
    expect(cli([PAGE, '-f', 'outline']).stdout).not.toContain(ESC);
  });
  it('NO_COLOR is honoured only when set and not empty (on a terminal)', () => {
    expect(colourFor('auto', true, {})).toBe(true);
    expect(colourFor('auto', true, { NO_COLOR: '' })).toBe(true);
    expect(colourFor('auto', true, { NO_COLOR: '1' })).toBe(false);
    expect(colourFor('auto', true, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(true);
    expect(colourFor('auto', false, { FORCE_COLOR: '' })).toBe(true);
    expect(colourFor('auto', true, { FORCE_COLOR: 'false' })).toBe(false);
    expect(colourFor('always', false, { NO_COLOR: '1' })).toBe(true);
  });
  it('NO_COLOR in a spawned run', () => {
    expect(cli([PAGE, '-f', 'outline', '--color=auto'], { NO_COLOR: '1', FORCE_COLOR: undefined }).stdout).not.toContain(ESC);
    // set and empty: as if not set (here a pipe: no colour either way); FORCE_COLOR then decides alone
    expect(cli([PAGE, '-f', 'outline'], { NO_COLOR: '', FORCE_COLOR: '1' }).stdout).toContain(ESC);
  });
  it('-o - writes to standard output (no file named -)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-flags-'));
    const r = spawnSync(process.execPath, [BIN, PAGE, '-o', '-'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).type).toBe('root');
    expect(readdirSync(dir)).toEqual([]);
    expect(r.stdout).toBe(cli([PAGE]).stdout);
  });
  it('--compact writes one line, --pretty indents; both is a usage error; the default in a pipe is unchanged', () => {
    const plain = cli([PAGE]).stdout;
    expect(cli([PAGE, '--compact']).stdout).toBe(plain);
    expect(plain.trim().split('\n')).toHaveLength(1);
    const pretty = cli([PAGE, '--pretty']).stdout;
    expect(pretty.split('\n').length).toBeGreaterThan(10);
    expect(JSON.parse(pretty)).toEqual(JSON.parse(plain));
    expect(cli([PAGE, '--pretty', '--compact']).code).toBe(2);
  });
  it('--help gives each default once', () => {
    const help = cli(['--help']).stdout.replace(/\s+/gu, ' '); // commander wraps long lines
    expect(help.match(/default: "json"/gu)).toHaveLength(1);
    expect(help).toContain('-V, --version');
    expect(help).toContain('--color [when]');
  });
  it("the README's GNU parallel recipe over files writes into the folder even when a job gets one file", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const recipe = /^find pages -name '\*\.txt' -print0 \| parallel -0 -X (plan-parse .*)$/mu.exec(readme);
    expect(recipe).not.toBeNull();
    const args = recipe![1]!.split(' ').slice(1);
    const dir = mkdtempSync(join(tmpdir(), 'pp-parallel-'));
    mkdirSync(join(dir, 'pages'));
    writeFileSync(join(dir, 'pages', 'one.txt'), readFileSync(PAGE));
    writeFileSync(join(dir, 'site.json'), EMPTY_TEMPLATE);
    // the job GNU parallel runs when it hands plan-parse one file
    const r = spawnSync(process.execPath, [BIN, 'pages/one.txt', ...args], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'trees', 'pages'))).toEqual(['one.json']);
    // and with a real GNU parallel when it is installed
    if (spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status !== 0) return console.log('GNU parallel is not installed: the one-file job was run directly');
    const real = mkdtempSync(join(tmpdir(), 'pp-parallel-'));
    mkdirSync(join(real, 'pages'));
    writeFileSync(join(real, 'site.json'), EMPTY_TEMPLATE);
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(join(real, 'pages', name), readFileSync(PAGE));
    const shell = `find pages -name '*.txt' -print0 | parallel -0 -X -N1 node ${BIN} ${args.join(' ')}`;
    const p = spawnSync('bash', ['-c', shell], { cwd: real, encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
    expect(readdirSync(join(real, 'trees', 'pages')).sort()).toEqual(['a.json', 'b.json', 'c.json']);
  });
});
