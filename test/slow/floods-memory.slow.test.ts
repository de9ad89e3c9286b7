// Slow: a 20 MB page of any flood shape (bench/floods.mjs: numbered floods, one long line, a long
// ordinary page) converts to JSON with the JavaScript heap bounded at 600 MB. A bound, not a timing:
// before the memory work, 20 MB of `一、标题` lines needed 2.1 GB and ran out of heap under this flag;
// every shape fits since a marker match has one fixed shape and the tree is placed without a copy
// (its peak resident memory, heap and all, is now 550-600 MB: npm run bench).
// `npm run bench` measures the peak resident memory of the same conversions.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLOOD_SHAPES, floodFile } from '../../bench/floods.mjs';

const BIN = new URL('../../bin/plan-parse.js', import.meta.url).pathname;
const MB = 20;
const HEAP_MB = 600;
const dir = mkdtempSync(join(tmpdir(), 'plan-parse-floods-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`a ${MB} MB page converts to JSON within a ${HEAP_MB} MB heap`, () => {
  for (const shape of FLOOD_SHAPES as readonly string[]) {
    it(shape, () => {
      const file = floodFile(dir, shape, MB);
      const out = `${file}.json`;
      const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, file, '-o', out], { encoding: 'utf8' });
      expect(r.status, r.stderr.slice(-2000)).toBe(0);
      expect(statSync(out).size).toBeGreaterThan(0);
      rmSync(out);
      rmSync(file);
    }, 600_000);
  }
});

// The yaml package models a whole document before writing it: 2 MB of `N. …` lines ran out of a 200 MB
// heap (aborted, with no message) before YAML was written in pieces (emit/yaml.ts yamlChunks).
describe('a 2 MB flood converts to YAML within a 200 MB heap', () => {
  it('arabic-run', () => {
    const file = floodFile(dir, 'arabic-run', 2);
    const out = `${file}.yaml`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=200', BIN, file, '-f', 'yaml', '-o', out], { encoding: 'utf8' });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(0);
    rmSync(out);
    rmSync(file);
  }, 600_000);
});
