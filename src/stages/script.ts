// Stage: script. Detects simplified / traditional / mixed by the proportion of characters that
// differ between the scripts, and converts what is traditional to simplified with opencc-js
// (Taiwan or Hong Kong variant, with Taiwan phrases), then applies the project's regional dictionary.
// Text detected as simplified is never passed through a converter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ScriptName } from '../types.js';
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
/**
 * Taiwan vocabulary. Phrase conversion (軟體 → 软件) runs only when the text uses it: the phrase
 * table also rewrites ordinary words (建立 → 创建, 檔案 → 文件, 推進階段 → 推高级段) on text
 * converted mechanically from the mainland.
 */
const TAIWAN_VOCABULARY = ['計畫', '軟體', '硬體', '資訊', '網路', '程式', '伺服器', '資料庫', '滑鼠', '螢幕', '列印', '預設', '使用者', '數位', '介面', '部落格', '影片', '品質'];

const countSigns = (text: string, signs: readonly string[]): number => signs.reduce((n, s) => n + occurrences(text, s), 0);

export function detectRegion(text: string): Region {
  const tw = countSigns(text, TAIWAN_SIGNS) + countSigns(text, TAIWAN_VOCABULARY);
  const hk = countSigns(text, HONG_KONG_SIGNS);
  if (tw === 0 && hk === 0) return 'generic';
  return tw >= hk ? 'tw' : 'hk';
}

/** Whether the text writes Taiwan vocabulary (at least two of its words). */
export function usesTaiwanVocabulary(text: string): boolean {
  return countSigns(text, TAIWAN_VOCABULARY) >= 2;
}

function occurrences(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

type Convert = (text: string) => string;
const converters = new Map<string, Convert>();
function converter(from: 'twp' | 'tw' | 'hk'): Convert {
  let c = converters.get(from);
  if (!c) {
    const OpenCC = createRequire(import.meta.url)('opencc-js') as { Converter(o: { from: string; to: string }): Convert };
    c = OpenCC.Converter({ from, to: 'cn' });
    converters.set(from, c);
  }
  return c;
}

/**
 * Words opencc-js leaves alone that users expect in mainland form, applied after conversion.
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

/** Convert one traditional-script string to simplified; `phrases` adds Taiwan vocabulary. */
export function toSimplified(text: string, region: Region, phrases: boolean): string {
  const first = region === 'tw' ? converter(phrases ? 'twp' : 'tw')(text) : text;
  return applyRegionalWords(converter('hk')(first));
}

export interface ScriptResult {
  readonly text: MappedText;
  readonly script: ScriptName;
  readonly converted: boolean;
  readonly region: Region | null;
  /** True when Taiwan phrases were converted too. */
  readonly phrases: boolean;
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

/**
 * Convert what is traditional. A traditional page is converted whole; a mixed page line by line,
 * only the lines that are themselves traditional. Positions map run by run between the characters
 * conversion leaves alone (see lineReplacements).
 */
export function convertScript(input: MappedText, mode: 'convert' | 'keep'): ScriptResult {
  const script = classifyScript(countScript(input.text));
  if (mode === 'keep' || script === 'simplified' || script === 'none') return { text: input, script, converted: false, region: null, phrases: false };
  const region = detectRegion(input.text);
  const phrases = region === 'tw' && usesTaiwanVocabulary(input.text);
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
  let converted = pieces.length > 0 ? toSimplified(pieces.join('\n'), region, phrases).split('\n') : [];
  if (converted.length !== pieces.length) converted = pieces.map((piece) => toSimplified(piece, region, phrases));
  const replacements: Replacement[] = [];
  lines.forEach((line, k) => {
    const to = converted[k]!;
    const from = pieces[k]!;
    if (to === from) return;
    // a line of the same length maps one to one as it is; another is matched run by run
    if (to.length === from.length) replacements.push({ start: line.start, end: line.end, text: to });
    else replacements.push(...lineReplacements(from, to, line.start));
  });
  return { text: withReplacements(input, replacements), script, converted: replacements.length > 0, region, phrases };
}
