// Build step: writes data/*.json, the tables the library reads at run time.
// - data/script-chars.json: characters that tell simplified from traditional script, derived from
//   opencc-js's own tables so detection needs no converter at run time.
// - data/boilerplate-rules.json: rules/boilerplate.yaml, parsed, so start-up does not load a YAML parser.
// - data/opencc-t2s.json: the dictionaries opencc-js chains for each traditional-to-simplified preset
//   we use (tw, twp, hk, hkp), each group merged as opencc-js's Trie merges it, for src/script/matcher.ts.
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

// written on every build (a tenth of a second), so the tables are always the installed opencc-js's
writeFileSync(join(out, 'opencc-t2s.json'), JSON.stringify(openccTables()));

/**
 * opencc-js's `Converter({ from: preset, to: 'cn' })` runs its config (tw2s, tw2sp, hk2s, hk2sp): a
 * normalization group over the whole text, a segmentation by a phrase table's longest matches, and on
 * each segment the conversion groups one after another. Each group is one trie loaded from its
 * dictionaries last to first (so the first dictionary's value wins a key), a dictionary's later line
 * winning over its earlier one. A group is written merged that way, as "key value|key value".
 */
function openccTables() {
  const configNames = { tw: 'tw2s', twp: 'tw2sp', hk: 'hk2s', hkp: 'hk2sp' };
  const groups = [];
  const groupIndex = (dicts) => {
    const merged = new Map();
    for (const dict of dicts.slice().reverse()) {
      const pairs = typeof dict === 'string' ? dict.split('|').map((line) => line.split(' ')) : dict;
      for (const [key, value] of pairs) {
        if (typeof value !== 'string') throw new Error(`opencc-js dictionary entry without a value: ${key}`);
        if (key === '') continue; // the trie's root value is never read
        if (!wellFormed(key) || !wellFormed(value)) throw new Error(`opencc-js dictionary entry not well-formed: ${key} ${value}`);
        merged.set(key, value);
      }
    }
    const serialized = [...merged].map(([k, v]) => `${k} ${v}`).join('|');
    const at = groups.indexOf(serialized);
    if (at !== -1) return at;
    groups.push(serialized);
    return groups.length - 1;
  };
  const presets = {};
  for (const [preset, name] of Object.entries(configNames)) {
    const config = OpenCC.Locale.configs[name];
    if (!config || !config.segmentation || config.normalizationChain?.length !== 1) throw new Error(`opencc-js config ${name} is not of the shape src/script/matcher.ts reproduces`);
    const segmentation = config.segmentation.every((d) => typeof d === 'string') ? config.segmentation : [config.segmentation];
    presets[preset] = {
      normalization: groupIndex(config.normalizationChain[0]),
      segmentation: groupIndex(segmentation),
      chain: config.conversionChain.map(groupIndex),
    };
  }
  return { groups, presets, hongKongFormsLeftByTaiwan: hongKongFormsLeftByTaiwan() };
}

/**
 * Hong Kong forms the Taiwan tables leave as they are (衞 敍 枱), each with what the Hong Kong tables
 * make of it (卫 叙 台): the single characters of opencc-js's Hong Kong variant table on which the two
 * conversions differ and the Taiwan one changes nothing, in the table's order.
 */
function hongKongFormsLeftByTaiwan() {
  const taiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const hongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const forms = new Map();
  for (const dict of OpenCC.Locale.from.hk?.[0] ?? []) {
    for (const entry of dict.split('|')) {
      const key = entry.slice(0, entry.indexOf(' '));
      if (Array.from(key).length !== 1 || forms.has(key)) continue;
      const converted = hongKong(key);
      if (taiwan(key) === key && converted !== key) forms.set(key, converted);
    }
  }
  return [...forms];
}

function wellFormed(s) {
  return !/[\s|]/u.test(s) && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

const rules = YAML.parse(readFileSync(join(root, 'rules', 'boilerplate.yaml'), 'utf8'));
writeFileSync(join(out, 'boilerplate-rules.json'), JSON.stringify(rules));
