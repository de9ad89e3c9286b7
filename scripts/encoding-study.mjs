#!/usr/bin/env node
// Encoding-detection study (docs/encoding-detection.md). Builds, in memory and from a seeded RNG,
// a corpus of byte pieces in each encoding plan-parse decodes, runs every candidate detector on
// it, and prints the comparison as Markdown.
//
//   npx tsc -p tsconfig.build.json && node scripts/encoding-study.mjs [options]
//
// Options:
//   --seeds DIR          UTF-8 seed pages (default /work/shared/corpus/seeds, else fixtures/encodings)
//   --per-bucket N       pieces per encoding and length bucket (default 500)
//   --rng-seed N         seed of the piece generator (default 20240617)
//   --baseline FILE      also measure detectEncoding() exported by another build of decode.js
//   --misses N           list up to N pieces the project detector gets wrong
//   --only TEXT          run only the detectors whose name contains TEXT
//   --hex 1              with --misses, print the bytes of each miss too
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import * as OpenCC from 'opencc-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));

const dist = (path) => pathToFileURL(join(root, 'dist', path)).href;
if (!existsSync(join(root, 'dist/decode/detect.js'))) {
  console.error('dist/decode/detect.js is missing: build first with `npx tsc -p tsconfig.build.json`.');
  process.exit(1);
}
const project = await import(dist('decode/detect.js'));
const { detectWith, legacyByHanScore, legacyVerdict } = await import(dist('decode/detect.js'));
const { scoreLegacy } = await import(dist('decode/han-score.js'));
const { countCommon, commonShare } = await import(dist('decode/common-han.js'));
const { utf8Evidence } = await import(dist('decode/utf8-evidence.js'));
const { bestUtf16Evidence } = await import(dist('decode/utf16-evidence.js'));
const { findInvalidRuns, sequenceLengthAt } = await import(dist('decode/byte-validity.js'));
const baseline = args.baseline ? await import(pathToFileURL(resolve(args.baseline)).href) : null;

const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030', 'big5'];
const ICONV = { 'utf-8': 'utf8', 'utf-8-bom': 'utf8', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be', gb18030: 'gb18030', big5: 'big5hkscs' };
const BOMS = { 'utf-8-bom': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff] };
const BUCKETS = [[20, 99], [100, 199], [200, 499], [500, 2000]];
const ASCII_COMPATIBLE = new Set(['utf-8', 'gb18030', 'big5']);

// Sentences with Hong Kong (HKSCS) characters, woven into the Big5 texts so Big5-HKSCS codes occur.
const HKSCS_LINES = [
  '呢個方案嘅重點係幫啲學生搵到適合自己嘅學習方法，唔好畀佢哋覺得冇人理。',
  '老師話咗今個學期會多啲家訪，睇下邊啲家庭需要支援。',
  '我哋要將啲資源用喺最需要嘅地方，唔係淨係做門面功夫。',
  '學校嘅𨋢同埋走火通道要定期檢查，搞掂咗先至可以開放。',
  '佢哋嚟咗開會，話今年嘅活動會喺禮堂度搞。',
];

// ---------------------------------------------------------------------------------------------
// Corpus

const rng = xorshift32(Number(args['rng-seed'] ?? 20240617));
const perBucket = Number(args['per-bucket'] ?? 500);
const seeds = loadSeeds(args.seeds);
const texts = textsPerEncoding(seeds);
// One body per encoding, the pages one after another, so a piece of any length fits.
const bodies = Object.fromEntries(ENCODINGS.map((enc) => [enc, iconv.encode(texts[enc].join('\n\n'), ICONV[enc])]));
const starts = new Map();
const pieces = [];
for (const enc of ENCODINGS) {
  for (const bucket of BUCKETS) {
    for (let j = 0; j < perBucket; j++) pieces.push(makePiece(enc, bucket, j % 4 === 3));
  }
}

function loadSeeds(dir) {
  const candidates = dir ? [dir] : ['/work/shared/corpus/seeds', join(root, 'fixtures/encodings')];
  const found = candidates.find((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.txt')));
  if (!found) throw new Error(`no seed pages (*.txt) in ${candidates.join(' or ')}`);
  const files = readdirSync(found).filter((f) => f.endsWith('.txt')).sort();
  return { dir: found, pages: files.map((name) => ({ name, text: readFileSync(join(found, name), 'utf8').replace(/^\uFEFF/, '') })) };
}

/** Traditional when converting to Taiwan script changes (almost) no character. */
function isTraditional(text, toTw) {
  const converted = toTw(text);
  let han = 0;
  let changed = 0;
  for (let i = 0; i < Math.min(text.length, converted.length); i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400 || c > 0x9fff) continue;
    han++;
    if (converted[i] !== text[i]) changed++;
  }
  return han > 0 && changed / han < 0.02;
}

function textsPerEncoding({ pages }) {
  const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });
  for (const page of pages) page.traditional = isTraditional(page.text, toTw);
  const asIs = pages.map((p) => p.text);
  // Big5 cannot hold most simplified characters: the traditional pages as they are, the
  // simplified ones converted, with Hong Kong sentences every eighth line.
  const big5 = pages.map((p) => withHkscsLines(p.traditional ? p.text : toTw(p.text))).map((t) => encodable(t, 'big5hkscs'));
  return { 'utf-8': asIs, 'utf-8-bom': asIs, 'utf-16le': asIs, 'utf-16be': asIs, gb18030: asIs.map((t) => encodable(t, 'gb18030')), big5 };
}

function withHkscsLines(text) {
  const lines = text.split('\n');
  const out = [];
  lines.forEach((line, i) => { out.push(line); if (i % 8 === 7) out.push(HKSCS_LINES[(i >> 3) % HKSCS_LINES.length]); });
  return out.join('\n');
}

/** The text without the characters the encoding cannot hold. */
function encodable(text, encoding) {
  const ok = new Map();
  let out = '';
  for (const ch of text) {
    if (!ok.has(ch)) ok.set(ch, iconv.decode(iconv.encode(ch, encoding), encoding) === ch);
    if (ok.get(ch)) out += ch;
  }
  return out;
}

/**
 * One piece: bytes [start, start + length) of the encoding's body, cut on byte positions; UTF-8-BOM pieces and a third of the UTF-16 ones begin with the BOM. A noisy
 * piece has one to three invalid bytes (UTF-16: lone surrogates) put in at random places.
 */
function makePiece(encoding, [lo, hi], noisy) {
  const length = lo + Math.floor(rng() * (hi - lo + 1));
  const utf16 = encoding.startsWith('utf-16');
  const unit = utf16 ? 2 : 1;
  const bom = encoding === 'utf-8-bom' || (utf16 && rng() < 1 / 3) ? BOMS[encoding] : [];
  const injections = noisy ? 1 + Math.floor(rng() * 3) : 0;
  const contentLength = length - bom.length - injections * unit;
  const body = bodies[encoding];
  let start = Math.floor(rng() * (body.length - contentLength + 1));
  if (utf16 && bom.length > 0) start &= ~1;
  let content = Array.from(body.subarray(start, start + contentLength));
  for (let k = 0; k < injections; k++) {
    if (utf16) {
      const phase = start & 1; // where whole code units begin in the piece
      const at = phase + 2 * Math.floor(rng() * (Math.floor((content.length - phase) / 2) + 1));
      const u = 0xdc00 + Math.floor(rng() * 0x400); // a lone low surrogate
      content.splice(at, 0, ...(encoding === 'utf-16le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]));
    } else {
      content.splice(Math.floor(rng() * (content.length + 1)), 0, invalidByte(encoding));
    }
  }
  const bytes = Uint8Array.from([...bom, ...content]);
  const ascii = bytes.every((b) => b > 0 && b < 0x80);
  const midChar = utf16 ? (start & 1) === 1 : !characterStarts(encoding)[start];
  return { encoding, bytes, bucket: lo, noisy, bom: bom.length > 0, odd: (start & 1) === 1, midChar, ascii };
}

/** 1 at each byte offset of the encoding's body where a character begins. */
function characterStarts(encoding) {
  let marks = starts.get(encoding);
  if (marks) return marks;
  const body = bodies[encoding];
  marks = new Uint8Array(body.length + 1);
  for (let i = 0; i < body.length;) { marks[i] = 1; i += Math.max(1, sequenceLengthAt(body, i, encoding)); }
  marks[body.length] = 1;
  starts.set(encoding, marks);
  return marks;
}

function invalidByte(encoding) {
  if (encoding.startsWith('utf-8')) {
    const bad = [0xc0, 0xc1, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff];
    for (let b = 0x80; b <= 0xbf; b++) bad.push(b);
    return bad[Math.floor(rng() * bad.length)];
  }
  if (encoding === 'big5') return rng() < 0.5 ? 0x80 : 0xff;
  return 0xff; // GB18030 takes 0x80 as a second byte, 0xFF never
}

// ---------------------------------------------------------------------------------------------
// Candidates

// jschardet warns on the console when none of the allowed encodings fits; it then returns null.
const quietly = (f) => { const warn = console.warn; console.warn = () => {}; try { return f(); } finally { console.warn = warn; } };
function jschardetGuess(bytes, restrictTo) {
  const result = quietly(() => jschardet.detect(bytes, restrictTo ? { detectEncodings: restrictTo } : {}));
  switch ((result.encoding ?? '').toLowerCase()) {
    case 'ascii': case 'utf-8': return { encoding: 'utf-8' };
    case 'utf-8-sig': return { encoding: 'utf-8-bom' };
    case 'utf-16le': case 'utf-16-le': return { encoding: 'utf-16le' };
    case 'utf-16be': case 'utf-16-be': return { encoding: 'utf-16be' };
    case 'utf-16': return { encoding: bytes[0] === 0xfe ? 'utf-16be' : 'utf-16le' };
    case 'gb2312': case 'gbk': case 'gb18030': return { encoding: 'gb18030' };
    case 'big5': case 'big5hkscs': return { encoding: 'big5' };
    default: return { encoding: null };
  }
}

const SIX = ['utf-8', 'utf-8-sig', 'utf-16le', 'utf-16be', 'gb18030', 'big5hkscs'];
const legacyByTrial = (sample) => {
  // Trial decoding: the first of GB18030 and Big5 that decodes without invalid bytes, else the
  // one with fewer.
  const gb = findInvalidRuns(sample, 'gb18030').length;
  const big5 = findInvalidRuns(sample, 'big5').length;
  return { encoding: big5 < gb ? 'big5' : 'gb18030', confidence: 0.5 };
};
const legacyByJschardet = (sample) => ({ encoding: jschardetGuess(sample, ['gb18030', 'big5hkscs']).encoding ?? 'gb18030', confidence: 0.5 });
const legacyHanAsIs = (sample) => {
  // The common-Han score without trying the reading from the second byte.
  const gb = commonShare(countCommon(iconv.decode(Buffer.from(sample), 'gb18030')));
  const big5 = commonShare(countCommon(iconv.decode(Buffer.from(sample), 'big5hkscs')));
  return { encoding: big5 > gb ? 'big5' : 'gb18030', confidence: 0.5 };
};
const legacyHanThenJschardet = (sample) => {
  const verdict = legacyVerdict(scoreLegacy(sample));
  return verdict.confidence >= 0.8 ? verdict : legacyByJschardet(sample);
};

const candidates = [
  ...(baseline ? [{ name: 'baseline (decode.ts before this study)', detect: (b) => quietly(() => baseline.detectEncoding(b).encoding) }] : []),
  { name: 'jschardet 4, unrestricted', detect: (b) => jschardetGuess(b).encoding },
  { name: 'jschardet 4, restricted to the six', detect: (b) => jschardetGuess(b, SIX).encoding },
  { name: 'pipeline + trial decoding', detect: (b) => detectWith(b, legacyByTrial).encoding },
  { name: 'pipeline + jschardet (GB18030/Big5)', detect: (b) => detectWith(b, legacyByJschardet).encoding },
  { name: 'pipeline + common-Han, no realignment', detect: (b) => detectWith(b, legacyHanAsIs).encoding },
  { name: 'pipeline + common-Han score (chosen)', detect: (b) => detectWith(b, legacyByHanScore).encoding },
  { name: 'pipeline + common-Han, jschardet below 0.8', detect: (b) => detectWith(b, legacyHanThenJschardet).encoding },
  { name: '**project: dist/decode/detect.js**', detect: (b) => project.detectEncoding(b).encoding, project: true },
];

/** Right when it names the encoding, or, for a piece that is pure ASCII, any ASCII-compatible one. */
const isRight = (piece, guess) => guess === piece.encoding || (piece.ascii && ASCII_COMPATIBLE.has(piece.encoding) && ASCII_COMPATIBLE.has(guess));

const results = [];
for (const c of candidates.filter((x) => !args.only || x.name.includes(args.only))) {
  const t0 = performance.now();
  const guesses = pieces.map((p) => c.detect(p.bytes));
  const ms = performance.now() - t0;
  results.push({ ...c, guesses, ms, right: guesses.map((g, i) => isRight(pieces[i], g)) });
}

// ---------------------------------------------------------------------------------------------
// Report

const pct = (hits, n) => (n === 0 ? '–' : `${(Math.floor((1000 * hits) / n) / 10).toFixed(1)}`);
const rate = (r, keep) => {
  let n = 0;
  let hits = 0;
  pieces.forEach((p, i) => { if (keep(p)) { n++; if (r.right[i]) hits++; } });
  return pct(hits, n);
};
const bucketName = ([lo, hi]) => `${lo}–${hi}`;
const out = [];
const countIf = (keep) => pieces.filter(keep).length;

out.push(`Corpus: ${pieces.length} pieces, ${perBucket} per encoding and length bucket (${countIf((p) => p.noisy)} with 1–3 invalid bytes or lone surrogates injected; `
  + `${countIf((p) => p.encoding.startsWith('utf-16') && p.bom)} UTF-16 pieces with BOM, ${countIf((p) => p.encoding.startsWith('utf-16') && !p.bom)} without, `
  + `${countIf((p) => p.encoding.startsWith('utf-16') && !p.bom && p.odd)} of those cut at an odd offset; ${countIf((p) => p.midChar)} pieces start mid-character; ${countIf((p) => p.ascii)} pure-ASCII pieces). `
  + `Seeds: ${seeds.dir} (${seeds.pages.map((p) => `${p.name}${p.traditional ? ' [traditional]' : ''}`).join(', ')}). RNG seed ${args['rng-seed'] ?? 20240617}.`);
out.push('');
out.push('### Accuracy (%) on pieces of 200 bytes or more, per encoding');
out.push('');
out.push(`| detector | ${ENCODINGS.join(' | ')} | all ≥ 200 B | all pieces | ms / piece |`);
out.push(`|---|${ENCODINGS.map(() => '---:').join('|')}|---:|---:|---:|`);
for (const r of results) {
  const cells = ENCODINGS.map((enc) => rate(r, (p) => p.encoding === enc && p.bucket >= 200));
  out.push(`| ${r.name} | ${cells.join(' | ')} | ${rate(r, (p) => p.bucket >= 200)} | ${rate(r, () => true)} | ${(r.ms / pieces.length).toFixed(3)} |`);
}
out.push('');
out.push('### The same, on clean pieces that start on a character boundary only');
out.push('');
out.push(`| detector | ${ENCODINGS.join(' | ')} | all ≥ 200 B |`);
out.push(`|---|${ENCODINGS.map(() => '---:').join('|')}|---:|`);
const whole = (p) => p.bucket >= 200 && !p.noisy && !p.midChar;
for (const r of results) {
  const cells = ENCODINGS.map((enc) => rate(r, (p) => p.encoding === enc && whole(p)));
  out.push(`| ${r.name} | ${cells.join(' | ')} | ${rate(r, whole)} |`);
}
out.push('');
out.push('### Accuracy (%) by encoding × piece length (bytes)');
out.push('');
out.push(`| detector | encoding | ${BUCKETS.map(bucketName).join(' | ')} |`);
out.push(`|---|---|${BUCKETS.map(() => '---:').join('|')}|`);
for (const r of results) {
  for (const enc of ENCODINGS) {
    const cells = BUCKETS.map(([lo]) => rate(r, (p) => p.encoding === enc && p.bucket === lo));
    out.push(`| ${r.name} | ${enc} | ${cells.join(' | ')} |`);
  }
}
out.push('');
out.push('### Accuracy (%) on the pieces with injected invalid bytes only, all encodings');
out.push('');
out.push(`| detector | ${BUCKETS.map(bucketName).join(' | ')} |`);
out.push(`|---|${BUCKETS.map(() => '---:').join('|')}|`);
for (const r of results) out.push(`| ${r.name} | ${BUCKETS.map(([lo]) => rate(r, (p) => p.noisy && p.bucket === lo)).join(' | ')} |`);

const chosen = results.find((x) => x.project);
if (chosen) {
  // How far the confidence the project reports can be trusted.
  const bands = [[0, 0.6], [0.6, 0.8], [0.8, 0.95], [0.95, 1.01]];
  const confidences = pieces.map((p) => project.detectEncoding(p.bytes).confidence);
  out.push('');
  out.push('### Confidence reported by the project detector, against accuracy (all pieces)');
  out.push('');
  out.push('| confidence | pieces | right (%) |');
  out.push('|---|---:|---:|');
  for (const [lo, hi] of bands) {
    const inBand = pieces.map((_, i) => i).filter((i) => confidences[i] >= lo && confidences[i] < hi);
    out.push(`| ${lo.toFixed(2)}–${Math.min(hi, 1).toFixed(2)} | ${inBand.length} | ${pct(inBand.filter((i) => chosen.right[i]).length, inBand.length)} |`);
  }
}

// The quantities the project's thresholds are set on, right against wrong, on the clean pieces.
{
  const clean = pieces.filter((p) => !p.noisy && !p.bom);
  const fmt = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
  const min = (xs) => xs.reduce((a, b) => Math.min(a, b), Infinity);
  const max = (xs) => xs.reduce((a, b) => Math.max(a, b), -Infinity);
  const rows = [];
  for (const [lo, hi] of BUCKETS) {
    const inBucket = clean.filter((p) => p.bucket === lo);
    const utf16Share = (p) => { const e = bestUtf16Evidence(p.bytes); return e.common / Math.max(1, e.common + e.plausible + e.bad); };
    const isUtf16 = (p) => p.encoding.startsWith('utf-16');
    const legacy = inBucket.filter((p) => p.encoding === 'gb18030' || p.encoding === 'big5').map((p) => {
      const s = scoreLegacy(p.bytes);
      const [right, wrong] = p.encoding === 'gb18030' ? [s.gb18030, s.big5] : [s.big5, s.gb18030];
      const e = utf8Evidence(p.bytes);
      return { right: commonShare(right), wrong: commonShare(wrong), settled: right.chars >= 50 && commonShare(right) >= 0.9, perRun: e.multibyte / Math.max(1, e.invalidRuns) };
    });
    rows.push(`| ${lo}–${hi} | ${fmt(min(inBucket.filter(isUtf16).map(utf16Share)))} | ${fmt(max(inBucket.filter((p) => !isUtf16(p)).map(utf16Share)))} `
      + `| ${fmt(max(legacy.map((x) => x.perRun)))} | ${fmt(min(legacy.map((x) => x.right)))} | ${fmt(max(legacy.map((x) => x.wrong)))} `
      + `| ${pct(legacy.filter((x) => x.settled).length, legacy.length)} |`);
  }
  out.push('');
  out.push('### Evidence behind the thresholds (clean pieces without BOM)');
  out.push('');
  out.push('| bytes | UTF-16 share, UTF-16 pieces: min | UTF-16 share, other pieces: max | GB18030/Big5 pieces: well-formed UTF-8 sequences per bad run, max '
    + '| common share, right decoding: min | common share, wrong decoding: max | settled without the other decoding (%) |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  out.push(...rows);
}

const misses = Number(args.misses ?? 0);
if (misses > 0) {
  const r = results.find((x) => x.project) ?? results[0];
  out.push('');
  out.push(`### First ${misses} misses of ${r.name}`);
  out.push('');
  let shown = 0;
  pieces.forEach((p, i) => {
    if (r.right[i] || shown >= misses) return;
    shown++;
    const preview = iconv.decode(Buffer.from(p.bytes), ICONV[p.encoding]).replace(/\s+/g, ' ').slice(0, 40);
    out.push(`- ${p.encoding} ${p.bytes.length} B${p.noisy ? ' noisy' : ''}${p.midChar ? ' mid-character' : ''}${p.bom ? ' bom' : ''} → ${r.guesses[i]}: ${preview}`);
    if (args.hex !== undefined) out.push(`  \`${Buffer.from(p.bytes).toString('hex')}\``);
  });
}
console.log(out.join('\n'));

// ---------------------------------------------------------------------------------------------

/** Marsaglia's xorshift32, scaled to [0, 1). */
function xorshift32(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

function parseArgs(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unknown argument ${argv[i]}`);
    parsed[m[1]] = m[2] ?? argv[++i];
  }
  return parsed;
}
