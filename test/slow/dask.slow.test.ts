// examples/dask_pipe.py on a real Dask LocalCluster (issue #19), when python3 can import distributed.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANS, withTemplate } from '../helpers/site-pages.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/plan-parse.js');

/** A python3 that imports distributed (the first on PATH, else the system's), or null. */
function pythonWithDask(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import distributed'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}

const python = pythonWithDask();
if (python === null) console.log('dask example skipped: python3 cannot import distributed (apt-get install python3-distributed)');

describe.skipIf(python === null)('examples/dask_pipe.py', () => {
  it('maps plan-parse over a folder on several worker processes and gathers the ndjson, as one run with the template gives it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-dask-'));
    mkdirSync(join(dir, 'pages'));
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, 'pages', `p${String(i).padStart(2, '0')}.txt`), withTemplate(PLANS[i % PLANS.length]!));
    const save = spawnSync(process.execPath, [BIN, 'pages', '--save-template', 'site.json'], { cwd: dir, encoding: 'utf8' });
    expect(save.status, save.stderr).toBe(0);
    const r = spawnSync(python!, [join(ROOT, 'examples/dask_pipe.py'), 'pages', 'site.json', 'trees.ndjson', '--workers', '3', '--chunk', '3', '--plan-parse', `${process.execPath} ${BIN}`], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('on 3 worker processes');
    const gathered = readFileSync(join(dir, 'trees.ndjson'), 'utf8');
    expect(gathered.trim().split('\n')).toHaveLength(20);
    // the same lines as one plan-parse run over the whole folder with the same template
    const one = spawnSync(process.execPath, [BIN, 'pages', '-f', 'ndjson', '--template', 'site.json'], { cwd: dir, encoding: 'utf8' });
    expect(gathered).toBe(one.stdout);
    expect(gathered).toContain('"site-template"');
  });
});
