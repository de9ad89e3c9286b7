// Reproducible distributed runs (issue #19): --save-template learns a site template once,
// --template applies it whatever the batch; --hadoop-counters reports the counts to Hadoop Streaming.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templateKey } from '../src/boilerplate/site-template.js';
import { PLANS, withTemplate, header, footer, disclaimer } from './helpers/site-pages.js';

const BIN = new URL('../bin/plan-parse.js', import.meta.url).pathname;

function cli(args: string[], cwd: string, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A site folder of the five plans, each with the site's header, disclaimer and footer. */
function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pp-saved-'));
  mkdirSync(join(dir, 'pages'));
  PLANS.forEach((plan, i) => writeFileSync(join(dir, 'pages', `p${i}.txt`), withTemplate(plan)));
  return dir;
}

const templateRemovals = (tree: { removed: Array<{ rule?: string; text?: string }> }): string[] =>
  tree.removed.filter((r) => r.rule === 'site-template').map((r) => JSON.stringify(r));

describe('saved site templates', () => {
  it('--save-template writes the lines a site repeats, with the pages they stand on; it converts nothing', () => {
    const dir = site();
    const r = cli(['pages', '--save-template', 'site.json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const saved = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
    expect(saved).toMatchObject({ planParseTemplate: 1, sampled: 5, plans: 5 });
    expect(saved.lines.map((l: { text: string }) => l.text).sort()).toEqual([header, footer, disclaimer].map(templateKey).sort());
    for (const line of saved.lines) expect(line.pages).toBe(5);
  });

  it('--template removes the same lines from a page whatever the batch split, and learns nothing', () => {
    const dir = site();
    expect(cli(['pages', '--save-template', 'site.json'], dir).code).toBe(0);
    // the page alone (no template could be learned from one file), then in a batch of three
    const alone = JSON.parse(cli(['pages/p2.txt', '--template', 'site.json'], dir).stdout);
    const batch = cli(['pages/p0.txt', 'pages/p1.txt', 'pages/p2.txt', '-f', 'ndjson', '--template', 'site.json'], dir).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(templateRemovals(alone)).toHaveLength(3);
    expect(templateRemovals(batch[2])).toEqual(templateRemovals(alone));
    expect(JSON.stringify(batch[2].children)).toBe(JSON.stringify(alone.children));
    // records too (a Spark or Hadoop mapper)
    const record = JSON.stringify({ id: 'p2', text: withTemplate(PLANS[2]!) });
    const line = JSON.parse(cli(['--input', 'ndjson', '--template', 'site.json'], dir, `${record}\n`).stdout);
    expect(templateRemovals(line.tree)).toHaveLength(3);
    // without --template, one file removes none of them
    expect(templateRemovals(JSON.parse(cli(['pages/p2.txt'], dir).stdout))).toHaveLength(0);
  });

  it('a missing or malformed template file is a one-line usage error, exit 2', () => {
    const dir = site();
    writeFileSync(join(dir, 'bad.json'), '{"planParseTemplate": 99, "lines": []}');
    writeFileSync(join(dir, 'notjson.json'), 'header line\n');
    for (const file of ['missing.json', 'bad.json', 'notjson.json']) {
      const r = cli(['pages/p0.txt', '--template', file], dir);
      expect(r.code, file).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toContain(file);
      expect(r.stdout).toBe('');
    }
  });

  it('--hadoop-counters writes reporter:counter lines on standard error, --quiet too', () => {
    const dir = site();
    writeFileSync(join(dir, 'pages', 'bin.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 0]));
    const r = cli(['pages', '-f', 'ndjson', '--hadoop-counters', '--quiet'], dir);
    expect(r.code).toBe(1);
    const counters = r.stderr.split('\n').filter((l) => l.startsWith('reporter:'));
    expect(counters).toEqual(['reporter:counter:plan-parse,converted,5', 'reporter:counter:plan-parse,failed,1', 'reporter:counter:plan-parse,skipped,0']);
    const records = cli(['--input', 'ndjson', '--hadoop-counters'], dir, `${JSON.stringify({ id: 1, text: PLANS[0] })}\nnot json\n`);
    expect(records.stderr).toContain('reporter:counter:plan-parse,converted,1\nreporter:counter:plan-parse,failed,1\n');
    expect(cli(['pages'], dir).stderr).not.toContain('reporter:');
  });
});
