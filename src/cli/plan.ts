// The command line's options → one RunPlan: what to read, how to parse it, where to write, how to
// run and report. Every check of the options is here (a bad one is a UsageError); nothing runs.
import { ENCODING_NAMES, resolveEncodingName } from '../decode/decode.js';
import type { EncodingName, InputFormat, ScriptMode } from '../types.js';
import type { CliFormat, JobConfig, JobParseOptions } from './batch/job.js';
import type { FileRunSettings, RunSettings } from './batch/settings.js';
import { compileGlobs } from './batch/glob.js';
import { inputShape } from './inputs.js';
import { outputTarget } from './output-target.js';
import { readRulesFiles, type RulesCheck } from './rules-files.js';
import { loadTemplateFile, TemplateFileError } from './batch/template-file.js';
import { colourFor, colourModeFrom } from './colour.js';
import { jobsFrom, maxBytesFrom, timeoutFrom, UsageError } from './values.js';

/** The options as commander gives them. */
export interface CliOptions {
  format: string;
  output?: string;
  encoding?: string;
  script: ScriptMode;
  vocabulary?: boolean;
  from?: InputFormat;
  keepBoilerplate?: boolean;
  siteTemplate: boolean;
  rules?: string[];
  pretty?: boolean;
  compact?: boolean;
  /** --color[=WHEN] and --no-color. */
  color?: string | boolean;
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
  template?: string;
  saveTemplate?: string;
  hadoopCounters?: boolean;
}

/** What the run is: files (folders, patterns, a list) or a stream of ndjson records. */
export type RunPlan = ({ readonly input: 'files' } & FileRunSettings) | ({ readonly input: 'records' } & RunSettings);

/** The terminal and environment the plan depends on. */
export interface PlanContext {
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Checks a rules file given with --rules (loaded by the caller only when there are some). */
  readonly checkRules: RulesCheck;
}

function encodingFrom(name: string | undefined): EncodingName | undefined {
  if (name === undefined) return undefined;
  const resolved = resolveEncodingName(name);
  if (!resolved) throw new UsageError(`unknown encoding '${name}' (known: ${ENCODING_NAMES.join(', ')})`);
  return resolved;
}

function parseOptionsFrom(options: CliOptions): JobParseOptions {
  const encoding = encodingFrom(options.encoding);
  // a saved site template: applied to every input, never learned again
  const template = options.template !== undefined ? savedTemplate(options.template) : null;
  return {
    ...(template !== null && template.length > 0 ? { templateLines: new Set(template) } : {}),
    ...(encoding ? { encoding } : {}),
    script: options.script,
    vocabulary: options.vocabulary === true,
    ...(options.from ? { from: options.from } : {}),
    keepBoilerplate: options.keepBoilerplate === true,
  };
}

function jobConfigFrom(options: CliOptions, format: CliFormat, pretty: boolean, color: boolean, checkRules: RulesCheck): JobConfig {
  const parse = parseOptionsFrom(options);
  const rules = readRulesFiles(options.rules ?? [], checkRules);
  if (options.force === true && options.skipExisting === true) throw new UsageError('--force replaces existing outputs, --skip-existing keeps them: give one');
  const maxBytes = maxBytesFrom(options.maxBytes);
  return { parse, rules, format, pretty, color, maxBytes, force: options.force === true, skipExisting: options.skipExisting === true };
}

function checkRecords(format: CliFormat, stdinList: 10 | 0 | null, sources: readonly string[]): void {
  if (stdinList !== null) throw new UsageError('--input ndjson reads records from standard input: no --stdin-list');
  if (sources.some((s) => s !== '-')) throw new UsageError('--input ndjson reads records from standard input: give no file');
  if (format !== 'json' && format !== 'ndjson') throw new UsageError('--input ndjson writes ndjson: --format must be json or ndjson');
}

/** The plan of a run; `format` is the checked --format. */
export function planRun(inputs: readonly string[], options: CliOptions, format: CliFormat, ctx: PlanContext): RunPlan {
  const colour = colourModeFrom(options.color);
  if (options.pretty === true && options.compact === true) throw new UsageError('--pretty indents JSON, --compact writes it on one line: give one');
  const records = options.input === 'ndjson';
  const stdinList = options.null ? 0 : options.stdinList ? 10 : null;
  const { sources, walks, many } = inputShape(inputs, stdinList);
  if (records) checkRecords(format, stdinList, sources);
  if (options.saveTemplate !== undefined && (records || options.template !== undefined)) throw new UsageError('--save-template learns a template from files: not with --input ndjson or --template');
  const globs = options.glob ?? [];
  for (const g of globs) compileGlobs([g]); // report a bad pattern as a usage error now
  const output = outputTarget({ output: options.output, lines: records || format === 'ndjson', many });
  const toTerminal = output.kind === 'stdout' && ctx.stdoutIsTTY;
  // JSON: indented on a terminal, one line in a pipe or a file, unless told
  const pretty = options.pretty === true || (options.compact !== true && toTerminal);
  const config = jobConfigFrom(options, format, pretty, output.kind === 'stdout' && colourFor(colour, ctx.stdoutIsTTY, ctx.env), ctx.checkRules);
  const { jobs, explicit } = jobsFrom(options.jobs);
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
    color: colourFor(colour, ctx.stderrIsTTY, ctx.env),
    summary: !quiet && (batchLike || options.verbose === true),
    progress: !quiet && batchLike && ctx.stderrIsTTY,
    ...(options.hadoopCounters === true ? { hadoopCounters: true } : {}),
  };
  if (records) return { input: 'records', ...settings };
  // a folder's site template is found in runs over many files, never in one file or a record stream,
  // nor when a saved one is given
  const siteTemplate = many && options.siteTemplate !== false && options.keepBoilerplate !== true && options.template === undefined;
  const save = options.saveTemplate !== undefined ? { saveTemplate: options.saveTemplate } : {};
  return { input: 'files', ...settings, sources, stdinList, globs, siteTemplate, ...save };
}

/** The lines of a saved template; a file that cannot be one is a usage error. */
function savedTemplate(path: string): string[] {
  try {
    return loadTemplateFile(path);
  } catch (e) {
    throw e instanceof TemplateFileError ? new UsageError(e.message) : e;
  }
}
