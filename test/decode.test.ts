// Stage 1 (decode): encoding detection on short pieces, invalid and unmapped bytes, forced
// encodings, aliases, and the edge cases.
import { describe, expect, it, vi } from 'vitest';
import iconv from 'iconv-lite';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeBytes, ENCODING_NAMES, resolveEncodingName } from '../src/decode/decode.js';
import { detectEncoding, detectWith, legacyByHanScore } from '../src/decode/detect.js';
import fc from 'fast-check';
import { deriveCommonHanBase64 } from './helpers/common-han-derive.js';
import { COMMON_HAN_BASE64, isCommonChar } from '../src/decode/common-han.js';
import type { EncodingName } from '../src/types.js';

// Short texts written for these tests: plan-document prose in both scripts.
const SIMPLIFIED = [
  '一、指导思想\n坚持以学生发展为本，全面落实立德树人根本任务，推进教育教学改革。',
  '二、工作目标：力争年底前完成校舍改造，教师培训覆盖率达到百分之九十五以上。',
  '（三）加强师资队伍建设。组织开展“名师工作室”活动，每学期不少于两次集中研讨。',
  '3.完善考核办法，把家长满意度纳入学校年度评价，并及时向社会公开结果。',
];
const TRADITIONAL = [
  '一、指導思想\n堅持以學生發展為本，全面落實立德樹人根本任務，推進教育教學改革。',
  '二、工作目標：力爭年底前完成校舍改造，教師培訓覆蓋率達到百分之九十五以上。',
  '（三）加強師資隊伍建設。組織開展「名師工作室」活動，每學期不少於兩次集中研討。',
  '3.完善考核辦法，把家長滿意度納入學校年度評價，並及時向社會公開結果。',
];
// Hong Kong characters that only Big5-HKSCS encodes (嘅 咗 啲 哋 嚟 𨋢).
const HONG_KONG = '學校嘅活動已經搞咗，啲家長同佢哋嘅子女都嚟咗參加，𨋢都檢查過。';

const ICONV: Record<EncodingName, string> = {
  'utf-8': 'utf8', 'utf-8-bom': 'utf8', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be', 'gb18030': 'gb18030', 'big5': 'big5hkscs',
};
const BOM: Partial<Record<EncodingName, number[]>> = { 'utf-8-bom': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff] };

function encode(text: string, encoding: EncodingName, withBom = encoding === 'utf-8-bom'): Uint8Array {
  const body = iconv.encode(text, ICONV[encoding]);
  return Uint8Array.from([...(withBom ? BOM[encoding] ?? [] : []), ...body]);
}

const textsFor = (encoding: EncodingName): string[] => (encoding === 'big5' ? [...TRADITIONAL, HONG_KONG] : SIMPLIFIED);
const ALL: EncodingName[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030', 'big5'];

describe('detectEncoding on short pieces', () => {
  for (const encoding of ALL) {
    it(`${encoding}: each short text`, () => {
      for (const text of textsFor(encoding)) {
        const bytes = encode(text, encoding);
        expect(bytes.length).toBeLessThan(200);
        const d = detectEncoding(bytes);
        expect(d.encoding, text).toBe(encoding);
        expect(d.confidence).toBeGreaterThan(0);
        expect(d.confidence).toBeLessThanOrEqual(1);
      }
    });
  }

  for (const encoding of ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5'] as const) {
    it(`${encoding}: pieces cut mid-character at both ends`, () => {
      const bytes = encode(textsFor(encoding).join(''), encoding);
      for (const [start, end] of [[1, 121], [2, 203], [3, 77], [5, 160]] as const) {
        expect(detectEncoding(bytes.subarray(start, end)).encoding, `${start}..${end}`).toBe(encoding);
      }
    });
  }

  it('UTF-16 with a BOM is decided by the BOM, with confidence 1', () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      expect(detectEncoding(encode(SIMPLIFIED[0]!, encoding, true))).toEqual({ encoding, confidence: 1 });
    }
    expect(detectEncoding(encode(SIMPLIFIED[0]!, 'utf-8-bom'))).toEqual({ encoding: 'utf-8-bom', confidence: 1 });
  });

  it('a BOM decides even with damage behind it, but not bytes that only look like one', () => {
    const damaged = Uint8Array.from([...encode(SIMPLIFIED[1]!, 'utf-16be', true), 0xdc, 0x00, ...encode('计划', 'utf-16be')]);
    expect(detectEncoding(damaged).encoding).toBe('utf-16be');
    const korean = Uint8Array.from([...encode('학교 교육 계획', 'utf-16le', true), 0x00, 0xdc]);
    expect(detectEncoding(korean).encoding).toBe('utf-16le');
    // A GB18030 piece that starts with a cut character's second byte 0xFE and a stray 0xFF.
    const gb = Uint8Array.from([0xfe, 0xff, ...encode(SIMPLIFIED.join(''), 'gb18030')]);
    expect(detectEncoding(gb).encoding).toBe('gb18030');
    expect(decodeBytes(gb).text).toBe('\uFFFD' + SIMPLIFIED.join(''));
  });

  it('BOM-less UTF-16 with mostly ASCII is found by its zero bytes', () => {
    const text = 'Plan 2024: 1. goals 2. steps 3. review\n第一部分';
    expect(detectEncoding(encode(text, 'utf-16le')).encoding).toBe('utf-16le');
    expect(detectEncoding(encode(text, 'utf-16be')).encoding).toBe('utf-16be');
  });

  it('traditional text saved as GB18030 is still GB18030', () => {
    expect(detectEncoding(encode(TRADITIONAL.join(''), 'gb18030')).encoding).toBe('gb18030');
  });

  it('a handful of invalid bytes does not change the verdict', () => {
    for (const encoding of ['utf-8', 'gb18030', 'big5'] as const) {
      const bytes = Array.from(encode(textsFor(encoding).join(''), encoding));
      for (const at of [40, 95, 150]) bytes.splice(at, 0, 0xff);
      expect(detectEncoding(Uint8Array.from(bytes)).encoding).toBe(encoding);
    }
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const bytes = Array.from(encode(SIMPLIFIED.join(''), encoding));
      for (const at of [40, 96, 150]) bytes.splice(at, 0, 0xdc, 0xdc); // lone low surrogates
      expect(detectEncoding(Uint8Array.from(bytes)).encoding).toBe(encoding);
    }
  });

  it('looks at a bounded sample, past a long ASCII head', () => {
    const head = '<!-- ' + 'x'.repeat(200_000) + ' -->\n';
    const bytes = Uint8Array.from([...Buffer.from(head), ...encode(SIMPLIFIED.join(''), 'gb18030')]);
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
  });
});

describe('decodeBytes', () => {
  it('empty input: empty text, no issues', () => {
    const d = decodeBytes(new Uint8Array(0));
    expect(d.text).toBe('');
    expect(d.issues).toEqual([]);
    expect(d.encoding).toBe('utf-8');
  });

  it('pure ASCII: UTF-8 with confidence 1, text unchanged', () => {
    const d = decodeBytes(Buffer.from('Work plan 2024\n1. Goals\n'));
    expect(d).toEqual({ text: 'Work plan 2024\n1. Goals\n', encoding: 'utf-8', confidence: 1, issues: [] });
  });

  for (const encoding of ALL) {
    it(`${encoding}: decodes to the original text, BOM removed`, () => {
      const text = textsFor(encoding).join('\n');
      const d = decodeBytes(encode(text, encoding, encoding !== 'gb18030' && encoding !== 'big5' && encoding !== 'utf-8'));
      expect(d.encoding).toBe(encoding);
      expect(d.text).toBe(text);
      expect(d.issues).toEqual([]);
    });
  }

  it('Big5-HKSCS characters decode', () => {
    const d = decodeBytes(encode(HONG_KONG, 'big5'));
    expect(d.encoding).toBe('big5');
    expect(d.text).toBe(HONG_KONG);
  });

  it('reports an invalid UTF-8 run once, with its byte offset', () => {
    const prefix = Buffer.from('计划：'); // 9 bytes
    const bytes = Uint8Array.from([...prefix, 0xff, 0xfe, 0xc0, ...Buffer.from('目标明确，措施具体。')]);
    const d = decodeBytes(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toBe('计划：\uFFFD目标明确，措施具体。');
    expect(d.issues).toHaveLength(1);
    expect(d.issues[0]).toMatchObject({ code: 'invalid-bytes', byteOffset: 9, textOffset: 3 });
    expect(d.issues[0]).toMatchObject({ code: 'invalid-bytes', args: { count: 3 } });
  });

  it('reports each separate bad run with its own offset', () => {
    const a = encode('一是', 'gb18030'); // 4 bytes
    const b = encode('二是', 'gb18030');
    const bytes = Uint8Array.from([...a, 0xff, ...b, 0x80, ...encode('三是加强管理工作', 'gb18030')]);
    const d = decodeBytes(bytes, 'gb18030');
    expect(d.text).toBe('一是\uFFFD二是\uFFFD三是加强管理工作');
    expect(d.issues.map((i) => [i.code, i.byteOffset, i.textOffset])).toEqual([['invalid-bytes', 4, 2], ['invalid-bytes', 9, 5]]);
  });

  it('a lone surrogate in UTF-16 is an invalid run at its byte offset', () => {
    const bytes = Uint8Array.from([...encode('教育', 'utf-16le'), 0x00, 0xdc, ...encode('工作计划', 'utf-16le')]);
    const d = decodeBytes(bytes, 'utf-16le');
    expect(d.text).toBe('教育\uFFFD工作计划');
    expect(d.issues).toEqual([expect.objectContaining({ code: 'invalid-bytes', byteOffset: 4, textOffset: 2 })]);
  });

  it('a well-formed Big5 code with no character is reported with its byte offset', () => {
    // 0x81 0x40 is shaped like a Big5 character but stands for none; the second byte, being
    // ASCII, is read again as "@".
    const bytes = Uint8Array.from([...encode('計畫', 'big5'), 0x81, 0x40, ...encode('目標', 'big5')]);
    const d = decodeBytes(bytes, 'big5');
    expect(d.text).toBe('計畫\uFFFD@目標');
    expect(d.issues).toEqual([expect.objectContaining({ code: 'unmapped-character', byteOffset: 4, textOffset: 2 })]);
  });

  it('a U+FFFD already in the input is reported too', () => {
    const d = decodeBytes(Buffer.from('甲\uFFFD乙'));
    expect(d.text).toBe('甲\uFFFD乙');
    expect(d.issues).toEqual([expect.objectContaining({ code: 'unmapped-character', byteOffset: 3, textOffset: 1 })]);
  });

  it('a piece cut mid-character loses only the cut character, reported at byte 0', () => {
    for (const encoding of ['utf-16le', 'utf-16be', 'gb18030', 'big5'] as const) {
      const text = '教' + textsFor(encoding)[1]!; // 教: its second byte is no ASCII byte in GB18030 or Big5
      const d = decodeBytes(encode(text, encoding).subarray(1));
      expect(d.encoding).toBe(encoding);
      expect(d.text).toBe('\uFFFD' + text.slice(1));
      expect(d.issues).toEqual([expect.objectContaining({ code: 'invalid-bytes', byteOffset: 0, textOffset: 0 })]);
    }
  });

  it('never emits U+FFFD without an issue at that place', () => {
    const samples: Uint8Array[] = [];
    let seed = 7;
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (const encoding of ALL) {
      const clean = Array.from(encode(textsFor(encoding).join(''), encoding));
      for (let k = 0; k < 20; k++) {
        const bytes = clean.slice();
        for (let j = 0; j < 1 + random(6); j++) bytes[random(bytes.length)] = random(256);
        samples.push(Uint8Array.from(bytes));
      }
    }
    for (const bytes of samples) {
      for (const forced of [undefined, ...ALL]) {
        const d = decodeBytes(bytes, forced);
        const marked = new Set(d.issues.map((i) => i.textOffset));
        for (let i = d.text.indexOf('\uFFFD'); i !== -1; i = d.text.indexOf('\uFFFD', i + 1)) expect(marked.has(i)).toBe(true);
        for (const issue of d.issues) {
          expect(issue.byteOffset).not.toBeNull();
          expect(d.text[issue.textOffset]).toBe('\uFFFD');
        }
        expect(new Set(d.issues.map((i) => i.byteOffset)).size).toBe(d.issues.length);
      }
    }
  });
});

describe('forced encodings', () => {
  it('takes the forced encoding with confidence 1', () => {
    const bytes = encode(SIMPLIFIED[2]!, 'gb18030');
    const d = decodeBytes(bytes, 'gb18030');
    expect(d).toMatchObject({ encoding: 'gb18030', confidence: 1, text: SIMPLIFIED[2], issues: [] });
  });

  it('decodes as forced even when that is wrong', () => {
    const bytes = encode(SIMPLIFIED[0]!, 'gb18030');
    const d = decodeBytes(bytes, 'big5');
    expect(d.encoding).toBe('big5');
    expect(d.text).not.toBe(SIMPLIFIED[0]);
  });

  it('forced UTF-8 still drops a UTF-8 BOM; forced UTF-16 reads BOM-less bytes', () => {
    expect(decodeBytes(encode('计划', 'utf-8-bom'), 'utf-8').text).toBe('计划');
    expect(decodeBytes(encode('计划', 'utf-16be'), 'utf-16be').text).toBe('计划');
  });
});

describe('encoding names', () => {
  it('resolves aliases', () => {
    expect(resolveEncodingName('gbk')).toBe('gb18030');
    expect(resolveEncodingName('GB2312')).toBe('gb18030');
    expect(resolveEncodingName('gb18030')).toBe('gb18030');
    expect(resolveEncodingName('big5-hkscs')).toBe('big5');
    expect(resolveEncodingName('Big5')).toBe('big5');
    expect(resolveEncodingName('utf8')).toBe('utf-8');
    expect(resolveEncodingName(' UTF-8 ')).toBe('utf-8');
    expect(resolveEncodingName('utf-16le')).toBe('utf-16le');
    expect(resolveEncodingName('klingon')).toBeNull();
  });

  it('lists every alias it accepts', () => {
    for (const name of ['gbk', 'gb2312', 'big5-hkscs', 'utf8']) expect(ENCODING_NAMES).toContain(name);
    for (const name of ENCODING_NAMES) expect(resolveEncodingName(name)).not.toBeNull();
  });

  it('GBK-only and GB18030 four-byte characters decode under the GB name', () => {
    const text = '镕€𠀀'; // GBK extension, euro sign, a four-byte GB18030 character
    expect(decodeBytes(iconv.encode(text, 'gb18030'), resolveEncodingName('gbk')!).text).toBe(text);
  });
});

describe('common-Han set', () => {
  it('is the one derived from the GB 2312 and Big5 tables', () => {
    expect(COMMON_HAN_BASE64).toBe(deriveCommonHanBase64());
  });

  it('holds common characters of both scripts and not rare ones', () => {
    for (const ch of '的一是教育计划發展學') expect(isCommonChar(ch.codePointAt(0)!), ch).toBe(true);
    for (const ch of '龘靐丂') expect(isCommonChar(ch.codePointAt(0)!), ch).toBe(false);
  });
});

describe('fixtures/encodings', () => {
  it('holds the fallback seed pages of the study, one traditional', () => {
    const files = readdirSync(new URL('../fixtures/encodings/', import.meta.url)).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const bytes = readFileSync(new URL(`../fixtures/encodings/${f}`, import.meta.url));
      expect(decodeBytes(bytes).encoding).toBe('utf-8');
    }
  });
});

describe('detection cost', () => {
  const simplified = readFileSync(new URL('../fixtures/encodings/seed-simplified-a.txt', import.meta.url), 'utf8');
  const traditional = readFileSync(new URL('../fixtures/encodings/seed-traditional.txt', import.meta.url), 'utf8');
  const decodesWhileDetecting = (bytes: Uint8Array): number => {
    const spy = vi.spyOn(iconv, 'decode');
    try {
      detectEncoding(bytes);
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  };

  it('decodes the sample of a GB18030 or Big5 page at most twice, a UTF-8 page’s not at all', () => {
    expect(decodesWhileDetecting(iconv.encode(simplified, 'gb18030'))).toBeLessThanOrEqual(2);
    expect(decodesWhileDetecting(iconv.encode(traditional, 'big5'))).toBeLessThanOrEqual(2);
    expect(decodesWhileDetecting(Buffer.from(simplified, 'utf8'))).toBe(0);
  });

  it('a UTF-8 page longer than the sample, cut inside a character at the sample’s end, is still decided without decoding', () => {
    const han = simplified.replace(/[\x00-\x7f]/gu, '').repeat(10);
    for (const shift of [0, 1, 2]) {
      const bytes = Buffer.from('a'.repeat(shift) + han, 'utf8');
      expect(bytes.length).toBeGreaterThan(20_000);
      expect(decodesWhileDetecting(bytes)).toBe(0);
      expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', confidence: 0.99 });
    }
  });

  // detectEncoding decodes the legacy ways first when the sample has no NUL byte and is not clean
  // UTF-8, and stops when a decoding settles it: the verdict must be the one the whole pipeline gives
  it('the legacy decoding tried first gives the verdict of the whole pipeline, on any encoding, cut anywhere, damaged or not', () => {
    const hanOnly = (text: string): string => text.replace(/[\x00-\x7f]/gu, '');
    const texts = [simplified, traditional, hanOnly(simplified), hanOnly(traditional)];
    const encodings = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5'] as const;
    const encoded = texts.flatMap((t) => encodings.map((e) => iconv.encode(t.slice(0, 12_000), e)));
    fc.assert(
      fc.property(fc.nat(encoded.length - 1), fc.nat(), fc.integer({ min: 1, max: 20_000 }), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 12 }), (which, start, length, flips) => {
        const whole = encoded[which]!;
        const piece = Buffer.from(whole.subarray(start % whole.length, (start % whole.length) + length));
        for (const [at, value] of flips) if (piece.length > 0) piece[at % piece.length] = value;
        expect(detectEncoding(piece)).toEqual(detectWith(piece, legacyByHanScore, false));
      }),
      { numRuns: 400 },
    );
  });
});
