// JSON output: pretty for people, compact for pipes. A large tree is written in pieces
// (jsonChunks): JSON.stringify of a page of 1,000,000 numbered lines is one string of 395 million
// characters (790 MB), and a little more would pass the longest string V8 can hold.
import type { RootNode } from '../types.js';
import { FEW_VALUES, PIECE_CHARS, entriesToWrite, jsonValueOf, valuesWithin, type ContainerFrame } from './pieces.js';

/**
 * Values a whole tree may hold and still be written by one JSON.stringify: walking it value by value
 * and joining the pieces cost about as much again as the serializer itself. 16,384 values are a page of
 * a few hundred nodes, about a megabyte of pretty JSON at the most.
 */
const WHOLE_VALUES = 16_384;

export function toJson(tree: RootNode, pretty: boolean): string {
  return JSON.stringify(tree, null, pretty ? 2 : undefined) + '\n';
}

/** A container still being written, at its depth, and what closes it. */
interface Frame extends ContainerFrame {
  readonly depth: number;
  readonly close: string;
}

/**
 * The text of toJson(value, pretty) — the same characters — in pieces of about 64 K characters,
 * made as they are asked for: a value holding at most `wholeValues` others is one piece; in a larger
 * one, a value holding few others (a section and its items, a position) is one JSON.stringify, and
 * larger arrays, and larger objects holding arrays, are walked (with a stack of their own, not
 * recursion).
 */
export function* jsonChunks(value: unknown, pretty: boolean, chunkChars = PIECE_CHARS, wholeValues = WHOLE_VALUES): Generator<string> {
  const parts: string[] = [];
  let length = 0;
  const put = (text: string): void => {
    parts.push(text);
    length += text.length;
  };
  const take = (): string => {
    const text = parts.join('');
    parts.length = 0;
    length = 0;
    return text;
  };
  const breakAt = (depth: number): string => (pretty ? `\n${'  '.repeat(depth)}` : '');
  const stack: Frame[] = [];

  /** Write a value at `depth`: a leaf at once, a container opened as a frame. */
  const open = (v: unknown, depth: number): void => {
    if (v !== null && typeof v === 'object' && valuesWithin(v, FEW_VALUES) <= FEW_VALUES) return putWhole(v, depth);
    if (Array.isArray(v)) {
      if (v.length === 0) return put('[]');
      put('[');
      stack.push({ items: v, keys: null, next: 0, depth, close: `${breakAt(depth)}]` });
      return;
    }
    if (v !== null && typeof v === 'object' && Object.values(v).some(Array.isArray)) {
      const { keys, items } = entriesToWrite(v);
      if (keys.length === 0) return put('{}');
      put('{');
      stack.push({ items, keys, next: 0, depth, close: `${breakAt(depth)}}` });
      return;
    }
    putWhole(v, depth);
  };
  /** A value in one JSON.stringify, indented to stand at `depth`. */
  const putWhole = (v: unknown, depth: number): void => {
    const text = JSON.stringify(v, null, pretty ? 2 : undefined) ?? 'null';
    put(pretty && depth > 0 ? text.replace(/\n/gu, breakAt(depth)) : text);
  };

  const root = jsonValueOf(value, '');
  // a tree of an ordinary page is one JSON.stringify, one piece (a megabyte or so at the most)
  if (root !== null && typeof root === 'object' && valuesWithin(root, wholeValues) <= wholeValues) {
    yield `${JSON.stringify(root, null, pretty ? 2 : undefined)}\n`;
    return;
  }
  open(root, 0);
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    if (frame.next === frame.items.length) {
      stack.pop();
      put(frame.close);
    } else {
      const at = frame.next++;
      if (at > 0) put(',');
      put(breakAt(frame.depth + 1));
      if (frame.keys === null) open(jsonValueOf(frame.items[at], String(at)), frame.depth + 1);
      else {
        put(`${JSON.stringify(frame.keys[at])}:${pretty ? ' ' : ''}`);
        open(frame.items[at], frame.depth + 1); // prepared when the keys were listed
      }
    }
    if (length >= chunkChars) yield take();
  }
  put('\n');
  yield take();
}
