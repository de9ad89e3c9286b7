// Script conversion alone: CPU time of opencc-js's Converter against our matcher (dist/script/convert.js,
// so `npm run build` first) on the same traditional text, for each preset, with the outputs compared.
// The text: every fixture input, made traditional by opencc-js (cn → tw and cn → hk), repeated to size.
// Each figure is the least of three runs. Usage: node bench/convert.mjs [MB, default 20]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const ROOT = new URL('..', import.meta.url).pathname;
const OpenCC = createRequire(import.meta.url)('opencc-js');
const { converter } = await import(join(ROOT, 'dist/script/convert.js'));
const MB = Number(process.argv[2] ?? 20);

const inputs = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  if (statSync(path).isDirectory()) return inputs(path);
  return /^input\.(txt|md|html)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
});
const base = inputs(join(ROOT, 'fixtures')).join('\n');
const traditional = ['tw', 'hk'].map((to) => OpenCC.Converter({ from: 'cn', to })(base)).join('\n');
const pieces = [];
for (let length = 0; length < MB * 1e6; length += traditional.length + 1) pieces.push(traditional);
const text = pieces.join('\n');

const ROUNDS = 3;
/** The least CPU milliseconds (user + system) of f() over ROUNDS runs, and its result. */
function cpu(f) {
  let best = Infinity;
  let result;
  for (let r = 0; r < ROUNDS; r++) {
    const before = process.cpuUsage();
    result = f();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, result };
}

process.stdout.write(`${(text.length / 1e6).toFixed(1)} M code units of traditional text\n`);
for (const preset of ['tw', 'twp', 'hk', 'hkp']) {
  const theirs = OpenCC.Converter({ from: preset, to: 'cn' });
  const ours = converter(preset);
  ours('預熱'); // tables loaded outside the timing
  const a = cpu(() => theirs(text));
  const b = cpu(() => ours(text));
  const same = a.result === b.result;
  process.stdout.write(`${preset}: opencc-js ${a.ms.toFixed(0)} ms, ours ${b.ms.toFixed(0)} ms (${(a.ms / b.ms).toFixed(1)}×)${same ? '' : '  OUTPUTS DIFFER'}\n`);
}
