// The package as a user gets it: `npm pack`, the tarball installed into an empty project, then the
// installed command run on pages that need the build-time data (a UTF-8 page, a GBK page, a page
// in traditional script), the library imported and required, and a TypeScript consumer type-checked.
// Nothing in the work tree is reachable from the consumer: a file missing from `files`, an export
// condition missing, a type not shipped fails here.
//
// The install is offline (CI reaches no registry during the tests): the consumer gets a lockfile
// made from this project's own (its runtime packages, same versions and integrity), and `npm ci
// --offline` takes them from the npm cache, which the `npm ci` of this work tree filled. Run
// through `npm run test:slow`, which builds first (the tarball is packed from dist/ as it is).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const ROOT = new URL('../../', import.meta.url).pathname;
const made: string[] = [];
/** A temporary folder, removed after the tests (a consumer's node_modules is tens of MB). */
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

interface LockEntry {
  readonly dev?: boolean;
  readonly [key: string]: unknown;
}

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly bin: Record<string, string>;
  readonly engines: Record<string, string>;
  readonly dependencies: Record<string, string>;
}

/** A lockfile for a project depending on `spec` alone: the package, and this project's runtime packages as locked here. */
function consumerLock(project: PackageJson, projectLock: { packages: Record<string, LockEntry> }, spec: string): object {
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', version: '1.0.0', dependencies: { [project.name]: spec } },
    [`node_modules/${project.name}`]: {
      version: project.version,
      resolved: spec,
      license: project.license,
      dependencies: project.dependencies,
      bin: project.bin,
      engines: project.engines,
    },
  };
  for (const [path, entry] of Object.entries(projectLock.packages)) {
    if (path.startsWith('node_modules/') && !entry.dev) packages[path] = entry;
  }
  return { name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

/** An empty project at `dir` depending on `spec` alone, installed offline with `npm ci`. */
function installInto(dir: string, spec: string): string {
  mkdirSync(dir);
  const project = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  const projectLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies: { [project.name]: spec } }, null, 2));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(consumerLock(project, projectLock, spec), null, 2));
  ok(run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], dir), `npm ci --offline of ${spec} in an empty project`);
  return dir;
}

function run(command: string, args: readonly string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
}

/** The command's output, or a failure naming the command, its exit code and standard error. */
function ok(r: SpawnSyncReturns<string>, what: string): string {
  expect(r.error, `${what}: ${String(r.error)}`).toBeUndefined();
  expect(r.status, `${what} exited ${r.status}:\n${r.stderr}`).toBe(0);
  return r.stdout;
}

const PLAN = ['教育局工作计划', '一、指导思想', '坚持育人为本，办好每一所学校。', '二、工作措施', '（一）加强领导', '1、健全制度。', '2、落实责任。', ''].join('\n');
const TRADITIONAL = ['教育局工作計劃', '一、指導思想', '堅持育人為本，辦好每一所學校。', '二、工作措施', '（一）加強領導', '1、健全制度。', ''].join('\n');

describe('the packed package, installed into an empty project', () => {
  let consumer = '';
  let tarball = '';

  beforeAll(() => {
    expect(existsSync(join(ROOT, 'dist/index.js')), 'dist/ is missing: run `npm run build` (npm run test:slow does)').toBe(true);
    const work = tempDir('pp-package-');
    const packed = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT), 'npm pack')) as Array<{ filename: string }>;
    tarball = join(work, packed[0]!.filename);
    consumer = installInto(join(work, 'consumer'), `file:../${packed[0]!.filename}`);
  }, 180_000);

  it('the tarball holds the build-time data and a LICENSE', () => {
    const listed = ok(run('tar', ['-tzf', tarball], ROOT), 'tar').split('\n');
    for (const file of ['package/LICENSE', 'package/data/script-chars.json', 'package/data/opencc-t2s.json', 'package/data/boilerplate-rules.json', 'package/dist/index.js', 'package/dist/index.d.ts']) {
      expect(listed, file).toContain(file);
    }
  });

  it('the installed command converts a UTF-8 page, a GBK page and a traditional-script Big5 page', () => {
    writeFileSync(join(consumer, 'utf8.txt'), PLAN);
    writeFileSync(join(consumer, 'gbk.txt'), iconv.encode(PLAN, 'gbk'));
    writeFileSync(join(consumer, 'traditional.txt'), iconv.encode(TRADITIONAL, 'big5'));
    const r = run(join(consumer, 'node_modules/.bin/plan-parse'), ['utf8.txt', 'gbk.txt', 'traditional.txt', '--format', 'ndjson'], consumer);
    expect(r.stderr).toBe('');
    const trees = ok(r, 'plan-parse').trim().split('\n').map((line) => JSON.parse(line));
    expect(trees.map((t) => [t.source.path, t.source.encoding, t.source.script, t.source.converted])).toEqual([
      ['utf8.txt', 'utf-8', 'simplified', false],
      ['gbk.txt', 'gb18030', 'simplified', false],
      ['traditional.txt', 'big5', 'traditional', true],
    ]);
    for (const tree of trees) {
      expect(tree.title).toBe('教育局工作计划');
      expect(tree.children[0].children.map((s: { title: string }) => s.title)).toEqual(['指导思想', '工作措施']);
    }
  });

  it('the command reads standard input and prints its help', () => {
    const outline = ok(run(join(consumer, 'node_modules/.bin/plan-parse'), ['-', '--format', 'outline'], consumer, TRADITIONAL), 'plan-parse -');
    expect(outline).toContain('指导思想');
    expect(ok(run(join(consumer, 'node_modules/.bin/plan-parse'), ['--help'], consumer), 'plan-parse --help')).toContain('plan-parse');
  });

  it('the library is imported from an ES module', () => {
    const script = [
      "import { parsePlan, SCHEMA_VERSION, builtInRules } from 'plan-parse';",
      "import { createRequire } from 'node:module';",
      `const tree = parsePlan(${JSON.stringify(TRADITIONAL)});`,
      "const schema = createRequire(import.meta.url)('plan-parse/schema.json');",
      'console.log(JSON.stringify({ title: tree.title, script: tree.source.script, version: SCHEMA_VERSION, rules: builtInRules().length > 0, schema: typeof schema.$schema }));',
    ].join('\n');
    writeFileSync(join(consumer, 'use.mjs'), script);
    expect(JSON.parse(ok(run(process.execPath, ['use.mjs'], consumer), 'node use.mjs'))).toEqual({ title: '教育局工作计划', script: 'traditional', version: 2, rules: true, schema: 'string' });
  });

  it('the library is required from a CommonJS file', () => {
    const script = [
      "const { parsePlan } = require('plan-parse');",
      "const { version } = require('plan-parse/package.json');",
      `const tree = parsePlan(Buffer.from(${JSON.stringify(PLAN)}));`,
      'console.log(JSON.stringify({ title: tree.title, sections: tree.children[0].children.length, version }));',
    ].join('\n');
    writeFileSync(join(consumer, 'use.cjs'), script);
    expect(JSON.parse(ok(run(process.execPath, ['use.cjs'], consumer), 'node use.cjs'))).toEqual({ title: '教育局工作计划', sections: 2, version: '0.1.0' });
  });

  it('a TypeScript consumer (module nodenext) type-checks against the shipped declarations', () => {
    const source = [
      "import { parsePlan, type ParseOptions, type RootNode, type SectionNode, type BodyNode, type Diagnostic } from 'plan-parse';",
      "const options: ParseOptions = { script: 'convert', from: 'text' };",
      "const tree: RootNode = parsePlan('一、指导思想\\n', options);",
      "const sections: SectionNode[] = tree.children.flatMap((doc) => doc.children.filter((n: BodyNode): n is SectionNode => n.type === 'section'));",
      'const codes: string[] = tree.diagnostics.map((d: Diagnostic) => d.code);',
      'const title: string = sections[0]?.title ?? codes.join();',
      '// the declarations are real types, not any: a wrong option is an error',
      '// @ts-expect-error',
      "parsePlan('x', { script: 'sometimes' });",
      'export { title };',
    ].join('\n');
    writeFileSync(join(consumer, 'check.mts'), source);
    const tsconfig = {
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] },
      files: ['check.mts'],
    };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const r = run(process.execPath, [TSC, '-p', 'tsconfig.json'], consumer);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 60_000);
});

// A git install clones the repository, installs its dependencies and devDependencies and runs
// `prepare` (the build) in the clone before packing it: the build must work from a bare clone.
// (This installs the committed HEAD, not the work tree's changes. A global git install,
// `npm install -g git+…`, fails inside npm itself whatever the package: its inner install of the
// clone runs as a global one.)
const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
describe.runIf(head.status === 0)('the repository installed from git (prepare builds it in a clone)', () => {
  it('installs, and the installed command converts a traditional-script page', () => {
    const work = tempDir('pp-git-install-');
    const consumer = installInto(join(work, 'consumer'), `git+file://${ROOT.replace(/\/$/u, '')}#${head.stdout.trim()}`);
    for (const file of ['data/script-chars.json', 'dist/index.js', 'LICENSE']) expect(existsSync(join(consumer, 'node_modules/plan-parse', file)), file).toBe(true);
    const r = run(join(consumer, 'node_modules/.bin/plan-parse'), ['-', '--format', 'json'], consumer, TRADITIONAL);
    const tree = JSON.parse(ok(r, 'plan-parse -'));
    expect([tree.title, tree.source.script, tree.source.converted]).toEqual(['教育局工作计划', 'traditional', true]);
  }, 300_000);
});
