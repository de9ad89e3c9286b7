// What must hold for every input, however broken: plan-parse returns (no throw), the tree is
// valid against the JSON Schema and survives a JSON round trip, positions are ordered, and nothing
// is lost (every visible character of the reference text is in a node's text or in `removed`,
// exactly once and in input order).
// Plain JavaScript, so that the long fuzz (test/fuzz/run.mjs, on dist/) and the tests (on the TS
// sources, through test/helpers/tree.ts) share it; the library is passed in.

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

/**
 * Every text field that carries input characters, with the span of the decoded input it stands
 * for (its node's or removal's position): document titles, section markers and titles, item
 * markers and texts, paragraphs, removals. In tree order, removals last.
 */
export function textFields(tree) {
  const fields = [];
  const add = (kind, what, text, position) => fields.push({ kind, what, text, start: position.start.offset, end: position.end.offset });
  for (const doc of tree.children) {
    if (doc.title !== null) add('document', 'document title', doc.title, doc.position);
    const walk = (nodes) => {
      for (const n of nodes) {
        if (n.type === 'paragraph') add('leaf', 'paragraph', n.text, n.position);
        else if (n.type === 'item') add('leaf', 'item', n.marker.raw + n.text, n.position);
        else {
          add('section', 'section title', (n.marker?.raw ?? '') + n.title, n.position);
          walk(n.children);
        }
      }
    };
    walk(doc.children);
  }
  for (const r of tree.removed) add('removal', `removed (${r.rule})`, r.text, r.position);
  return fields;
}

/**
 * The reference a tree is checked against: the visible code units of the text the pipeline reads
 * structure from, each with its offset in the decoded input, in input order (sorted by offset;
 * units from one offset keep their order).
 * `text`: the converted text (what the tree's characters are spelled as); `origin[i]`: the input
 * offset of text[i]; `dropped`: spans the input adapter left out, [{ text, start }].
 */
export function makeReference(text, origin, dropped = []) {
  const units = [];
  const at = [];
  for (let i = 0; i < text.length; i++) {
    if (INVISIBLE.test(text[i])) continue;
    units.push(text[i]);
    at.push(origin ? origin[i] : i);
  }
  // chrome the adapter left out: its text is not in the source one for one (markup is taken out),
  // so all of it stands at the span's start; nothing else of the reference lies inside the span
  for (const d of dropped) {
    for (const u of visible(d.text)) {
      units.push(u);
      at.push(d.start);
    }
  }
  let sorted = true;
  for (let k = 1; k < at.length && sorted; k++) if (at[k] < at[k - 1]) sorted = false;
  if (sorted) return { units, at };
  const order = units.map((_, k) => k).sort((a, b) => at[a] - at[b] || a - b);
  return { units: order.map((k) => units[k]), at: order.map((k) => at[k]) };
}

const short = (s, n = 80) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/**
 * Nothing lost, as a multiset: characters of the reference that no field holds (`lost`), and
 * characters fields hold that the reference lacks (`extra`). And in order (`disorder`, '' when
 * it holds): each character of the reference belongs to the innermost field whose span covers its
 * offset (a removal inside a paragraph, a paragraph inside its section); every field must hold
 * exactly, in order, the characters that belong to it, and every character must belong to one.
 * Together: every visible character appears exactly once, in input order, in the tree or in removed.
 *
 * One field is not where the tree shows it: a document's title. The outline lifts it from its line
 * to the head of the document, and that line may stand below lines the document holds (a covering
 * notice above a plan's own title, text above a page's first numbered title, which joins the first
 * document); nodes carry no position of their title. So a document title owns the first whole run of
 * the reference, inside the document, that spells it and is neither inside a paragraph, an item or a
 * removal nor among the first characters of a section (where the section's own title stands).
 */
export function nothingLost(tree, reference) {
  const fields = textFields(tree);
  const counts = new Map();
  for (const ch of reference.units) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let extra = '';
  for (const field of fields) {
    for (const ch of visible(field.text)) {
      const n = counts.get(ch) ?? 0;
      if (n === 0) extra += ch;
      else counts.set(ch, n - 1);
    }
  }
  const { disorder, endMarks } = disorderOf(fields, reference);
  // the end mark a section title drops (see disorderOf) is no loss
  for (const ch of endMarks) counts.set(ch, (counts.get(ch) ?? 0) - 1);
  let lost = '';
  for (const [ch, n] of counts) if (n > 0) lost += ch.repeat(n);
  return { lost, extra, disorder };
}

/**
 * Removals claim the reference inside their spans (no other field lies inside one), then each
 * document title claims its run of what is left (see nothingLost).
 */
function claimRemovalsAndTitles(fields, reference, owned, claimed) {
  const { units, at } = reference;
  const firstAt = (offset) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // innermost first: a span removed inside a line (a watermark) that a line rule then removed whole
  // (the page title) belongs to the span's removal, whichever of the two `removed` lists first
  const removals = fields.map((f, i) => i).filter((i) => fields[i].kind === 'removal');
  removals.sort((a, b) => fields[a].end - fields[a].start - (fields[b].end - fields[b].start) || a - b);
  removals.forEach((i) => {
    const f = fields[i];
    for (let k = firstAt(f.start); k < units.length && at[k] < f.end; k++) {
      if (claimed[k]) continue;
      claimed[k] = 1;
      owned[i].push(units[k]);
    }
  });
  // offsets inside a paragraph or an item (merged spans, sorted), and offsets where a section starts
  const spans = fields.filter((f) => f.kind === 'leaf' && f.end > f.start).map((f) => [f.start, f.end]).sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [s, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const inLeaf = (offset) => {
    let lo = 0;
    let hi = merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (merged[mid][1] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < merged.length && merged[lo][0] <= offset;
  };
  const sectionStarts = new Set(fields.filter((f) => f.kind === 'section').map((f) => f.start));
  // the units a section's own title spells (the first ones at its start): no document title is there
  const inSectionTitle = new Uint8Array(units.length);
  for (const f of fields) {
    if (f.kind !== 'section') continue;
    let left = visible(f.text).length;
    for (let k = firstAt(f.start); k < units.length && at[k] < f.end && left > 0; k++) {
      if (claimed[k]) continue;
      inSectionTitle[k] = 1;
      left--;
    }
  }
  fields.forEach((f, i) => {
    if (f.kind !== 'document') return;
    const title = visible(f.text);
    if (title.length === 0) return;
    // the units of the document not claimed yet, in order: the title is a run of them
    const free = [];
    for (let k = firstAt(f.start); k < units.length && at[k] < f.end; k++) if (!claimed[k]) free.push(k);
    for (let j = 0; j + title.length <= free.length; j++) {
      if (units[free[j]] !== title[0] || sectionStarts.has(at[free[j]])) continue;
      let n = 0;
      while (n < title.length && units[free[j + n]] === title[n] && !inLeaf(at[free[j + n]]) && !inSectionTitle[free[j + n]]) n++;
      if (n < title.length) continue;
      for (let m = 0; m < n; m++) claimed[free[j + m]] = 1;
      owned[i].push(...title);
      return;
    }
  });
}

/**
 * The first place where the fields do not hold the reference in order, described, else '' (`disorder`);
 * and the end marks section titles dropped (`endMarks`).
 */
function disorderOf(fields, reference) {
  const { units, at } = reference;
  const owned = fields.map(() => []);
  const claimed = new Uint8Array(units.length);
  claimRemovalsAndTitles(fields, reference, owned, claimed);
  // a sweep over the reference in input order, with the fields that cover the current offset on a
  // stack: outer fields first (earlier start, then longer span, then tree order), so the top is the innermost
  const all = fields.map((_, i) => i);
  const byStart = all.filter((i) => fields[i].kind === 'leaf' || fields[i].kind === 'section').sort((a, b) => fields[a].start - fields[b].start || fields[b].end - fields[b].start - (fields[a].end - fields[a].start) || a - b);
  const stack = [];
  const orphans = [];
  let next = 0;
  for (let k = 0; k < units.length; k++) {
    if (claimed[k]) continue;
    const offset = at[k];
    while (next < byStart.length && fields[byStart[next]].start <= offset) stack.push(byStart[next++]);
    while (stack.length > 0 && fields[stack[stack.length - 1]].end <= offset) stack.pop();
    if (stack.length === 0) orphans.push(k);
    else owned[stack[stack.length - 1]].push(units[k]);
  }
  const problems = [];
  const endMarks = [];
  for (const i of all) {
    const has = visible(fields[i].text).join('');
    const should = owned[i].join('');
    // a section's title drops a single trailing 。 ； or ; of its heading (types.ts): the section
    // holds it right after the title, and nothing else does
    if (fields[i].kind === 'section' && should.length === has.length + 1 && should.startsWith(has) && SECTION_END_MARK.test(should.slice(-1))) {
      endMarks.push(should.slice(-1));
      continue;
    }
    if (has !== should) {
      const f = fields[i];
      problems.push({ offset: f.start, text: `${f.what} at ${f.start}–${f.end} holds ${JSON.stringify(short(has))} where the input has ${JSON.stringify(short(should))}` });
    }
  }
  if (orphans.length > 0) {
    const first = orphans[0];
    const run = orphans.filter((k) => at[k] - at[first] < 200).map((k) => units[k]).join('');
    problems.push({ offset: at[first], text: `input at ${at[first]} stands in no field: ${JSON.stringify(short(run))}` });
  }
  if (problems.length === 0) return { disorder: '', endMarks };
  problems.sort((a, b) => a.offset - b.offset);
  return { disorder: problems[0].text + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''), endMarks };
}

/** What a section title drops from the end of its heading. */
const SECTION_END_MARK = /^[。；;]$/u;

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

/**
 * A checker over the library given: `lib` holds parsePlan, decodeBytes, normalizeText,
 * convertScript, extractText, and `validate` (a compiled Ajv schema).
 */
export function makeChecker(lib) {
  /**
   * What every character of the tree must come from, for the format and encoding it was read as:
   * the adapter's text, normalized and script-converted as the pipeline does it (so the tree's
   * spelling), each unit with its offset in the decoded input; and the chrome the adapter left out.
   */
  function referenceOf(input, tree, script, vocabulary) {
    // a string's lone surrogates become U+FFFD, one code unit for one, as bytes that do not decode do
    // a file decoded by segments is decoded again as it was, detection and all
    // (an HTML page that declares a charset was decoded as that charset, by segments where it did not fit)
    const declared = tree.source.encoding === 'mixed' && tree.source.format === 'html' && lib.declaredCharset ? lib.declaredCharset(input) : null;
    const encoding = tree.source.encoding === 'mixed' ? declared ?? undefined : tree.source.encoding;
    const text = typeof input === 'string' ? wellFormed(input) : lib.decodeBytes(input, encoding, declared ? { split: true } : undefined).text;
    const extracted = lib.extractText(tree.source.format, text);
    const converted = lib.convertScript(lib.normalizeText(extracted.text), script, vocabulary).text;
    return makeReference(converted.text, converted.origin, extracted.dropped);
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
    const { lost, extra, disorder } = nothingLost(tree, referenceOf(input, tree, script, options.vocabulary === true));
    const read = `(format ${tree.source.format}, encoding ${tree.source.encoding})`;
    if (lost || extra) throw new Error(`nothing-lost broken: lost ${JSON.stringify(short(lost))}, extra ${JSON.stringify(short(extra))} ${read}`);
    if (disorder) throw new Error(`nothing-lost broken, out of order: ${disorder} ${read}`);
    return { ms, depth, tree };
  }

  return { check, referenceOf };
}
