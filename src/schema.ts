// The JSON Schema of the output tree, shipped as schema/plan-tree.schema.json.
import { readFileSync } from 'node:fs';

export const SCHEMA_URL = new URL('../schema/plan-tree.schema.json', import.meta.url);

export function schemaText(): string {
  return readFileSync(SCHEMA_URL, 'utf8');
}
