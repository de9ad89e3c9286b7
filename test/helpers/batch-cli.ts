// Shared by the batch tests: the command run as a child process, fixture pages, small folders.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const BIN = new URL('../../bin/plan-parse.js', import.meta.url).pathname;
export const FIX = new URL('../../fixtures/', import.meta.url).pathname;
export const PAGE = join(FIX, 'pages/seed-jiaoyuju-jihua-daquan/input.txt');
export const GBK = join(FIX, 'roundtrip/jiaoyuju-jihua-daquan.gb18030.txt');
export const BIG5 = join(FIX, 'roundtrip/gaozhiliang-fazhan-fanti.big5.txt');
export const UTF16 = join(FIX, 'roundtrip/jiaoshijie-huizong.utf-16le.txt');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], options: { input?: string | Buffer; cwd?: string; uid?: number; gid?: number } = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input,
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function sh(script: string, cwd: string): Ran {
  const r = spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', BIN, NODE: process.execPath } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const temp = (): string => mkdtempSync(join(tmpdir(), 'pp-batch-'));

/** A folder of pages: a.txt, sub/b.txt (GBK), sub/deep/c.md, notes.csv (not text). */
export function pages(): string {
  const dir = temp();
  mkdirSync(join(dir, 'in/sub/deep'), { recursive: true });
  copyFileSync(PAGE, join(dir, 'in/a.txt'));
  copyFileSync(GBK, join(dir, 'in/sub/b.txt'));
  copyFileSync(PAGE, join(dir, 'in/sub/deep/c.md'));
  writeFileSync(join(dir, 'in/notes.csv'), 'a,b\n');
  return dir;
}

export const files = (dir: string): string[] => {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
};

export const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
export const errorLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('error '));
