// One loop over fixtures/pages/<case>/: the whole output tree must equal expected.json.
// UPDATE=1 rewrites the expectations; read every rewritten file before committing it.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/index.js';
import { pageCases, portable } from './helpers/tree.js';

const update = process.env.UPDATE === '1';

describe('page fixtures: whole output', () => {
  for (const c of pageCases('pages')) {
    it(c.name, () => {
      const tree = portable(parsePlan(readFileSync(c.inputFile), { ...c.options, path: c.inputFile }));
      const expectedFile = join(c.dir, 'expected.json');
      if (!update && !existsSync(expectedFile)) throw new Error(`${expectedFile} is missing: run with UPDATE=1 and read it`);
      if (update) writeFileSync(expectedFile, JSON.stringify(tree, null, 2) + '\n');
      expect(tree).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }
});
