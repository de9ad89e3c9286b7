// What a line's wording says it could be as a label: a line with a sentence in it is answered at once
// unless it has the shape of the two labels that may carry one (an ordinal label, a stage with its
// activity), and those are still read in full.
import { describe, expect, it } from 'vitest';
import { labelKind } from '../src/wording/label-words.js';

describe('label wording', () => {
  it.each([
    ['献礼一：坚持育人为本。', 'ordinal'],
    ['阶段二：做好准备。', 'ordinal'],
    ['第一阶段(3月—4月)：进一步做好准备工作。', 'period'],
    ['第二阶段：全面实施，落实责任。', 'period'],
    [' 第三阶段 ：总结。', 'period'],
    ['第一阶段(3:00)：启动。', null], // the first colon is inside the brackets: no stage before it
    ['加强管理，提高质量。', null],
    ['一是加强领导。', null],
    ['注：本表一式两份。', null],
    ['指导思想', 'lexicon'],
    ['主要运算设备:', 'colon'],
    // a notice's addressee heads the letter, not a list; 各… ending in what is listed is a label
    ['各有关单位：', null],
    ['各乡镇人民政府：', null],
    ['尊敬的各位家长：', null],
    ['同志们：', null],
    ['各部门职责：', 'lexicon'],
    ['各阶段任务：', 'lexicon'],
    ['周次 日期 工作内容', null], // a table's header row, three words a space apart
    ['工作 目标', 'lexicon'],
    ['二月份:', 'period'],
    ['前 言', 'part'],
    ['目录', null],
  ] as const)('%s → %s', (line, kind) => {
    expect(labelKind(line)).toBe(kind);
  });
});
