// YAML output, through the yaml package (loaded only when asked for).
import { lazyModule } from '../text/lazy-module.js';
import type { RootNode } from '../types.js';

export function toYaml(tree: RootNode): string {
  const YAML = lazyModule<{ stringify(v: unknown, o?: object): string }>('yaml');
  return YAML.stringify(tree, { lineWidth: 0, aliasDuplicateObjects: false });
}
