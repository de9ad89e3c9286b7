// Files joined from parts in different encodings (a scraper appending a UTF-8 page to a GB18030
// one): decoded part by part, `mixed` with its segments in `source`; and the warning on standard
// error for a file whose decoded text still holds invalid bytes.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBytes } from '../src/decode/decode.js';
import { splitByEncoding } from '../src/decode/segments.js';
import { parsePlan } from '../src/index.js';
import type { RootNode } from '../src/types.js';
import { NOTHING_LOST, nothingLost, referenceOf } from './helpers/tree.js';

// A plan written for these tests, in two halves.
const FIRST = [
  '县教育局二〇二四年工作计划',
  '一、指导思想',
  '坚持以学生发展为本，全面落实立德树人根本任务，推进教育教学改革。',
  '二、工作目标',
  '（一）力争年底前完成校舍改造，教师培训覆盖率达到百分之九十五以上。',
  '（二）组织开展“名师工作室”活动，每学期不少于两次集中研讨。',
].join('\n') + '\n';
const SECOND = [
  '三、主要措施',
  '1.完善考核办法，把家长满意度纳入学校年度评价，并及时向社会公开结果。',
  '2.加强安全教育，每月开展一次应急疏散演练，做到人人知晓、个个会用。',
  '3.推进信息化建设，实现宽带网络校校通，优质资源班班通。',
  '四、保障措施',
  '各校要成立工作领导小组，校长为第一责任人，确保各项任务落到实处。',
].join('\n') + '\n';
const TRADITIONAL_FIRST = [
  '臺北市國民中學資訊教育計畫',
  '一、依據',
  '（一）教育部數位學習精進方案，推動教師專業成長。',
  '（二）本校校務發展計畫，落實學生學習歷程檔案。',
].join('\n') + '\n';

const enc = (text: string, encoding: 'gb18030' | 'big5hkscs' | 'utf8'): Buffer => iconv.encode(text, encoding);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const withoutSource = (t: RootNode): Omit<RootNode, 'source'> => {
  const { source: _source, ...rest } = t;
  return rest;
};

describe('a file in two encodings is decoded by segments', () => {
  it('GB18030 then UTF-8: the text whole, no invalid bytes, encoding mixed with its segments', () => {
    const head = enc(FIRST, 'gb18030');
    const bytes = Buffer.concat([head, enc(SECOND, 'utf8')]);
    // read whole as GB18030, the UTF-8 half is mojibake with invalid bytes
    expect(decodeBytes(bytes, 'gb18030').issues.length).toBeGreaterThan(5);
    const d = decodeBytes(bytes);
    expect(d.text).toBe(FIRST + SECOND);
    expect(d.issues).toEqual([]);
    expect(d.encoding).toBe('mixed');
    expect(d.segments).toEqual([
      { encoding: 'gb18030', byteStart: 0, byteEnd: head.length },
      { encoding: 'utf-8', byteStart: head.length, byteEnd: bytes.length },
    ]);
    expect(d.confidence).toBeGreaterThan(0.5);
  });

  it('UTF-8 then GB18030, UTF-8 with a BOM then GB18030, Big5 then UTF-8, UTF-8 then Big5', () => {
    const cases: Array<{ parts: Buffer[]; text: string; encodings: string[] }> = [
      { parts: [enc(FIRST, 'utf8'), enc(SECOND, 'gb18030')], text: FIRST + SECOND, encodings: ['utf-8', 'gb18030'] },
      { parts: [Buffer.concat([BOM, enc(FIRST, 'utf8')]), enc(SECOND, 'gb18030')], text: FIRST + SECOND, encodings: ['utf-8-bom', 'gb18030'] },
      { parts: [enc(TRADITIONAL_FIRST, 'big5hkscs'), enc(SECOND, 'utf8')], text: TRADITIONAL_FIRST + SECOND, encodings: ['big5', 'utf-8'] },
      { parts: [enc(SECOND, 'utf8'), enc(TRADITIONAL_FIRST, 'big5hkscs')], text: SECOND + TRADITIONAL_FIRST, encodings: ['utf-8', 'big5'] },
    ];
    for (const c of cases) {
      const bytes = Buffer.concat(c.parts);
      const d = decodeBytes(bytes);
      expect(d.text, c.encodings.join(' + ')).toBe(c.text);
      expect(d.issues).toEqual([]);
      expect(d.encoding).toBe('mixed');
      expect(d.segments!.map((s) => s.encoding)).toEqual(c.encodings);
      expect(d.segments!.map((s) => [s.byteStart, s.byteEnd])).toEqual([[0, c.parts[0]!.length], [c.parts[0]!.length, bytes.length]]);
    }
  });

  it('three parts: GB18030, UTF-8, GB18030', () => {
    const parts = [enc(FIRST, 'gb18030'), enc(SECOND, 'utf8'), enc(FIRST, 'gb18030')];
    const d = decodeBytes(Buffer.concat(parts));
    expect(d.text).toBe(FIRST + SECOND + FIRST);
    expect(d.segments!.map((s) => s.encoding)).toEqual(['gb18030', 'utf-8', 'gb18030']);
  });

  it('the tree has the positions of the same page in UTF-8: offsets into the one decoded text', () => {
    const bytes = Buffer.concat([enc(FIRST, 'gb18030'), enc(SECOND, 'utf8')]);
    const mixed = parsePlan(bytes);
    const original = parsePlan(enc(FIRST + SECOND, 'utf8'));
    expect(mixed.source.encoding).toBe('mixed');
    expect(mixed.source.segments).toHaveLength(2);
    expect(mixed.diagnostics).toEqual([]);
    expect(withoutSource(mixed)).toEqual(withoutSource(original));
    expect(nothingLost(mixed, referenceOf(bytes, mixed))).toEqual(NOTHING_LOST);
    const items = JSON.stringify(mixed.children);
    expect(items).toContain('推进信息化建设');
  });

  it('a file in one encoding with a few damaged bytes stays in that encoding', () => {
    const gb = Array.from(enc(FIRST + SECOND, 'gb18030'));
    for (const at of [40, 200, 400]) gb.splice(at, 0, 0xff);
    expect(decodeBytes(Uint8Array.from(gb)).encoding).toBe('gb18030');
    const utf8 = Array.from(enc(FIRST + SECOND, 'utf8'));
    for (const at of [41, 300, 600]) utf8.splice(at, 0, 0xff);
    const d = decodeBytes(Uint8Array.from(utf8));
    expect(d.encoding).toBe('utf-8');
    expect(d.issues).toHaveLength(3);
  });

  it('a short line that reads as UTF-8 by chance amid GB18030 does not split the file', () => {
    // 学校实施 in GB18030 is D1A7 D0A3 CAB5 CAA9: four well-formed two-byte UTF-8 sequences (ѧУʵʩ)
    const chance = enc('学校实施\n', 'gb18030');
    expect(chance.toString('utf8')).toBe('ѧУʵʩ\n');
    const bytes = Buffer.concat([enc(FIRST, 'gb18030'), chance, Buffer.from([0xff]), enc(SECOND, 'gb18030')]);
    expect(splitByEncoding(bytes, 'gb18030')).toBeNull();
    const d = decodeBytes(bytes);
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(FIRST + '学校实施\n\uFFFD' + SECOND);
  });

  it('a forced encoding is decoded whole', () => {
    const bytes = Buffer.concat([enc(FIRST, 'gb18030'), enc(SECOND, 'utf8')]);
    const d = decodeBytes(bytes, 'gb18030');
    expect(d.encoding).toBe('gb18030');
    expect(d.segments).toBeUndefined();
    expect(parsePlan(bytes, { encoding: 'gb18030' }).source.encoding).toBe('gb18030');
  });

  it('an HTML page whose <meta> declares GBK but ends in UTF-8 splits too', () => {
    const head = `<html><head><meta charset="gbk"><title>计划</title></head><body><pre>\n`;
    const bytes = Buffer.concat([enc(head + FIRST, 'gb18030'), enc(SECOND + '</pre></body></html>\n', 'utf8')]);
    const tree = parsePlan(bytes, { path: 'page.html' });
    expect(tree.source.encoding).toBe('mixed');
    expect(tree.diagnostics.filter((d) => d.code === 'invalid-bytes')).toEqual([]);
    expect(JSON.stringify(tree.children)).toContain('推进信息化建设');
  });
});

const BIN = new URL('../bin/plan-parse.js', import.meta.url).pathname;
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('standard error names a file whose text holds invalid bytes', () => {
  it('one warning line for it, none for a clean or a mixed file; exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-mixed-'));
    const damaged = Array.from(enc(FIRST + SECOND, 'gb18030'));
    for (const at of [40, 200]) damaged.splice(at, 0, 0xff);
    writeFileSync(join(dir, 'damaged.txt'), Uint8Array.from(damaged));
    writeFileSync(join(dir, 'mixed.txt'), Buffer.concat([enc(FIRST, 'gb18030'), enc(SECOND, 'utf8')]));
    writeFileSync(join(dir, 'clean.txt'), enc(FIRST + SECOND, 'utf8'));
    const one = run([join(dir, 'damaged.txt')]);
    expect(one.code).toBe(0);
    expect(one.stderr.trim().split('\n')).toEqual([`warning ${join(dir, 'damaged.txt')}: 2 invalid byte sequence(s) replaced by U+FFFD (decoded as gb18030; see the invalid-bytes diagnostics)`]);
    expect(run([join(dir, 'mixed.txt')]).stderr).toBe('');
    const batch = run([dir, '-o', join(dir, 'out'), '--no-site-template']);
    expect(batch.code).toBe(0);
    const warnings = batch.stderr.split('\n').filter((l) => l.startsWith('warning '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('damaged.txt: 2 invalid byte sequence(s)');
    expect(batch.stderr).toContain('mixed 1');
    expect(run([join(dir, 'damaged.txt'), '--quiet']).stderr).toBe('');
  });
});
