// The same page saved in another encoding gives the same tree as the UTF-8 original, apart from `source`.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/index.js';
import type { RootNode } from '../src/types.js';
import { FIXTURES } from './helpers/tree.js';

const dir = join(FIXTURES, 'roundtrip');
const withoutSource = (t: RootNode): Omit<RootNode, 'source'> => {
  const { source: _source, ...rest } = t;
  return rest;
};

describe('encodings round-trip', () => {
  const files = readdirSync(dir).filter((f) => !f.endsWith('.utf-8.txt'));
  for (const file of files) {
    const [page, encoding] = file.split('.') as [string, string];
    it(`${page} as ${encoding}`, () => {
      const original = parsePlan(readFileSync(join(dir, `${page}.utf-8.txt`)));
      const encoded = parsePlan(readFileSync(join(dir, file)));
      expect(encoded.source.encoding).toBe(encoding);
      expect(encoded.diagnostics.filter((d) => d.code === 'invalid-bytes')).toEqual([]);
      expect(withoutSource(encoded)).toEqual(withoutSource(original));
    });
  }
});
