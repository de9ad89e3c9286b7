// Finding the inputs: files named on the command line or on standard input, folders walked
// recursively (in name order), and patterns. Symbolic links are followed; loops, unreadable folders
// and special files are skipped with a warning; OUTDIR is never walked when it lies inside a folder.
import { readdir, realpathBytes, stat } from './fs-async.js';
import { join } from 'node:path';
import type { Dirent, Stats } from 'node:fs';
import { compileGlobs, hasMagic, splitGlobBase, type Matcher } from './glob.js';
import { hasTextExtension, isInside, mirroredRelative } from './paths.js';
import { readFailed, readFailure, type Problem } from './problems.js';
import { readFailureWords } from './problem-words.js';
import { fsPath, nameFromBytes, pathFromFs } from '../../text/file-names.js';

// Paths here are strings in which a byte of a name that is not UTF-8 stands as a lone surrogate
// (see fs-names.ts): each file-system call gets fsPath(path), each name read comes as bytes.
const statOf = (path: string): Promise<Stats> => stat(fsPath(path));
const realOf = async (path: string): Promise<string> => pathFromFs(await realpathBytes(fsPath(path)));

/** One input file found, or one named input that is not there. */
export type Found =
  | {
      readonly kind: 'file';
      /** The path to open, as given or as walked. */
      readonly path: string;
      /** Its real path (symbolic links resolved). */
      readonly real: string;
      /** The path relative to where it was found, mirrored into OUTDIR (`/`-separated). */
      readonly rel: string;
      readonly size: number;
    }
  | { readonly kind: 'missing'; readonly path: string; readonly problem: Problem };

export interface WalkEvents {
  /** A file or folder left out, with why; `warn` ones are problems, the others routine. */
  skipped(path: string, reason: string, warn: boolean): void;
}

export interface WalkOptions {
  /** `--glob` patterns choosing files in walked folders; default: the text extensions. */
  readonly globs: readonly string[];
  /** Real path of OUTDIR, never walked when it lies inside a walked folder. */
  readonly outDirReal: string | null;
}

/** Entries in the order of their names' bytes. */
const byName = (a: Dirent<Buffer>, b: Dirent<Buffer>): number => Buffer.compare(a.name, b.name);

function specialKind(info: Stats | Dirent<Buffer>): string {
  if (info.isFIFO()) return 'named pipe';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice()) return 'character device';
  if (info.isBlockDevice()) return 'block device';
  return 'special file';
}

/** Walks folders and yields the files chosen, each real path once. */
export class InputFinder {
  private readonly seen = new Set<string>();
  private readonly chooser: Matcher | null;

  constructor(private readonly options: WalkOptions, private readonly events: WalkEvents) {
    this.chooser = options.globs.length > 0 ? compileGlobs(options.globs) : null;
  }

  /** Every input a command-line argument stands for: a file, a folder, or a pattern. */
  async *argument(arg: string): AsyncGenerator<Found> {
    let info: Stats | null = null;
    try {
      info = await statOf(arg);
    } catch (e) {
      if (!hasMagic(arg)) {
        yield { kind: 'missing', path: arg, problem: readFailed(e) };
        return;
      }
    }
    if (info === null) {
      const { base, pattern } = splitGlobBase(arg);
      const matcher = compileGlobs([pattern], { matchBase: false });
      let baseInfo: Stats;
      try {
        baseInfo = await statOf(base);
      } catch (e) {
        yield { kind: 'missing', path: arg, problem: { code: 'no-match', args: { base, failure: readFailure(e) } } };
        return;
      }
      if (!baseInfo.isDirectory()) {
        yield { kind: 'missing', path: arg, problem: { code: 'no-match', args: { base: null, failure: null } } };
        return;
      }
      let any = false;
      for await (const f of this.folder(base, matcher)) {
        any = true;
        yield f;
      }
      if (!any) this.events.skipped(arg, 'no file matches the pattern', true);
      return;
    }
    if (info.isDirectory()) {
      yield* this.folder(arg, this.chooser);
      return;
    }
    yield* this.named(arg, info);
  }

  /** A file named one by one (argument or standard-input list): converted whatever its extension. */
  async *named(path: string, known?: Stats): AsyncGenerator<Found> {
    let info = known;
    if (!info) {
      try {
        info = await statOf(path);
      } catch (e) {
        yield { kind: 'missing', path, problem: readFailed(e) };
        return;
      }
    }
    if (info.isDirectory()) {
      this.events.skipped(path, 'is a folder', false);
      return;
    }
    if (!info.isFile()) {
      this.events.skipped(path, `${specialKind(info)}, not a file`, true);
      return;
    }
    const real = await realOf(path).catch(() => path);
    if (this.seen.has(real)) return;
    this.seen.add(real);
    yield { kind: 'file', path, real, rel: mirroredRelative(path, '.'), size: info.size };
  }

  /** The chosen files under a folder, depth first in name order. */
  async *folder(root: string, matcher: Matcher | null): AsyncGenerator<Found> {
    let rootReal: string;
    try {
      rootReal = await realOf(root);
    } catch (e) {
      this.events.skipped(root, readFailureWords(readFailure(e)), true);
      return;
    }
    const out = this.options.outDirReal;
    const excludeOut = out !== null && out !== rootReal && isInside(out, rootReal);
    yield* this.walk(root, rootReal, '', matcher, [rootReal], excludeOut ? out : null);
  }

  private async *walk(dir: string, dirReal: string, relDir: string, matcher: Matcher | null, ancestors: string[], exclude: string | null): AsyncGenerator<Found> {
    let entries: Dirent<Buffer>[];
    try {
      entries = await readdir(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      this.events.skipped(dir, `cannot read folder (${readFailureWords(readFailure(e))})`, true);
      return;
    }
    entries.sort(byName);
    for (const entry of entries) {
      const name = nameFromBytes(entry.name);
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let real = join(dirReal, name);
      let size = -1;
      if (entry.isSymbolicLink()) {
        let info: Stats;
        try {
          info = await statOf(path);
          real = await realOf(path);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          this.events.skipped(path, code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'broken symbolic link' : readFailureWords(readFailure(e)), true);
          continue;
        }
        isDir = info.isDirectory();
        isFile = info.isFile();
        if (!isDir && !isFile) {
          this.events.skipped(path, `${specialKind(info)}, not a file`, true);
          continue;
        }
        size = info.size;
      }
      if (isDir) {
        if (exclude !== null && isInside(real, exclude)) {
          this.events.skipped(path, 'the output folder', false);
          continue;
        }
        if (ancestors.some((a) => isInside(a, real))) {
          this.events.skipped(path, 'symbolic link loop', true);
          continue;
        }
        yield* this.walk(path, real, rel, matcher, [...ancestors, real], exclude);
        continue;
      }
      if (!isFile) {
        const chosen = matcher ? matcher(rel) : hasTextExtension(name);
        if (chosen) this.events.skipped(path, `${specialKind(entry)}, not a file`, true);
        else this.events.skipped(path, 'not chosen', false);
        continue;
      }
      const chosen = matcher ? matcher(rel) : hasTextExtension(name);
      if (!chosen) {
        this.events.skipped(path, matcher ? 'does not match --glob' : 'not a text file', false);
        continue;
      }
      if (exclude !== null && isInside(real, exclude)) continue;
      if (this.seen.has(real)) continue;
      this.seen.add(real);
      if (size < 0) {
        try {
          size = (await statOf(path)).size;
        } catch (e) {
          yield { kind: 'missing', path, problem: readFailed(e) };
          continue;
        }
      }
      yield { kind: 'file', path, real, rel, size };
    }
  }
}
