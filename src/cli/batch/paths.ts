// Where each output goes: OUTDIR plus the input's path relative to where it was found, with the
// extension of the output format. Whatever the input names are (`..`, absolute paths), the result
// stays inside OUTDIR.
import { basename, join, resolve, sep, relative } from 'node:path';
import { ProblemError } from './problems.js';

/** File extensions of the output formats written to OUTDIR. */
export const OUTPUT_EXTENSIONS: Readonly<Record<string, string>> = {
  json: '.json',
  yaml: '.yaml',
  outline: '.outline',
  text: '.txt',
  markdown: '.md',
  csv: '.csv',
  tsv: '.tsv',
  items: '.ndjson',
};

/** The input extensions converted by default when a folder is walked. */
export const TEXT_EXTENSIONS: readonly string[] = ['.txt', '.text', '.md', '.markdown', '.html', '.htm'];

export function hasTextExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return TEXT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Folder separators: `/`, and on Windows `\\` too (elsewhere a backslash is a character of a name). */
const SEPARATORS = process.platform === 'win32' ? /[\\/]+/u : /\/+/u;

/**
 * A relative path made safe: absolute roots dropped, `.` and empty segments dropped, `..` replaced
 * by `__`. The result never leaves the folder it is joined to. Segments are separated by `/`.
 */
export function safeRelative(path: string, separators: RegExp = SEPARATORS): string {
  const segments = path.split(separators);
  const kept: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    kept.push(s === '..' ? '__' : s);
  }
  return kept.join('/');
}

/** `a/b/page.txt` → `a/b/page.json`; a name without extension gets one added. */
export function withOutputExtension(rel: string, extension: string): string {
  const slash = rel.lastIndexOf('/');
  const name = rel.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return rel.slice(0, slash + 1) + stem + extension;
}

/**
 * The path, relative to the place it was found from, that an input mirrors into OUTDIR. `base` is
 * the folder that was walked (or the current folder for files named one by one).
 */
export function mirroredRelative(file: string, base: string): string {
  const rel = relative(resolve(base), resolve(file));
  return safeRelative(rel === '' ? basename(file) : rel);
}

/** The output path of one input inside OUTDIR; throws if it would not be inside (it cannot). */
export function outputPathFor(outDir: string, rel: string, extension: string): string {
  const safe = safeRelative(withOutputExtension(rel, extension));
  if (safe === '') throw new ProblemError({ code: 'no-output-name', args: { rel } });
  const root = resolve(outDir);
  const target = resolve(join(root, safe));
  if (!target.startsWith(root.endsWith(sep) ? root : root + sep)) throw new ProblemError({ code: 'output-leaves-folder', args: { rel, outDir } });
  return target;
}

/** True when `inner` is `outer` or inside it (both real, absolute paths). */
export function isInside(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  return inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}
