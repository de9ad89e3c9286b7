// The spawned command, as a user runs it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync, existsSync, type writeSync } from 'node:fs';
import { writeFully } from '../src/cli/batch/sink.js';
import { fill, mountTmpfs } from './helpers/small-disk.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorLineOf, NO_SUCH_FILE } from './helpers/problems.js';

const BIN = new URL('../bin/plan-parse.js', import.meta.url).pathname;
const PAGE = new URL('../fixtures/pages/seed-jiaoyuju-jihua-daquan/input.txt', import.meta.url).pathname;

function cli(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('plan-parse command', () => {
  it('prints the tree as compact JSON when piped', () => {
    const r = cli([PAGE]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const tree = JSON.parse(r.stdout);
    expect(tree.type).toBe('root');
    expect(tree.children[0].title).toBe('教育局工作计划(一)');
  });
  it('--pretty indents', () => {
    expect(cli([PAGE, '--pretty']).stdout.split('\n').length).toBeGreaterThan(10);
  });
  it('reads standard input with - or no argument', () => {
    const text = readFileSync(PAGE);
    expect(JSON.parse(cli(['-'], text).stdout).source.path).toBeNull();
    expect(JSON.parse(cli([], text).stdout).children).toHaveLength(1);
  });
  it('--format yaml', () => {
    const r = cli([PAGE, '--format', 'yaml']);
    expect(r.stdout).toMatch(/^type: root/u);
  });
  it('--format outline and --format text', () => {
    expect(cli([PAGE, '-f', 'outline']).stdout).toContain('1. 学前教育');
    const text = cli([PAGE, '-f', 'text']).stdout;
    expect(text.startsWith('教育局工作计划(一)\n工作目标')).toBe(true);
    expect(text).not.toContain('原创力文档');
  });
  it('-o writes the file, and refuses to replace it without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-'));
    const out = join(dir, 'out.json');
    expect(cli([PAGE, '-o', out]).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).type).toBe('root');
    const again = cli([PAGE, '-o', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect(cli([PAGE, '-o', out, '--force']).code).toBe(0);
  });
  it('--vocabulary converts regional words; without it a Taiwan page keeps its own (in simplified characters)', () => {
    const page = '臺北市國民小學資訊教育計畫\n一、核心功能\n（一）建立使用者資料來源清單。\n';
    const plain = JSON.parse(cli(['-'], page).stdout);
    expect(plain.source.conversion).toMatchObject({ opencc: 'tw', vocabulary: false });
    expect(JSON.stringify(plain.children)).toContain('建立使用者资料来源清单');
    const words = JSON.parse(cli(['-', '--vocabulary'], page).stdout);
    expect(words.source.conversion).toMatchObject({ opencc: 'twp', vocabulary: true });
    expect(JSON.stringify(words.children)).toContain('创建用户数据源清单');
    expect(cli(['--help']).stdout).toContain('--vocabulary');
  });
  it('never overwrites its input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-'));
    const input = join(dir, 'page.txt');
    writeFileSync(input, '一、指导思想\n');
    const r = cli([input, '-o', input, '--force']);
    expect(r.code).toBe(1);
    expect(readFileSync(input, 'utf8')).toBe('一、指导思想\n');
  });
  it('a missing file is one line naming it, exit 1, and the other files still convert', () => {
    const r = cli(['/no/such/file.txt', PAGE]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([errorLineOf('/no/such/file.txt', NO_SUCH_FILE)]);
    expect(JSON.parse(r.stdout).type).toBe('root');
  });
  it('usage errors exit 2', () => {
    expect(cli([PAGE, '--format', 'xml']).code).toBe(2);
    const r = cli([PAGE, '--encoding', 'klingon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown encoding 'klingon'");
  });
  it('--help lists options with examples; --version prints the version', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--format');
    expect(help.stdout).toContain('Examples:');
    for (const words of ['--skip-existing', '--timeout <seconds>', 'plan-parse pages/ -o trees/ --skip-existing', '130/143 stopped by SIGINT/SIGTERM']) expect(help.stdout).toContain(words);
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/u);
  });
  it('schema prints the JSON Schema', () => {
    const schema = JSON.parse(cli(['schema']).stdout);
    expect(schema.title).toContain('plan tree');
  });
  it('--encoding forces the decoding', () => {
    const gbk = readFileSync(new URL('../fixtures/roundtrip/jiaoyuju-jihua-daquan.gb18030.txt', import.meta.url));
    const tree = JSON.parse(cli(['-', '--encoding', 'gbk'], gbk).stdout);
    expect(tree.source.encoding).toBe('gb18030');
    expect(tree.source.encodingConfidence).toBe(1);
  });
  it('--rules adds a rule of the user; a bad rules file is a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-'));
    const rules = join(dir, 'site.yaml');
    writeFileSync(rules, "rules:\n  - name: my-site\n    scope: line\n    patterns: ['^具体工作及措施$']\n");
    const tree = JSON.parse(cli([PAGE, '--rules', rules]).stdout);
    expect(tree.removed.some((r: { rule: string }) => r.rule === 'my-site')).toBe(true);
    writeFileSync(rules, 'rules: 3\n');
    const bad = cli([PAGE, '--rules', rules]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(rules);
    expect(existsSync(rules)).toBe(true);
  });
});

describe('--from', () => {
  it('reads standard input as Markdown when told', () => {
    const tree = JSON.parse(cli(['-', '--from', 'markdown'], '## 一、指导思想\n\n坚持育人为本。\n').stdout);
    expect(tree.source.format).toBe('markdown');
    expect(tree.children[0].children[0].title).toBe('指导思想');
  });
  it('an unknown format is a usage error', () => {
    expect(cli(['-', '--from', 'xml'], 'x').code).toBe(2);
  });
});

describe('writes that fail', () => {
  const toFile = (args: string[], path: string) => {
    const fd = openSync(path, 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return { code: r.status, stderr: r.stderr };
    } finally {
      closeSync(fd);
    }
  };

  it('standard output on a full disk: exit 1 and one line (Node drops what a short write leaves over)', (ctx) => {
    const disk = mountTmpfs(64);
    if (typeof disk === 'string') return ctx.skip(disk);
    try {
      fill(disk.dir, 64, 4096);
      expect(cli([PAGE]).stdout.length).toBeGreaterThan(4096);
      const r = toFile([PAGE], join(disk.dir, 'x.json'));
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`${errorLineOf('standard output', { code: 'stream-write-failed', args: { errno: 'ENOSPC' } })}\n`);
    } finally {
      disk.release();
    }
  });

  it('standard output to /dev/full: exit 1 and one line', () => {
    const r = toFile([PAGE], '/dev/full');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${errorLineOf('standard output', { code: 'stream-write-failed', args: { errno: 'ENOSPC' } })}\n`);
  });

  it('a reader going away (EPIPE) is no error', () => {
    const r = spawnSync('sh', ['-c', `"$NODE" "$BIN" "$PAGE" "$PAGE" "$PAGE" -f text | head -c 1 > /dev/null; echo "$?"`], { encoding: 'utf8', env: { ...process.env, NODE: process.execPath, BIN, PAGE } });
    expect(r.stderr).toBe('');
  });

  it('help, version and schema: a reader that went away ends the command quietly; a full disk is one line and exit 1', () => {
    for (const args of [['--help'], ['-V'], ['-v'], ['schema']]) {
      // the reader is gone before the command writes: `true` reads nothing
      const r = spawnSync('sh', ['-c', `"$NODE" "$BIN" ${args.join(' ')} | true`], { encoding: 'utf8', env: { ...process.env, NODE: process.execPath, BIN } });
      expect(r.stderr, args.join(' ')).toBe('');
      const full = toFile(args, '/dev/full');
      expect(full.code, args.join(' ')).toBe(1);
      expect(full.stderr).toBe(`${errorLineOf('standard output', { code: 'stream-write-failed', args: { errno: 'ENOSPC' } })}\n`);
    }
  });

  it("standard error's reader going away: the run goes on, writes its outputs and exits as it would", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-'));
    // the reader of standard error is gone before the run writes its first line there (`true` reads nothing)
    const exitOf = (inputs: string[], out: string): number | null =>
      spawnSync('bash', ['-c', '"$NODE" "$BIN" "$@" --verbose -o "$OUT" 2>&1 >/dev/null | true; exit "${PIPESTATUS[0]}"', 'sh', ...inputs], { env: { ...process.env, NODE: process.execPath, BIN, OUT: join(dir, out) } }).status;
    expect(exitOf([PAGE], 'one.json')).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'one.json'), 'utf8')).type).toBe('root');
    expect(exitOf([PAGE, join(dir, 'missing.txt')], 'two')).toBe(1);
    expect(readdirSync(join(dir, 'two'), { recursive: true }).some((name) => String(name).endsWith('.json'))).toBe(true);
  });

  it('writeFully writes what a short write leaves over, and passes a failure on', () => {
    const written: number[] = [];
    const shortWrites = ((_fd: number, bytes: Uint8Array, offset: number, length: number): number => {
      const n = Math.min(3, length);
      written.push(...bytes.subarray(offset, offset + n));
      return n;
    }) as unknown as typeof writeSync;
    writeFully(7, Buffer.from('一二三四'), shortWrites);
    expect(Buffer.from(written).toString()).toBe('一二三四');
    let calls = 0;
    const fillsUp = ((_fd: number, _b: Uint8Array, _o: number, length: number): number => {
      if (calls++ === 0) return Math.min(5, length);
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    }) as unknown as typeof writeSync;
    expect(() => writeFully(7, Buffer.from('一二三四'), fillsUp)).toThrow('no space');
  });
});
