// fixtures/outline/<case>/: a hand-checked expected.outline per page, compared as the scorer compares.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/index.js';
import { pageCases } from './helpers/tree.js';
import { comparable, comparableTree } from './helpers/outline-compare.js';

describe('outline fixtures', () => {
  for (const c of pageCases('outline')) {
    it(c.name, () => {
      const expected = comparable(readFileSync(join(c.dir, 'expected.outline'), 'utf8').split('\n'));
      const actual = comparableTree(parsePlan(readFileSync(c.inputFile), { ...c.options, path: c.inputFile }));
      expect(actual.join('\n')).toBe(expected.join('\n'));
    });
  }
});
