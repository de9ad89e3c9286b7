// One place that maps an output format name to its emitter.
import type { RootNode } from '../types.js';
import { toJson } from './json.js';
import { toYaml } from './yaml.js';
import { toOutline, type Painter } from './outline.js';
import { toText } from './text.js';
import { toMarkdown } from './markdown.js';

export const OUTPUT_FORMATS = ['json', 'yaml', 'outline', 'text', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FormatOptions {
  readonly pretty: boolean;
  /** Colours the outline (the command's, on a terminal); none: plain text. */
  readonly painter?: Painter;
}

export function formatTree(tree: RootNode, format: OutputFormat, options: FormatOptions): string {
  switch (format) {
    case 'json': return toJson(tree, options.pretty);
    case 'yaml': return toYaml(tree);
    case 'outline': return toOutline(tree, options.painter);
    case 'text': return toText(tree);
    case 'markdown': return toMarkdown(tree);
  }
}
