// YAML output, through the yaml package (loaded only when asked for). A large tree is written in
// pieces (yamlChunks): the package builds its own model of a whole document before writing it,
// several times the size of the tree (a page of 1.5 million numbered lines went past 3 GB), so a
// large tree is cut into runs of a few hundred values, each written by the package, and the runs are
// put in place with the indentation the package gives a nested block.
import { lazyModule } from '../text/lazy-module.js';
import type { RootNode } from '../types.js';
import { FEW_VALUES, PIECE_CHARS, entriesToWrite, jsonValueOf, valuesWithin, type ContainerFrame } from './pieces.js';

const OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false };

interface Yaml {
  stringify(v: unknown, o?: object): string;
}

export function toYaml(tree: RootNode): string {
  return lazyModule<Yaml>('yaml').stringify(tree, OPTIONS);
}

/**
 * A block collection still being written (a sequence's elements are kept as they are, and prepared
 * as they are written). Its first line starts with `first` (`- ` of the sequence that holds it, or
 * nothing more than the indentation), its other lines with `rest`.
 */
interface Frame extends ContainerFrame {
  readonly first: string;
  readonly rest: string;
}

/**
 * The text of toYaml(value) — the same characters — in pieces of about 64 K characters. A mapping or
 * sequence holding more than FEW_VALUES values is written entry by entry: its runs of smaller entries
 * by the package (a sequence's as a sequence, a mapping's as a mapping), its large entries opened as
 * blocks of their own, as the package nests them (a mapping's value on the lines below its key,
 * indented two spaces; a sequence's element after `- `).
 */
export function* yamlChunks(value: unknown, chunkChars = PIECE_CHARS): Generator<string> {
  const yaml = lazyModule<Yaml>('yaml');
  const root = jsonValueOf(value, '');
  if (!isLarge(root)) {
    yield yaml.stringify(root, OPTIONS);
    return;
  }
  const parts: string[] = [];
  let length = 0;
  const put = (text: string): void => {
    parts.push(text);
    length += text.length;
  };
  /** The package's lines of `v`, the first after `first`, the others after `rest` (blank lines stay blank). */
  const putRun = (v: unknown, first: string, rest: string): void => {
    const lines = yaml.stringify(v, OPTIONS).split('\n');
    lines.pop(); // the text ends with a line break
    lines.forEach((line, i) => put(`${line === '' ? '' : i === 0 ? first : rest}${line}\n`));
  };
  const stack: Frame[] = [frameOf(root, '', '')];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const { items, keys } = frame;
    if (frame.next === items.length) {
      stack.pop();
      continue;
    }
    const at = frame.next;
    const isFirst = at === 0;
    const item = keys === null ? jsonValueOf(items[at], String(at)) : items[at];
    if (keys === null) {
      // a sequence: its elements start with `- `, their other lines two spaces further in
      const lead = `${isFirst ? frame.first : frame.rest}- `;
      if (isLarge(item)) {
        frame.next++;
        stack.push(frameOf(item, lead, `${frame.rest}  `));
      } else {
        const end = runEnd(items, at);
        frame.next = end;
        putRun(items.slice(at, end), isFirst ? frame.first : frame.rest, frame.rest);
      }
    } else if (isLarge(item)) {
      // a large value: its key on a line, the value's block below it, two spaces in
      frame.next++;
      put(`${isFirst ? frame.first : frame.rest}${keyText(yaml, keys[at]!)}:\n`);
      stack.push(frameOf(item, `${frame.rest}  `, `${frame.rest}  `));
    } else {
      const end = runEnd(items, at);
      frame.next = end;
      const run: Record<string, unknown> = {};
      for (let k = at; k < end; k++) run[keys[k]!] = items[k];
      putRun(run, isFirst ? frame.first : frame.rest, frame.rest);
    }
    if (length >= chunkChars) {
      yield parts.join('');
      parts.length = 0;
      length = 0;
    }
  }
  yield parts.join('');
}

/** A mapping or sequence too large to be one call of the package. */
function isLarge(v: unknown): v is object {
  return v !== null && typeof v === 'object' && valuesWithin(v, FEW_VALUES) > FEW_VALUES;
}

/** The block of a large value: a sequence's elements, or a mapping's entries as JSON would write them. */
function frameOf(v: object, first: string, rest: string): Frame {
  if (Array.isArray(v)) return { items: v, keys: null, next: 0, first, rest };
  return { ...entriesToWrite(v), next: 0, first, rest };
}

/** Where the run of small items starting at `from` ends: before a large one, or when FEW_VALUES are in. */
function runEnd(items: readonly unknown[], from: number): number {
  let values = 0;
  let end = from;
  while (end < items.length) {
    const item = jsonValueOf(items[end], String(end));
    const held = item !== null && typeof item === 'object' ? valuesWithin(item, FEW_VALUES) : 0;
    if (held > FEW_VALUES) break; // a large item: a block of its own
    values += 1 + held;
    if (values > FEW_VALUES && end > from) break;
    end++;
  }
  return end;
}

const KEYS = new Map<string, string>();
/** A mapping key as the package writes it (plain, or quoted where a plain key would read as something else). */
function keyText(yaml: Yaml, key: string): string {
  let text = KEYS.get(key);
  if (text === undefined) {
    const line = yaml.stringify({ [key]: 0 }, OPTIONS);
    text = line.slice(0, line.length - ': 0\n'.length);
    KEYS.set(key, text);
  }
  return text;
}
