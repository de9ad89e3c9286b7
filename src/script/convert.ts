// Stage: script. Detects simplified / traditional / mixed by the proportion of characters that
// differ between the scripts, and converts what is traditional to simplified as opencc-js does (its
// tables, by our own matcher: matcher.ts): the characters only (Taiwan or Hong Kong variant tables),
// so the page keeps its own words; regional vocabulary (軟體 → 软件, 資料來源 → 数据源) and the
// project's dictionary only when asked for.
// Text detected as simplified is never passed through a converter.
import { readFileSync } from 'node:fs';
import type { ScriptMode, ScriptName } from '../types.js';
import { compileGroup, convertGroup, convertWithPreset, type MatchGroup, type PresetMatcher } from './matcher.js';
import { withReplacements, type MappedText, type Replacement } from '../text/mapped-text.js';

/** Per BMP code unit: TRADITIONAL, SIMPLIFIED or 0 (the data holds BMP characters only, each in one script). */
const TRADITIONAL = 1;
const SIMPLIFIED = 2;
let scriptOfUnit: Uint8Array | null = null;
function loadScriptTable(): Uint8Array {
  if (!scriptOfUnit) {
    const raw = JSON.parse(readFileSync(new URL('../../data/script-chars.json', import.meta.url), 'utf8')) as { traditional: string; simplified: string };
    const table = new Uint8Array(0x10000);
    for (const ch of raw.simplified) if (ch.length === 1) table[ch.charCodeAt(0)] = SIMPLIFIED;
    for (const ch of raw.traditional) if (ch.length === 1) table[ch.charCodeAt(0)] = TRADITIONAL;
    scriptOfUnit = table;
  }
  return scriptOfUnit;
}

export interface ScriptCounts {
  readonly traditional: number;
  readonly simplified: number;
  readonly han: number;
}

export function countScript(text: string): ScriptCounts {
  const table = loadScriptTable();
  let traditional = 0;
  let simplified = 0;
  let han = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x3400) continue;
    if (code <= 0x9fff || (code >= 0xf900 && code <= 0xfaff)) han++;
    const kind = table[code];
    if (kind === TRADITIONAL) traditional++;
    else if (kind === SIMPLIFIED) simplified++;
  }
  return { traditional, simplified, han };
}

/** Share of script-telling characters that are traditional, and what that makes the text. */
export function classifyScript(counts: ScriptCounts): ScriptName {
  if (counts.han === 0) return 'none';
  const telling = counts.traditional + counts.simplified;
  if (telling === 0) return 'simplified';
  const share = counts.traditional / telling;
  if (share >= 0.8) return 'traditional';
  if (share <= 0.2) return 'simplified';
  return 'mixed';
}

export type Region = 'tw' | 'hk' | 'generic';

/** Characters and words that only one region writes. */
const TAIWAN_SIGNS = ['裡', '衛', '線', '爲', '眾', '臺', '國小', '國中'];
const HONG_KONG_SIGNS = ['裏', '衞', '綫', '羣', '峯', '衆', '啓', '綜援', '屋邨'];
/** Taiwan vocabulary: words that tell a Taiwan page (they are not converted unless asked for). */
const TAIWAN_VOCABULARY = ['計畫', '軟體', '硬體', '資訊', '網路', '程式', '伺服器', '資料庫', '滑鼠', '螢幕', '列印', '預設', '使用者', '數位', '介面', '部落格', '影片', '品質'];

const countSigns = (text: string, signs: readonly string[]): number => signs.reduce((n, s) => n + occurrences(text, s), 0);

export function detectRegion(text: string): Region {
  const tw = countSigns(text, TAIWAN_SIGNS) + countSigns(text, TAIWAN_VOCABULARY);
  const hk = countSigns(text, HONG_KONG_SIGNS);
  if (tw === 0 && hk === 0) return 'generic';
  return tw >= hk ? 'tw' : 'hk';
}

function occurrences(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

/**
 * The opencc-js preset that converts, as `Converter({ from: preset, to: 'cn' })`. `tw` and `hk`
 * convert characters only: the region's variant tables, then opencc's traditional-to-simplified
 * characters with the phrase table it uses to choose among one-to-many characters (乾 in 乾淨 and
 * 乾隆). `twp` and `hkp` add the region's vocabulary table, which rewrites words (資料來源 → 数据源,
 * 核心 → 内核, 建立 → 创建).
 */
export type OpenCCPreset = 'tw' | 'twp' | 'hk' | 'hkp';

/** The preset for a region: its own tables, with its vocabulary when asked for (Taiwan's for a page of no known region). */
export function presetFor(region: Region, vocabulary: boolean): OpenCCPreset {
  if (region === 'tw') return vocabulary ? 'twp' : 'tw';
  if (region === 'hk') return vocabulary ? 'hkp' : 'hk';
  return vocabulary ? 'twp' : 'hk';
}

type Convert = (text: string) => string;

/** data/opencc-t2s.json: opencc-js's dictionary groups for our presets, and the Hong Kong forms a Taiwan preset leaves (scripts/gen-data.mjs). */
interface OpenCCTables {
  readonly groups: readonly string[];
  readonly presets: Record<OpenCCPreset, { readonly normalization: number; readonly segmentation: number; readonly chain: readonly number[] }>;
  readonly hongKongFormsLeftByTaiwan: ReadonlyArray<readonly [string, string]>;
}
let openccTables: OpenCCTables | null = null;
const tables = (): OpenCCTables => (openccTables ??= JSON.parse(readFileSync(new URL('../../data/opencc-t2s.json', import.meta.url), 'utf8')) as OpenCCTables);

const groups = new Map<number, MatchGroup>();
function group(index: number): MatchGroup {
  let g = groups.get(index);
  if (!g) {
    g = compileGroup(tables().groups[index]!);
    groups.set(index, g);
  }
  return g;
}

const converters = new Map<OpenCCPreset, Convert>();
/**
 * What opencc-js's `Converter({ from: preset, to: 'cn' })` makes of a text, by our own matcher over
 * opencc-js's tables (matcher.ts): opencc-js's trie walk cost a third of a whole run.
 */
export function converter(preset: OpenCCPreset): Convert {
  let c = converters.get(preset);
  if (!c) {
    const { normalization, segmentation, chain } = tables().presets[preset];
    const matcher: PresetMatcher = { normalization: group(normalization), segmentation: group(segmentation), chain: chain.map(group) };
    c = (text) => convertWithPreset(text, matcher);
    converters.set(preset, c);
  }
  return c;
}

/**
 * Hong Kong forms the Taiwan tables leave as they are (衞 敍 枱 粧 糭 衹), each with what the Hong
 * Kong tables make of it (卫 叙 台 妆 粽 只): the characters of opencc-js's Hong Kong variant table
 * on which the two conversions differ and the Taiwan one changes nothing (found by gen-data).
 */
export function hongKongFormsLeftByTaiwan(): ReadonlyMap<string, string> {
  return new Map(tables().hongKongFormsLeftByTaiwan);
}

let hongKongFormsGroup: MatchGroup | null = null;
/**
 * The second pass as one group of single characters: each form with what replacing the forms one
 * after another, in order, makes of it (the same as replacing them in turn over the whole text,
 * each being one code point).
 */
function hongKongForms(): MatchGroup {
  if (!hongKongFormsGroup) {
    const forms = tables().hongKongFormsLeftByTaiwan;
    const inTurn = (ch: string): string => forms.reduce((out, [form, converted]) => out.split(form).join(converted), ch);
    // a plain replacement: unlike opencc-js, it converts inside an ideographic description sequence
    hongKongFormsGroup = compileGroup(forms.map(([form]) => `${form} ${inTurn(form)}`).join('|'), false);
  }
  return hongKongFormsGroup;
}

/**
 * Words users may want in mainland form that opencc-js leaves alone (the project's dictionary, part
 * of the regional vocabulary: applied only when vocabulary is asked for, after conversion).
 * Each is guarded by its neighbours so that 全国小学, 中国小说 and the like stay as they are.
 */
const REGIONAL_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  // damage from converting 中小学 to Taiwan vocabulary (中小學 → 中國小)
  [/中国小(?![学说康麦吃品型微企时组])/gu, '中小学'],
  [/(?<![全中各美英法德俄韩日泰外祖大小两本])国小(?![学说康麦吃品型微企时组])/gu, '小学'],
  [/(?<![全中各美英法德俄韩日泰外祖大小两本])国中(?![学央外心部国华])/gu, '初中'],
];

export function applyRegionalWords(text: string): string {
  let out = text;
  for (const [pattern, to] of REGIONAL_WORDS) out = out.replace(pattern, to);
  return out;
}

/** What one conversion does: the preset that converts, and whether Hong Kong forms left by Taiwan tables get a second pass. */
export interface ConversionPlan {
  readonly preset: OpenCCPreset;
  readonly secondPass: 'hk' | null;
  readonly vocabulary: boolean;
}

export function planConversion(region: Region, vocabulary: boolean): ConversionPlan {
  const preset = presetFor(region, vocabulary);
  // characters only by default: the page's text is exactly opencc-js's tw→cn conversion of it, Hong Kong
  // forms a Taiwan page holds (衞 敍) included; with vocabulary they are normalized too
  return { preset, secondPass: preset === 'twp' ? 'hk' : null, vocabulary };
}

/** A conversion's text, and whether its second pass changed anything. */
export interface Simplified {
  readonly text: string;
  readonly secondPassChanged: boolean;
}

/**
 * Convert one traditional-script string to simplified: each character once, by the plan's preset;
 * then, on a Taiwan preset, the Hong Kong forms it left (and only those) by the Hong Kong tables;
 * with vocabulary, the project's regional words.
 */
export function toSimplified(text: string, plan: ConversionPlan): Simplified {
  const first = converter(plan.preset)(text);
  const second = plan.secondPass === 'hk' ? replaceHongKongForms(first) : first;
  return { text: plan.vocabulary ? applyRegionalWords(second) : second, secondPassChanged: second !== first };
}

/** Each Hong Kong form the Taiwan tables left, replaced by its Hong Kong conversion (one character for one); the text itself when it holds none. */
export function replaceHongKongForms(text: string): string {
  return convertGroup(text, hongKongForms());
}

export interface ScriptResult {
  readonly text: MappedText;
  readonly script: ScriptName;
  readonly converted: boolean;
  readonly region: Region | null;
  /** What converted the text; null when nothing was converted. */
  readonly plan: ConversionPlan | null;
  /** True when the second pass changed a character (a Hong Kong form on a page read with Taiwan tables). */
  readonly secondPassChanged: boolean;
}

/**
 * Characters the converters leave as they are (ASCII, Latin, general and CJK punctuation, full-width
 * forms): they anchor a converted line to its source, so that positions map run by run.
 */
const isAnchor = (code: number): boolean => code < 0x2e80 || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xffef);

/**
 * The replacements that turn `line` into its conversion `converted`, as fine as the two can be
 * matched: the runs between anchor characters are matched in order, and a run converted to as many
 * code points maps code point by code point (詪 → 𬣳 is one unit to two); a run of another length
 * (a phrase: 部落格 → 博客) maps proportionally. When the anchors do not match, the whole line does.
 */
export function lineReplacements(line: string, converted: string, offset: number): Replacement[] {
  const out: Replacement[] = [];
  let i = 0;
  let j = 0;
  while (i < line.length) {
    if (isAnchor(line.charCodeAt(i))) {
      if (converted[j] !== line[i]) return [{ start: offset, end: offset + line.length, text: converted }];
      i++;
      j++;
      continue;
    }
    let iEnd = i;
    while (iEnd < line.length && !isAnchor(line.charCodeAt(iEnd))) iEnd++;
    let jEnd = j;
    while (jEnd < converted.length && !isAnchor(converted.charCodeAt(jEnd))) jEnd++;
    const from = line.slice(i, iEnd);
    const to = converted.slice(j, jEnd);
    if (from !== to) {
      const fromPoints = Array.from(from);
      const toPoints = Array.from(to);
      if (fromPoints.length === toPoints.length) {
        let at = offset + i;
        fromPoints.forEach((cp, k) => {
          if (cp !== toPoints[k]) out.push({ start: at, end: at + cp.length, text: toPoints[k]! });
          at += cp.length;
        });
      } else out.push({ start: offset + i, end: offset + iEnd, text: to });
    }
    i = iEnd;
    j = jEnd;
  }
  if (j !== converted.length) return [{ start: offset, end: offset + line.length, text: converted }];
  return out;
}

/** True when the two texts are as long and their line breaks stand at the same offsets. */
function lineEndsAgree(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let at = a.indexOf('\n'); at !== -1; at = a.indexOf('\n', at + 1)) if (b.charCodeAt(at) !== 10) return false;
  return true;
}

/**
 * Convert what is traditional. A traditional page is converted whole; a mixed page line by line,
 * only the lines that are themselves traditional. Positions map run by run between the characters
 * conversion leaves alone (see lineReplacements); a traditional page whose every line keeps its
 * length (characters only, nearly always) keeps its map as it is, with nothing copied. By default
 * characters only; `vocabulary` adds the region's vocabulary table and the project's regional words.
 */
export function convertScript(input: MappedText, mode: ScriptMode, vocabulary = false): ScriptResult {
  const script = classifyScript(countScript(input.text));
  if (mode === 'keep' || script === 'simplified' || script === 'none') return { text: input, script, converted: false, region: null, plan: null, secondPassChanged: false };
  const region = detectRegion(input.text);
  const plan = planConversion(region, vocabulary);
  if (script === 'traditional') {
    const whole = toSimplified(input.text, plan);
    // every line converted to as many code units maps one to one: the text's map as it is
    if (lineEndsAgree(input.text, whole.text)) {
      const converts = whole.text !== input.text;
      return { text: converts ? { text: whole.text, origin: input.origin } : input, script, converted: converts, region, plan: converts ? plan : null, secondPassChanged: converts && whole.secondPassChanged };
    }
  }
  // The lines to convert go through the converter in one call (a call costs more per character
  // on short strings); no dictionary entry holds a newline, so each line converts as it would alone.
  const text = input.text;
  const lines: { start: number; end: number }[] = [];
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end > start && (script === 'traditional' || classifyScript(countScript(text.slice(start, end))) === 'traditional')) lines.push({ start, end });
    start = end + 1;
  }
  const pieces = lines.map((l) => text.slice(l.start, l.end));
  const whole = pieces.length > 0 ? toSimplified(pieces.join('\n'), plan) : { text: '', secondPassChanged: false };
  let converted = pieces.length > 0 ? whole.text.split('\n') : [];
  let secondPassChanged = whole.secondPassChanged;
  if (converted.length !== pieces.length) {
    const each = pieces.map((piece) => toSimplified(piece, plan));
    converted = each.map((c) => c.text);
    secondPassChanged = each.some((c) => c.secondPassChanged);
  }
  const replacements: Replacement[] = [];
  lines.forEach((line, k) => {
    const to = converted[k]!;
    const from = pieces[k]!;
    if (to === from) return;
    // a line of the same length maps one to one as it is; another is matched run by run
    if (to.length === from.length) replacements.push({ start: line.start, end: line.end, text: to });
    else replacements.push(...lineReplacements(from, to, line.start));
  });
  const converts = replacements.length > 0;
  return { text: withReplacements(input, replacements), script, converted: converts, region, plan: converts ? plan : null, secondPassChanged: converts && secondPassChanged };
}
