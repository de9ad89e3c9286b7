// The floor: what any converter of these files must at least do, in one process. Reads each file,
// decodes it with its known encoding (iconv-lite), converts the traditional ones to simplified
// (opencc-js, Hong Kong → mainland). Prints its own time and bytes as JSON.
// Usage: node bench/floor.mjs MANIFEST [a|all]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const OpenCC = require('opencc-js');

const ICONV = { 'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', gb18030: 'gb18030', big5: 'big5hkscs' };

const [manifestPath, which = 'all'] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const files = which === 'a' ? manifest.halves.a : [...manifest.halves.a, ...manifest.halves.b];
const started = performance.now();
const convert = OpenCC.Converter({ from: 'hk', to: 'cn' });
let bytes = 0;
let chars = 0;
for (const f of files) {
  const data = readFileSync(f.file);
  bytes += data.length;
  let text = iconv.decode(data, ICONV[f.encoding]);
  if (f.traditional) text = convert(text);
  chars += text.length;
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, chars, ms })}\n`);
