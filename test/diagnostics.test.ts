// Diagnostics are data: stages report a code and its facts; the words come from src/diagnostics.ts
// alone. These tests assert codes and facts, never the sentences.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { DIAGNOSTIC_CODES, describeFinding, toDiagnostic } from '../src/diagnostics.js';
import { parsePlan } from '../src/pipeline.js';
import type { Finding } from '../src/types.js';

const SAMPLE_ARGS: Readonly<Record<string, Finding['args']>> = {
  'invalid-bytes': { encoding: 'gb18030', byte: 3, count: 2 },
  'unmapped-character': { encoding: 'big5', byte: null, count: 1 },
  'invalid-utf16': { codeUnit: 0xd800 },
  'markdown-read-as-text': { reason: 'parse-error', error: 'x' },
  'markdown-nesting-cut': { limit: 64, lines: 2, rule: 'markdown-nesting' },
  'html-nesting-cut': { limit: 64, elements: 10 },
  'nesting-too-deep': { limit: 64 },
  'numbering-repeat': { marker: '二、' },
  'numbering-restart': { marker: '一、', before: '三、' },
  'numbering-gap': { marker: '四、', before: '二、' },
  'numbering-start': { marker: '三、', carried: null },
  'findings-capped': { code: 'numbering-repeat', limit: 100, omitted: 5 },
};

describe('diagnostics', () => {
  it('words every code, and knows its severity', () => {
    expect([...DIAGNOSTIC_CODES].sort()).toEqual(Object.keys(SAMPLE_ARGS).sort());
    for (const code of DIAGNOSTIC_CODES) {
      const finding = { code, args: SAMPLE_ARGS[code] } as Finding;
      expect(describeFinding(finding).length).toBeGreaterThan(10);
      expect(toDiagnostic(finding, null)).toMatchObject({ code, severity: 'warning', position: null });
    }
  });

  it('a byte offset is kept only where there is one', () => {
    const finding: Finding = { code: 'invalid-bytes', args: { encoding: 'utf-8', byte: 7, count: 1 } };
    expect(toDiagnostic(finding, null, 7).byteOffset).toBe(7);
    expect('byteOffset' in toDiagnostic(finding, null)).toBe(false);
  });

  it('the pipeline reports each stage’s findings by code, in stage order', () => {
    const bytes = Buffer.concat([iconv.encode('一、总则\n', 'gb18030'), Buffer.from([0x81]), iconv.encode('\n三、措施\n二、要求\n', 'gb18030')]);
    const tree = parsePlan(bytes, { encoding: 'gb18030' });
    expect(tree.diagnostics.map((d) => d.code)).toEqual(['invalid-bytes', 'numbering-gap', 'numbering-restart']);
    expect(tree.diagnostics[0]).toMatchObject({ byteOffset: 9, position: { start: { line: 2 } } });
  });
});
