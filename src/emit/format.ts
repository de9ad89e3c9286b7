// One place that maps an output format name to its emitter.
import type { RootNode } from '../types.js';
import { toJson } from './json.js';
import { toYaml } from './yaml.js';
import { toOutline, type Painter } from './outline.js';
import { toText } from './text.js';
import { toMarkdown } from './markdown.js';
import { toTable } from './table.js';

export const OUTPUT_FORMATS = ['json', 'yaml', 'outline', 'text', 'markdown', 'csv', 'tsv', 'items'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FormatOptions {
  readonly pretty: boolean;
  /** Colours the outline (the command's, on a terminal); none: plain text. */
  readonly painter?: Painter;
  /** csv and tsv: write the header row (default true). */
  readonly header?: boolean;
}

export function formatTree(tree: RootNode, format: OutputFormat, options: FormatOptions): string {
  switch (format) {
    case 'json': return toJson(tree, options.pretty);
    case 'yaml': return toYaml(tree);
    case 'outline': return toOutline(tree, options.painter);
    case 'csv':
    case 'tsv':
    case 'items': return toTable(tree, format, options.header !== false);
    case 'text': return toText(tree);
    case 'markdown': return toMarkdown(tree);
  }
}
