// Every numbering family in one table: where a marker starts, what it is, and which level
// class it shares with its punctuation variants (一、 and 一. nest alike).
import type { MarkerStyle } from '../types.js';
import { CIRCLED_CHARS, CJK_NUMERAL_CHARS, DOTTED_CHARS, FORMAL_NUMERAL_CHARS, PAREN_CIRCLED_CHARS, PAREN_IDEOGRAPH_CHARS, ROMAN_LOWER_CHARS, ROMAN_UPPER_CHARS, STEM_CHARS, enclosedNumberValue, parseChineseNumeral } from './numerals.js';

export interface MarkerMatch {
  /** Index just past the marker (before any following space). */
  readonly rawEnd: number;
  /** Index where the entry's text starts (spaces after the marker skipped). */
  readonly textStart: number;
  readonly style: MarkerStyle;
  readonly ordinal: number | null;
  /** Markers of one class share a nesting level inside a document. */
  readonly levelClass: string;
  /** Bare forms (`1规范…`, `模块一：`) count only inside a series of their kind. */
  readonly needsSeries: boolean;
  /** The numbers of a decimal marker (4.1.2 → [4, 1, 2]); null for other families. */
  readonly components: readonly number[] | null;
}

const CJK = `[${CJK_NUMERAL_CHARS}]`;
const FORMAL = `[${FORMAL_NUMERAL_CHARS}]`;
const HAN = '\\p{Script=Han}';
/** What a measure word or unit after a number says: a quantity, not a marker. */
const UNIT_AFTER = new Set([...'年月日号號个個名所次人元万萬亿億岁歲天周週时時分秒届屆期批班级級项項条條种種套台间間位余餘多%倍米克斤吨噸亩畝户戶家门門篇章节節本册冊张張件场場轮輪节度点點片座栋棟层層块塊万千百十级份小寸尺公里']);

/** Two-character words after a number that name a period or a unit (一季度, 二车间): a name, not a marker. */
const UNIT_WORD_AFTER = /^(?:季度|车间|車間)/u;

/** After a bare Chinese numeral these make a word (一些 一切 一旦 一直 两个 三好), not a marker. */
const NUMERAL_WORD_NEXT = new Set([...'些切旦直般起样致同体方律道系把岗对是要则来去线流手门面边头下上心生好大小中高长新老多少半整全每连再又也就都还能可会将把被']);

interface Family {
  /** The characters a marker of the family can start with (a class, or one escaped character). */
  readonly first: string;
  readonly pattern: RegExp;
  readonly build: (m: RegExpExecArray) => MarkerInfo | null;
  /** Only at the start of a line (not after sentence punctuation inside one). */
  readonly lineStartOnly?: boolean;
  /** Its pattern already says what may follow it (the follower check is skipped). */
  readonly followerChecked?: boolean;
}

const cjkValue = (s: string): number | null => {
  const v = parseChineseNumeral(s);
  return v !== null && v > 0 && v < 200 ? v : null;
};
const arabicValue = (s: string): number | null => {
  const v = Number(s);
  return Number.isInteger(v) && v > 0 && v < 200 ? v : null;
};

type MarkerInfo = Omit<MarkerMatch, 'rawEnd' | 'textStart'>;

/** The ordinal a placeholder number (第n条) is built with: it stands for null. */
const PLACEHOLDER = -1;

const make = (style: MarkerStyle, ordinal: number | null, levelClass: string, needsSeries = false): MarkerInfo | null =>
  ordinal === null && style !== 'dash' ? null : { style, ordinal: ordinal === PLACEHOLDER ? null : ordinal, levelClass, needsSeries, components: null };
/** A Latin letter's place in the alphabet; lower and upper case are two classes. */
const latin = (style: MarkerStyle, letter: string): MarkerInfo | null => {
  const lower = letter.toLowerCase();
  return make(style, lower.charCodeAt(0) - 0x60, lower === letter ? 'latin-lower' : 'latin-upper', true);
};
const withComponents = (info: MarkerInfo | null, components: readonly number[]): MarkerInfo | null => info && { ...info, components };

/** Tried in order at a candidate position; the first that matches wins. */
const FAMILIES: readonly Family[] = [
  {
    // （一） (一) (一)、 ( 一 )
    first: '\\(',
    pattern: new RegExp(`\\( ?(${CJK}{1,4}) ?\\)( ?[、.,])?`, 'uy'),
    build: (m) => make(m[2] ? 'paren-cjk-dun' : 'paren-cjk', cjkValue(m[1] ?? ''), 'paren-cjk'),
  },
  {
    // （1） (1) (1)、
    first: '\\(',
    pattern: /\( ?(\d{1,2}) ?\)( ?[、.,])?/uy,
    build: (m) => make(m[2] ? 'paren-arabic-dun' : 'paren-arabic', arabicValue(m[1] ?? ''), 'paren-arabic'),
  },
  {
    // ㈠ ㈡ : （一） （二） in one character, the same family and level
    first: `[${PAREN_IDEOGRAPH_CHARS}]`,
    pattern: new RegExp(`([${PAREN_IDEOGRAPH_CHARS}])( ?[、.,])?`, 'uy'),
    build: (m) => make(m[2] ? 'paren-cjk-dun' : 'paren-cjk', enclosedNumberValue(m[1] ?? ''), 'paren-cjk'),
  },
  {
    first: `[${PAREN_CIRCLED_CHARS}]`,
    pattern: new RegExp(`([${PAREN_CIRCLED_CHARS}])( ?[、.,])?`, 'uy'),
    build: (m) => make('circled-paren', enclosedNumberValue(m[1] ?? ''), 'circled-paren'),
  },
  {
    first: `[${CIRCLED_CHARS}]`,
    pattern: new RegExp(`([${CIRCLED_CHARS}])( ?[、.,])?`, 'uy'),
    build: (m) => make('circled', enclosedNumberValue(m[1] ?? ''), 'circled'),
  },
  {
    first: `[${DOTTED_CHARS}]`,
    pattern: new RegExp(`([${DOTTED_CHARS}])`, 'uy'),
    build: (m) => make('arabic-dot', enclosedNumberValue(m[1] ?? ''), 'arabic'),
  },
  {
    // 第一部分 第一章 第一节 第一条 第一， 第一、
    first: '第',
    // 第n条 第X章: a draft's placeholder numbers (ordinal null)
    pattern: new RegExp(`第 ?(${CJK}{1,4}|\\d{1,3}|[nNxX]{1,2}) ?(部分|章|节|節|条|條|[,、:])`, 'uy'),
    build: (m) => {
      const placeholder = /^[nNxX]+$/u.test(m[1] ?? '') && m[2] !== undefined && /^(部分|章|节|節|条|條)$/u.test(m[2]);
      if (/^[nNxX]+$/u.test(m[1] ?? '') && !placeholder) return null;
      const ordinal = placeholder ? PLACEHOLDER : cjkValue(m[1] ?? '') ?? arabicValue(m[1] ?? '');
      switch (m[2]) {
        case '部分': return make('di-part', ordinal, 'di-part');
        case '章': return make('di-chapter', ordinal, 'di-chapter');
        case '节': case '節': return make('di-section', ordinal, 'di-section');
        case '条': case '條': return make('di-article', ordinal, 'di-article');
        default: return make('di-comma', ordinal, 'di-comma');
      }
    },
  },
  {
    // 一是 二是 … 一要 二要
    first: CJK,
    pattern: new RegExp(`(${CJK}{1,3})(是|要)`, 'uy'),
    build: (m) => {
      const v = cjkValue(m[1] ?? '');
      return v !== null && v <= 30 ? make('cjk-shi', v, `cjk-shi-${m[2]}`) : null;
    },
  },
  {
    // 一、 一. 一， 二,、 (doubled punctuation from mirror sites)
    first: CJK,
    pattern: new RegExp(`(${CJK}{1,4}) ?([、.,]{1,2}|:)(?!\\d|${CJK}(?:[、.,]|等))`, 'uy'), // 一、二、三等奖 is a list of numbers
    build: (m) => {
      const punct = m[2] ?? '';
      const style: MarkerStyle = punct.includes('、') ? 'cjk-dun' : punct.startsWith('.') ? 'cjk-dot' : punct === ':' ? 'cjk-colon' : 'cjk-comma';
      return make(style, cjkValue(m[1] ?? ''), 'cjk');
    },
  },
  {
    // 一） 一) : a Chinese numeral with a closing bracket only
    first: CJK,
    pattern: new RegExp(`(${CJK}{1,4}) ?\\)(?![\\d${CJK_NUMERAL_CHARS}])`, 'uy'),
    build: (m) => make('cjk-rparen', cjkValue(m[1] ?? ''), 'cjk-rparen'),
  },
  {
    // 壹、 贰、 参、 (formal numerals, 壹、貳、參、 in Taiwan documents)
    first: FORMAL,
    pattern: new RegExp(`(${FORMAL}{1,3}) ?([、.,]{1,2})`, 'uy'),
    build: (m) => make('formal-dun', cjkValue(m[1] ?? ''), 'formal'),
  },
  {
    // 甲、 乙、 丙. (the heavenly stems; only at a line start and in a series of their kind: 甲方 and
    // 甲、乙双方 are words, and the next stem right after the punctuation is a list of parties)
    first: `[${STEM_CHARS}]`,
    pattern: new RegExp(`([${STEM_CHARS}]) ?[、.,](?![${STEM_CHARS}])`, 'uy'),
    lineStartOnly: true,
    build: (m) => make('stem-dun', STEM_CHARS.indexOf(m[1] ?? '') + 1 || null, 'stem', true),
  },
  {
    // Ⅰ、 Ⅱ. ⅲ、 (Roman numerals of one character, with their punctuation: Ⅳ级 is a grade, and Ⅱ、Ⅲ、Ⅳ级
    // a list of grades, not a marker)
    first: `[${ROMAN_UPPER_CHARS}${ROMAN_LOWER_CHARS}]`,
    pattern: new RegExp(`([${ROMAN_UPPER_CHARS}${ROMAN_LOWER_CHARS}]) ?[、.,](?! ?[${ROMAN_UPPER_CHARS}${ROMAN_LOWER_CHARS}])`, 'uy'),
    build: (m) => {
      const upper = ROMAN_UPPER_CHARS.indexOf(m[1] ?? '');
      return upper >= 0 ? make('roman', upper + 1, 'roman-upper') : make('roman', ROMAN_LOWER_CHARS.indexOf(m[1] ?? '') + 1, 'roman-lower');
    },
  },
  {
    // 1.1  1.1.1  1.2.3.4 (decimal outline numbering)
    first: '\\d',
    // (a space around a dot, 2 . 1, as PDF extraction leaves it; a 、 after the number, 1.1、, as some write it)
    pattern: new RegExp(`(\\d{1,2})((?: ?\\. ?\\d{1,2}){1,4})(?!\\d|\\.\\d|[%\\-—~～])[.、]?(?= |${HAN}|[“"《(]|$)`, 'uy'),
    build: (m) => {
      const parts = `${m[1]}${m[2]}`.replace(/ /gu, '').split('.');
      const last = arabicValue(parts[parts.length - 1] ?? '');
      return withComponents(make('decimal', last, `decimal-${parts.length}`), parts.map(Number));
    },
  },
  {
    // 1、 1. 1． 1， 1) 1）
    first: '\\d',
    pattern: /(\d{1,3}) ?([、,)]|\.(?!\d))/uy,
    build: (m) => {
      const v = arabicValue(m[1] ?? '');
      switch (m[2]) {
        case '、': return make('arabic-dun', v, 'arabic');
        case ',': return make('arabic-comma', v, 'arabic');
        case ')': return make('arabic-rparen', v, 'arabic-rparen');
        default: return make('arabic-dot', v, 'arabic');
      }
    },
  },
  {
    // 2.2020年… 11.5-6月份… : a number whose punctuation runs into a date (only in a series of its kind)
    first: '\\d',
    pattern: /(\d{1,3})\.(?=(?:19|20)\d\d ?年|\d{1,2}(?:[-—~～]\d{1,2})? ?月)/uy,
    lineStartOnly: true,
    followerChecked: true,
    build: (m) => make('arabic-dot', arabicValue(m[1] ?? ''), 'arabic', true),
  },
  {
    // §1. §2 (section signs of Word exports)
    first: '§',
    pattern: /§ ?(\d{1,2})(\.(?!\d))?/uy,
    build: (m) => make('section-sign', arabicValue(m[1] ?? ''), 'section-sign'),
  },
  {
    // (a) （b） : Latin letters in brackets (only in a series of their kind)
    first: '\\(',
    pattern: /\( ?([a-zA-Z]) ?\)(?![a-zA-Z])/uy,
    lineStartOnly: true,
    build: (m) => latin('paren-latin', m[1] ?? ''),
  },
  {
    // a) b. A、 : Latin letters (only in a series of their kind)
    first: '[a-zA-Z]',
    pattern: /([a-zA-Z]) ?[)、.](?![a-zA-Z.])/uy,
    lineStartOnly: true,
    build: (m) => latin(m[0].endsWith(')') ? 'latin-rparen' : 'latin-dot', m[1] ?? ''),
  },
  {
    // 1 总则   1规范招生 (a bare number: only inside a series of its kind)
    first: '\\d',
    pattern: new RegExp(`(\\d{1,2})(?= {0,3}(${HAN}|[“"《]))`, 'uy'),
    lineStartOnly: true,
    build: (m) => make('arabic-bare', arabicValue(m[1] ?? ''), 'arabic', true),
  },
  {
    // 模块一：职业道德规范教育。… (a word and a numeral over a sentence; only in a series with the same
    // word). Over a heading-shaped title (献礼一：…, 阶段二：…) it is a label, decided in entries.
    first: HAN,
    pattern: new RegExp(`((?:(?!第)${HAN}){1,3}?)(${CJK}{1,3})([:、])`, 'uy'),
    lineStartOnly: true,
    build: (m) => {
      const word = m[1] ?? '';
      if ([...word].some((ch) => CJK_NUMERAL_CHARS.includes(ch))) return null;
      return make('word-cjk', cjkValue(m[2] ?? ''), `word-${word}`, true);
    },
  },
  {
    // 一积极进行… : a numeral whose brackets were lost (only in a series of its kind)
    first: CJK,
    pattern: new RegExp(`(${CJK}{1,2})(?=${HAN})`, 'uy'),
    lineStartOnly: true,
    build: (m) => make('cjk-bare', cjkValue(m[1] ?? ''), 'cjk-bare', true),
  },
  {
    // —— bullets, ---- bullets
    first: '[—\\-─－]',
    pattern: /(—{2,}|-{2,}|─{2,}|－{2,})/uy,
    lineStartOnly: true,
    build: () => make('dash', null, 'dash'),
  },
];

/**
 * The pattern of every numbering family, in the order they are tried: copies (same source and
 * flags), so that using them never disturbs the families' own `lastIndex`. For the ReDoS check.
 */
export const MARKER_PATTERNS: readonly RegExp[] = Object.freeze(FAMILIES.map((f) => new RegExp(f.pattern.source, f.pattern.flags)));

/**
 * The marker that starts at `at` in the matching form `m`, if any.
 * `lineStart` says whether `at` starts a line (some families only count there).
 */
export function matchMarkerAt(m: string, at: number, lineStart: boolean): MarkerMatch | null {
  const code = m.codePointAt(at);
  if (code === undefined) return null;
  /** A reading kept in case no other family reads the position (a glued decimal before a unit). */
  let fallback: MarkerMatch | null = null;
  for (const family of familiesStartingWith(code)) {
    if (family.lineStartOnly && !lineStart) continue;
    family.pattern.lastIndex = at;
    const found = family.pattern.exec(m);
    if (!found) continue;
    const info = family.build(found);
    if (!info) continue;
    const rawEnd = at + found[0].length;
    if (!family.followerChecked && !isPlausibleFollower(m, rawEnd, info.style)) continue;
    let textStart = rawEnd;
    while (textStart < m.length && m[textStart] === ' ') textStart++;
    // 3年 3 个 1.5万 are quantities; but a space after an outline number (4.1 分级响应) makes a heading
    const quantity = info.style === 'decimal' ? textStart === rawEnd && (info.components?.length ?? 0) <= 2 : info.style === 'arabic-bare' || info.style === 'cjk-bare';
    if (quantity && (UNIT_AFTER.has(m[textStart] ?? '') || UNIT_WORD_AFTER.test(m.slice(textStart, textStart + 2)))) {
      // 5.2分级响应 reads as 5.2分 too: a glued decimal before a unit stands only in a series (5.1 … 5.3)
      if (info.style === 'decimal' && lineStart) fallback ??= placed({ ...info, needsSeries: true }, rawEnd, textStart);
      continue;
    }
    // 一切 一些 两个 are words: such a bare numeral stands only where it fills a gap in a run (五、 六切实… 七、)
    if (info.style === 'cjk-bare' && NUMERAL_WORD_NEXT.has(m[textStart] ?? '')) return placed({ ...info, levelClass: 'cjk-bare-word' }, rawEnd, textStart);
    return placed(info, rawEnd, textStart);
  }
  return fallback;
}

/**
 * A match: one object literal of fixed shape (a spread of the family's reading plus two fields made
 * each match an object with a second property store, about three times the size; a long page
 * holds one for every line while its entries are read).
 */
const placed = (info: MarkerInfo, rawEnd: number, textStart: number): MarkerMatch => ({
  rawEnd,
  textStart,
  style: info.style,
  ordinal: info.ordinal,
  levelClass: info.levelClass,
  needsSeries: info.needsSeries,
  components: info.components,
});

const FIRST_CHAR = FAMILIES.map((f) => new RegExp(`^(?:${f.first})$`, 'u'));
/** familiesFor[code unit] for the Basic Multilingual Plane, filled as characters are met. */
const familiesOfBmpChar: Array<readonly Family[] | undefined> = new Array<readonly Family[] | undefined>(0x10000);
const familiesOf = (ch: string): readonly Family[] => FAMILIES.filter((_, k) => FIRST_CHAR[k]!.test(ch));
/** The families, in order, that a marker starting with this character can belong to. */
function familiesStartingWith(code: number): readonly Family[] {
  if (code > 0xffff) return familiesOf(String.fromCodePoint(code));
  return (familiesOfBmpChar[code] ??= familiesOf(String.fromCharCode(code)));
}

/** What follows a marker must be entry text, not a quantity or more digits. */
function isPlausibleFollower(m: string, end: number, style: MarkerStyle): boolean {
  if (end >= m.length || m.charCodeAt(end) === 0x0a) return style !== 'cjk-shi' && style !== 'arabic-bare' && style !== 'dash'; // a dash alone is a rule line (---)
  const next = m.charCodeAt(end);
  if (style === 'cjk-shi') return !NOT_AFTER_SHI.has(next);
  if (style === 'arabic-dun') return !/^(\d{1,3}[、,]|[%])/u.test(m.slice(end, end + 4)); // 1、2、3年级 is a list of numbers
  if (style === 'arabic-dot' || style === 'arabic-comma') return !(isDigit(next) || next === 0x25);
  return true;
}

/** After 一是 / 二要 these say it is a word (一是的, 要，), not a marker. */
const NOT_AFTER_SHI = new Set([...'的，,。、'].map((c) => c.charCodeAt(0)));
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
