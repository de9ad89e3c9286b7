// A batch keeps the pages its sampling pass read (decoded, extracted, converted) for their files' own
// jobs, within a memory budget, and sends each such job to the runner that keeps its page: the work
// is done once, and the trees are the same as when every file is read again.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { compactPrepared, parsePlan, parsePrepared, preparePage, preparedSize, type ParseOptions } from '../src/pipeline.js';
import { makeJobRunner, type JobConfig, type JobDone, type JobResult } from '../src/cli/batch/job.js';
import { largestFirst, useWorkerEntry, workerExecutor } from '../src/cli/batch/pool.js';

const ROOT = new URL('..', import.meta.url).pathname;
const read = (path: string): Buffer => readFileSync(join(ROOT, path));
// the tsc-built worker (the tests run the sources, which have no worker.js beside pool.ts)
useWorkerEntry(pathToFileURL(join(ROOT, 'dist/cli/batch/worker.js')));

const config: JobConfig = { parse: { script: 'convert', keepBoilerplate: false }, rules: [], format: 'ndjson', pretty: false, color: false, maxBytes: 1 << 22, force: false };

/** Inputs of every kind a kept page can come from. */
const INPUTS: ReadonlyArray<{ name: string; input: Uint8Array | string; options: ParseOptions }> = [
  { name: 'simplified text', input: read('fixtures/encodings/seed-simplified-a.txt'), options: {} },
  { name: 'traditional text, converted', input: read('fixtures/encodings/seed-traditional.txt'), options: {} },
  { name: 'traditional text, kept', input: read('fixtures/encodings/seed-traditional.txt'), options: { script: 'keep' } },
  { name: 'GB18030 bytes', input: iconv.encode(read('fixtures/encodings/seed-simplified-b.txt').toString('utf8'), 'gb18030'), options: {} },
  { name: 'Markdown', input: read('fixtures/markdown-html/seed-jiaoshijie-huizong/input.md'), options: { from: 'markdown' } },
  { name: 'HTML', input: read('fixtures/markdown-html/seed-jiaoshijie-huizong/input.html'), options: { from: 'html' } },
  { name: 'a string', input: '一、目标\n（一）提高质量。\n二、措施\n', options: {} },
];

const outcome = (r: JobResult): string => {
  expect(r.ok).toBe(true);
  // a job in this thread gives its output in pieces, a worker's as one text
  const done = r as JobDone;
  return done.text ?? [...(done.pieces ?? [])].join('');
};

describe('a page kept from the sampling pass', () => {
  it.each(INPUTS)('$name: finished from the kept page, compacted or not, the tree is the same as parsing it whole', ({ input, options }) => {
    const whole = JSON.stringify(parsePlan(input, options));
    const page = preparePage(input, options);
    expect(JSON.stringify(parsePrepared(page, options))).toBe(whole);
    const compact = compactPrepared(page);
    expect(preparedSize(compact)).toBeLessThanOrEqual(preparedSize(page));
    expect(JSON.stringify(parsePrepared(compact, options))).toBe(whole);
    expect(JSON.stringify(parsePrepared(compactPrepared(compact), options))).toBe(whole);
  });

  it('a plain-text page kept compact holds no offset map that is the identity', () => {
    const page = preparePage(read('fixtures/encodings/seed-simplified-a.txt'));
    // the decoded text (2 bytes a character) and nothing else
    expect(preparedSize(compactPrepared(page))).toBe(2 * page.text.length);
  });
});

describe('a runner keeps sampled pages for their jobs', () => {
  const withFiles = async (count: number, body: (paths: string[]) => Promise<void>): Promise<void> => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-parse-held-'));
    try {
      const original = Array.from({ length: count }, (_, k) => `第${k + 1}号方案\n一、目标\n（一）提高第${k + 1}项质量。\n二、措施\n`);
      const paths = original.map((text, k) => join(dir, `page-${k}.txt`));
      paths.forEach((path, k) => writeFileSync(path, original[k]!));
      await body(paths);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // a file changed after it was sampled shows which reading its job used
  const changeAll = (paths: readonly string[]): void => {
    for (const path of paths) writeFileSync(path, '改过的文字\n');
  };

  it('a job whose page was kept parses the page as sampled; one asked not to keep it, or over the budget, reads the file again', async () => {
    await withFiles(3, async (paths) => {
      const run = makeJobRunner(config);
      const sampled = await run({ kind: 'sample', seq: 0, path: paths[0]!, keep: true });
      expect(sampled.ok && sampled.held).toBe(true);
      const notAsked = await run({ kind: 'sample', seq: 1, path: paths[1]! });
      expect(notAsked.ok && notAsked.held).toBeFalsy();
      const tight = makeJobRunner(config, 'main', 10);
      const over = await tight({ kind: 'sample', seq: 2, path: paths[2]!, keep: true });
      expect(over.ok && over.held).toBeFalsy();
      changeAll(paths);
      const kept = outcome(await run({ kind: 'file', seq: 0, path: paths[0]!, out: null }));
      expect(kept).toContain('提高第1项质量');
      expect(kept).not.toContain('改过的文字');
      expect(outcome(await run({ kind: 'file', seq: 1, path: paths[1]!, out: null }))).toContain('改过的文字');
      expect(outcome(await tight({ kind: 'file', seq: 2, path: paths[2]!, out: null }))).toContain('改过的文字');
      // a page is used once: the file's next job reads it
      expect(outcome(await run({ kind: 'file', seq: 3, path: paths[0]!, out: null }))).toContain('改过的文字');
    });
  });

  it('on worker threads, each file whose page was kept goes to the worker that keeps it', async () => {
    await withFiles(12, async (paths) => {
      const pool = await workerExecutor(config, 2);
      try {
        const samples = await Promise.all(paths.map((path, seq) => pool.run({ kind: 'sample', seq, path, keep: true })));
        expect(samples.every((r) => r.ok && r.held === true)).toBe(true);
        changeAll(paths);
        // in the other order: spread over the workers as they come, most would go to the other worker
        const results = await Promise.all([...paths.keys()].reverse().map((k) => pool.run({ kind: 'file', seq: k, path: paths[k]!, out: null })));
        for (const r of results) expect(outcome(r)).toContain(`提高第${r.seq + 1}项质量`);
        // the pages were let go: the files' next jobs read them
        const next = await Promise.all(paths.map((path, seq) => pool.run({ kind: 'file', seq, path, out: null })));
        for (const r of next) expect(outcome(r)).toContain('改过的文字');
      } finally {
        await pool.close();
      }
    });
  });
});

describe('start order with kept pages', () => {
  it('the files whose pages are kept start first in their block, then the largest', () => {
    expect(largestFirst([1, 5, 3, 5, 9, 2, 8], 4, new Set([0, 6]))).toEqual([0, 1, 3, 2, 6, 4, 5]);
    expect(largestFirst([1, 5, 3, 5, 9, 2, 8], 4, new Set())).toEqual(largestFirst([1, 5, 3, 5, 9, 2, 8], 4));
  });
});
