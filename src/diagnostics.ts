// Every diagnostic in words. Stages report findings as data (a code and its facts, see
// DiagnosticArgs in types.ts); the words, and the severity, are added here, once, when the tree is
// put together. Tests assert codes and facts, never these sentences.
import type { Diagnostic, DiagnosticArgs, DiagnosticCode, Finding, Position, Severity } from './types.js';

type Words = { readonly [C in DiagnosticCode]: (args: DiagnosticArgs[C]) => string };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const WORDS: Words = {
  'invalid-bytes': (a) => `${a.count} byte(s) not valid ${a.encoding} at byte ${a.byte}, replaced by U+FFFD`,
  'unmapped-character': (a) => (a.byte === null
    ? `U+FFFD in the ${a.encoding} text: a character the source could not represent`
    : `${a.count} byte(s) at byte ${a.byte} are no character in ${a.encoding} (or a U+FFFD in the input), decoded as U+FFFD`),
  'invalid-utf16': (a) => `a lone surrogate U+${a.codeUnit.toString(16).toUpperCase()} was replaced by U+FFFD`,
  'markdown-read-as-text': (a) => (a.reason === 'list-too-long'
    ? `a list of more than ${a.limit} items that cannot be parsed in pieces: the page is read as plain text`
    : `the Markdown could not be parsed (${a.error}): the page is read as plain text`),
  'markdown-nesting-cut': (a) => `Markdown nested deeper than ${a.limit} list or quote levels on ${plural(a.lines, 'line')}: the markers past that depth were taken out (kept in removed as ${a.rule}) and each line's text read at that depth`,
  'html-nesting-cut': (a) => `HTML nested deeper than ${a.limit} elements: ${a.elements} elements below that depth were read as part of the one above them (their text is kept, their line breaks are not)`,
  'nesting-too-deep': (a) => `numbering nests deeper than ${a.limit} levels; entries below that depth are kept as siblings at level ${a.limit}`,
  'numbering-repeat': (a) => `${a.marker} repeats the number before it`,
  'numbering-restart': (a) => `${a.marker} restarts the numbering after ${a.before}`,
  'numbering-gap': (a) => `${a.marker} follows ${a.before}`,
  'numbering-start': (a) => `${a.marker} opens its list${a.carried !== null ? ` after ${a.carried} in the previous section` : ''}`,
  'findings-capped': (a) => `${plural(a.omitted, `more ${a.code} diagnostic`)} in this document, not listed (only the first ${a.limit} of a code are); the first of them is here`,
};

/** Every code reported today is a warning: the page was read, and this is what to check. */
const SEVERITY: Readonly<Record<DiagnosticCode, Severity>> = {
  'invalid-bytes': 'warning', 'unmapped-character': 'warning', 'invalid-utf16': 'warning',
  'markdown-read-as-text': 'warning', 'markdown-nesting-cut': 'warning', 'html-nesting-cut': 'warning',
  'nesting-too-deep': 'warning',
  'numbering-repeat': 'warning', 'numbering-restart': 'warning', 'numbering-gap': 'warning', 'numbering-start': 'warning',
  'findings-capped': 'warning',
};

/** Every diagnostic code, in the order of the pipeline's stages. */
export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = Object.keys(SEVERITY) as DiagnosticCode[];

/** A finding in words. */
export function describeFinding(finding: Finding): string {
  return (WORDS[finding.code] as (args: Finding['args']) => string)(finding.args);
}

/** A finding placed in the input, as the tree reports it. */
export function toDiagnostic(finding: Finding, position: Position | null, byteOffset: number | null = null): Diagnostic {
  return {
    severity: SEVERITY[finding.code],
    code: finding.code,
    message: describeFinding(finding),
    position,
    ...(byteOffset !== null ? { byteOffset } : {}),
  };
}
