// Front matter is recognised only where it reads as metadata from fence to fence.
import { describe, expect, it } from 'vitest';
import { frontMatterAt } from '../src/extract/markdown-front-matter.js';

describe('frontMatterAt', () => {
  it('finds YAML between --- lines, with lists and a closing ...', () => {
    const page = '---\ntitle: 计划\ntags:\n  - 甲\n- 乙\n---\n# 计划\n';
    expect(frontMatterAt(page)).toEqual({ start: 0, end: page.indexOf('\n# ') });
    expect(frontMatterAt('---\r\n标题: 计划\r\n...\r\n正文')).toEqual({ start: 0, end: 16 });
  });
  it('finds TOML between +++ lines, after a byte order mark', () => {
    const page = '\uFEFF+++\ntitle = "计划"\n[params]\n+++\n正文';
    expect(frontMatterAt(page)).toEqual({ start: 1, end: page.indexOf('\n正文') });
  });
  it('leaves a rule over prose, an unclosed block and a block without keys alone', () => {
    expect(frontMatterAt('---\n一、指导思想\n---\n')).toBeNull();
    expect(frontMatterAt('---\ntitle: 计划\n正文没有结束的分隔线\n')).toBeNull();
    expect(frontMatterAt('---\ntitle: 计划\n')).toBeNull();
    expect(frontMatterAt('---\n# 注释\n---\n')).toBeNull();
    expect(frontMatterAt('----\ntitle: 计划\n----\n')).toBeNull();
    expect(frontMatterAt('# 计划\n---\ntitle: x\n---\n')).toBeNull();
  });
});
