// The ordered stages: decode → normalize → script → boilerplate → structure → tree.
import type { Diagnostic, EncodingName, InputFormat, PlacedFinding, Position, RootNode, Removal, ScriptMode, Source } from './types.js';
import { SCHEMA_VERSION } from './types.js';
import type { Decoded } from './decode/decode.js';
import { decodePage } from './decode/decode-page.js';
import { normalizeText } from './text/normalize.js';
import { convertScript } from './script/convert.js';
import { builtInRules, type Rule } from './boilerplate/rules.js';
import { stripBoilerplate } from './boilerplate/strip.js';
import { readOutline, type FormatEvidence } from './outline/read-outline.js';
import { joinHardWraps } from './outline/hard-wraps.js';
import { identityText, type MappedText } from './text/mapped-text.js';
import { SpanPosition, indexLines, pointAt, positionOf, type LineIndex } from './text/location.js';
import type { RemovedSpan } from './text/removed-span.js';
import { toDiagnostic } from './diagnostics.js';
import { formatOfPath, sniffFormat } from './extract/format-sniff.js';
import { extractText } from './extract/extract.js';
import type { ExtractedText, ExtractIssue, SourceSpan } from './extract/types.js';

export interface ParseOptions {
  /** The input's path, reported in `source.path`. */
  readonly path?: string | null;
  /** Decode as this encoding instead of detecting it. */
  readonly encoding?: EncodingName;
  /** `keep` leaves traditional script as it is. Default `convert`. */
  readonly script?: ScriptMode;
  /**
   * Convert regional vocabulary as well as characters (資料來源 → 数据源, 軟體 → 软件, 国小 → 小学).
   * Default false: traditional pages are converted character by character and keep their words.
   */
  readonly vocabulary?: boolean;
  /** Keep every line: no boilerplate removal. */
  readonly keepBoilerplate?: boolean;
  /** Rules used in addition to the built-in ones. */
  readonly extraRules?: readonly Rule[];
  /** Lines a site repeats across the pages of a batch (see TemplateCounter), removed as `site-template`. */
  readonly templateLines?: ReadonlySet<string>;
  /** Read the input as this format; else the path's extension says, else the content. */
  readonly from?: InputFormat;
  /**
   * Give the tree's nodes positions that work out their points when read (SpanPosition): the same
   * values, and the same JSON and YAML, for a third of the memory a node takes. Default false: plain
   * objects, for code that spreads, clones or compares positions. The command sets it.
   */
  readonly leanPositions?: boolean;
}

/** A page up to the boilerplate stage: decoded, its text extracted, normalized, script-converted. */
interface Prepared {
  readonly decoded: Decoded;
  readonly format: InputFormat;
  readonly extracted: ReturnType<typeof extractText>;
  readonly script: ReturnType<typeof convertScript>;
}

function prepare(input: Uint8Array | string, options: ParseOptions): Prepared {
  const known = options.from ?? formatOfPath(options.path);
  let sniffed: { readonly text: string; readonly format: InputFormat } | null = null;
  const formatOf = (text: string): InputFormat => {
    if (known !== null) return known;
    if (sniffed?.text !== text) sniffed = { text, format: sniffFormat(text) };
    return sniffed.format;
  };
  const decoded = decodePage(input, { ...(options.encoding ? { encoding: options.encoding } : {}), mayBeHtml: known === null || known === 'html', isHtml: (text) => formatOf(text) === 'html' });
  const format = formatOf(decoded.text);
  const extracted = extractText(format, decoded.text);
  const script = convertScript(normalizeText(extracted.text), options.script ?? 'convert', options.vocabulary === true);
  return { decoded, format, extracted, script };
}

/**
 * A page read up to the boilerplate stage (see preparePage): what parsePrepared needs to finish it.
 * Opaque to callers; it holds the decoded text, the extracted and the converted text and their maps.
 */
export interface PreparedPage {
  /** The input's size in bytes (a string's in UTF-8). */
  readonly bytes: number;
  /** The text exactly as the boilerplate stage receives it. */
  readonly text: string;
  /** @internal */
  readonly stages: Prepared;
}

/**
 * A page decoded, extracted from its format, normalized and script-converted: the stages that depend
 * on the page alone. A batch reads its sampled pages this far to learn the site template, and keeps
 * them for parsePrepared instead of doing the work again. Options as for parsePlan (path, encoding,
 * script, vocabulary, from); parsePrepared must be given the same ones.
 */
export function preparePage(input: Uint8Array | string, options: ParseOptions = {}): PreparedPage {
  const stages = prepare(input, options);
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  return { bytes, text: stages.script.text.text, stages };
}

/**
 * About how much memory a prepared page holds, in bytes: its distinct texts (two bytes a code unit)
 * and offset maps. A batch bounds the pages it keeps by this.
 */
export function preparedSize(page: PreparedPage): number {
  const { decoded, extracted, script } = page.stages;
  const texts = new Set([decoded.text, extracted.text.text, script.text.text]);
  const maps = new Set([extracted.text.origin, script.text.origin]);
  let size = 0;
  for (const t of texts) size += 2 * t.length;
  for (const m of maps) size += m.byteLength;
  return size;
}

/** A kept page's identity offset map, dropped (see compactPrepared). */
const DROPPED_IDENTITY = new Int32Array(0);

/**
 * The page as a batch keeps it until its file's job: a plain-text page's offset map from its text to
 * the decoded input is the identity (4 bytes a character, shared by the converted text when nothing
 * was converted), so it is dropped and made again when the page is finished. A kept page then holds
 * about half the memory (2.4 bytes an input byte on the benchmark corpus instead of 4.9).
 */
export function compactPrepared(page: PreparedPage): PreparedPage {
  const { stages } = page;
  if (stages.format !== 'text' || stages.extracted.text.origin === DROPPED_IDENTITY) return page;
  const identity = stages.extracted.text.origin;
  const text = { text: stages.extracted.text.text, origin: DROPPED_IDENTITY };
  const extracted = { ...stages.extracted, text };
  const script = stages.script.text.origin === identity ? { ...stages.script, text: stages.script.text.text === text.text ? text : { text: stages.script.text.text, origin: DROPPED_IDENTITY } } : stages.script;
  return { ...page, stages: { ...stages, extracted, script } };
}

/** The stages of a page with a dropped identity map made again. */
function restored(stages: Prepared): Prepared {
  if (stages.extracted.text.origin !== DROPPED_IDENTITY) return stages;
  const text = identityText(stages.extracted.text.text);
  const extracted = { ...stages.extracted, text };
  const script = stages.script.text.origin === DROPPED_IDENTITY ? { ...stages.script, text: stages.script.text.text === text.text ? text : { text: stages.script.text.text, origin: text.origin } } : stages.script;
  return { ...stages, extracted, script };
}

/**
 * The text of a page exactly as the boilerplate stage receives it (decoded, extracted from its
 * format, normalized, script-converted): what a batch counts site-template lines on.
 * Options as for parsePlan (path, encoding, script, vocabulary, from); the others do not matter here.
 */
export function prepareText(input: Uint8Array | string, options: ParseOptions = {}): string {
  return prepare(input, options).script.text.text;
}

/** Parse a page (bytes in any supported encoding, or a string) into a plan tree. */
export function parsePlan(input: Uint8Array | string, options: ParseOptions = {}): RootNode {
  return parsePrepared(preparePage(input, options), options);
}

/** Finish a page preparePage read (with the same options): boilerplate, outline, tree. */
export function parsePrepared(page: PreparedPage, options: ParseOptions = {}): RootNode {
  const { decoded, format, extracted, script } = restored(page.stages);
  const bytes = page.bytes;
  const lineIndex = indexLines(decoded.text);

  const rules = options.keepBoilerplate ? NO_RULES : rulesWith(options.extraRules);
  const cleaned = stripBoilerplate(script.text, rules, options.keepBoilerplate ? undefined : options.templateLines);

  // a plain page broken at a fixed width (a PDF's text) is read with its wrapped lines joined again
  const outlineText = format === 'text' ? joinHardWraps(cleaned.text) : cleaned.text;
  const toInput = mapper(outlineText, lineIndex, options.leanPositions === true);
  const outline = readOutline(outlineText, toInput, formatEvidence(format, extracted, outlineText, decoded.text));
  const pageTitle = outline.pageTitle === null ? [] : [removedFrom(outlineText, 'page-title', outline.pageTitle)];

  const collectionTitle = cleaned.removals.find((r) => r.rule === 'collection-title')?.text ?? outline.pageTitle?.text ?? null;
  const onlyTitle = outline.documents.length === 1 ? outline.documents[0]!.title : null;
  const htmlTitle = extracted.title === null ? null : convertScript(normalizeText(identityText(extracted.title)), options.script ?? 'convert', options.vocabulary === true).text.text.trim() || null;
  return {
    type: 'root',
    schemaVersion: SCHEMA_VERSION,
    source: sourceOf(options.path ?? null, bytes, decoded, script, format),
    title: collectionTitle ?? onlyTitle ?? htmlTitle,
    children: outline.documents,
    removed: placeRemovals(lineIndex, [...extracted.dropped, ...cleaned.removals, ...pageTitle]),
    diagnostics: wordFindings(lineIndex, decoded, extracted.issues, outline.diagnostics),
    position: { start: pointAt(lineIndex, 0), end: pointAt(lineIndex, decoded.text.length) },
  };
}

const NO_RULES: readonly Rule[] = [];
const rulesWithExtra = new WeakMap<readonly Rule[], readonly Rule[]>();
/**
 * The built-in rules followed by a user's: the same array for the same user rules, so the
 * boilerplate stage's screens (compiled once per rule list) are built once per run, not per page.
 */
function rulesWith(extraRules: readonly Rule[] | undefined): readonly Rule[] {
  if (extraRules === undefined || extraRules.length === 0) return builtInRules();
  let rules = rulesWithExtra.get(extraRules);
  if (!rules) rulesWithExtra.set(extraRules, (rules = [...builtInRules(), ...extraRules]));
  return rules;
}

/** What the tree says of its source: size, encoding, script and format. */
function sourceOf(path: string | null, bytes: number, decoded: Decoded, script: ReturnType<typeof convertScript>, format: InputFormat): Source {
  return {
    path,
    bytes,
    encoding: decoded.encoding,
    ...(decoded.segments ? { segments: decoded.segments } : {}),
    ...(decoded.big5Extension ? { big5Extension: decoded.big5Extension } : {}),
    encodingConfidence: round(decoded.confidence),
    script: script.script,
    converted: script.converted,
    conversion: script.plan && script.region ? { variant: script.region, opencc: script.plan.preset, vocabulary: script.plan.vocabulary, secondPass: script.secondPassChanged ? script.plan.secondPass : null } : null,
    format,
  };
}

/** Every stage's removals, in input order, placed in the input. */
function placeRemovals(lineIndex: LineIndex, spans: readonly RemovedSpan[]): Removal[] {
  return [...spans].sort((a, b) => a.start - b.start).map((r) => ({ rule: r.rule, text: r.text, position: positionOf(lineIndex, r.start, r.end) }));
}

/** A range of a mapped text, removed by `rule`, as a span of the decoded input. */
function removedFrom(text: MappedText, rule: string, range: { readonly start: number; readonly end: number; readonly text: string }): RemovedSpan {
  const start = text.origin[range.start] ?? 0;
  const end = range.end > range.start ? (text.origin[range.end - 1] ?? start) + 1 : start;
  return { rule, text: range.text, start, end: Math.max(start, end) };
}

/** Every stage's findings, in stage order, placed in the input and put into words. */
function wordFindings(lineIndex: LineIndex, decoded: Decoded, extractIssues: readonly ExtractIssue[], outline: readonly PlacedFinding[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = decoded.issues.map((issue) => toDiagnostic(issue, positionOf(lineIndex, issue.textOffset, issue.textOffset + 1), issue.byteOffset));
  for (const issue of extractIssues) diagnostics.push(toDiagnostic(issue, positionOf(lineIndex, issue.start, issue.end)));
  for (const finding of outline) diagnostics.push(toDiagnostic(finding, finding.position));
  return diagnostics;
}

/** What the page's format tells the outline stage: headings, tables, tab-separated cells, bullets. */
function formatEvidence(format: InputFormat, extracted: ExtractedText, cleaned: MappedText, input: string): FormatEvidence {
  return {
    headingLevelAt: spanLookup(cleaned, extracted.headings ?? [], (h) => h.level),
    listDepthAt: spanLookup(cleaned, extracted.listItems ?? [], (item) => item.depth),
    inTableAt: spanLookup(cleaned, extracted.tables ?? [], () => true),
    // the tabs of a plain page (normalize made them spaces): cells of a flattened table row
    cellsAt: format === 'text' ? tabCells(cleaned, input) : () => false,
    // a bullet mark the boilerplate stage took off a plain line (`- 实作内容：`) still says it was a list item
    bulletAt: format === 'text' ? bulletBefore(cleaned, input) : () => false,
  };
}

/**
 * What the source format says of the character at an offset of a mapped text: the value of the span
 * (a heading's level, a table) that holds its source offset, else null. Spans are in source order.
 */
function spanLookup<S extends SourceSpan, V>(text: MappedText, spans: readonly S[], value: (span: S) => V): (offset: number) => V | null {
  if (spans.length === 0) return () => null;
  return (offset) => {
    const at = text.origin[offset];
    if (at === undefined) return null;
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const span = spans[mid]!;
      if (at < span.start) hi = mid - 1;
      else if (at >= span.end) lo = mid + 1;
      else return value(span);
    }
    return null;
  };
}

/** Did the decoded input's line hold only a bullet mark (- * • ·) before this offset of a mapped text? */
function bulletBefore(text: MappedText, input: string): (offset: number) => boolean {
  return (offset) => {
    const at = text.origin[offset];
    if (at === undefined) return false;
    // the line's start, looked for no further back than a bullet can stand (a line of 20 MB holds many entries)
    let lineStart = at;
    while (lineStart > 0 && at - lineStart <= 8 && input[lineStart - 1] !== '\n') lineStart--;
    return at - lineStart <= 8 && /^[ \t\u3000]*[-*•·▪][ \t\u3000]+$/u.test(input.slice(lineStart, at));
  };
}

/** Does the decoded input hold a tab between two words within this range of a mapped text? */
function tabCells(text: MappedText, input: string): (start: number, end: number) => boolean {
  return (start, end) => {
    if (end <= start) return false;
    const from = text.origin[start] ?? 0;
    const to = (text.origin[end - 1] ?? from) + 1;
    return /\S\t+\S/u.test(input.slice(from, to));
  };
}

/** Positions in the decoded input of ranges of a mapped text: plain objects, or lean ones. */
function mapper(text: MappedText, lineIndex: LineIndex, lean: boolean): (start: number, end: number) => Position {
  return (start, end) => {
    const from = text.origin[start] ?? 0;
    const to = end > start ? (text.origin[end - 1] ?? from) + 1 : from;
    return lean ? new SpanPosition(lineIndex, from, to) : positionOf(lineIndex, from, Math.max(from, to));
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
