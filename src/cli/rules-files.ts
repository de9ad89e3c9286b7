// --rules: each file read and checked before any work (a bad one is a usage error); the jobs get
// the text and parse it again where they run.
import { readFileSync } from 'node:fs';
import { parseRulesFile } from '../boilerplate/user-rules.js';
import { UsageError } from './values.js';

export interface RulesFile {
  readonly name: string;
  readonly text: string;
}

export function readRulesFiles(files: readonly string[]): RulesFile[] {
  const rules: RulesFile[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read rules file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    parseRulesFile(text, file); // throws RuleError: a usage error, here, before any work
    rules.push({ name: file, text });
  }
  return rules;
}
