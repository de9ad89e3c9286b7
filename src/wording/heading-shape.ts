// "Looks like a heading", decided in one place: the shape of a line's text (after its marker, in
// matching form), with the few lengths that decide it named here. Every other module asks these
// predicates instead of measuring lines itself.
import { HEADING_TRAIL, trimEndOf } from '../text/trim.js';
import { countLetters } from '../text/letters.js';

/** A heading line holds at most this many code units (a numbered heading: 一、加强领导，重视教育发展). */
export const HEADING_MAX_LENGTH = 40;
/** A label heading (no marker) holds at most this many letters: 市应急指挥部办公室主要职责. */
export const LABEL_MAX_LETTERS = 20;
/** A label made of lexicon words holds at most this many letters: 具体工作及措施. */
export const LEXICON_LABEL_MAX_LETTERS = 12;
/** A title line of a page or document holds at most this many code units. */
export const TITLE_MAX_LENGTH = 50;

const SENTENCE_END = /[。;!?；！？]/u;
/** A line that ends with one of these is complete; others may run on into the next line. */
export const LINE_COMPLETE = /[。!?;:；！？：…”’」』)）》】\]]$/u;
/** The letters, digits and Han characters of a text. */
export { countLetters };

/** The text without the marks a heading may end with (指导思想：, 一、工作目标。). */
const headingBody = (text: string): string => trimEndOf(text, HEADING_TRAIL);

/** A heading line: short, no sentence inside it. */
export function isHeadingShaped(text: string): boolean {
  const body = headingBody(text);
  return body.length > 0 && body.length <= HEADING_MAX_LENGTH && !SENTENCE_END.test(body);
}

/**
 * A sentence that announces a list and ends in a colon: 日常状态下的职责如下：, 进入预警状态后，应采取
 * 以下预防措施：, 主要任务是：. It is text: what follows is its list, not its section.
 * Evidence: a clause before the colon (a comma inside), or the words that announce (如下, 以下, 下列,
 * 包括, 是, 为, 有, 如) right before the colon.
 */
export function isLeadInSentence(text: string): boolean {
  const t = text.trimEnd();
  if (!/[:：]$/u.test(t)) return false;
  const body = t.slice(0, -1);
  if (/[,，]/u.test(body) || ANNOUNCES.test(body)) return true;
  if (/(如下|以下|下列|下面|包括|包含|主要有|主要是|分别是|分别为|具体是|具体为|如|的是)$/u.test(body)) return true;
  return body.length >= 4 && /(?<![行作认成称])[是为有]$/u.test(body);
}

/**
 * The addressee of a notice or a letter, before its colon: 各有关单位： 各乡镇人民政府： 尊敬的各位家长：
 * 同志们： A notice opens with one; it heads the whole letter, not a list. A phrase that starts with 各
 * is an address only when it ends in whom it addresses (各部门职责： ends in what is listed: a label).
 */
const ADDRESSEE = /^(?:(?:尊敬|亲爱)的.+|.{0,12}们|各.{0,16}(?:单位|部门|学校|院校|科室|处室|乡镇|街道|村|社区|企业|医院|幼儿园|园所|县区|区县|市区|市|县|区|人民政府|政府|党委|委员会|机关|班级|年级组|教研组|同志|老师|教师|家长|同学|会员|成员))$/u;

export function isAddressLine(text: string): boolean {
  const t = text.trimEnd();
  return /[:：]$/u.test(t) && ADDRESSEE.test(t.slice(0, -1).trim());
}

/** Words a plan's own title ends with. */
export const PLAN_TITLE_END = /(计划|方案|要点|预案|规划|办法|意见|细则|安排|总结|纲要|措施|规定|制度|规则|守则|标准|指南)$/u;

/** A short line naming a plan (防汛应急预案, 2025年教研工作计划): no sentence, a plan's word at its end. */
export const isPlanTitleShaped = (text: string): boolean => text.length <= TITLE_MAX_LENGTH && !/[。;!?,，；！？、]/u.test(text) && PLAN_TITLE_END.test(text);

/** Words that announce a list: a line holding them is a sentence, not a heading. */
export const ANNOUNCES = /(包括|包含|如下|以下|下列)/u;

/** Dates standing alone on a line: 二零一五年九月, 2019年9月10日, 2020-03-01, 二〇二〇年三月十日. */
const DATE_LINE = /^(?:[〇○零一二三四五六七八九\d]{2,4} ?年 ?(?:[一二三四五六七八九十\d]{1,3} ?月 ?(?:[一二三四五六七八九十\d]{1,3} ?[日号])?)?|\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?)$/u;
/** A figure or table caption: 图2-1 应急组织体系图, 表3-1 预警级别, 图 1. */
const CAPTION = /^[图表] ?\d{1,2}(?:[-.－—]\d{1,2})?(?: |[\p{Script=Han}]|$)/u;
/** A rule line: ---, ***, ———, ===. */
const RULE_LINE = /^[-—_=*─━·.~]{3,}$/u;

/** Cover and chrome lines that are never headings: a date, a rule, a figure or table caption. */
export function isCoverLine(text: string): boolean {
  const t = text.trim();
  return DATE_LINE.test(t) || RULE_LINE.test(t.replace(/ /gu, '')) || CAPTION.test(t);
}

/** The start of a table caption line (表1 …, 表3-1 …): a flattened table follows. */
export const isTableCaption = (text: string): boolean => /^表 ?\d{1,2}(?:[-.－—]\d{1,2})?(?: |[\p{Script=Han}])/u.test(text.trim());

/** Three or more words a space apart (周次 日期 工作内容, 序号 物资名称 数量 存放地点): a table's header row. */
export const isTableHeaderRow = (text: string): boolean => /^[\p{Script=Han}]{2,6}(?:[ \u3000]+[\p{Script=Han}]{2,6}){2,}$/u.test(text.trim());

/** A bullet line (- item, * item, • item): a list item that is text, never a heading. */
export const isBulletLine = (text: string): boolean => /^[-*•·▪◦●○■□◆◇►▸](?: |(?=[\p{Script=Han}\p{L}]))/u.test(text) && !/^[-*]{2}/u.test(text);
