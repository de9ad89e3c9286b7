// Where a page's documents start: title lines that carry a document sequence number
// (范文第1篇, 篇2, 【篇一】, 第一篇:, 教育局工作计划(一), 措施方案3, 汇总二), forming a run 1, 2, 3 ….
import { CJK_NUMERAL_CHARS, parseChineseNumeral } from '../numbering/numerals.js';
import { startsWithMarker } from '../numbering/line-marker.js';
import type { Line } from '../text/lines.js';

export interface DocumentTitle {
  /** Index into the lines array. */
  readonly line: number;
  readonly ordinal: number;
  /** Where the title ends in the line (a title glued to the first marker ends before it). */
  readonly titleEnd: number;
}

const NUM = `(\\d{1,2}|[${CJK_NUMERAL_CHARS}]{1,3})`;
/** Words a plan title ends with before its sequence number. */
const PLAN_WORD = '(计划|方案|要点|总结|汇总|安排|意见|通知|规划|办法|措施|细则|预案|范文|范本|模板|报告|制度|思路|打算|设想|纲要|工作|讲话|汇报|心得|体会)';

interface TitleForm {
  readonly pattern: RegExp;
  /** Group holding the sequence number. */
  readonly group: number;
  /** Group holding the stem (text before the number), when the form has one. */
  readonly stem?: number;
  /** A run of one is enough for this form (its wording alone says "document N"). */
  readonly strong: boolean;
  /** A test the line passes whenever the pattern matches it, far cheaper than the pattern: most lines fail it. */
  readonly mayMatch: (line: string) => boolean;
  /**
   * The number stands in brackets after a plan's title (…计划(一), …方案（二）): titles of one run need
   * not share their stem (a collection of different plans numbered in turn), as bare numbers must.
   */
  readonly bracketed?: boolean;
}

/** The line ends with a sequence number, bare or in brackets (the plan-word forms). */
const endsWithNumber = (line: string): boolean => {
  const last = line.at(-1) ?? '';
  return last === ')' || last === '）' || (last >= '0' && last <= '9') || CJK_NUMERAL_CHARS.includes(last);
};
const holdsPiece = (line: string): boolean => line.includes('篇');
const SAMPLE_WORD = /范文|样本|样文|模板|例文/u;

const FORMS: readonly TitleForm[] = [
  // 范文第3篇, 教育工作计划 篇1, 篇2, 【篇一】, 第一篇: (maybe followed by a title)
  { pattern: new RegExp(`^(.{0,40}?)[【\\[(]?\\s*篇\\s*${NUM}\\s*[】\\])]?\\s*([:：].{0,40})?$`, 'u'), group: 2, stem: 1, strong: true, mayMatch: holdsPiece },
  { pattern: new RegExp(`^(.{0,40}?)[【\\[(]?\\s*第\\s*${NUM}\\s*篇\\s*[】\\])]?\\s*([:：].{0,40})?$`, 'u'), group: 2, stem: 1, strong: true, mayMatch: holdsPiece },
  // 【篇一】七年级班主任工作计划, 【第二篇】…: the bracketed number, then the document's title
  { pattern: new RegExp(`^[【\\[(]\\s*篇\\s*${NUM}\\s*[】\\])]\\s*(?![:：])\\S.{1,40}$`, 'u'), group: 1, strong: true, mayMatch: holdsPiece },
  { pattern: new RegExp(`^[【\\[(]\\s*第\\s*${NUM}\\s*篇\\s*[】\\])]\\s*(?![:：])\\S.{1,40}$`, 'u'), group: 1, strong: true, mayMatch: holdsPiece },
  // 篇一 七年级班主任工作计划, 第二篇 …计划: unbracketed, a space, then a plan's title
  { pattern: new RegExp(`^篇\\s*${NUM}\\s+.{2,40}${PLAN_WORD}$`, 'u'), group: 1, strong: true, mayMatch: holdsPiece },
  { pattern: new RegExp(`^第\\s*${NUM}\\s*篇\\s+.{2,40}${PLAN_WORD}$`, 'u'), group: 1, strong: true, mayMatch: holdsPiece },
  // 【范文一】 范文2： (a collection's numbered samples)
  { pattern: new RegExp(`^[【\\[(]?\\s*(范文|样本|样文|模板|例文)\\s*${NUM}\\s*[】\\])]?\\s*([:：].{0,40})?$`, 'u'), group: 2, stem: 1, strong: true, mayMatch: (line) => SAMPLE_WORD.test(line) },
  // 教育局工作计划(一), 措施方案3, 活动方案汇总二
  { pattern: new RegExp(`^(.{2,40}?${PLAN_WORD})\\s*[(（]\\s*${NUM}\\s*[)）]$`, 'u'), group: 3, stem: 1, strong: false, mayMatch: endsWithNumber, bracketed: true },
  { pattern: new RegExp(`^(.{2,40}?${PLAN_WORD})\\s*${NUM}$`, 'u'), group: 3, stem: 1, strong: false, mayMatch: endsWithNumber },
];

/** A title glued to the first marker of its document: …工作计划1一、指导思想 */
const GLUED = new RegExp(`^(.{2,40}?${PLAN_WORD})(\\d{1,2})(?=[${CJK_NUMERAL_CHARS}]{1,3}[、.])`, 'u');

interface Candidate extends DocumentTitle {
  readonly stem: string;
  readonly strong: boolean;
  readonly bracketed: boolean;
}

function candidateAt(line: Line, i: number): Candidate | null {
  const m = line.match;
  if (m.length > 60 || /[。;!?]/u.test(m)) return null;
  if (startsWithMarker(m) && !/篇/u.test(m)) return null;
  for (const form of FORMS) {
    if (!form.mayMatch(m)) continue;
    const found = form.pattern.exec(m);
    if (!found) continue;
    const ordinal = toNumber(found[form.group] ?? '');
    if (ordinal === null) continue;
    const stem = form.stem ? (found[form.stem] ?? '').replace(/[\s【\[(]+$/u, '') : '';
    return { line: i, ordinal, titleEnd: line.text.length, stem, strong: form.strong, bracketed: form.bracketed === true };
  }
  // the glued form's sequence number is made of ASCII digits
  const glued = /\d/u.test(m) ? GLUED.exec(m) : null;
  if (glued) {
    const ordinal = toNumber(glued[3] ?? '');
    if (ordinal !== null) return { line: i, ordinal, titleEnd: glued[0].length, stem: glued[1] ?? '', strong: false, bracketed: false };
  }
  return null;
}

function toNumber(s: string): number | null {
  const v = /^\d+$/u.test(s) ? Number(s) : parseChineseNumeral(s);
  return v !== null && v > 0 && v < 100 ? v : null;
}

/**
 * The document title lines of a page, in order; empty when the page is one document
 * without a numbered title. The longest run of candidates numbered 1, 2, 3 … wins; a run of one
 * counts only for a strong form or a plan-word title near the top of the page.
 */
export function findDocumentTitles(lines: readonly Line[]): DocumentTitle[] {
  const candidates: Candidate[] = [];
  lines.forEach((line, i) => {
    const c = candidateAt(line, i);
    if (c) candidates.push(c);
  });
  // one pass: each run waits for its next ordinal in its family; a candidate extends the earliest
  // run waiting for it, or starts a run of its own when it is numbered 1 or 2
  const waiting = new Map<string, Candidate[]>();
  const runs: Candidate[][] = [];
  for (const c of candidates) {
    const family = familyKey(c);
    const key = `${family}\u0000${c.ordinal}`;
    const run = waiting.get(key);
    if (run) {
      waiting.delete(key);
      run.push(c);
    } else if (c.ordinal <= 2) {
      const fresh = [c];
      runs.push(fresh);
      if (!waiting.has(`${family}\u0000${c.ordinal + 1}`)) waiting.set(`${family}\u0000${c.ordinal + 1}`, fresh);
      continue;
    } else {
      continue;
    }
    const next = `${family}\u0000${c.ordinal + 1}`;
    if (!waiting.has(next)) waiting.set(next, run);
  }
  let best: Candidate[] = [];
  for (const run of runs) if (run.length > best.length) best = run;
  if (best.length === 1) {
    const only = best[0]!;
    const nearTop = only.line <= 12;
    if (!(only.strong || (nearTop && only.ordinal === 1))) return [];
  }
  return best.map(({ line, ordinal, titleEnd }) => ({ line, ordinal, titleEnd }));
}

/** Titles of one run share their stem (a repeated plan title), or are all strong forms, or all bracketed numbers. */
function familyKey(c: Candidate): string {
  if (c.strong) return 'strong';
  return c.bracketed ? 'bracketed' : `stem:${c.stem}`;
}
