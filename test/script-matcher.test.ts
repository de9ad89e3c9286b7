// Our converter (src/script/matcher.ts over data/opencc-t2s.json) against opencc-js itself, the
// source of truth: every preset we use, on every fixture input, on generated traditional text, and
// on any string over an alphabet of dictionary keys, ASCII, surrogates, description characters and
// random BMP. `npm run test:slow` runs the same with ten times the generated text and runs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { converter, hongKongFormsLeftByTaiwan, replaceHongKongForms, type OpenCCPreset } from '../src/script/convert.js';
import { decodeBytes } from '../src/decode/decode.js';
import { bySuite } from './helpers/suite.js';
import { FIXTURES } from './helpers/tree.js';

type Convert = (text: string) => string;
const opencc = createRequire(import.meta.url)('opencc-js') as {
  Converter(o: { from: string; to: string }): Convert;
  Locale: { configs: Record<string, { segmentation: string[]; normalizationChain: string[][]; conversionChain: string[][] }> };
};
const PRESETS: readonly OpenCCPreset[] = ['tw', 'twp', 'hk', 'hkp'];
const reference = new Map(PRESETS.map((p) => [p, opencc.Converter({ from: p, to: 'cn' })]));

function inputFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return inputFiles(path);
    return /^input\./.test(name) ? [path] : [];
  });
}
const fixtureTexts = inputFiles(FIXTURES).map((path) => ({ path, text: decodeBytes(new Uint8Array(readFileSync(path))).text }));

/** Every key of every table the presets use, one string each. */
const tableKeys: readonly string[] = (() => {
  const keys = new Set<string>();
  for (const name of ['tw2s', 'tw2sp', 'hk2s', 'hk2sp']) {
    const config = opencc.Locale.configs[name]!;
    for (const dict of [...config.segmentation, ...config.normalizationChain.flat(), ...config.conversionChain.flat()]) {
      for (const line of dict.split('|')) keys.add(line.slice(0, line.indexOf(' ')));
    }
  }
  return [...keys];
})();
const singleKeys = tableKeys.filter((k) => Array.from(k).length === 1);

/**
 * A phrase of one table run on into a phrase of another (甚鉅 + 鉅著 → 甚鉅著): where a segment's end
 * decides the conversion, since opencc-js converts each segment alone (甚钜着, not 甚钜著).
 */
const overlappingPhrases: readonly string[] = (() => {
  const keysOf = (dicts: readonly string[]): string[] => dicts.flatMap((d) => d.split('|').map((line) => line.slice(0, line.indexOf(' '))));
  const configs = ['tw2s', 'tw2sp', 'hk2s', 'hk2sp'].map((name) => opencc.Locale.configs[name]!);
  const segmentation = [...new Set(configs.flatMap((c) => keysOf(c.segmentation)))];
  const phrases = [...new Set(configs.flatMap((c) => keysOf(c.conversionChain.flat())))].filter((k) => Array.from(k).length > 1);
  const runOn = (left: readonly string[], right: readonly string[]): string[] => {
    const byPrefix = new Map<string, string[]>();
    for (const r of right) for (let n = 1; n < r.length; n++) byPrefix.set(r.slice(0, n), [...(byPrefix.get(r.slice(0, n)) ?? []), r]);
    return left.flatMap((l) => Array.from({ length: l.length - 1 }, (_, k) => k + 1).flatMap((n) => (byPrefix.get(l.slice(l.length - n)) ?? []).map((r) => l + r.slice(n))));
  };
  return [...runOn(segmentation, phrases), ...runOn(phrases, segmentation)];
})();

/** A small seeded generator (mulberry32), so the generated text is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fixture text made traditional three ways, its lines shuffled, with keys of the tables and odd characters strewn in. */
function generatedTraditional(size: number, seed: number): string {
  const next = random(seed);
  const base = fixtureTexts.map((f) => f.text).join('\n');
  const lines = ['t', 'tw', 'hk'].flatMap((to) => opencc.Converter({ from: 'cn', to })(base).split('\n')).filter((l) => l.trim() !== '');
  const odd = ['⿰氵國', '⿱⿰', '\u2ff2', '𠀀', '\ud840', '\udc00', ' ', 'ABC'];
  const out: string[] = [];
  let length = 0;
  while (length < size) {
    let line = lines[Math.floor(next() * lines.length)]!;
    if (next() < 0.5) {
      const at = Math.floor(next() * (line.length + 1));
      const pick = next();
      const extra = pick < 0.2 ? overlappingPhrases[Math.floor(next() * overlappingPhrases.length)]! : pick < 0.8 ? tableKeys[Math.floor(next() * tableKeys.length)]! : odd[Math.floor(next() * odd.length)]!;
      line = line.slice(0, at) + extra + line.slice(at);
    }
    out.push(line);
    length += line.length + 1;
  }
  return out.join('\n');
}

describe('our converter is opencc-js', () => {
  it('on every fixture input, for every preset', () => {
    expect(fixtureTexts.length).toBeGreaterThan(100);
    for (const preset of PRESETS) {
      const ours = converter(preset);
      const theirs = reference.get(preset)!;
      for (const { path, text } of fixtureTexts) expect(ours(text), `${preset} ${path}`).toBe(theirs(text));
    }
  });

  it('where a phrase runs on into another across a segment\'s end', () => {
    expect(overlappingPhrases.length).toBeGreaterThan(1000);
    for (const preset of PRESETS) {
      const ours = converter(preset);
      const theirs = reference.get(preset)!;
      for (const text of overlappingPhrases) expect(ours(text), `${preset} ${text}`).toBe(theirs(text));
    }
  });

  it('where the output outgrows the input (keys whose value is longer, on a long text)', () => {
    const growing = tableKeys.filter((k) => [...reference.values()].some((convert) => convert(k).length > k.length));
    expect(growing.length).toBeGreaterThan(0);
    const text = Array.from({ length: 40_000 }, (_, k) => growing[k % growing.length]).join('');
    for (const preset of PRESETS) expect(converter(preset)(text) === reference.get(preset)!(text), preset).toBe(true);
  });

  it('on generated traditional text (fixed seed)', () => {
    const text = generatedTraditional(bySuite(400_000, 4_000_000), 20261203);
    for (const preset of PRESETS) {
      const ours = converter(preset)(text);
      const theirs = reference.get(preset)!(text);
      if (ours !== theirs) {
        let at = 0;
        while (ours[at] === theirs[at]) at++;
        expect(ours.slice(at - 20, at + 20), `${preset} first difference at ${at}`).toBe(theirs.slice(at - 20, at + 20));
      }
    }
  });

  it('on any string over keys, ASCII, surrogates, description characters and BMP', () => {
    const piece = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...tableKeys) },
      { weight: 2, arbitrary: fc.constantFrom(...overlappingPhrases) },
      { weight: 3, arbitrary: fc.constantFrom(...singleKeys) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 3 }) },
      { weight: 1, arbitrary: fc.constantFrom('\ud840', '\udc00', '\ud87e\udc00', '𠀀', '\u2ff0', '\u2ff2', '\u2ffb', '\n') },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
    );
    // a key cut in two, so partial phrases meet other pieces
    const cut = fc.tuple(fc.constantFrom(...tableKeys), fc.nat()).map(([k, n]) => k.slice(0, (n % k.length) + 1));
    const text = fc.array(fc.oneof(piece, cut), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(...PRESETS), (s, preset) => {
        expect(converter(preset)(s)).toBe(reference.get(preset)!(s));
      }),
      { numRuns: bySuite(3000, 30000) },
    );
  });
});

describe('the Hong Kong second pass', () => {
  it('holds the forms opencc-js leaves on a Taiwan preset', () => {
    const taiwan = reference.get('tw')!;
    const hongKong = reference.get('hk')!;
    const forms = hongKongFormsLeftByTaiwan();
    expect(forms.size).toBeGreaterThan(0);
    for (const [form, converted] of forms) {
      expect(taiwan(form)).toBe(form);
      expect(hongKong(form)).toBe(converted);
    }
  });

  it('replaces them as replacing each in turn over the whole text does, and returns a text without them as it is', () => {
    const forms = [...hongKongFormsLeftByTaiwan()];
    const inTurn = (text: string): string => forms.reduce((out, [form, converted]) => out.split(form).join(converted), text);
    const alphabet = fc.constantFrom(...forms.flatMap(([form, converted]) => [form, converted]), '國', 'a', '\ud840', '𠀀', '\u2ff0', '\u2ff2');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (s) => {
      expect(replaceHongKongForms(s)).toBe(inTurn(s));
    }));
    expect(replaceHongKongForms('⿰衞敍')).toBe('⿰卫叙');
    const plain = '教育發展規劃';
    expect(replaceHongKongForms(plain)).toBe(plain);
  });
});
