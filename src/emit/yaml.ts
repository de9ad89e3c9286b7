// YAML output, through the yaml package (loaded only when asked for).
import { createRequire } from 'node:module';
import type { RootNode } from '../types.js';

export function toYaml(tree: RootNode): string {
  const YAML = createRequire(import.meta.url)('yaml') as { stringify(v: unknown, o?: object): string };
  return YAML.stringify(tree, { lineWidth: 0, aliasDuplicateObjects: false });
}
