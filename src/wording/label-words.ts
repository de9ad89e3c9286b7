// What a short line's wording says it could be as a label heading (指导思想, 主要职责：, 二月份:,
// 献礼一：, 前 言): the words alone, whatever stands around the line. Whether a line is a label in its
// page is the outline's question (outline/labels.ts); the boilerplate stage asks too, so that a
// heading word many plans share is never taken for a site's template.
import { CJK_NUMERAL_CHARS } from '../numbering/numerals.js';
import { lettersOf } from '../text/letters.js';
import { LABEL_MAX_LETTERS, LEXICON_LABEL_MAX_LETTERS, isAddressLine, isBulletLine, isCoverLine, isHeadingShaped, isLeadInSentence, isTableHeaderRow, ANNOUNCES } from './heading-shape.js';

/**
 * What a label's wording says:
 * - `ordinal`: a word and a numeral (献礼一：…, 阶段二：…), one label with whatever follows on its line;
 * - `part`: a part of a paper (前言, 摘要, 参考文献), which stands at the top and holds text;
 * - `standalone`: a note or an appendix heading (注：, 附：参考曲目), which holds text where it stands;
 * - `period`: a period of a schedule (二月份:, 第一阶段(…), 上半年);
 * - `table`: the title of a table or list (教育科研活动表, 需求功能清单简表);
 * - `colon`: a short noun phrase ending in a colon (主要职责：, 主要运算设备：);
 * - `lexicon`: a phrase ending in a heading word (指导思想, 工作目标, 具体工作及措施);
 * - `plain`: another short line, a label only over a list that starts right below it;
 * - `named-heading`: a heading of the source format (Markdown `###`, HTML `<h3>`) with no marker.
 */
export type LabelKind = 'ordinal' | 'part' | 'standalone' | 'period' | 'table' | 'colon' | 'lexicon' | 'plain' | 'named-heading';

/** Heading words a label ends with. */
const HEADING_TAIL = /(指导思想|思想|目标|目的|重点|要点|措施|举措|步骤|思路|原则|要求|安排|内容|主题|任务|保障|背景|意义|方法|形式|机制|职责|分工|依据|范围|进度|现状|分析|成效|方向|途径|方式|流程|概况|总则|附则|附件|说明|简介|前言|引言|结语|小结|做法|经验|建议|对策|体系|愿景|定位|理念|领导|组织|宣传|考核|评估|时间)$/u;
/** Periods of a schedule: 二月份: 二至三月份 5-6月 第一周 上半年 寒假 第三季度 第一阶段(2010年3月—9月) */
const PERIOD = /^(([一二三四五六七八九十]{1,3}|\d{1,2})(月份?|月上旬|月中旬|月下旬)(至|到|—|-|~)?(([一二三四五六七八九十]{1,3}|\d{1,2})(月份?))?|([一二三四五六七八九十]{1,3}|\d{1,2})(至|到|—|-|~|、)([一二三四五六七八九十]{1,3}|\d{1,2})月份?|第[一二三四五六七八九十\d]{1,3}(周|週|阶段|季度)|[一二三四]季度|上半年|下半年|上学期|下学期|寒假|暑假|学期初|学期中|学期末|期初|期中|期末)( ?\([^()]{1,30}\))?$/u;
/** A stage of a plan, maybe with its dates: 第一阶段(2010年3月∼8月) */
const STAGE = /^第[一二三四五六七八九十\d]{1,3}阶段( ?\([^()]{1,30}\))?$/u;
/** The headings of a paper's parts, standing alone (spaces inside ignored: 前 言). */
const STANDALONE = /^(前言|引言|摘要|参考文献|后记|结语|致谢|附录|备注|注|附)$/u;
/** Of those, the parts of a paper, which stand at its top level (a note stays where it is). */
const PAPER_PART = /^(前言|引言|摘要|参考文献|后记|致谢|附录)$/u;


/** 注：… 附：… : a note or an appendix heading with its subject on the line. */
const NOTE_HEAD = /^(注|附|备注)[:：]/u;
/** A word and a numeral, then a colon: 献礼一：, 阶段二：, 模块三： */
const ORDINAL_LABEL = new RegExp(`^(?!第)[\\p{Script=Han}]{1,4}?[${CJK_NUMERAL_CHARS}]{1,3}[:：]`, 'u');
/** A table's title: 活动表, 安排表, 一览表 */
const TABLE_TITLE = /(表|一览表|安排表|日程表|进度表|清单|简表)$/u;
const SENTENCE_PUNCT = /[。;!?；！？]/u;
/** A stage (STAGE) before the line's first colon, spaces around it allowed: the period form with its activity. */
const STAGE_BEFORE_COLON = /^\s*第[一二三四五六七八九十\d]{1,3}阶段( ?\([^()]{1,30}\))?\s*[:：]/u;
const TRAILING_NON_HEADING = /[,，、…\-—(（《“"]$/u;

export function labelText(match: string): string {
  return match.replace(/[:：]\s*$/u, '').trim();
}

export { lettersOf };

/** What the wording of a plain line says it could be as a label, or null when it cannot be one. */
export function labelKind(match: string): LabelKind | null {
  // a line with a sentence inside (most lines asked about) can only be an ordinal label or a period
  // with its activity (第一阶段(…)：…。): when it has neither shape, the answer is null at once
  if (SENTENCE_PUNCT.test(match) && !ORDINAL_LABEL.test(match) && !STAGE_BEFORE_COLON.test(match)) return null;
  if (isBulletLine(match) || isCoverLine(match)) return null;
  if (lettersOf(match) === '目录') return null; // the heading of a table of contents, which is no outline
  if (/^附件? ?[\d一二三四五六七八九十]{0,2} ?[:：]?$/u.test(match)) return null; // an attachment's number: its title follows
  if (ORDINAL_LABEL.test(match)) {
    const word = match.slice(0, match.search(/[:：]/u));
    const wordOnly = [...word].filter((ch) => !CJK_NUMERAL_CHARS.includes(ch)).join('');
    if (wordOnly.length > 0 && isHeadingShaped(match)) return 'ordinal';
  }
  if (NOTE_HEAD.test(match) && match.length <= 30 && !SENTENCE_PUNCT.test(match)) return /^附/u.test(match) ? 'part' : 'standalone'; // 附：… is a part of its own
  const colonAt = match.search(/[:：]/u);
  if (colonAt > 0 && STAGE.test(match.slice(0, colonAt).trim())) return 'period'; // 第一阶段(…)：进一步… (a month and its activity is a schedule row)
  if (/^\(.*\)$/u.test(match)) return null; // (征求意见稿): an annotation of the title
  if (SENTENCE_PUNCT.test(match) || TRAILING_NON_HEADING.test(match)) return null;
  const core = labelText(match);
  const letters = lettersOf(core);
  if (STANDALONE.test(letters) && letters.length === core.replace(/ /gu, '').length) return PAPER_PART.test(letters) ? 'part' : 'standalone';
  if (letters.length < 2 || letters.length > LABEL_MAX_LETTERS) return null;
  // a word spaced out letter by letter (任 务 题 目, 事 件 情 形): a cover's or a table header's, no heading
  if (/^(?:[\p{Script=Han}] ){2,}[\p{Script=Han}]$/u.test(core)) return null;
  // three or more words a space apart (周次 日期 工作内容, 职称 姓名 分工): a table's header row
  if (isTableHeaderRow(core)) return null;
  if (/[:：]/u.test(core)) return null; // a colon inside: 组长:张三
  if (isLeadInSentence(match) || ANNOUNCES.test(core) || isAddressLine(match)) return null;
  if (PERIOD.test(core)) return 'period';
  if (letters.length <= LEXICON_LABEL_MAX_LETTERS && HEADING_TAIL.test(core)) return 'lexicon';
  if (letters.length <= LEXICON_LABEL_MAX_LETTERS && TABLE_TITLE.test(core)) return 'table';
  if (/[:：]\s*$/u.test(match) && !/[,，、]/u.test(core)) return 'colon'; // 各中小学校、局属各单位： is an address
  return 'plain';
}

/** Kept for callers that only ask whether a line reads as a heading word: `lexicon`, `plain` or null. */
export function labelShape(match: string): 'lexicon' | 'plain' | null {
  const kind = labelKind(match);
  if (kind === null) return null;
  return kind === 'plain' ? 'plain' : 'lexicon';
}
