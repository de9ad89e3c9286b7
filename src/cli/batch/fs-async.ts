// Promise forms of the file calls a batch makes, made from node:fs with util.promisify (both loaded
// at every start anyway). node:fs/promises would load a dozen more of Node's own modules (file
// handles, their streams, readline, watchers) that a run never uses: a few milliseconds of every
// start, which a single small page pays in full.
import * as fs from 'node:fs';
import { promisify } from 'node:util';

export const link = promisify(fs.link);
export const lstat = promisify(fs.lstat);
export const mkdir = promisify(fs.mkdir);
export const readdir = promisify(fs.readdir);
/**
 * The system's realpath, as node:fs/promises's is (fs.realpath walks the path in JavaScript), as
 * bytes: a name need not be UTF-8 (see text/file-names.ts).
 */
export const realpathBytes = (path: fs.PathLike): Promise<Buffer> =>
  new Promise((resolve, reject) => fs.realpath.native(path, { encoding: 'buffer' }, (e, real) => (e ? reject(e) : resolve(real))));
export const rename = promisify(fs.rename);
export const stat = promisify(fs.stat);
export const unlink = promisify(fs.unlink);
export const writeFile = promisify(fs.writeFile);
