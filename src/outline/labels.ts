// Unnumbered label headings (指导思想, 工作目标, 具体工作及措施, 二月份:): short lines that head
// the text below them.
import type { Entry } from './entries.js';

/** Heading words a label ends with. */
const HEADING_TAIL = /(指导思想|思想|目标|目的|重点|要点|措施|举措|步骤|思路|原则|要求|安排|内容|主题|任务|保障|背景|意义|方法|形式|机制|职责|分工|依据|范围|进度|现状|分析|成效|方向|途径|方式|流程|概况|总则|附则|附件|说明|简介|前言|引言|结语|小结|做法|经验|建议|对策|体系|愿景|定位|理念|领导|组织|宣传|考核|评估|时间)$/u;
/** Periods of a schedule: 二月份: 第一周 上半年 寒假 第三季度 */
const PERIOD = /^(([一二三四五六七八九十]{1,3}|\d{1,2})(月份?|月上旬|月中旬|月下旬)(至|到|—|-|~)?(([一二三四五六七八九十]{1,3}|\d{1,2})(月份?))?|第[一二三四五六七八九十\d]{1,3}(周|週|阶段|季度)|[一二三四]季度|上半年|下半年|上学期|下学期|寒假|暑假|学期初|学期中|学期末|期初|期中|期末)$/u;
/** A table's title: 活动表, 安排表, 一览表 */
const TABLE_TITLE = /(表|一览表|安排表|日程表|进度表)$/u;
const SENTENCE_PUNCT = /[。;!?；！？]/u;
const TRAILING_NON_HEADING = /[,，、…\-—(（《“"]$/u;

export function labelText(match: string): string {
  return match.replace(/[:：]\s*$/u, '').trim();
}

/** Whether a plain line's wording could make it a label heading. */
export function labelShape(match: string): 'lexicon' | 'plain' | null {
  if (SENTENCE_PUNCT.test(match) || TRAILING_NON_HEADING.test(match)) return null;
  const core = labelText(match);
  const letters = core.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, '');
  if (letters.length < 2 || letters.length > 20) return null;
  if (/[:：]/u.test(core)) return null; // a colon inside: 组长:张三
  if (PERIOD.test(core)) return 'lexicon';
  if (letters.length <= 12 && (HEADING_TAIL.test(core) || TABLE_TITLE.test(core))) return 'lexicon';
  return 'plain';
}

/**
 * Is the plain entry at `i` a label heading? `lexicon` shapes need text below them; `plain` ones
 * need a numbered list starting at 1 right below. Inside a run of short unterminated lines (a
 * flattened table, a list of names) only the run's first line can be a label.
 */
export function isLabelHeading(entries: readonly Entry[], i: number, matchOf: (e: Entry) => string): boolean {
  const entry = entries[i];
  if (!entry || entry.marker || !entry.atLineStart) return false;
  const next = entries[i + 1];
  if (!next || next.line === entry.line) return false; // nothing below, or split inside its own line
  const match = matchOf(entry);
  const shape = labelShape(match);
  if (!shape) return false;
  const prev = entries[i - 1];
  if (prev && !prev.marker && prev.atLineStart && isShortUnterminated(matchOf(prev)) && isShortUnterminated(matchOf(next)) && !next.marker) return false;
  if (next.marker) return next.marker.ordinal === 1 || (shape === 'lexicon' && next.marker.ordinal !== null && next.marker.ordinal <= 1);
  if (shape !== 'lexicon') return false;
  // a lexicon heading over text: the text must not be another short colon label (组长: 副组长:)
  const nextMatch = matchOf(next);
  return !(/[:：]\s*$/u.test(nextMatch) && nextMatch.length <= 8);
}

function isShortUnterminated(match: string): boolean {
  return match.length <= 24 && !/[。;!?；！？:：]$/u.test(match);
}
