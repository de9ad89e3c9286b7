// What must hold for every input, however broken: plan-parse returns (no throw), the tree is
// valid against the JSON Schema and survives a JSON round trip, positions are ordered, and nothing
// is lost (every visible character of the reference text is in a node's text or in `removed`).
// Plain JavaScript, so that the long fuzz (test/fuzz/run.mjs, on dist/) and the short one
// (test/fuzz.test.ts, on the TS sources) share it; the library is passed in.

/** Characters that do not count: white space and the invisible ones normalize drops (all in the BMP). */
const INVISIBLE = /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]$/u;
/**
 * The UTF-16 code units that count. Code units, not code points: a lone high surrogate ending one
 * line and a lone low one starting the next are two characters of the input, and two of the tree
 * even where it joins the lines into one paragraph (where they read as one code point).
 */
function visible(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) if (!INVISIBLE.test(s[i])) out.push(s[i]);
  return out;
}

/** Every text field that carries input characters (as test/helpers/tree.ts textPieces). */
export function textPieces(tree) {
  const pieces = [];
  for (const doc of tree.children) {
    if (doc.title !== null) pieces.push(doc.title);
    const walk = (nodes) => {
      for (const n of nodes) {
        if (n.type === 'paragraph') pieces.push(n.text);
        else if (n.type === 'item') pieces.push(n.marker.raw + n.text);
        else {
          pieces.push((n.marker?.raw ?? '') + n.title);
          walk(n.children);
        }
      }
    };
    walk(doc.children);
  }
  for (const r of tree.removed) pieces.push(r.text);
  return pieces;
}

/** Characters of `reference` the tree lost, and characters it has that the reference lacks (as test/helpers/tree.ts). */
export function lostAndExtra(tree, reference) {
  const counts = new Map();
  for (const ch of visible(reference)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let extra = '';
  for (const piece of textPieces(tree)) {
    for (const ch of visible(piece)) {
      const n = counts.get(ch) ?? 0;
      if (n === 0) extra += ch;
      else counts.set(ch, n - 1);
    }
  }
  let lost = '';
  for (const [ch, n] of counts) if (n > 0) lost += ch.repeat(n);
  return { lost, extra };
}

function* nodesOf(tree) {
  const walk = function* (nodes, depth) {
    for (const n of nodes) {
      yield [n, depth];
      if (n.type === 'section') yield* walk(n.children, depth + 1);
    }
  };
  for (const doc of tree.children) {
    yield [doc, 0];
    yield* walk(doc.children, 1);
  }
}

/** Where two values differ (undefined, NaN, Infinity and -0 do not survive JSON), or null. */
function difference(a, b, path) {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${String(a)} ≠ ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array and object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (!(k in a) || !(k in b)) return `${path}.${k}: missing on one side`;
    const d = difference(a[k], b[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** The string with each lone surrogate replaced by U+FFFD. */
const wellFormed = (s) => (typeof s.toWellFormed === 'function' ? s.toWellFormed() : s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

const short = (s, n = 80) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/**
 * A checker over the library given: `lib` holds parsePlan, decodeBytes, normalizeText,
 * convertScript, extractText, and `validate` (a compiled Ajv schema).
 */
export function makeChecker(lib) {
  /** The text every character of the tree must come from, for the format and encoding it was read as. */
  function referenceText(input, tree, script) {
    // a string's lone surrogates become U+FFFD, one code unit for one, as bytes that do not decode do
    const text = typeof input === 'string' ? wellFormed(input) : lib.decodeBytes(input, tree.source.encoding).text;
    const extracted = lib.extractText(tree.source.format, text);
    const converted = lib.convertScript(lib.normalizeText(extracted.text), script).text.text;
    return [converted, ...extracted.dropped.map((d) => d.text)].join('\n');
  }

  /**
   * Parse and check one input; returns what was measured, throws an Error saying what broke.
   * `budgetMs` (optional): the longest the parse may take.
   */
  function check(input, options = {}, budgetMs = Infinity) {
    const script = options.script ?? 'convert';
    const start = performance.now();
    let tree;
    try {
      tree = lib.parsePlan(input, options);
    } catch (e) {
      throw new Error(`parsePlan threw: ${e?.stack ?? e}`);
    }
    const ms = performance.now() - start;
    if (ms > budgetMs) throw new Error(`took ${ms.toFixed(0)} ms, over the budget of ${budgetMs.toFixed(0)} ms for ${typeof input === 'string' ? input.length : input.length} units`);
    const json = JSON.parse(JSON.stringify(tree));
    if (!lib.validate(json)) throw new Error(`invalid against the schema: ${JSON.stringify(lib.validate.errors?.slice(0, 3))}`);
    const diff = difference(tree, json, '$');
    if (diff) throw new Error(`the tree does not survive a JSON round trip: ${diff}`);
    const end = tree.position.end.offset;
    let depth = 0;
    for (const [n, d] of nodesOf(tree)) {
      depth = Math.max(depth, d);
      const p = n.position;
      if (!(p.start.offset <= p.end.offset && p.end.offset <= end)) throw new Error(`bad position ${JSON.stringify(p)} on a ${n.type}`);
      if (!(p.start.line >= 1 && p.start.column >= 1)) throw new Error(`bad point ${JSON.stringify(p.start)}`);
    }
    const { lost, extra } = lostAndExtra(tree, referenceText(input, tree, script));
    if (lost || extra) throw new Error(`nothing-lost broken: lost ${JSON.stringify(short(lost))}, extra ${JSON.stringify(short(extra))} (format ${tree.source.format}, encoding ${tree.source.encoding})`);
    return { ms, depth, tree };
  }

  return { check, referenceText };
}
