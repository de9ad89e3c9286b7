// Records in, records out: the streaming-mapper contract of `plan-parse --input ndjson`
// (what Hadoop Streaming, Spark RDD.pipe and GNU parallel --pipe rely on), and its pure parts.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseRecord, recordLine, errorLine, splitStream } from '../src/cli/batch/ndjson.js';
import type { RootNode } from '../src/types.js';

const BIN = new URL('../bin/plan-parse.js', import.meta.url).pathname;
const FIX = new URL('../fixtures/', import.meta.url).pathname;
const PAGE = readFileSync(`${FIX}pages/seed-jiaoyuju-jihua-daquan/input.txt`);
const GBK = readFileSync(`${FIX}roundtrip/jiaoyuju-jihua-daquan.gb18030.txt`);
const BIG5 = readFileSync(`${FIX}roundtrip/gaozhiliang-fazhan-fanti.big5.txt`);
const UTF16 = readFileSync(`${FIX}roundtrip/jiaoshijie-huizong.utf-16le.txt`);

function mapper(input: string, args: string[] = []) {
  const r = spawnSync(process.execPath, [BIN, '--input', 'ndjson', ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: unknown; tree?: RootNode; error?: string; code?: string }) };
}

const rec = (o: object): string => `${JSON.stringify(o)}\n`;

/** Twelve records: text and raw bytes in four encodings, and four that fail. */
function records(): string {
  return [
    rec({ id: 'a', text: PAGE.toString('utf8') }),
    rec({ id: 2, base64: GBK.toString('base64') }),
    rec({ id: { shard: 3, n: 1 }, base64: BIG5.toString('base64'), path: 'tw/page.txt' }),
    'this is not json\n',
    rec({ id: 'no-text' }),
    rec({ id: 'u16', base64: UTF16.toString('base64') }),
    '\n',
    rec({ id: 'png', base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64') }),
    rec({ id: 'crlf', text: '一、指导思想\r\n坚持育人为本。' }).replace(/\n$/u, '\r\n'),
    rec({ id: 'empty', text: '' }),
    rec({ id: null, text: '二、工作措施' }),
    rec({ id: 'last', text: PAGE.toString('utf8') }),
  ].join('');
}

describe('plan-parse --input ndjson (the mapper contract)', () => {
  it('one line out per record in, in order, each with its id; failures are error lines; exit 0', () => {
    const r = mapper(records(), ['--jobs', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines.map((l) => l.id)).toEqual(['a', 2, { shard: 3, n: 1 }, null, 'no-text', 'u16', 'png', 'crlf', 'empty', null, 'last']);
    const byId = (id: string) => r.lines.find((l) => l.id === id)!;
    expect(byId('a').tree!.type).toBe('root');
    expect(byId('a').tree!.children[0]!.title).toBe('教育局工作计划(一)');
    expect(r.lines[1]!.tree!.source.encoding).toBe('gb18030');
    expect(r.lines[1]!.tree!.children).toEqual(byId('a').tree!.children);
    expect(r.lines[2]!.tree!.source).toMatchObject({ encoding: 'big5', path: 'tw/page.txt', converted: true });
    expect(r.lines[3]!.code).toBe('record-not-json');
    expect(byId('no-text').code).toBe('record-no-text');
    expect(byId('u16').tree!.source.encoding).toBe('utf-16le');
    expect(byId('png').code).toBe('binary');
    expect(byId('crlf').tree!.children[0]!.children[0]).toMatchObject({ type: 'section', title: '指导思想' });
    expect(byId('empty').tree!.source.bytes).toBe(0);
    expect(r.lines[9]!.tree!.source.path).toBeNull();
    for (const l of r.lines) expect(Object.keys(l)).toEqual(l.error ? ['id', 'error', 'code'] : ['id', 'tree']);
    // every failure is also one line on standard error, naming the record
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error '))).toEqual([
      `error line 4: ${r.lines[3]!.error}`,
      `error record "no-text": ${byId('no-text').error}`,
      `error record "png": ${byId('png').error}`,
    ]);
    expect(r.stderr).toMatch(/converted 8 records .*, 3 failed; /u);
  });

  it('worker threads give the same lines, in the same order', () => {
    const one = mapper(records(), ['--jobs', '1']);
    const two = mapper(records(), ['--jobs', '2']);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const unordered = mapper(records(), ['--jobs', '2', '--unordered']);
    expect(unordered.stdout.split('\n').sort()).toEqual(one.stdout.split('\n').sort());
  });

  it('is a stateless mapper: input split anywhere between lines (as Hadoop and parallel --pipe do) gives the same lines', () => {
    const input = records();
    const whole = mapper(input, ['--jobs', '1']).stdout;
    const lines = input.split(/(?<=\n)/u);
    const parts = [lines.slice(0, 3), lines.slice(3, 4), lines.slice(4, 9), lines.slice(9)].map((p) => p.join(''));
    // the only state is the line number of a line that is not JSON, which names its line in its split
    const joined = parts.map((p) => mapper(p, ['--jobs', '1']).stdout).join('');
    const strip = (s: string) => s.replace(/line \d+ is not JSON/gu, 'line N is not JSON');
    expect(strip(joined)).toBe(strip(whole));
  });

  it('streams: the answer to a record comes before the input ends', async () => {
    const child = spawn(process.execPath, [BIN, '--input', 'ndjson', '--jobs', '1', '--quiet'], { env: { ...process.env, NO_COLOR: '1' } });
    const got: string[] = [];
    let buffer = '';
    const nextLine = () =>
      new Promise<string>((resolve) => {
        const check = () => {
          const at = buffer.indexOf('\n');
          if (at === -1) return false;
          const line = buffer.slice(0, at);
          buffer = buffer.slice(at + 1);
          resolve(line);
          return true;
        };
        if (check()) return;
        const onData = (d: Buffer) => {
          buffer += d.toString('utf8');
          if (check()) child.stdout.off('data', onData);
        };
        child.stdout.on('data', onData);
      });
    child.stdin.write(rec({ id: 1, text: '一、指导思想' }));
    got.push(await nextLine());
    child.stdin.write(rec({ id: 2, text: '二、工作措施' }));
    got.push(await nextLine());
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(got.map((l) => JSON.parse(l).id)).toEqual([1, 2]);
  });

  it('-o FILE writes every line to one file; too large a record or line is an error line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-ndjson-'));
    const out = join(dir, 'trees.ndjson');
    const input = rec({ id: 'big', text: 'x'.repeat(5000) }) + rec({ id: 'huge', text: 'x'.repeat(100_000) }) + rec({ id: 'ok', text: '一、指导思想' });
    const r = mapper(input, ['--max-bytes', '1k', '--jobs', '1', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    // the line too long keeps its id: it stands before the text
    expect(lines.map((l) => l.id)).toEqual(['big', 'huge', 'ok']);
    expect(lines[0].code).toBe('too-large');
    expect(lines[1].code).toBe('record-line-too-long');
    expect(lines[2].tree.type).toBe('root');
    // an existing output is not replaced without --force
    const again = mapper(input, ['-o', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
  });

  it('usage: records come from standard input only, as JSON', () => {
    expect(spawnSync(process.execPath, [BIN, '--input', 'ndjson', '-f', 'yaml'], { input: '' }).status).toBe(2);
    expect(spawnSync(process.execPath, [BIN, '--input', 'ndjson', '--stdin-list'], { input: '' }).status).toBe(2);
    expect(spawnSync(process.execPath, [BIN, '--input', 'ndjson'], { input: '' }).status).toBe(0);
  });
});

describe('records and lines', () => {
  it('parseRecord', () => {
    expect(parseRecord('{"id":1,"text":"一"}', 1)).toEqual({ ok: true, id: 1, text: '一', path: null });
    const b = parseRecord(`{"id":"x","base64":"${GBK.subarray(0, 30).toString('base64')}","path":"p.txt"}`, 1);
    expect(b.ok && Buffer.from(b.bytes!).equals(GBK.subarray(0, 30))).toBe(true);
    expect(b.ok && b.path).toBe('p.txt');
    expect(parseRecord('{"text":"a"}', 1)).toMatchObject({ ok: true, id: null });
    expect(parseRecord('{"id":1,"base64":"-_8"}', 1)).toMatchObject({ ok: true });
    const failed = (id: unknown, code: string, args = {}) => ({ ok: false, id, problem: { code, args } });
    expect(parseRecord('{"id":1,"base64":"%%%"}', 1)).toEqual(failed(1, 'record-bad-base64'));
    expect(parseRecord('{"id":1,"text":"a","base64":"YQ=="}', 1)).toEqual(failed(1, 'record-text-and-base64'));
    expect(parseRecord('{"id":1,"text":3}', 1)).toEqual(failed(1, 'record-text-not-string'));
    expect(parseRecord('{"id":1,"base64":3}', 1)).toEqual(failed(1, 'record-base64-not-string'));
    expect(parseRecord('{"id":1}', 1)).toEqual(failed(1, 'record-no-text'));
    expect(parseRecord('[1]', 7)).toEqual(failed(null, 'record-not-object', { line: 7 }));
    expect(parseRecord('{"id":1,"text":"a","path":3}', 1)).toEqual(failed(1, 'record-path-not-string'));
    expect(parseRecord('{"id":', 3)).toMatchObject(failed(null, 'record-not-json', { line: 3 }));
  });

  it('output lines', () => {
    const tree = { type: 'root' } as unknown as RootNode;
    expect(recordLine('a\n"b', tree)).toBe('{"id":"a\\n\\"b","tree":{"type":"root"}}\n');
    expect(recordLine(undefined, tree)).toBe('{"id":null,"tree":{"type":"root"}}\n');
    expect(errorLine(5, { code: 'cannot-parse', args: { message: 'bad\tthing' } })).toBe('{"id":5,"error":"cannot parse (bad\\tthing)","code":"cannot-parse"}\n');
  });

  it('splitStream: any chunking, CRLF, NUL separators, overlong lines, no empty lines', async () => {
    const text = 'one\r\ntwo\n\nthree-is-long\nfour\nlast';
    const collect = async (chunks: string[], sep: number, max: number) => {
      const out: Array<[string | null, number]> = [];
      for await (const c of splitStream(Readable.from(chunks.map((s) => Buffer.from(s))), sep, max)) out.push([c.bytes?.toString() ?? null, c.number]);
      return out;
    };
    const expected: Array<[string | null, number]> = [['one', 1], ['two', 2], [null, 4], ['four', 5], ['last', 6]];
    expect(await collect([text], 10, 8)).toEqual(expected);
    expect(await collect(text.split(''), 10, 8)).toEqual(expected);
    expect(await collect([text.slice(0, 7), text.slice(7, 19), text.slice(19)], 10, 8)).toEqual(expected);
    expect(await collect(['a\0b c\0', '\0d'], 0, 100)).toEqual([['a', 1], ['b c', 2], ['d', 4]]);
    expect(await collect([], 10, 8)).toEqual([]);
    // 一 is three bytes: a chunk boundary inside it does not break it
    const han = Buffer.from('一二\n三');
    const out: string[] = [];
    for await (const c of splitStream(Readable.from([han.subarray(0, 2), han.subarray(2, 5), han.subarray(5)]), 10, 100)) out.push(c.bytes!.toString());
    expect(out).toEqual(['一二', '三']);
  });
});
