// The JSON Schema, the TypeScript types and the README table of fields describe the same fields
// for every node type, in the same order, and the schema's version is the types' SCHEMA_VERSION.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SCHEMA_VERSION } from '../src/types.js';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const schema = JSON.parse(read('schema/plan-tree.schema.json')) as {
  required: string[];
  properties: Record<string, unknown> & { schemaVersion: { const: number } };
  definitions: Record<string, { required: string[]; properties: Record<string, unknown> }>;
};
const typesSource = read('src/types.ts');
const readme = read('README.md');

const NODES = { root: 'RootNode', document: 'DocumentNode', section: 'SectionNode', item: 'ItemNode', paragraph: 'ParagraphNode' } as const;
type NodeType = keyof typeof NODES;

/** The fields of `export interface NAME { … }` in src/types.ts, in order, `type` left out; optional ones marked `?`. */
function interfaceFields(name: string): string[] {
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`, 'u').exec(typesSource)?.[1];
  if (body === undefined) throw new Error(`no interface ${name} in src/types.ts`);
  return [...body.matchAll(/^ {2}readonly (\w+)(\??):/gmu)].map((m) => m[1]! + m[2]!).filter((f) => f !== 'type');
}

/** The fields the schema gives the node, in order, `type` left out; optional ones marked `?`. */
function schemaFields(node: NodeType): string[] {
  const def = node === 'root' ? schema : schema.definitions[node]!;
  return Object.keys(def.properties).filter((f) => f !== 'type').map((f) => (def.required.includes(f) ? f : `${f}?`));
}

/** The fields the README's table of the Output section lists for the node: its backquoted names, outside brackets. */
function readmeFields(node: NodeType): string[] {
  const row = readme.split('\n').find((line) => line.startsWith(`| \`${node}\` |`));
  if (row === undefined) throw new Error(`no README table row for ${node}`);
  const cell = row.split('|')[2]!.replace(/\([^)]*\)/gu, '').replace(/\{[^}]*\}/gu, '');
  return [...cell.matchAll(/`(\w+)`/gu)].map((m) => m[1]!);
}

describe('schema, types and README agree', () => {
  it(`the schema is version ${SCHEMA_VERSION}`, () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(schema.properties.schemaVersion.const).toBe(SCHEMA_VERSION);
  });
  for (const [node, name] of Object.entries(NODES) as [NodeType, string][]) {
    it(`${node}: the same fields in the schema, ${name} and the README table`, () => {
      const typed = interfaceFields(name);
      expect(schemaFields(node)).toEqual(typed);
      // the README table names the fields; optional ones are said in prose
      expect(readmeFields(node)).toEqual(typed.map((f) => f.replace(/\?$/u, '')));
    });
  }
});
