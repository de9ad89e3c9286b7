// The limits that keep plan-parse bounded on hostile input, in one place. Each one is large enough
// for every real page seen so far; going past it is refused or reported, never silently cut.

/** Default of `--max-bytes`: larger inputs are refused with a message (the largest real page seen is under 2 MB). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/**
 * Deepest nesting of numbered sections in the tree. Real plans nest 4 to 6 levels; numbering that
 * would nest deeper than this is reported (diagnostic `nesting-too-deep`) and kept at this depth
 * instead of being recursed into, so that no stage (nor JSON.stringify) recurses without bound.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Regular expressions: a pattern that can backtrack polynomially (degree d) is accepted in a rule
 * only when the rule's `maxLength` (L) bounds the lines it sees so that L^(d-1), the backtracking
 * steps per character in the worst case, stays under this budget.
 */
export const MAX_BACKTRACK_STEPS_PER_CHAR = 1000;

/** Longest pattern a rules file may hold (longer ones are refused before they are analysed). */
export const MAX_RULE_PATTERN_LENGTH = 20_000;

/** Repetition counts above this are treated as unbounded by the regular-expression safety check. */
export const LARGE_REPEAT = 100;

/**
 * From a page this large on, the command's collector favours memory over speed (cli/batch/memory-mode.ts):
 * several megabytes of plan text are a tree of hundreds of thousands of nodes.
 */
export const LARGE_PAGE_BYTES = 4 * 1024 * 1024;
