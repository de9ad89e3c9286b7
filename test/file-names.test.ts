// File names as the system has them: bytes that need not be UTF-8 (GBK names are common on Chinese
// systems), a backslash that is a character on POSIX, and control characters that must not reach
// the terminal raw (a name holding a line break forged an `error …` line of its own).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorLineOf, PNG_FILE } from './helpers/problems.js';
import { displayPath, fsPath, nameFromBytes } from '../src/text/file-names.js';
import { printable } from '../src/text/printable.js';
import { safeRelative } from '../src/cli/batch/paths.js';
import { removeOwnTemporaries, removeStaleTemporaries } from '../src/cli/batch/temporaries.js';
import { checkOutputFolder } from '../src/cli/batch/outdir.js';

const BIN = new URL('../bin/plan-parse.js', import.meta.url).pathname;
/** 工作计划.txt in GBK: not UTF-8. */
const GBK_NAME = Buffer.concat([Buffer.from([0xb9, 0xa4, 0xd7, 0xf7, 0xbc, 0xc6, 0xbb, 0xae]), Buffer.from('.txt')]);
const PAGE = '一、指导思想\n坚持育人为本。\n';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-names-'));
  made.push(dir);
  return dir;
};

function cli(args: string[], options: { input?: string | Buffer; cwd?: string } = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input: options.input, cwd: options.cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder holding a file whose name is `name` (bytes), with `content`. */
function folderWith(name: Buffer, content: string | Buffer): string {
  const dir = temp();
  mkdirSync(join(dir, 'in'));
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/in/`), name]), content);
  return dir;
}

describe('names as bytes', () => {
  it('any bytes read as a name give the same bytes back to the system; UTF-8 names stay as they are', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const name = nameFromBytes(bytes);
        expect(Buffer.from(fsPath(name))).toEqual(Buffer.from(bytes));
        expect(displayPath(name).isWellFormed()).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(nameFromBytes(Buffer.from(text))).toBe(text);
        expect(fsPath(text)).toBe(text);
      }),
    );
    // C6 BB happens to be UTF-8 (ƻ): it reads as that character, the other bytes as escapes
    expect(displayPath(nameFromBytes(GBK_NAME))).toBe('\\xB9\\xA4\\xD7\\xF7\\xBCƻ\\xAE.txt');
  });

  it('a GBK-named file in a folder converts, to an output of the same name bytes', () => {
    const dir = folderWith(GBK_NAME, PAGE);
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.stderr).not.toContain('error ');
    expect(r.code, r.stderr).toBe(0);
    const outputs = readdirSync(join(dir, 'out'), { encoding: 'buffer' });
    expect(outputs).toEqual([Buffer.concat([GBK_NAME.subarray(0, -4), Buffer.from('.json')])]);
    const tree = JSON.parse(readFileSync(Buffer.concat([Buffer.from(`${dir}/out/`), outputs[0]!]), 'utf8'));
    expect(tree.source.path).toBe(`${join(dir, 'in')}/\\xB9\\xA4\\xD7\\xF7\\xBCƻ\\xAE.txt`);
    expect(tree.children[0].children[0].title).toBe('指导思想');
  });

  it('a GBK name from find -print0 (plan-parse -0) names its file', () => {
    const dir = folderWith(GBK_NAME, PAGE);
    const r = cli(['-0', '-f', 'ndjson'], { input: Buffer.concat([Buffer.from('in/'), GBK_NAME, Buffer.from([0])]), cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe.runIf(process.platform !== 'win32')('a backslash is a character of a name on POSIX', () => {
  it('a\\b.txt and a/b.txt are two inputs with two outputs', () => {
    const dir = folderWith(Buffer.from('a\\b.txt'), '一、反斜杠\n');
    mkdirSync(join(dir, 'in/a'));
    writeFileSync(join(dir, 'in/a/b.txt'), '一、子目录\n');
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/a\\b.json'), 'utf8')).children[0].children[0].text).toBe('反斜杠');
    expect(JSON.parse(readFileSync(join(dir, 'out/a/b.json'), 'utf8')).children[0].children[0].text).toBe('子目录');
  });

  it('safeRelative splits at / only (and at \\ too when told, as on Windows)', () => {
    expect(safeRelative('a\\b.txt')).toBe('a\\b.txt');
    expect(safeRelative('..\\..\\x.txt')).toBe('..\\..\\x.txt');
    expect(safeRelative('a\\..\\b.txt', /[\\/]+/u)).toBe('a/__/b.txt');
  });
});

describe('names are printed escaped: one message, one line', () => {
  it('printable escapes control characters, separators, bidirectional overrides and bytes that are not UTF-8', () => {
    expect(printable('a\nb\r\tc\u001b[31m\u007f\u0085\u2028\u202e😀')).toBe('a\\nb\\r\\tc\\x1B[31m\\x7F\\x85\\u{2028}\\u{202E}😀');
    expect(printable(nameFromBytes(Buffer.from([0x61, 0xff])))).toBe('a\\xFF');
    expect(printable('工作计划.txt')).toBe('工作计划.txt');
  });

  it('a failing file whose name holds a line break and an escape is one error line, escaped', () => {
    const name = 'x\nerror forged.txt: boom\u001b[31m.txt';
    const dir = folderWith(Buffer.from(name), PNG);
    writeFileSync(join(dir, 'in/good.txt'), PAGE);
    const r = cli([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines.filter((l) => l.startsWith('error '))).toEqual([errorLineOf(`${join(dir, 'in')}/x\\nerror forged.txt: boom\\x1B[31m.txt`, PNG_FILE)]);
    expect(r.stderr).not.toContain('\u001b');
  });
});

describe("names that are not UTF-8 in the temporary files' upkeep and the OUTDIR probe", () => {
  /** A temporary file of plan-parse's naming for output NAME (bytes) of process `pid`, in `dir`. */
  const temporaryFor = (dir: string, name: Buffer, pid: number): Buffer => {
    const path = Buffer.concat([Buffer.from(`${dir}/.`), name, Buffer.from(`.${pid}-t-1.tmp`)]);
    writeFileSync(path, 'partial');
    return path;
  };
  const namesIn = (dir: string): Buffer[] => readdirSync(dir, { encoding: 'buffer' });

  it('a stale temporary file of a GBK-named output is removed, and one of this process', async () => {
    const dir = temp();
    const output = join(dir, nameFromBytes(GBK_NAME));
    temporaryFor(dir, GBK_NAME, 999_999_999);
    expect(await removeStaleTemporaries([output], { isAlive: () => false })).toHaveLength(1);
    expect(namesIn(dir)).toEqual([]);
    temporaryFor(dir, GBK_NAME, process.pid);
    expect(removeOwnTemporaries([output])).toBe(1);
    expect(namesIn(dir)).toEqual([]);
  });

  it('an OUTDIR whose name is not UTF-8 is made and probed, the probe removed', async () => {
    const dir = temp();
    const outDir = join(dir, nameFromBytes(GBK_NAME));
    expect(await checkOutputFolder(outDir)).toBeNull();
    expect(namesIn(dir)).toEqual([GBK_NAME]);
    expect(readdirSync(fsPath(outDir))).toEqual([]);
  });
});
