// The command line: options → library calls → output. Exit codes: 0 ok, 1 an input failed or an output
// could not be written, 2 usage error, 130/143 stopped by SIGINT/SIGTERM.
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { resolveEncodingName, ENCODING_NAMES } from '../decode/decode.js';
import { RuleError } from '../boilerplate/rules.js';
import { parseRulesFile } from '../boilerplate/user-rules.js';
import { schemaText } from '../schema.js';
import type { EncodingName } from '../types.js';
import type { CliFormat, JobConfig } from './batch/job.js';
import type { OutputTarget, RunSettings } from './batch/run.js';
import { hasMagic, GlobError, compileGlobs } from './batch/glob.js';
import { printable } from '../text/printable.js';

export interface RunContext {
  readonly argv: readonly string[];
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Formats known without loading the emitters (start-up time): the rest come from emit/format.js. */
const CORE_FORMATS: readonly string[] = ['json', 'ndjson'];

/** Every output format: the library's, and ndjson. Loads the emitters. */
async function allFormats(): Promise<string[]> {
  const { OUTPUT_FORMATS } = await import('../emit/format.js');
  return [...OUTPUT_FORMATS, 'ndjson'];
}

const EXAMPLES = `
Examples:
  $ plan-parse page.txt                      the plan tree as JSON on standard output
  $ plan-parse page.txt --format yaml        the same tree as YAML
  $ plan-parse page.txt --format outline     an indented outline to check by eye
  $ plan-parse page.txt --format text        the cleaned, simplified text
  $ plan-parse big5-page.txt --encoding big5 -o page.json
  $ cat page.txt | plan-parse - | jq '.children[].title'
  $ plan-parse pages/ -o trees/              every text file under pages/, mirrored as .json files
  $ plan-parse pages/ --glob '**/*.txt' -f yaml -o trees/
  $ plan-parse 'pages/**/*.htm' -f ndjson > trees.ndjson
  $ find pages -name '*.txt' -print0 | plan-parse -0 -f ndjson | jq -c .title
  $ plan-parse --input ndjson < records.ndjson > trees.ndjson    {"id":…,"text"|"base64":…} a line
  $ plan-parse pages/ -o trees/ --skip-existing    resume a stopped run: outputs there are complete, kept
  $ plan-parse pages/ -o trees/ --timeout 20       stop and report a file taking over 20 s; the run goes on
  $ plan-parse schema > plan-tree.schema.json

Exit codes: 0 all inputs converted (or skipped), 1 some input failed or an output could not be written,
2 usage error, 130/143 stopped by SIGINT/SIGTERM (the summary says what was done).`;

interface CliOptions {
  format: string;
  output?: string;
  encoding?: string;
  script: 'convert' | 'keep';
  vocabulary?: boolean;
  from?: 'text' | 'markdown' | 'html';
  keepBoilerplate?: boolean;
  siteTemplate: boolean;
  rules?: string[];
  pretty?: boolean;
  color: boolean;
  force?: boolean;
  skipExisting?: boolean;
  glob?: string[];
  stdinList?: boolean;
  null?: boolean;
  input: 'files' | 'ndjson';
  jobs?: string;
  unordered?: boolean;
  maxBytes: string;
  timeout?: string;
  quiet?: boolean;
  verbose?: boolean;
}

class UsageError extends Error {}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export async function run(ctx: RunContext): Promise<number> {
  const program = new Command('plan-parse');
  // the list of formats is only needed to show it: --help loads the emitters, a plain run does not
  const wantsHelp = ctx.argv.some((a) => a === '-h' || a === '--help');
  const formatHelp = wantsHelp ? ` (choices: ${(await allFormats()).map((f) => `"${f}"`).join(', ')}, default: "json")` : '';
  let exitCode = 0;
  program
    .description('Turn scraped Chinese plan documents (工作计划, 实施方案, 工作要点 …) into a tree of documents, sections and items.')
    .version(VERSION, '-v, --version')
    .argument('[inputs...]', 'files, folders or patterns to read; - or nothing reads standard input')
    .option('-f, --format <format>', `output format (ndjson: one compact JSON tree a line)${formatHelp}`, 'json')
    .option('-o, --output <path>', 'write to this file (atomically) instead of standard output; a folder (OUTDIR) for a folder or several inputs')
    .option('--encoding <name>', `decode as this encoding instead of detecting it (${ENCODING_NAMES.join(', ')})`)
    .addOption(new Option('--from <format>', 'read inputs as this format (default: by extension, else by content)').choices(['text', 'markdown', 'html']))
    .addOption(new Option('--script <mode>', 'convert traditional script to simplified, or keep it').choices(['convert', 'keep']).default('convert'))
    .option('--vocabulary', 'convert regional vocabulary too (資料來源 → 数据源, 軟體 → 软件, 国小 → 小学), not only characters')
    .option('--keep-boilerplate', 'keep every line: remove no boilerplate')
    .option('--no-site-template', "folders and several files: do not remove the lines a folder's pages repeat (a site's header, footer, disclaimer)")
    .option('--rules <file...>', 'boilerplate rules of your own (YAML, same shape as rules/boilerplate.yaml)')
    .option('--pretty', 'indent JSON even when standard output is not a terminal')
    .option('--no-color', 'no colour, even on a terminal')
    .option('--force', 'replace existing output files')
    .option('--skip-existing', 'keep existing output files and count their inputs as done: resumes an interrupted run (outputs are written atomically, so one that exists is complete)')
    .addOption(new Option('--glob <pattern>', "choose the files of a folder, e.g. '**/*.txt' (repeatable; default: .txt .text .md .markdown .html .htm)").argParser(collect))
    .option('--stdin-list', 'read the names of the files to convert from standard input, one a line')
    .option('-0, --null', 'names on standard input end with NUL, as from find -print0 (implies --stdin-list)')
    .addOption(new Option('--input <kind>', 'what standard input holds: files, or ndjson records {"id","text"|"base64"} (one tree a line out, with its id)').choices(['files', 'ndjson']).default('files'))
    .option('-j, --jobs <n>', 'worker threads (default: the number of cores)')
    .option('--unordered', 'write ndjson lines as they finish, not in input order')
    .option('--max-bytes <size>', 'refuse inputs larger than this (e.g. 500k, 20M)', '20M')
    .option('--timeout <seconds>', `time budget of each file on the worker threads: a file over it is stopped and reported, the run goes on (default: ${DEFAULT_TIMEOUT_SECONDS}; 0: none; given, even one file runs on a worker)`)
    .option('-q, --quiet', 'print nothing but errors')
    .option('--verbose', 'one line per file, and peak memory in the summary')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(plan-parse --help lists every option)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .action(async (inputs: string[], options: CliOptions) => {
      exitCode = await convert(inputs, options, ctx);
    });
  program
    .command('schema')
    .description('print the JSON Schema of the output tree')
    .action(() => {
      ctx.stdout.write(schemaText());
    });
  try {
    await program.parseAsync([...ctx.argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof RuleError || e instanceof GlobError) {
      ctx.stderr.write(`plan-parse: ${printable(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

/** `20M`, `500k`, `1.5G`, `1048576` → bytes (binary units). */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/iu.exec(text);
  if (!m) return null;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = Math.floor(Number(m[1]) * unit);
  return n > 0 ? n : null;
}

async function formatFrom(name: string): Promise<CliFormat> {
  if (CORE_FORMATS.includes(name)) return name as CliFormat;
  const known = await allFormats();
  if (!known.includes(name)) throw new UsageError(`option '-f, --format <format>' argument '${name}' is invalid. Allowed choices are ${known.join(', ')}.`);
  return name as CliFormat;
}

function jobConfigFrom(options: CliOptions, format: CliFormat, pretty: boolean, color: boolean): JobConfig {
  let encoding: EncodingName | undefined;
  if (options.encoding !== undefined) {
    const resolved = resolveEncodingName(options.encoding);
    if (!resolved) throw new UsageError(`unknown encoding '${options.encoding}' (known: ${ENCODING_NAMES.join(', ')})`);
    encoding = resolved;
  }
  const rules: Array<{ name: string; text: string }> = [];
  for (const file of options.rules ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read rules file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    parseRulesFile(text, file); // a bad rules file is a usage error, here, before any work
    rules.push({ name: file, text });
  }
  if (options.force === true && options.skipExisting === true) throw new UsageError('--force replaces existing outputs, --skip-existing keeps them: give one');
  const maxBytes = parseSize(options.maxBytes);
  if (maxBytes === null) throw new UsageError(`--max-bytes ${options.maxBytes} is not a size (e.g. 500k, 20M)`);
  return {
    ...(encoding ? { encoding } : {}),
    script: options.script,
    vocabulary: options.vocabulary === true,
    ...(options.from ? { from: options.from } : {}),
    keepBoilerplate: options.keepBoilerplate === true,
    rules,
    format,
    pretty,
    color,
    maxBytes,
    force: options.force === true,
    skipExisting: options.skipExisting === true,
  };
}

/** The time budget of a file when --timeout is not given. */
const DEFAULT_TIMEOUT_SECONDS = 60;

/** --timeout in ms (null: no budget), and whether it was given. */
export function timeoutFrom(value: string | undefined): { timeoutMs: number | null; explicit: boolean } {
  if (value === undefined) return { timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000, explicit: false };
  if (!/^\s*\d+(\.\d+)?\s*$/u.test(value)) throw new UsageError(`--timeout ${value} is not a number of seconds (0 for none)`);
  const seconds = Number(value);
  return { timeoutMs: seconds > 0 ? seconds * 1000 : null, explicit: true };
}

function jobsFrom(options: CliOptions): { jobs: number; explicit: boolean } {
  if (options.jobs === undefined) return { jobs: Math.max(1, availableParallelism()), explicit: false };
  if (!/^\d+$/u.test(options.jobs) || Number(options.jobs) < 1) throw new UsageError(`--jobs ${options.jobs} is not a number of threads (1 or more)`);
  return { jobs: Math.min(Number(options.jobs), 256), explicit: true };
}

function kindOf(path: string): 'dir' | 'file' | 'none' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

async function convert(inputs: string[], options: CliOptions, ctx: RunContext): Promise<number> {
  const format = await formatFrom(options.format);
  const noColor = options.color === false || 'NO_COLOR' in ctx.env;
  const records = options.input === 'ndjson';
  const stdinList = options.null ? 0 : options.stdinList ? 10 : null;
  const sources = inputs.length === 0 && stdinList === null ? ['-'] : inputs;
  if (sources.filter((s) => s === '-').length > 1) throw new UsageError('standard input (-) can be read once');
  if (stdinList !== null && sources.includes('-')) throw new UsageError('--stdin-list reads names from standard input: it cannot also be an input (-)');
  if (records) {
    if (stdinList !== null) throw new UsageError('--input ndjson reads records from standard input: no --stdin-list');
    if (sources.some((s) => s !== '-')) throw new UsageError('--input ndjson reads records from standard input: give no file');
    if (format !== 'json' && format !== 'ndjson') throw new UsageError('--input ndjson writes ndjson: --format must be json or ndjson');
  }
  const globs = options.glob ?? [];
  for (const g of globs) compileGlobs([g]); // report a bad pattern as a usage error now

  const kinds = sources.map((s) => (s === '-' ? 'file' : kindOf(s)));
  const walks = sources.some((s, i) => kinds[i] === 'dir' || (kinds[i] === 'none' && hasMagic(s)));
  const many = walks || stdinList !== null || sources.length > 1;
  let output: OutputTarget = { kind: 'stdout' };
  if (options.output !== undefined) {
    const out = options.output;
    const outKind = kindOf(out);
    if (records || format === 'ndjson') {
      if (outKind === 'dir') throw new UsageError(`-o ${out} is a folder: ndjson goes to one file`);
      output = { kind: 'file', path: out };
    } else if (many || outKind === 'dir' || /[\\/]$/u.test(out)) {
      if (outKind === 'file') throw new UsageError(`-o ${out} is a file: several inputs need a folder (OUTDIR)`);
      output = { kind: 'dir', path: out };
    } else output = { kind: 'file', path: out };
  }
  const toTerminal = output.kind === 'stdout' && ctx.stdout.isTTY === true;
  const config = jobConfigFrom(options, format, options.pretty === true || toTerminal, toTerminal && !noColor);
  const { jobs, explicit } = jobsFrom(options);
  const timeout = timeoutFrom(options.timeout);
  const quiet = options.quiet === true;
  const batchLike = records || walks || stdinList !== null || output.kind === 'dir';
  const settings: RunSettings = {
    config,
    output,
    jobs,
    jobsExplicit: explicit,
    timeoutMs: timeout.timeoutMs,
    timeoutExplicit: timeout.explicit,
    ordered: options.unordered !== true,
    quiet,
    verbose: options.verbose === true,
    color: !noColor,
    summary: !quiet && (batchLike || options.verbose === true),
    progress: !quiet && batchLike && ctx.stderr.isTTY === true,
  };
  const batch = await import('./batch/run.js');
  if (records) return batch.runRecords(settings, ctx);
  // a folder's site template is found in runs over many files, never in one file or a record stream
  const siteTemplate = many && options.siteTemplate !== false && options.keepBoilerplate !== true;
  return batch.runFiles({ ...settings, sources, stdinList, globs, siteTemplate }, ctx);
}
