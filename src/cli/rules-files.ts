// --rules: each file read and checked before any work (a bad one is a usage error); the jobs get
// the text and parse it again where they run.
import { readFileSync } from 'node:fs';
import { UsageError } from './values.js';

export interface RulesFile {
  readonly name: string;
  readonly text: string;
}

/** Parses and checks one rules file's text, throwing RuleError (boilerplate/user-rules.ts `parseRulesFile`). */
export type RulesCheck = (text: string, origin: string) => unknown;

export function readRulesFiles(files: readonly string[], check: RulesCheck): RulesFile[] {
  const rules: RulesFile[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read rules file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    check(text, file); // throws RuleError: a usage error, here, before any work
    rules.push({ name: file, text });
  }
  return rules;
}
