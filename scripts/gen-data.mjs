// Build step: writes data/*.json, the tables the library reads at run time.
// - data/script-chars.json: characters that tell simplified from traditional script, derived from
//   opencc-js's own tables so detection needs no converter at run time.
// - data/boilerplate-rules.json: rules/boilerplate.yaml, parsed, so start-up does not load a YAML parser.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'data');
mkdirSync(out, { recursive: true });

const scriptFile = join(out, 'script-chars.json');
if (!existsSync(scriptFile)) {
  const toSimplified = [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })];
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
  const traditional = new Set();
  const simplified = new Set();
  const ranges = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
  for (const [lo, hi] of ranges) {
    const chars = [];
    for (let c = lo; c <= hi; c++) chars.push(String.fromCharCode(c));
    const block = chars.join('\n'); // one character a line, so no phrase spans two of them
    const asSimplified = toSimplified.map((f) => f(block).split('\n'));
    const asTraditional = toTraditional(block).split('\n');
    chars.forEach((ch, i) => {
      if (asSimplified.some((s) => s[i] !== ch)) traditional.add(ch);
      if (asTraditional[i] !== ch) simplified.add(ch);
    });
  }
  for (const ch of [...traditional]) if (simplified.has(ch)) { traditional.delete(ch); simplified.delete(ch); }
  writeFileSync(scriptFile, JSON.stringify({ traditional: [...traditional].join(''), simplified: [...simplified].join('') }));
}

const rules = YAML.parse(readFileSync(join(root, 'rules', 'boilerplate.yaml'), 'utf8'));
writeFileSync(join(out, 'boilerplate-rules.json'), JSON.stringify(rules));
