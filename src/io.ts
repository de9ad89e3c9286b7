// Reading inputs and writing outputs: inputs are never overwritten, outputs are written atomically.
import { readFile, rename, writeFile, stat, unlink, realpath } from 'node:fs/promises';
import { dirname, basename, join, resolve } from 'node:path';

/** A problem with one input or output file: reported, and the run goes on. */
export class InputError extends Error {}

export async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

export async function readInput(source: string, stdin: NodeJS.ReadableStream): Promise<Uint8Array> {
  if (source === '-') return readStream(stdin);
  try {
    const info = await stat(source);
    if (info.isDirectory()) throw new InputError('is a folder (give -o OUTDIR to convert a folder)');
    if (!info.isFile()) throw new InputError('is not a regular file');
    return await readFile(source);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? (e as Error).message})`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/** Write via a temporary file in the same folder, then rename; refuse to replace an input. */
export async function writeOutputAtomically(path: string, content: string, options: { force: boolean; inputs: readonly string[] }): Promise<void> {
  const target = await canonical(path);
  for (const input of options.inputs) {
    if (input !== '-' && (await canonical(input)) === target) throw new InputError(`output ${path} is an input: refusing to overwrite it`);
  }
  if (!options.force && (await exists(path))) throw new InputError(`output ${path} exists (use --force to replace it)`);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new InputError(`cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
