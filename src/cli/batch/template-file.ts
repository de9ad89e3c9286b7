// A site template saved for reuse (--save-template FILE, --template FILE): the lines a site repeats
// across its pages, learned once, applied the same way by every run whatever its batch.
import { readFileSync } from 'node:fs';

/** A template file missing or not of this shape: the command line reports it as a usage error. */
export class TemplateFileError extends Error {}

/** The version of the file's shape; a file of another version is refused. */
export const TEMPLATE_FILE_VERSION = 1;

export interface TemplateFileLine {
  /** The line as the boilerplate stage compares it (normalized, script-converted, trimmed). */
  readonly text: string;
  /** How many of the sampled pages hold it. */
  readonly pages: number;
}

export interface TemplateFile {
  readonly planParseTemplate: typeof TEMPLATE_FILE_VERSION;
  /** Pages sampled, and the distinct plans among them. */
  readonly sampled: number;
  readonly plans: number;
  readonly lines: readonly TemplateFileLine[];
}

/** The file's text: JSON, a line a template line, ending with a line break. */
export function templateFileText(file: TemplateFile): string {
  const lines = file.lines.map((l) => `    ${JSON.stringify(l)}`).join(',\n');
  return `{\n  "planParseTemplate": ${file.planParseTemplate},\n  "sampled": ${file.sampled},\n  "plans": ${file.plans},\n  "lines": [${lines ? `\n${lines}\n  ` : ''}]\n}\n`;
}

/** The lines of a saved template; a file missing or not of this shape is a TemplateFileError. */
export function loadTemplateFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TemplateFileError(`cannot read template file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new TemplateFileError(`template file ${path} is not JSON (write one with --save-template)`);
  }
  const file = data as Partial<TemplateFile> | null;
  if (typeof file !== 'object' || file === null || file.planParseTemplate !== TEMPLATE_FILE_VERSION || !Array.isArray(file.lines)) {
    throw new TemplateFileError(`template file ${path} is not a plan-parse template of version ${TEMPLATE_FILE_VERSION} (write one with --save-template)`);
  }
  const lines: string[] = [];
  for (const line of file.lines as unknown[]) {
    const textOf = (line as { text?: unknown } | null)?.text;
    if (typeof textOf !== 'string') throw new TemplateFileError(`template file ${path}: a line without its text`);
    lines.push(textOf);
  }
  return lines;
}
