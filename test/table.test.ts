// Flat outputs (csv, tsv, items): one row per section and item, from the pure rowsOf; whole outputs
// of two fixtures, quoting, a read-back by a real CSV parser, and the command's batches.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlan } from '../src/index.js';
import type { RootNode } from '../src/types.js';
import { ROW_COLUMNS, rowsOf } from '../src/emit/rows.js';
import { csvField, toTable, tsvField, type TableFormat } from '../src/emit/table.js';
import { countNodes } from '../src/cli/batch/job.js';
import { FIXTURES } from './helpers/tree.js';

const update = process.env.UPDATE === '1';
const BIN = new URL('../bin/plan-parse.js', import.meta.url).pathname;
/** A page of five documents, and one with items under sections under sections. */
const CASES = ['seed-jiaoyu-gongzuo-jihua-5pian', 'seed-jiaoshijie-huizong'];
const EXPECTED: Record<TableFormat, string> = { csv: 'expected.csv', tsv: 'expected.tsv', items: 'expected.items.ndjson' };

const treeOf = (name: string): RootNode => parsePlan(readFileSync(join(FIXTURES, 'pages', name, 'input.txt')), { path: 'input.txt' });
const sectionsAndItems = (tree: RootNode): number => {
  const { sections, items } = countNodes(tree);
  return sections + items;
};

function cli(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A Python that runs (python3), or null. */
const python = ((): string | null => {
  const r = spawnSync('python3', ['-c', 'import csv, sys'], { encoding: 'utf8' });
  return r.status === 0 ? 'python3' : null;
})();

describe('rows', () => {
  it('one per section and item, in tree order, with the titles above joined by " > "', () => {
    const tree = parsePlan('学校工作计划\n一、工作目标\n（一）读书。\n1、每天读书，写笔记。\n2、每周交流。\n二、措施\n坚持育人为本。\n');
    const rows = rowsOf(tree);
    expect(rows.length).toBe(sectionsAndItems(tree));
    expect(rows.map((r) => [r.id, r.depth, r.type, r.marker, r.ordinal, r.path, r.title, r.text])).toEqual([
      ['d1/1', 1, 'section', '一、', 1, '', '工作目标', null],
      ['d1/1/1', 2, 'section', '（一）', 1, '工作目标', '读书', null],
      ['d1/1/1/1', 3, 'item', '1、', 1, '工作目标 > 读书', '每天读书，写笔记', '每天读书，写笔记。'],
      ['d1/1/1/2', 3, 'item', '2、', 2, '工作目标 > 读书', '每周交流', '每周交流。'],
      ['d1/2', 1, 'section', '二、', 2, '', '措施', null],
    ]);
    expect(rows[0]).toMatchObject({ source: null, document: 1, document_title: '学校工作计划', line: 2, offset: 7 });
    expect(Object.keys(rows[0]!)).toEqual([...ROW_COLUMNS]);
  });
});

describe('whole outputs', () => {
  for (const name of CASES) {
    for (const format of ['csv', 'tsv', 'items'] as const) {
      it(`${name} as ${format}`, () => {
        const out = toTable(treeOf(name), format);
        const file = join(FIXTURES, 'pages', name, EXPECTED[format]);
        if (update) writeFileSync(file, out);
        if (!existsSync(file)) throw new Error(`${file} is missing: run with UPDATE=1 and read it`);
        expect(out).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});

describe('quoting', () => {
  it('csv quotes a field holding a comma, a quote, CR or LF, doubling its quotes (RFC 4180)', () => {
    expect(csvField('加强领导')).toBe('加强领导');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('一\n二')).toBe('"一\n二"');
    expect(csvField('一\r二')).toBe('"一\r二"');
    expect(csvField('，、；')).toBe('，、；'); // full-width punctuation needs no quotes
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
  });
  it('tsv writes backslash, tab, LF and CR as \\\\ \\t \\n \\r', () => {
    expect(tsvField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(tsvField('\\n')).toBe('\\\\n'); // a backslash then n stays apart from an escaped line break
    expect(tsvField(null)).toBe('');
  });
  it('a csv row holding every hard character is one record; the header names the columns', () => {
    const tree = parsePlan('一、目标\n1、读书,写字"笔记"。\n');
    const [header, section, row, rest] = toTable(tree, 'csv').split('\r\n');
    expect(section).toBe(',1,,,d1/1,1,section,一、,1,目标,,1,0');
    expect(header).toBe(ROW_COLUMNS.join(','));
    expect(row).toBe(',1,,目标,d1/1/1,2,item,1、,1,"读书,写字""笔记""","读书,写字""笔记""。",2,5');
    expect(rest).toBe('');
  });
});

describe('read back by a real CSV parser', () => {
  it.skipIf(python === null)('Python csv reads as many rows as the tree has sections and items, every one with all columns', () => {
    for (const name of CASES) {
      const tree = treeOf(name);
      const r = spawnSync(python!, ['-c', 'import csv, json, sys\nrows = list(csv.DictReader(sys.stdin, strict=True))\nprint(json.dumps([len(rows), sorted({len(r) for r in rows}), rows[0]], ensure_ascii=False))'], { input: toTable(tree, 'csv'), encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const [count, widths, first] = JSON.parse(r.stdout) as [number, number[], Record<string, string>];
      expect(count).toBe(sectionsAndItems(tree));
      expect(widths).toEqual([ROW_COLUMNS.length]);
      const row = rowsOf(tree)[0]!;
      expect(first).toMatchObject({ id: row.id, title: row.title, depth: String(row.depth) });
    }
  });
  if (python === null) it('Python csv read-back skipped: no python3 here', () => undefined);
});

describe('the command', () => {
  const pages = join(FIXTURES, 'pages');
  const inputs = CASES.map((c) => `${c}/input.txt`);
  it('one file to standard output: the header, then its rows', () => {
    const r = cli([inputs[1]!, '-f', 'csv'], pages);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(toTable(parsePlan(readFileSync(join(pages, inputs[1]!)), { path: inputs[1] }), 'csv'));
  });
  it('a batch to standard output: one header, then the rows of every file, told apart by source', () => {
    for (const format of ['csv', 'tsv'] as const) {
      const r = cli([...inputs, '-f', format], pages);
      expect(r.code).toBe(0);
      const lines = r.stdout.split(format === 'csv' ? '\r\n' : '\n').filter((l) => l !== '');
      expect(lines.filter((l) => l.startsWith('source'))).toHaveLength(1);
      const trees = inputs.map((p) => parsePlan(readFileSync(join(pages, p)), { path: p }));
      expect(r.stdout).toBe(toTable(trees[0]!, format) + toTable(trees[1]!, format, false));
    }
    const items = cli([...inputs, '-f', 'items'], pages).stdout.trim().split('\n').map((l) => JSON.parse(l) as { source: string });
    expect(new Set(items.map((i) => i.source))).toEqual(new Set(inputs));
  });
  it('a batch into OUTDIR: one file per input with the format\'s extension, each with its header', () => {
    const out = mkdtempSync(join(tmpdir(), 'plan-parse-table-'));
    for (const [format, ext] of [['csv', '.csv'], ['tsv', '.tsv'], ['items', '.ndjson']] as const) {
      const dir = join(out, format);
      const r = cli([...inputs, '-f', format, '-o', dir, '--quiet'], pages);
      expect(r.code).toBe(0);
      for (const [i, c] of CASES.entries()) {
        expect(readdirSync(join(dir, c))).toEqual([`input${ext}`]);
        expect(readFileSync(join(dir, c, `input${ext}`), 'utf8')).toBe(toTable(parsePlan(readFileSync(join(pages, inputs[i]!)), { path: inputs[i] }), format));
      }
    }
  });
});

describe('the README', () => {
  it('shows the real csv of its example page', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = /printf '([^']+)' > pages\/a\.txt\nplan-parse pages\/a\.txt -f csv\n```\n\n```text\n([\s\S]*?)```/u.exec(readme);
    expect(example).not.toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'plan-parse-readme-'));
    mkdirSync(join(dir, 'pages'));
    writeFileSync(join(dir, 'pages', 'a.txt'), example![1]!.replace(/\\n/gu, '\n'));
    const r = cli(['pages/a.txt', '-f', 'csv'], dir);
    expect(r.stdout.replace(/\r\n/gu, '\n')).toBe(example![2]);
  });
});
