// Builds the benchmark corpus from the seed pages in fixtures/: every encoding plan-parse decodes,
// a third of the files traditional, in nested folders of 100 files, in two halves (a/ and b/) of
// about the same size so that one run can compare the first half with the whole.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');

const FIXTURES = new URL('../fixtures/pages/', import.meta.url).pathname;
const TRADITIONAL_SEED = 'seed-gaozhiliang-fazhan-fanti';
const SIMPLIFIED_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'];
const TRADITIONAL_ENCODINGS = [...SIMPLIFIED_ENCODINGS, 'big5'];
const PER_FOLDER = 100;
const VERSION = 2;

/** The bytes of a page in an encoding (UTF-16 and UTF-8-BOM with their BOM). */
export function encodePage(text, encoding) {
  switch (encoding) {
    case 'utf-8': return Buffer.from(text, 'utf8');
    case 'utf-8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'utf-16be': return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    case 'gb18030': return iconv.encode(text, 'gb18030');
    case 'big5': return iconv.encode(text, 'big5hkscs');
    default: throw new Error(encoding);
  }
}

function seeds() {
  const all = readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, 'input.txt'))).sort();
  const read = (d) => ({ name: d.replace(/^seed-/u, ''), text: readFileSync(join(FIXTURES, d, 'input.txt'), 'utf8') });
  return { traditional: read(TRADITIONAL_SEED), simplified: all.filter((d) => d !== TRADITIONAL_SEED).map(read) };
}

/**
 * Make (or reuse) a corpus of at least `megabytes` MB under `root`: root/pages/{a,b}/NNN/*.txt,
 * and root/manifest.json listing each file with its encoding and script (for the floor script).
 */
export function buildCorpus(root, megabytes) {
  const manifestPath = join(root, 'manifest.json');
  if (existsSync(manifestPath)) {
    const old = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (old.version === VERSION && old.megabytes === megabytes) return old;
  }
  rmSync(join(root, 'pages'), { recursive: true, force: true });
  const { traditional, simplified } = seeds();
  const target = megabytes * 1e6;
  const halves = { a: [], b: [] };
  const bytes = { a: 0, b: 0 };
  let i = 0;
  let s = 0;
  let t = 0;
  for (const half of ['a', 'b']) {
    while (bytes[half] < target / 2) {
      let seed;
      let encoding;
      if (i % 3 === 0) {
        seed = traditional;
        encoding = TRADITIONAL_ENCODINGS[t++ % TRADITIONAL_ENCODINGS.length];
      } else {
        seed = simplified[s % simplified.length];
        encoding = SIMPLIFIED_ENCODINGS[Math.floor(s / simplified.length) % SIMPLIFIED_ENCODINGS.length];
        s++;
      }
      const n = halves[half].length;
      const folder = join(root, 'pages', half, String(Math.floor(n / PER_FOLDER)).padStart(3, '0'));
      if (n % PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
      const file = join(folder, `${String(i).padStart(5, '0')}-${seed.name}.${encoding}.txt`);
      const data = encodePage(seed.text, encoding);
      writeFileSync(file, data);
      halves[half].push({ file, encoding, traditional: seed === traditional, bytes: data.length });
      bytes[half] += data.length;
      i++;
    }
  }
  const manifest = { version: VERSION, megabytes, root, halves, bytes };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return manifest;
}
