// Every input has its line in ndjson: a file that fails is an error line `{"path", "error", "code"}` in its
// place (it was left out, so outputs no longer joined to inputs by position), and a record too long
// to read keeps its `id` in its error line when the line's start holds it.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idInPrefix } from '../src/cli/batch/ndjson.js';

const BIN = new URL('../bin/plan-parse.js', import.meta.url).pathname;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], options: { input?: string; cwd?: string } = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input: options.input, cwd: options.cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const parsedLines = (text: string): Array<Record<string, unknown>> => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('plan-parse FILES -f ndjson', () => {
  it('a failed input is an error line in its place: bad, good, missing give three lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-ndjson-files-'));
    made.push(dir);
    writeFileSync(join(dir, 'bad.txt'), PNG);
    writeFileSync(join(dir, 'good.txt'), '一、指导思想\n');
    const r = cli(['bad.txt', 'good.txt', 'missing.txt', '-f', 'ndjson'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = parsedLines(r.stdout);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ path: 'bad.txt', code: 'binary' });
    expect(Object.keys(lines[0]!)).toEqual(['path', 'error', 'code']);
    expect((lines[1]!['source'] as { path: string }).path).toBe('good.txt');
    expect(lines[2]).toMatchObject({ path: 'missing.txt', code: 'read-failed' });
    // the same lines in -o FILE, and each failure still one line on standard error
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error '))).toHaveLength(2);
    const out = join(dir, 'all.ndjson');
    cli(['bad.txt', 'good.txt', 'missing.txt', '-f', 'ndjson', '-o', out], { cwd: dir });
    expect(parsedLines(readFileSync(out, 'utf8'))).toEqual(lines);
  });
});

describe('--input ndjson: a line too long keeps its id', () => {
  it('read from the line’s start when the id comes before the text', () => {
    const input = [JSON.stringify({ id: { n: 7, tag: 'a"b' }, text: 'x'.repeat(100_000) }), JSON.stringify({ text: 'x'.repeat(100_000), id: 'late' }), JSON.stringify({ id: 3, text: '一、指导思想' })].join('\n');
    const r = cli(['--input', 'ndjson', '--max-bytes', '1k'], { input });
    expect(r.code).toBe(0);
    expect(parsedLines(r.stdout).map((l) => l['id'])).toEqual([{ n: 7, tag: 'a"b' }, null, 3]);
    expect(parsedLines(r.stdout).map((l) => l['code'] ?? null)).toEqual(['record-line-too-long', 'record-line-too-long', null]);
    // the failure's line on standard error names the record by the id read
    expect(r.stderr).toContain('error record {"n":7,"tag":"a\\"b"}: ');
  });

  it('idInPrefix reads the id when the members up to it are whole', () => {
    expect(idInPrefix('{"id": 12, "text": "abc')).toEqual({ id: 12 });
    expect(idInPrefix(' { "path" : "a,b}" , "id":[1,{"x":"]"}],"te')).toEqual({ id: [1, { x: ']' }] });
    expect(idInPrefix('{"id":"a\\"b","text":"')).toEqual({ id: 'a"b' });
    expect(idInPrefix('{"id":12}')).toEqual({ id: 12 });
    expect(idInPrefix('{"text": "abc')).toBeUndefined();
    expect(idInPrefix('{"id": 12')).toBeUndefined(); // the number may go on
    expect(idInPrefix('{"id": "ab')).toBeUndefined();
    expect(idInPrefix('[1, 2')).toBeUndefined();
  });
});

describe('the code of an ndjson error line', () => {
  it('each kind of failure has its code, and the words standard error shows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-ndjson-codes-'));
    made.push(dir);
    // one invalid byte in every two: more than 5% of the text in any encoding
    const garbled = Buffer.from('\x80a'.repeat(400), 'latin1');
    writeFileSync(join(dir, 'garbled.txt'), garbled);
    writeFileSync(join(dir, 'nul.txt'), Buffer.from('AB\0\0C\0D\0\0E', 'latin1'));
    const files = cli(['garbled.txt', 'nul.txt', 'nothing/*.txt', '-f', 'ndjson'], { cwd: dir });
    expect(files.code).toBe(1);
    const fileLines = parsedLines(files.stdout);
    expect(fileLines.map((l) => [l['path'], l['code']])).toEqual([['garbled.txt', 'undecodable'], ['nul.txt', 'binary'], ['nothing/*.txt', 'no-match']]);
    // every failure's words are those of its line on standard error
    const stderrErrors = files.stderr.split('\n').filter((l) => l.startsWith('error '));
    expect(stderrErrors).toEqual([`error garbled.txt: ${fileLines[0]!['error']}`, `error nul.txt: ${fileLines[1]!['error']}`, `error nothing/*.txt: ${fileLines[2]!['error']}`]);
    const input = [
      JSON.stringify({ id: 'garbled', base64: garbled.toString('base64') }),
      'not json',
      JSON.stringify({ id: 'both', text: 'a', base64: 'YQ==' }),
      JSON.stringify({ id: 'ok', text: '一、指导思想' }),
    ].join('\n');
    const records = cli(['--input', 'ndjson'], { input });
    expect(records.code).toBe(0);
    expect(parsedLines(records.stdout).map((l) => l['code'] ?? null)).toEqual(['undecodable', 'record-not-json', 'record-text-and-base64', null]);
  });
});
