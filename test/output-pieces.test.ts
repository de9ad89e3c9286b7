// A large tree is written in pieces, never as one string: JSON.stringify of a page of 1,000,000
// numbered lines made one string of 395 million characters (790 MB; the run peaked at 2.7 GB, and
// a little more input passes the longest string V8 can hold). The command is run in this process,
// with JSON.stringify watched: no call may return more than a piece.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../src/cli/main.js';
import { collector } from './helpers/in-process.js';

const LINES = 30_000;
/** Longer than any piece (64 K characters and the value that fills it), far shorter than the output. */
const LONGEST_STRING = 1 << 20;

async function runWatched(argv: string[]): Promise<{ code: number; stdout: string; longest: number }> {
  const stringify = JSON.stringify;
  let longest = 0;
  const spy = vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
    const out = stringify(...args);
    if (typeof out === 'string') longest = Math.max(longest, out.length);
    return out;
  });
  try {
    const stdout = collector();
    const stdin = new PassThrough();
    stdin.end();
    const code = await run({ argv, stdin, stdout, stderr: collector(), env: { NO_COLOR: '1' } });
    return { code, stdout: stdout.text(), longest };
  } finally {
    spy.mockRestore();
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe(`a page of ${LINES.toLocaleString('en')} numbered lines`, () => {
  const page = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-pieces-'));
    dirs.push(dir);
    const file = join(dir, 'flood.txt');
    writeFileSync(file, '一、标题\n'.repeat(LINES));
    return file;
  };

  it('goes to standard output as JSON in pieces', async () => {
    const file = page();
    const r = await runWatched([file]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(5 * LONGEST_STRING); // about 6 M characters (its repeats are capped at 100 diagnostics)
    expect(r.longest).toBeLessThan(LONGEST_STRING);
    expect(JSON.parse(r.stdout).children[0].children).toHaveLength(LINES);
  }, 120_000);

  it('goes to a file (-o) in pieces, pretty too', async () => {
    const file = page();
    const out = `${file}.json`;
    const r = await runWatched([file, '-o', out, '--pretty']);
    expect(r.code).toBe(0);
    expect(r.longest).toBeLessThan(LONGEST_STRING);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').length).toBeGreaterThan(LINES);
    expect(JSON.parse(text).children[0].children).toHaveLength(LINES);
  }, 120_000);
});
