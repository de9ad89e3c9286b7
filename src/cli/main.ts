// The command line: options → library calls → output. Exit codes: 0 ok, 1 an input failed or an output
// could not be written, 2 usage error, 130/143 stopped by SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ENCODING_NAMES } from '../decode/decode.js';
import { RuleError } from '../boilerplate/rules.js';
import { schemaText } from '../schema.js';
import { SCRIPT_MODES } from '../types.js';
import type { CliFormat } from './batch/job.js';
import { GlobError } from './batch/glob.js';
import { printable } from '../text/printable.js';
import { planRun, type CliOptions, type RunPlan } from './plan.js';
import { DEFAULT_TIMEOUT_SECONDS, UsageError } from './values.js';

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
  $ plan-parse page.txt --compact -o -         one-line JSON on standard output, even on a terminal
  $ plan-parse schema > plan-tree.schema.json

Exit codes: 0 all inputs converted (or skipped), 1 some input failed or an output could not be written,
2 usage error, 130/143 stopped by SIGINT/SIGTERM (the summary says what was done).`;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * `--color` alone means always: made `--color=always` before commander reads it, so that the word
 * after it stays an input (`plan-parse --color page.txt`), as GNU tools read an optional value.
 */
function withColourValue(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((a, i) => (a === '--color' && (end === -1 || i < end) ? '--color=always' : a));
}

/**
 * Text the command writes outside a run (help, the version, the schema, usage errors), in order, for
 * each stream: written at the end through the run's own sinks, so that a reader that went away
 * (`plan-parse --help | head -1`) ends the command quietly, as it ends a run, instead of an unhandled
 * EPIPE; any other failure to write standard output is reported and exits 1.
 */
interface PlainText {
  readonly out: string[];
  readonly err: string[];
}

/** Write what `text` holds; the exit code it leaves (`code`, or 1 when a stream could not be written). */
async function writePlainText(text: PlainText, ctx: RunContext, code: number): Promise<number> {
  if (text.out.length === 0 && text.err.length === 0) return code;
  const { streamSink, ReaderGone, WriteFailed } = await import('./batch/sink.js');
  const { problemWords } = await import('./batch/problem-words.js');
  /** The failure, or null when written (or when the reader went away). */
  const writeAll = async (pieces: readonly string[], stream: NodeJS.WritableStream, name: string): Promise<InstanceType<typeof WriteFailed> | null> => {
    if (pieces.length === 0) return null;
    const sink = streamSink(stream, name);
    try {
      await sink.write(pieces.join(''));
      await sink.finish();
      return null;
    } catch (e) {
      if (e instanceof ReaderGone) return null;
      if (e instanceof WriteFailed) return e;
      throw e;
    }
  };
  const outFailed = await writeAll(text.out, ctx.stdout, 'standard output');
  const errFailed = await writeAll(text.err, ctx.stderr, 'standard error');
  if (outFailed !== null && errFailed === null) await writeAll([`error ${outFailed.target}: ${problemWords(outFailed.problem)}\n`], ctx.stderr, 'standard error');
  return outFailed !== null || errFailed !== null ? 1 : code;
}

export async function run(ctx: RunContext): Promise<number> {
  const plain: PlainText = { out: [], err: [] };
  const code = await runCommand(ctx, plain);
  return writePlainText(plain, ctx, code);
}

async function runCommand(ctx: RunContext, plain: PlainText): Promise<number> {
  const program = new Command('plan-parse');
  // the list of formats is only needed to show it: --help loads the emitters, a plain run does not
  const wantsHelp = ctx.argv.some((a) => a === '-h' || a === '--help');
  const formatHelp = wantsHelp ? ` (choices: ${(await allFormats()).map((f) => `"${f}"`).join(', ')})` : '';
  let exitCode = 0;
  program
    .description('Turn scraped Chinese plan documents (工作计划, 实施方案, 工作要点 …) into a tree of documents, sections and items.')
    .version(VERSION, '-V, --version')
    .addOption(new Option('-v', 'the version (as -V)').hideHelp())
    .on('option:v', () => {
      plain.out.push(`${VERSION}\n`);
      throw new CommanderError(0, 'commander.version', VERSION);
    })
    .argument('[inputs...]', 'files, folders or patterns to read; - or nothing reads standard input')
    .option('-f, --format <format>', `output format (ndjson: one compact JSON tree a line)${formatHelp}`, 'json')
    .option('-o, --output <path>', 'write to this file (atomically) instead of standard output; a folder (OUTDIR) for a folder or several inputs')
    .option('--encoding <name>', `decode as this encoding instead of detecting it (${ENCODING_NAMES.join(', ')})`)
    .addOption(new Option('--from <format>', 'read inputs as this format (default: by extension, else by content)').choices(['text', 'markdown', 'html']))
    .addOption(new Option('--script <mode>', 'convert traditional script to simplified, or keep it').choices(SCRIPT_MODES).default('convert'))
    .option('--vocabulary', 'convert regional vocabulary too (資料來源 → 数据源, 軟體 → 软件, 国小 → 小学), not only characters')
    .option('--keep-boilerplate', 'keep every line: remove no boilerplate')
    .option('--no-site-template', "folders and several files: do not remove the lines a folder's pages repeat (a site's header, footer, disclaimer)")
    .option('--template <file>', 'remove the lines of this saved site template (from --save-template) from every input, and learn none')
    .option('--save-template <file>', "learn one site template from the inputs (a sample of them) and write it to this file, converting nothing")
    .option('--hadoop-counters', 'at the end, the counts as Hadoop Streaming counters on standard error (reporter:counter:plan-parse,converted,N)')
    .option('--rules <file...>', 'boilerplate rules of your own (YAML, same shape as rules/boilerplate.yaml)')
    .option('--pretty', 'indent JSON even when standard output is not a terminal')
    .option('--compact', 'JSON on one line even on a terminal')
    .addOption(new Option('--color [when]', 'colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always (--color alone) or never'))
    .option('--no-color', 'no colour (as --color=never)')
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
    .configureOutput({ writeOut: (s) => plain.out.push(s), writeErr: (s) => plain.err.push(s) })
    .action(async (inputs: string[], options: CliOptions) => {
      exitCode = await convert(inputs, options, ctx);
    });
  program
    .command('schema')
    .description('print the JSON Schema of the output tree')
    .action(() => {
      plain.out.push(schemaText());
    });
  try {
    await program.parseAsync(withColourValue(ctx.argv), { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof RuleError || e instanceof GlobError) {
      plain.err.push(`plan-parse: ${printable(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

async function formatFrom(name: string): Promise<CliFormat> {
  if (CORE_FORMATS.includes(name)) return name as CliFormat;
  const known = await allFormats();
  if (!known.includes(name)) throw new UsageError(`option '-f, --format <format>' argument '${name}' is invalid. Allowed choices are ${known.join(', ')}.`);
  return name as CliFormat;
}

/** Hand the plan to the run it describes (loaded only now: --help and usage errors load none of it). */
async function runPlan(plan: RunPlan, ctx: RunContext): Promise<number> {
  const batch = await import('./batch/run.js');
  return plan.input === 'records' ? batch.runRecords(plan, ctx) : batch.runFiles(plan, ctx);
}

async function convert(inputs: string[], options: CliOptions, ctx: RunContext): Promise<number> {
  const format = await formatFrom(options.format);
  // the ReDoS checker of user rules is loaded only for a run given some
  const checkRules = (options.rules ?? []).length > 0 ? (await import('../boilerplate/user-rules.js')).parseRulesFile : () => undefined;
  const plan = planRun(inputs, options, format, { stdoutIsTTY: ctx.stdout.isTTY === true, stderrIsTTY: ctx.stderr.isTTY === true, env: ctx.env, checkRules });
  return runPlan(plan, ctx);
}
