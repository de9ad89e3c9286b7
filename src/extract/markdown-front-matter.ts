// Front matter: the metadata block a static-site page opens with (`---` / `title: …` / `date: …` /
// `---`, or TOML between `+++` lines). Markdown itself does not know it: remark reads the block as a
// rule and a setext heading (`title: … date: …` underlined by the closing `---`), which became the
// plan's title. It is page metadata, not plan text: the adapter leaves it out and records it.

/** The rule name the block is recorded under in `removed`. */
export const FRONT_MATTER_RULE = 'markdown-front-matter';

/** A metadata block longer than this is no front matter (a page of rules and `key: value` lines). */
const MAX_FRONT_MATTER_LINES = 60;

const FENCES: Readonly<Record<string, RegExp>> = {
  // YAML: `key: value`, list entries, indented continuations, comments
  '---': /^(?:[\p{L}\p{N}_][\p{L}\p{N}_.-]*[ \t]*:(?:[ \t].*)?|[ \t]+\S.*|-[ \t].*|#.*)$/u,
  // TOML: `key = value`, tables, indented continuations, comments
  '+++': /^(?:[\p{L}\p{N}_][\p{L}\p{N}_.-]*[ \t]*=[ \t]*\S.*|\[[^\]]+\]|[ \t]+\S.*|#.*)$/u,
};
/** A line that says the block is metadata: a key with its value, as the fence's language writes it. */
const KEY_LINE: Readonly<Record<string, RegExp>> = {
  '---': /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*[ \t]*:/u,
  '+++': /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*[ \t]*=/u,
};

/**
 * The front matter at the page's start (after a byte order mark), as [start, end): from the opening
 * fence to the end of the closing one; null when the page has none. Every line between the fences must
 * read as the fence's language, and one at least as a key with its value.
 */
export function frontMatterAt(source: string): { start: number; end: number } | null {
  const start = source.startsWith('\uFEFF') ? 1 : 0;
  const fence = source.slice(start, start + 3);
  const lineOk = FENCES[fence];
  if (lineOk === undefined) return null;
  let at = lineEndAfter(source, start);
  if (source.slice(start + 3, at).trim() !== '') return null;
  let keys = 0;
  for (let n = 0; n < MAX_FRONT_MATTER_LINES && at < source.length; n++) {
    const from = at + (source[at] === '\r' && source[at + 1] === '\n' ? 2 : 1);
    const to = lineEndAfter(source, from);
    const line = source.slice(from, to);
    if (line.trimEnd() === fence || (fence === '---' && line.trimEnd() === '...')) return keys > 0 ? { start, end: to } : null;
    if (line.trim() !== '') {
      if (!lineOk.test(line)) return null;
      if (KEY_LINE[fence]!.test(line)) keys++;
    }
    at = to;
  }
  return null;
}

/** The end of the line holding `from` (before its line break). */
function lineEndAfter(source: string, from: number): number {
  for (let k = from; k < source.length; k++) if (source[k] === '\n' || source[k] === '\r') return k;
  return source.length;
}
