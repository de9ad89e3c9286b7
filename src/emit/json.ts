// JSON output: pretty for people, compact for pipes.
import type { RootNode } from '../types.js';

export function toJson(tree: RootNode, pretty: boolean): string {
  return JSON.stringify(tree, null, pretty ? 2 : undefined) + '\n';
}
