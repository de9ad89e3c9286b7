// Records in, records out: one JSON record a line on standard input, one tree (or error) a line on
// standard output carrying the record's `id`. Also the splitting of a byte stream into lines (or
// NUL-separated names) without holding more than one line in memory.
import type { RootNode } from '../../types.js';
import type { RecordProblem, Problem } from './problems.js';
import { problemWords } from './problem-words.js';

/** A record read from a line: what to parse, or why the line cannot be parsed. */
export type ParsedRecord =
  | { readonly ok: true; readonly id: unknown; readonly text?: string; readonly bytes?: Uint8Array; readonly path: string | null }
  | { readonly ok: false; readonly id: unknown; readonly problem: RecordProblem };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/u;

/**
 * Read one input record: `{"id": …, "text": "…"}` or `{"id": …, "base64": "…"}` (raw bytes in any
 * encoding), with an optional `path` (reported in the tree, and telling the input format).
 */
export function parseRecord(line: string, lineNumber: number): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { ok: false, id: null, problem: { code: 'record-not-json', args: { line: lineNumber, message: (e as Error).message } } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, id: null, problem: { code: 'record-not-object', args: { line: lineNumber } } };
  const record = value as Record<string, unknown>;
  const id = record['id'] === undefined ? null : record['id'];
  const path = record['path'];
  if (path !== undefined && path !== null && typeof path !== 'string') return { ok: false, id, problem: { code: 'record-path-not-string', args: {} } };
  const text = record['text'];
  const base64 = record['base64'];
  if (text !== undefined && base64 !== undefined) return { ok: false, id, problem: { code: 'record-text-and-base64', args: {} } };
  if (typeof text === 'string') return { ok: true, id, text, path: path ?? null };
  if (typeof base64 === 'string') {
    const compact = base64.replace(/\s+/gu, '');
    if (!BASE64.test(compact) && !BASE64URL.test(compact)) return { ok: false, id, problem: { code: 'record-bad-base64', args: {} } };
    return { ok: true, id, bytes: new Uint8Array(Buffer.from(compact, BASE64.test(compact) ? 'base64' : 'base64url')), path: path ?? null };
  }
  if (text !== undefined) return { ok: false, id, problem: { code: 'record-text-not-string', args: {} } };
  if (base64 !== undefined) return { ok: false, id, problem: { code: 'record-base64-not-string', args: {} } };
  return { ok: false, id, problem: { code: 'record-no-text', args: {} } };
}

/** The output line of a record that converted. */
export function recordLine(id: unknown, tree: RootNode): string {
  return `{"id":${JSON.stringify(id ?? null)},"tree":${JSON.stringify(tree)}}\n`;
}

/** The output line of a record that failed: its problem worded, and its code. */
export function errorLine(id: unknown, problem: Problem): string {
  return `${JSON.stringify({ id: id ?? null, error: problemWords(problem), code: problem.code })}\n`;
}

/**
 * The output line of an input file that failed, with `--format ndjson`: the record's shape, keyed
 * by the file's path (as `source.path` of its tree would be; null for standard input), so that
 * every input has its line, in input order.
 */
export function fileErrorLine(path: string | null, problem: Problem): string {
  return `${JSON.stringify({ path, error: problemWords(problem), code: problem.code })}\n`;
}

/**
 * The `id` of a record from the start of its line (a line too long to keep whole), when the
 * record's first members up to `id` are there in full; undefined otherwise.
 */
export function idInPrefix(prefix: string): { readonly id: unknown } | undefined {
  let at = skipSpace(prefix, 0);
  if (prefix[at] !== '{') return undefined;
  at = skipSpace(prefix, at + 1);
  while (prefix[at] === '"') {
    const keyEnd = endOfValue(prefix, at);
    if (keyEnd < 0) return undefined;
    const key = parsed(prefix.slice(at, keyEnd));
    at = skipSpace(prefix, keyEnd);
    if (prefix[at] !== ':') return undefined;
    at = skipSpace(prefix, at + 1);
    const valueEnd = endOfValue(prefix, at);
    if (valueEnd < 0) return undefined;
    if (key === 'id') {
      const id = parsed(prefix.slice(at, valueEnd));
      return id === INVALID ? undefined : { id };
    }
    at = skipSpace(prefix, valueEnd);
    if (prefix[at] !== ',') return undefined;
    at = skipSpace(prefix, at + 1);
  }
  return undefined;
}

const INVALID = Symbol('invalid JSON');
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
  return at;
}

/** Where the JSON value starting at `at` ends, or -1 when the text ends first. */
function endOfValue(text: string, at: number): number {
  let depth = 0;
  for (let k = at; k < text.length; k++) {
    const ch = text[k];
    if (ch === '"') {
      for (k++; k < text.length && text[k] !== '"'; k++) if (text[k] === '\\') k++;
      if (k >= text.length) return -1;
      if (depth === 0) return k + 1;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (--depth === 0) return k + 1;
      if (depth < 0) return k; // a number or literal ended by its container's end
    } else if (depth === 0 && (ch === ',' || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r')) return k;
  }
  return -1;
}

export interface Chunk {
  /** The bytes of one line (separator excluded; a CR before LF is dropped), or null when the line was too long. */
  readonly bytes: Buffer | null;
  /** A line too long: its first HEAD_BYTES bytes (where its record's `id` may be read). */
  readonly head?: Buffer;
  /** 1-based number of the line (or name) in the stream. */
  readonly number: number;
}

/** Bytes kept of a line too long to keep whole. */
export const HEAD_BYTES = 64 * 1024;

/**
 * Split a stream at a separator byte (`\n`, or 0 for `find -print0`). Holds at most one line;
 * a line longer than `maxBytes` is dropped as it streams by and yields `bytes: null`.
 * Empty lines are not yielded (their numbers are counted).
 */
export async function* splitStream(stream: AsyncIterable<Buffer | string>, separator: number, maxBytes: number): AsyncGenerator<Chunk> {
  let parts: Buffer[] = [];
  let length = 0;
  let overlong = false;
  let head: Buffer | null = null;
  let number = 0;
  const finish = function* (): Generator<Chunk> {
    number++;
    if (overlong) yield { bytes: null, number, head: head ?? Buffer.alloc(0) };
    else if (length > 0) {
      let line = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
      if (separator === 10 && line[line.length - 1] === 13) line = line.subarray(0, line.length - 1);
      if (line.length > 0) yield { bytes: line, number };
    }
    parts = [];
    length = 0;
    overlong = false;
    head = null;
  };
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let from = 0;
    while (from < chunk.length) {
      const at = chunk.indexOf(separator, from);
      const end = at === -1 ? chunk.length : at;
      if (!overlong) {
        if (length + (end - from) > maxBytes) {
          overlong = true;
          head = Buffer.concat([...parts, chunk.subarray(from, end)], Math.min(HEAD_BYTES, length + (end - from)));
          parts = [];
          length = 0;
        } else if (end > from) {
          parts.push(chunk.subarray(from, end));
          length += end - from;
        }
      }
      if (at === -1) break;
      yield* finish();
      from = at + 1;
    }
  }
  if (length > 0 || overlong) yield* finish();
}
