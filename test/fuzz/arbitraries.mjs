// fast-check arbitraries for fuzzing plan-parse: arbitrary bytes, arbitrary strings, plan-like
// text, and seed pages mutated the way scraped pages break — cut anywhere, junk inserted, ranges
// repeated or dropped, bytes flipped, and encodings swapped (the whole page, or a piece of it
// spliced in another encoding). fast-check and iconv-lite are passed in, so the long fuzz and the
// test suite use the same ones.

const ENCODINGS = ['utf-8', 'utf-8-bom', 'gb18030', 'big5', 'utf-16le', 'utf-16be', 'utf-16le-bom', 'utf-16be-bom'];

/** Pieces scraped pages are made of, and pieces that break them. */
const JUNK_TEXT = [
  '一、', '二、', '（一）', '(二)', '1.', '2、', '（1）', '⑴', '①', '第一章', '第二条', '一是', '二要', '——', '1.1.1', '1.2 ', '篇1', '第2篇',
  '模块一：', '甲一：', '壹、', '。。。', '...', '…', '，，', '、、', '【', '】', '[网]', '(转自 ', '(来源:', '网站首页 国学 语言 ', ' > ', '>>>',
  '当前位置:', '小编', '人气:9.04K', '<!--', '-->', '<html>', '<head>', '<meta charset="gbk">', '<title>x</title>', '<p>', '</p>', '<br>', '<table>',
  '&amp;', '&#x4E00;', '# ', '## ', '- ', '* ', '**', '__', '[a](b)', '```', '|', '| - |', '\r', '\r\n', '\n', '\n\n', '\t', '\u3000', '\u00a0',
  '\u200b', '\ufeff', '\u2028', '\u0085', '\u0000', '\u0007', '\ud800', '\udc00', '😀', '臺灣', '計畫', '資訊', '軟體', 'ｗｗｗ．', '１．', '（',
];

/** Byte sequences that are invalid or ambiguous in some encoding. */
const JUNK_BYTES = [
  [0x80], [0xc0], [0xc1, 0x80], [0xe4, 0xb8], [0xf0, 0x9f, 0x98], [0xff], [0xfe], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0x00], [0x00, 0x00],
  [0x81], [0x81, 0x30], [0xa1], [0xa1, 0x40], [0xd8, 0x00], [0x00, 0xd8], [0xdc, 0x00], [0x0d], [0x1b, 0x5b, 0x33, 0x31, 0x6d],
];

export function makeArbitraries({ fc, iconv, seeds, maxSize = 16_384 }) {
  const encode = (text, encoding) => {
    switch (encoding) {
      case 'utf-8': return Buffer.from(text, 'utf8');
      case 'utf-8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      case 'utf-16le-bom': return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
      case 'utf-16be-bom': return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
      default: return iconv.encode(text, encoding);
    }
  };

  const junk = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...JUNK_TEXT).map((s) => ({ text: s })) },
    { weight: 2, arbitrary: fc.constantFrom(...JUNK_BYTES).map((b) => ({ bytes: b })) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 16 }).map((b) => ({ bytes: [...b] })) },
  );

  /** One change to a byte string; positions are fractions of its length, so they shrink well. */
  const op = fc.oneof(
    fc.record({ kind: fc.constant('cut'), from: fc.double({ min: 0, max: 1, noNaN: true }), to: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('insert'), at: fc.double({ min: 0, max: 1, noNaN: true }), junk, times: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 50, max: 2000 })) }),
    fc.record({ kind: fc.constant('delete'), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ kind: fc.constant('repeat'), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }), times: fc.integer({ min: 2, max: 300 }) }),
    fc.record({ kind: fc.constant('flip'), at: fc.double({ min: 0, max: 1, noNaN: true }), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('splice-encoding'), from: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 400 }), encoding: fc.constantFrom(...ENCODINGS) }),
  );

  const place = (fraction, length) => Math.min(length, Math.floor(fraction * (length + 1)));

  /** Apply the changes to the seed's text in one encoding; the result stays under maxSize bytes. */
  function mutate(text, encoding, ops) {
    let bytes = encode(text, encoding);
    for (const o of ops) {
      const n = bytes.length;
      switch (o.kind) {
        case 'cut': {
          const a = place(Math.min(o.from, o.to), n);
          const b = place(Math.max(o.from, o.to), n);
          bytes = bytes.subarray(a, Math.max(a, b));
          break;
        }
        case 'insert': {
          const piece = o.junk.text !== undefined ? encode(o.junk.text, encoding.replace(/-bom$/u, '')) : Buffer.from(o.junk.bytes);
          if (piece.length === 0) break;
          const at = place(o.at, n);
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(Math.min(piece.length * o.times, maxSize), piece), bytes.subarray(at)]);
          break;
        }
        case 'delete': {
          const at = place(o.at, n);
          bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(n, at + o.length))]);
          break;
        }
        case 'repeat': {
          const at = place(o.at, n);
          const piece = bytes.subarray(at, Math.min(n, at + o.length));
          if (piece.length === 0) break;
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(Math.min(piece.length * o.times, maxSize), piece), bytes.subarray(at)]);
          break;
        }
        case 'flip': {
          if (n === 0) break;
          bytes = Buffer.from(bytes);
          bytes[place(o.at, n - 1)] = o.value;
          break;
        }
        case 'splice-encoding': {
          // a piece of the page's text, written in another encoding, in place of the same piece
          const from = place(o.from, text.length);
          const piece = encode(text.slice(from, from + o.length), o.encoding);
          const at = place(o.from, n);
          bytes = Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(Math.min(n, at + piece.length))]);
          break;
        }
      }
      if (bytes.length > maxSize) bytes = bytes.subarray(0, maxSize);
    }
    return new Uint8Array(bytes);
  }

  /** A window of a seed page: scraped pages are cut anywhere. */
  const window = fc.record({ seed: fc.nat({ max: seeds.length - 1 }), start: fc.double({ min: 0, max: 1, noNaN: true }), size: fc.integer({ min: 0, max: maxSize }) }).map(({ seed, start, size }) => {
    const text = seeds[seed].text;
    const chars = Math.min(text.length, Math.floor(size / 2));
    const from = Math.floor(start * (text.length - chars));
    return { name: seeds[seed].name, text: text.slice(from, from + chars) };
  });

  const mutatedSeed = fc
    .record({ page: window, encoding: fc.constantFrom(...ENCODINGS), ops: fc.array(op, { maxLength: 6 }) })
    .map(({ page, encoding, ops }) => ({ name: page.name, encoding, ops, bytes: mutate(page.text, encoding, ops) }));

  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 4096, size: 'large' }),
    // bytes of a narrow alphabet: more structure than uniform noise
    fc.array(fc.constantFrom(0x0a, 0x20, 0x2e, 0x28, 0x29, 0x31, 0xe4, 0xb8, 0x80, 0x81, 0xa1, 0xff, 0x00, 0x3c, 0x3e, 0x23, 0x2d), { maxLength: 4096, size: 'large' }).map((a) => new Uint8Array(a)),
  );

  const lineStart = fc.constantFrom('一、', '二、', '（一）', '(二)', '1.', '2、', '（1）', '⑵', '①', '一是', '第一，', '第一章', '——', '1.1 ', '篇1', '模块一：', '', '', '');
  const words = fc.string({ unit: fc.constantFrom(...'教育工作计划加强管理提高质量，。；：、（）()12 一二三是年月日的…>【】网'), maxLength: 40, size: 'medium' });
  const planText = fc.array(fc.tuple(lineStart, words).map(([m, w]) => m + w), { maxLength: 60, size: 'medium' }).map((lines) => lines.join('\n'));

  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400, size: 'large' }),
    // UTF-16 code units, lone surrogates included
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 400, size: 'large' }),
    fc.string({ unit: fc.constantFrom(...JUNK_TEXT), maxLength: 80, size: 'large' }),
  );

  // ---- hostile structure: deep nesting, floods of numbered lines, pages in two encodings ----

  const shallowOrDeep = fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 60, max: 400 }));
  const content = fc.constantFrom('一、指导思想', '（一）工作目标', '1.加强管理', '项目', '坚持育人为本。', '', '**要点**', '[链接](u)', '<b>粗</b>');

  /** Markdown nested n deep: markers on one line, one level more a line, or prefixes of every kind mixed. */
  const MARKDOWN_NESTINGS = {
    'bullets-line': (n, c) => `${'- '.repeat(n)}${c}`,
    'quotes-line': (n, c) => `${'> '.repeat(n)}${c}`,
    'tight-quotes-line': (n, c) => `${'>'.repeat(n)} ${c}`,
    'ordered-line': (n, c) => `${'1. '.repeat(n)}${c}`,
    indented: (n, c) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- ${c}`).join('\n'),
    'indented-ordered': (n, c) => Array.from({ length: n }, (_, i) => `${'   '.repeat(i)}${i + 1}. ${c}`).join('\n'),
    'quote-lines': (n, c) => Array.from({ length: n }, (_, i) => `${'>'.repeat(i + 1)} ${c}`).join('\n'),
    'tab-indented': (n, c) => Array.from({ length: n }, (_, i) => `${'\t'.repeat(i)}* ${c}`).join('\n'),
    sawtooth: (n, c) => Array.from({ length: 3 * n }, (_, i) => `${'  '.repeat(i % n)}- ${c}`).join('\n'),
  };
  const prefixToken = fc.constantFrom('> ', '>', '- ', '* ', '+ ', '1. ', '2) ', '  ', '    ', '\t', '- - - ', '---');
  const mixedPrefixLines = fc
    .array(fc.tuple(fc.array(prefixToken, { maxLength: 120, size: 'large' }), content), { minLength: 1, maxLength: 40 })
    .map((lines) => lines.map(([tokens, c]) => tokens.join('') + c).join('\n'));
  const deepMarkdown = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(MARKDOWN_NESTINGS)), shallowOrDeep, content).map(([kind, n, c]) => MARKDOWN_NESTINGS[kind](n, c)) },
    { weight: 1, arbitrary: mixedPrefixLines },
  );

  /** HTML elements nested n deep, closed or not, and the same inside a Markdown page. */
  const deepHtml = fc
    .record({ tag: fc.constantFrom('div', 'ul><li', 'blockquote', 'section', 'span', 'table><tr><td', 'p', 'b'), n: shallowOrDeep, closed: fc.boolean(), c: content, inMarkdown: fc.boolean() })
    .map(({ tag, n, closed, c, inMarkdown }) => {
      const opens = `<${tag}>`.repeat(n);
      const closes = closed ? tag.split('><').reverse().map((t) => `</${t}>`).join('').repeat(n) : '';
      const body = `${opens}${c}<p>二、工作措施</p>${closes}`;
      return inMarkdown ? { text: `# 计划\n\n${body}\n\n三、保障`, from: 'markdown' } : { text: `<html><body>${body}</body></html>`, from: 'html' };
    });

  const nesting = fc.oneof(deepMarkdown.map((text) => ({ text, from: 'markdown' })), deepHtml);

  /** Thousands of numbered lines: one marker repeated, or counted up; bare or with a title. */
  const flood = fc
    .record({
      marker: fc.constantFrom('一、', '1、', '（一）', '1.', '①', '第一章', '一是', '1.1.1 ', '(1)', '- 1. '),
      counted: fc.boolean(),
      title: fc.constantFrom('', '标题', '加强管理，提高质量。'),
      lines: fc.integer({ min: 100, max: Math.max(100, Math.floor(maxSize / 8)) }),
      from: fc.constantFrom('text', 'markdown'),
    })
    .map(({ marker, counted, title, lines, from }) => ({
      text: Array.from({ length: lines }, (_, i) => (counted ? marker.replace(/1|一/u, String(i + 1)) : marker) + title).join('\n'),
      from,
    }));

  /** A seed page whose first part is in one encoding and the rest in another (GB18030 then UTF-8, and others). */
  const mixedEncoding = fc
    .record({ page: window, at: fc.double({ min: 0, max: 1, noNaN: true }), pair: fc.constantFrom(['gb18030', 'utf-8'], ['utf-8', 'gb18030'], ['big5', 'utf-8'], ['gb18030', 'utf-8-bom'], ['utf-16le', 'utf-8']) })
    .map(({ page, at, pair: [first, rest] }) => {
      const cut = Math.floor(at * page.text.length);
      const bytes = Buffer.concat([encode(page.text.slice(0, cut), first), encode(page.text.slice(cut), rest)]).subarray(0, maxSize);
      return { name: page.name, encodings: `${first}+${rest}`, bytes: new Uint8Array(bytes) };
    });

  return { bytes, mutatedSeed, planText, text, nesting, flood, mixedEncoding };
}
