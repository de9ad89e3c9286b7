// Flood inputs for the memory figures: single pages of about FLOOD_MB megabytes (default 20) in
// the shapes that cost the most memory per byte, and a measure of plan-parse's peak memory on each.
//   node bench/floods.mjs [MB] [shape …]   writes bench/.floods/*.txt and prints the peak of
//                                           plan-parse FILE -o OUT (json, ndjson, yaml) on each.
// Shapes:
//   cjk-repeat   lines `一、标题` (the same number over and over: one diagnostic a line);
//   arabic-run   lines `N. 事项…。` numbered 1, 2, 3 … (one flat list of items);
//   deep-cycle   一、 / （一） / 1. / （1） / ① nested in turn, every number counting 1…9 again;
//   one-line     one line of plain text with no break;
//   inline-run   one line of clauses `（N）事项；` (markers split out of one line);
//   ordinary     the seed pages of fixtures/ one after another, over and over (a long ordinary page).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/plan-parse.js');
const PEAK = join(ROOT, 'bench/peak.cjs');
const FIXTURES = join(ROOT, 'fixtures/pages');

const CJK = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CIRCLED = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];

/** Lines from `line(i)` until the text holds `bytes` UTF-8 bytes. */
function linesUpTo(bytes, line) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = `${line(i)}\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  return parts.join('');
}

/** Text of the shape, about `bytes` UTF-8 bytes long. */
export function floodText(shape, bytes) {
  switch (shape) {
    case 'cjk-repeat':
      return linesUpTo(bytes, () => '一、标题');
    case 'arabic-run':
      return linesUpTo(bytes, (i) => `${i + 1}. 落实工作责任。`);
    case 'deep-cycle':
      return linesUpTo(bytes, (i) => {
        const k = Math.floor(i / 5) % 9;
        switch (i % 5) {
          case 0: return `${CJK[k]}、总体要求`;
          case 1: return `（${CJK[k]}）工作目标`;
          case 2: return `${k + 1}.主要任务`;
          case 3: return `（${k + 1}）具体措施`;
          default: return `${CIRCLED[k]}落实责任。`;
        }
      });
    case 'one-line': {
      const unit = '加强教育教学管理，提高教育质量，促进学生全面发展';
      return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
    }
    case 'inline-run': {
      const parts = [];
      let size = 0;
      for (let i = 0; size < bytes; i++) {
        const text = `（${(i % 9) + 1}）落实工作责任；`;
        parts.push(text);
        size += Buffer.byteLength(text);
      }
      return parts.join('');
    }
    case 'ordinary': {
      const seeds = readdirSync(FIXTURES).sort().map((d) => join(FIXTURES, d, 'input.txt')).filter(existsSync).map((f) => readFileSync(f, 'utf8'));
      const parts = [];
      let size = 0;
      for (let i = 0; size < bytes; i++) {
        const text = `${seeds[i % seeds.length]}\n\n`;
        parts.push(text);
        size += Buffer.byteLength(text);
      }
      return parts.join('');
    }
    default:
      throw new Error(`unknown flood shape ${shape}`);
  }
}

export const FLOOD_SHAPES = ['cjk-repeat', 'arabic-run', 'deep-cycle', 'one-line', 'inline-run', 'ordinary'];

/** Write (or reuse) the flood file of a shape and size under `dir`; its path. */
export function floodFile(dir, shape, megabytes) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${shape}-${megabytes}mb.txt`);
  if (!existsSync(file)) writeFileSync(file, floodText(shape, megabytes * 1e6));
  return file;
}

/**
 * Peak resident memory (bytes, from getrusage via bench/peak.cjs), wall time and exit status of
 * `plan-parse FILE -o OUT` with extra arguments; the output's size in bytes.
 */
export function measurePeak(file, extra = [], nodeArgs = []) {
  const out = `${file}.out`;
  const peakFile = `${file}.peak`;
  rmSync(peakFile, { force: true });
  rmSync(out, { force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, [...nodeArgs, '--require', PEAK, BIN, file, '-o', out, ...extra], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PEAK_RSS_FILE: peakFile }, maxBuffer: 1 << 26 });
  const ms = performance.now() - t;
  const peak = existsSync(peakFile) ? JSON.parse(readFileSync(peakFile, 'utf8')).peak : NaN;
  const outBytes = existsSync(out) ? statSync(out).size : 0;
  rmSync(peakFile, { force: true });
  rmSync(out, { force: true });
  return { peak, ms, status: r.status, stderr: r.stderr, outBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const megabytes = Number(process.argv[2] ?? process.env.FLOOD_MB ?? 20);
  const shapes = process.argv.length > 3 ? process.argv.slice(3) : FLOOD_SHAPES;
  const formats = (process.env.FLOOD_FORMATS ?? 'json,ndjson,yaml').split(',');
  const dir = join(ROOT, 'bench/.floods');
  for (const shape of shapes) {
    const file = floodFile(dir, shape, megabytes);
    for (const format of formats) {
      const r = measurePeak(file, ['-f', format]);
      const error = r.status === 0 ? '' : `  exit ${r.status}: ${r.stderr.trim().split('\n').pop()}`;
      process.stdout.write(`${shape.padEnd(12)} ${(statSync(file).size / 1e6).toFixed(1)} MB  -f ${format.padEnd(7)} peak ${(r.peak / 1048576).toFixed(0).padStart(5)} MB  ${(r.ms / 1000).toFixed(1).padStart(6)} s  out ${(r.outBytes / 1e6).toFixed(0)} MB${error}\n`);
    }
  }
}
