// Big5 codes C6A1–C8FE in their two layouts: Big5-HKSCS (the ETEN extension, iconv-lite) and the
// BIG5.TXT table that Python's big5 and cp950 codecs write. The layout is told by where the
// characters stand; a plan numbered ⑴、 keeps its items either way.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { spawnSync } from 'node:child_process';
import { big5ExtensionEvidence, big5TxtChar, chooseBig5Extension, detectBig5Extension } from '../src/decode/big5-extension.js';
import { decodeBytes } from '../src/decode/decode.js';
import { parsePlan } from '../src/index.js';
import type { BodyNode, RootNode } from '../src/types.js';

// A Taiwan plan written for these tests, numbered ⑴、 and ①.
const PLAN = [
  '臺北市國民中學資訊教育計畫',
  '一、實施內容',
  '⑴、每學期辦理資訊融入教學研習至少二場。',
  '⑵、鼓勵教師參加線上課程，每人每學年至少六小時。',
  '⑶、辦理網路素養有獎徵答活動，鼓勵全校學生參與。',
  '二、經費來源',
  '①由學校年度預算支應。',
  '②不足部分向教育局申請補助。',
].join('\n') + '\n';

/** The BIG5.TXT codes of the numbering characters the plan uses (①–⑩ C7E9–C7F2, ⑴–⑽ C7F3–C7FC). */
const BIG5_TXT_NUMBERS = new Map<string, number>([
  ...Array.from({ length: 10 }, (_, k) => [String.fromCodePoint(0x2460 + k), 0xc7e9 + k] as [string, number]),
  ...Array.from({ length: 10 }, (_, k) => [String.fromCodePoint(0x2474 + k), 0xc7f3 + k] as [string, number]),
]);

/** Bytes as a BIG5.TXT-layout tool writes them: Big5 for the text, the numbering characters at their BIG5.TXT codes. */
function encodeBig5Txt(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text) {
    const code = BIG5_TXT_NUMBERS.get(ch);
    parts.push(code === undefined ? iconv.encode(ch, 'big5hkscs') : Buffer.from([code >> 8, code & 0xff]));
  }
  return Buffer.concat(parts);
}

const python = spawnSync('python3', ['-c', 'print(1)'], { encoding: 'utf8' }).status === 0;
const viaPython = (script: string, input: Buffer | string): Buffer => {
  const r = spawnSync('python3', ['-c', script], { input });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return r.stdout;
};

const itemsOf = (tree: RootNode): string[] => {
  const out: string[] = [];
  const walk = (nodes: readonly BodyNode[]): void => {
    for (const n of nodes) {
      if (n.type === 'item') out.push(`${n.marker.raw}${n.text}`);
      if (n.type === 'section') walk(n.children);
    }
  };
  for (const doc of tree.children) walk(doc.children);
  return out;
};

const withoutSource = (t: RootNode): Omit<RootNode, 'source'> => {
  const { source: _source, ...rest } = t;
  return rest;
};

describe('the BIG5.TXT layout', () => {
  it('the numbering characters stand where the brief and Python say: C7E9 ①, C7F2 ⑩, C7F3 ⑴, C7FC ⑽; nothing past C7FC', () => {
    expect(big5TxtChar(0xc7e9)).toBe('①');
    expect(big5TxtChar(0xc7f2)).toBe('⑩');
    expect(big5TxtChar(0xc7f3)).toBe('⑴');
    expect(big5TxtChar(0xc7fc)).toBe('⑽');
    expect(big5TxtChar(0xc7fd)).toBeNull();
    expect(big5TxtChar(0xc6a0)).toBeNull();
  });

  it.skipIf(!python)('every code C6A1–C7FC reads as Python\'s cp950 and big5 codecs read it', () => {
    const codes: number[] = [];
    for (const lead of [0xc6, 0xc7]) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const code = (lead << 8) | trail;
        if ((trail > 0x7e && trail < 0xa1) || code < 0xc6a1 || code > 0xc7fc) continue;
        codes.push(code);
      }
    }
    expect(codes).toHaveLength(249);
    const bytes = Buffer.from(codes.flatMap((c) => [c >> 8, c & 0xff]));
    for (const codec of ['cp950', 'big5']) {
      const expected = viaPython(`import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode('${codec}').encode('utf-8'))`, bytes).toString('utf8');
      expect(codes.map((c) => big5TxtChar(c)).join(''), codec).toBe(expected);
    }
  });

  it.skipIf(!python)('the bytes this test writes for the plan are the bytes Python\'s cp950 writes', () => {
    expect(viaPython("import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode('utf-8').encode('cp950'))", PLAN).equals(encodeBig5Txt(PLAN))).toBe(true);
  });
});

describe('a Big5 plan numbered ⑴、 keeps its items in either layout', () => {
  const original = parsePlan(PLAN);

  it('written in the BIG5.TXT layout (Python cp950): read as such, the same tree as the UTF-8 page', () => {
    const bytes = encodeBig5Txt(PLAN);
    // read in the HKSCS layout, ⑴ is Cyrillic А and ① katakana ロ, and the items vanish
    expect(iconv.decode(bytes, 'big5hkscs')).toContain('А、每學期');
    const d = decodeBytes(bytes);
    expect(d.encoding).toBe('big5');
    expect(d.big5Extension).toBe('big5-txt');
    expect(d.text).toBe(PLAN);
    const tree = parsePlan(bytes);
    expect(tree.source).toMatchObject({ encoding: 'big5', big5Extension: 'big5-txt' });
    expect(itemsOf(tree)).toEqual(['⑴、每学期办理资讯融入教学研习至少二场。', '⑵、鼓励教师参加线上课程，每人每学年至少六小时。', '⑶、办理网路素养有奖征答活动，鼓励全校学生参与。', '①由学校年度预算支应。', '②不足部分向教育局申请补助。']);
    expect(withoutSource(tree)).toEqual(withoutSource(original));
  });

  it('written in the HKSCS layout (iconv-lite big5hkscs): read as such, the same tree', () => {
    const bytes = iconv.encode(PLAN, 'big5hkscs');
    const d = decodeBytes(bytes);
    expect(d.big5Extension).toBe('hkscs');
    expect(d.text).toBe(PLAN);
    const tree = parsePlan(bytes);
    expect(tree.source.big5Extension).toBe('hkscs');
    expect(withoutSource(tree)).toEqual(withoutSource(original));
  });

  it('a forced --encoding big5 still reads the layout from the evidence', () => {
    expect(decodeBytes(encodeBig5Txt(PLAN), 'big5')).toMatchObject({ text: PLAN, big5Extension: 'big5-txt' });
    expect(decodeBytes(iconv.encode(PLAN, 'big5hkscs'), 'big5')).toMatchObject({ text: PLAN, big5Extension: 'hkscs' });
  });
});

describe('evidence', () => {
  const evidence = (text: string, write: (t: string) => Buffer) => big5ExtensionEvidence(write(text));
  const hkscs = (t: string): Buffer => iconv.encode(t, 'big5hkscs');

  it('numbering where numbering stands counts for the layout that reads it so; a lone foreign letter counts against', () => {
    const e = evidence('⑴、加強管理。\n（⑵）提高質量。', encodeBig5Txt);
    expect(e).toEqual({ codes: 2, hkscs: -2, big5Txt: 2 });
    expect(chooseBig5Extension(e)).toBe('big5-txt');
    expect(evidence('⑴、加強管理。\n（⑵）提高質量。', hkscs)).toEqual({ codes: 2, hkscs: 2, big5Txt: -2 });
  });

  it('a circled number inside a sentence is no evidence for it, a stray letter there still is against', () => {
    expect(evidence('如圖①所示', hkscs)).toEqual({ codes: 1, hkscs: 0, big5Txt: -1 });
    expect(detectBig5Extension(hkscs('如圖①所示'))).toBe('hkscs');
  });

  it('kana and Cyrillic words (runs, not lone letters) leave the HKSCS reading alone', () => {
    const page = '學校舉辦カラオケ比賽與ロシア語（Русский）講座。\n一、活動時間：每週三下午。\n';
    const bytes = hkscs(page);
    expect(iconv.decode(bytes, 'big5hkscs')).toBe(page);
    expect(detectBig5Extension(bytes)).toBe('hkscs');
    expect(decodeBytes(bytes).text).toBe(page);
  });

  it('a page with no code of the range is read in the HKSCS layout, its text unchanged', () => {
    const page = '一、指導思想\n堅持以學生發展為本，全面落實立德樹人根本任務。\n';
    expect(big5ExtensionEvidence(hkscs(page)).codes).toBe(0);
    expect(decodeBytes(hkscs(page))).toMatchObject({ text: page, big5Extension: 'hkscs' });
  });

  it('a Big5 segment of a mixed file says its layout', () => {
    const tail = '三、主要措施\n完善考核办法，把家长满意度纳入学校年度评价，并及时向社会公开结果。\n';
    const bytes = Buffer.concat([encodeBig5Txt(PLAN), Buffer.from(tail, 'utf8')]);
    const d = decodeBytes(bytes);
    expect(d.text).toBe(PLAN + tail);
    expect(d.encoding).toBe('mixed');
    expect(d.segments).toEqual([
      { encoding: 'big5', byteStart: 0, byteEnd: encodeBig5Txt(PLAN).length, big5Extension: 'big5-txt' },
      { encoding: 'utf-8', byteStart: encodeBig5Txt(PLAN).length, byteEnd: bytes.length },
    ]);
  });
});
