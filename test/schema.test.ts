// Every fixture's output validates against the shipped JSON Schema.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { parsePlan } from '../src/index.js';
import { pageCases } from './helpers/tree.js';

const schema = JSON.parse(readFileSync(new URL('../schema/plan-tree.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

export function schemaErrors(tree: unknown): string {
  return validate(tree) ? '' : JSON.stringify(validate.errors?.slice(0, 5), null, 1);
}

describe('JSON Schema', () => {
  for (const group of ['pages', 'outline']) {
    for (const c of pageCases(group)) {
      it(`${group}/${c.name} validates`, () => {
        const tree = parsePlan(readFileSync(c.inputFile), { ...c.options, path: c.inputFile });
        expect(schemaErrors(JSON.parse(JSON.stringify(tree)))).toBe('');
      });
    }
  }
  it('rejects a tree with a wrong node type', () => {
    const tree = JSON.parse(JSON.stringify(parsePlan('一、指导思想\n坚持育人为本。')));
    tree.children[0].children[0].type = 'chapter';
    expect(schemaErrors(tree)).not.toBe('');
  });
});
