// The command line: options → library calls → output. Exit codes: 0 ok, 1 an input failed, 2 usage error.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { parsePlan, type ParseOptions } from './pipeline.js';
import { resolveEncodingName, ENCODING_NAMES } from './stages/decode.js';
import { parseRulesFile, RuleError, type Rule } from './stages/boilerplate.js';
import { formatTree, type OutputFormat, OUTPUT_FORMATS } from './emit/format.js';
import { makeReporter, type Reporter } from './report.js';
import { readInput, writeOutputAtomically, InputError } from './io.js';
import { schemaText } from './schema.js';

export interface RunContext {
  readonly argv: readonly string[];
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const EXAMPLES = `
Examples:
  $ plan-parse page.txt                      the plan tree as JSON on standard output
  $ plan-parse page.txt --format yaml        the same tree as YAML
  $ plan-parse page.txt --format outline     an indented outline to check by eye
  $ plan-parse page.txt --format text        the cleaned, simplified text
  $ plan-parse big5-page.txt --encoding big5 -o page.json
  $ cat page.txt | plan-parse - | jq '.children[].title'
  $ plan-parse schema > plan-tree.schema.json

Exit codes: 0 all inputs converted, 1 some input failed, 2 usage error.`;

interface CliOptions {
  format: OutputFormat;
  output?: string;
  encoding?: string;
  script: 'convert' | 'keep';
  keepBoilerplate?: boolean;
  rules?: string[];
  pretty?: boolean;
  color: boolean;
  force?: boolean;
}

class UsageError extends Error {}

export async function run(ctx: RunContext): Promise<number> {
  const program = new Command('plan-parse');
  let exitCode = 0;
  program
    .description('Turn scraped Chinese plan documents (工作计划, 实施方案, 工作要点 …) into a tree of documents, sections and items.')
    .version(VERSION, '-v, --version')
    .argument('[inputs...]', 'files to read; - or nothing reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('json'))
    .option('-o, --output <file>', 'write to this file (atomically) instead of standard output')
    .option('--encoding <name>', `decode as this encoding instead of detecting it (${ENCODING_NAMES.join(', ')})`)
    .addOption(new Option('--script <mode>', 'convert traditional script to simplified, or keep it').choices(['convert', 'keep']).default('convert'))
    .option('--keep-boilerplate', 'keep every line: remove no boilerplate')
    .option('--rules <file...>', 'boilerplate rules of your own (YAML, same shape as rules/boilerplate.yaml)')
    .option('--pretty', 'indent JSON even when standard output is not a terminal')
    .option('--no-color', 'no colour, even on a terminal')
    .option('--force', 'replace an existing output file')
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
    if (e instanceof UsageError || e instanceof RuleError) {
      ctx.stderr.write(`plan-parse: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function parseOptionsFrom(options: CliOptions): ParseOptions {
  let encoding: ParseOptions['encoding'];
  if (options.encoding !== undefined) {
    const resolved = resolveEncodingName(options.encoding);
    if (!resolved) throw new UsageError(`unknown encoding '${options.encoding}' (known: ${ENCODING_NAMES.join(', ')})`);
    encoding = resolved;
  }
  const extraRules: Rule[] = [];
  for (const file of options.rules ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read rules file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    extraRules.push(...parseRulesFile(text, file));
  }
  return {
    ...(encoding ? { encoding } : {}),
    script: options.script,
    keepBoilerplate: options.keepBoilerplate === true,
    extraRules,
  };
}

async function convert(inputs: string[], options: CliOptions, ctx: RunContext): Promise<number> {
  const parseOptions = parseOptionsFrom(options);
  const reporter: Reporter = makeReporter(ctx.stderr, { color: options.color && !('NO_COLOR' in ctx.env) });
  const sources = inputs.length === 0 ? ['-'] : inputs;
  if (sources.length > 1 && options.output) throw new UsageError('-o names one file; give one input (batch folders come with DIR -o OUTDIR)');
  const toTerminal = !options.output && ctx.stdout.isTTY === true;
  let failed = 0;
  for (const source of sources) {
    try {
      const bytes = await readInput(source, ctx.stdin);
      const tree = parsePlan(bytes, { ...parseOptions, path: source === '-' ? null : source });
      const text = formatTree(tree, options.format, { pretty: options.pretty === true || toTerminal, color: toTerminal && options.color && !('NO_COLOR' in ctx.env) });
      if (options.output) await writeOutputAtomically(options.output, text, { force: options.force === true, inputs: sources });
      else ctx.stdout.write(text);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      failed++;
      reporter.fileError(source, e.message);
    }
  }
  return failed > 0 ? 1 : 0;
}
