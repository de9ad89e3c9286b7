// Stage: structure. Splits the cleaned text into documents and reads each one's outline.
import type { BodyNode, DocumentNode, PlacedFinding, Position } from '../types.js';
import type { MappedText } from '../text/mapped-text.js';
import { splitLines, type Line } from '../text/lines.js';
import { matchForm } from '../text/match-form.js';
import { findDocumentTitles } from './documents.js';
import { siblingPlanStarts } from './sibling-plans.js';
import { entriesOf, type Entry, type LineFormat } from './entries.js';
import { isLabelHeading } from './labels.js';
import { labelKind, labelShape, type LabelKind } from '../wording/label-words.js';
import { PLAN_TITLE_END, TITLE_MAX_LENGTH, countLetters, isCoverLine, isHeadingShaped, isPlanTitleShaped, isTableHeaderRow } from '../wording/heading-shape.js';
import { inertEntries } from './inert-regions.js';
import { nest, type Draft } from './nest.js';
import { buildNodes } from './build.js';
import { placeNodes } from './paths.js';
import { checkNumbering } from './numbering-check.js';
import { startsWithMarker } from '../numbering/line-marker.js';
import { MAX_NESTING_DEPTH } from '../limits.js';

export interface OutlineResult {
  readonly documents: DocumentNode[];
  readonly diagnostics: PlacedFinding[];
  /** A page title standing above several documents: boilerplate, and the root's title. */
  readonly pageTitle: { readonly start: number; readonly end: number; readonly text: string } | null;
}

interface DocumentSpan {
  readonly titleLine: Line | null;
  /**
   * Lines of the document that stand above its title line (a covering notice above a plan's own
   * title; text above a page's first numbered title). They come first in the document but are
   * read apart from the lines below the title, so that no entry runs on across the title line.
   */
  readonly above: Line[];
  /** The lines below the title (all of them when the document has no title). */
  readonly lines: Line[];
}

interface Split {
  readonly spans: DocumentSpan[];
  readonly pageTitle: Line | null;
}


/** A title without a bracketed annotation after it: 五年发展规划(征求意见稿) → 五年发展规划. */
function titleCore(match: string): string {
  const t = match.trimEnd();
  if (!/[)）]$/u.test(t)) return t;
  const open = Math.max(t.lastIndexOf('('), t.lastIndexOf('（'));
  const inside = open >= 0 ? t.slice(open + 1, -1) : '';
  if (open < 0 || inside.length < 1 || inside.length > 12 || /[()（）]/u.test(inside)) return t.slice(0, -1);
  return t.slice(0, open).trimEnd();
}

/**
 * A title split over lines: a PDF cover writes it a character or two a line (策 / 划 / 方 / 案), and a
 * narrow page breaks it in two (…教育工作 / 计划). Lines of one or two Han characters right below the title
 * line are part of it; so is one short line that completes a plan's title.
 */
function joinSplitTitle(lines: readonly Line[], at: number): { title: Line; next: number } {
  const first = lines[at]!;
  let next = at + 1;
  while (next < lines.length && /^[\p{Script=Han}]{1,2}$/u.test(lines[next]!.match)) next++;
  if (next - at < 3) {
    // a title broken in two lines (…教育工作 / 计划; 2008 / 年复兴中学工会工作计划): joined when only the
    // two together end as a plan's title does
    const second = lines[at + 1];
    const joined = second && { ...first, end: second.end, text: first.text + second.text, match: first.match + second.match };
    const splitTitle = joined !== undefined && second!.match.length <= 12 && !startsWithMarker(second!.match)
      && !PLAN_TITLE_END.test(titleCore(first.match)) && PLAN_TITLE_END.test(titleCore(joined.match)) && isTitleLine(joined);
    return splitTitle ? { title: joined, next: at + 2 } : { title: first, next: at + 1 };
  }
  const parts = lines.slice(at, next);
  const last = parts[parts.length - 1]!;
  // the title's text is the page's characters from its first line to its last, line breaks included
  return { title: { ...first, end: last.end, text: parts.map((p) => p.text).join(''), match: parts.map((p) => p.match).join('') }, next };
}

/** What an attachment's title ends with: a plan's words, or a schedule's or a form's. */
const ATTACHMENT_TITLE_END = /(计划|方案|要点|预案|规划|办法|意见|细则|安排|总结|纲要|措施|规定|制度|规则|守则|标准|指南|流程|章程|须知|行事历|日程|表|清单|名单|名册)$/u;
const isAttachmentTitle = (line: Line): boolean => isTitleLine(line) && ATTACHMENT_TITLE_END.test(titleCore(line.match));

/**
 * The title standing at line `at`, joined with the next line when the title was broken in two there
 * (绍兴市…研究室 / 2020年工作计划行事历（调整）), and the index of the line after it.
 */
function titleAt(lines: readonly Line[], at: number): [Line | undefined, number] {
  const first = lines[at];
  const second = lines[at + 1];
  if (first === undefined || second === undefined || isAttachmentTitle(first) || startsWithMarker(second.match)) return [first, at + 1];
  const joined: Line = { ...first, end: second.end, text: first.text + second.text, match: first.match + second.match };
  return isAttachmentTitle(joined) && second.match.length <= 30 ? [joined, at + 2] : [first, at + 1];
}

/** An attachment's heading: 附件, 附件2：, 附：, maybe followed by the attachment's title. */
const ATTACHMENT = /^附(?:件)? ?[\d一二三四五六七八九十]{0,2} ?[:：]? ?/u;

/**
 * An attachment below a plan (附件2 / 附：, then its own title and numbering) is a document of its own,
 * titled by the title line below the attachment heading, else by the heading line itself. Only after
 * the plan has had a numbered entry, and only where a title stands.
 */
function splitAttachments(span: DocumentSpan, headingLevelOf: (line: Line) => number | null): DocumentSpan[] {
  const { lines } = span;
  /** Where each attachment starts: its title line, the lines read above it, and where its body starts. */
  const starts: Array<{ readonly titleLine: Line; readonly above: Line[]; readonly at: number; readonly bodyAt: number }> = [];
  let seenMarker = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (startsWithMarker(line.match)) seenMarker = true;
    if (!seenMarker && starts.length === 0) continue; // the plan's body first; a later attachment may follow a table
    if (headingLevelOf(line) === 1 && isAttachmentTitle(line)) {
      // a Markdown `#` title after the plan's body: the next document (as --format markdown writes it)
      starts.push({ titleLine: line, above: [], at: i, bodyAt: i + 1 });
      seenMarker = false;
      continue;
    }
    const head = ATTACHMENT.exec(line.match);
    if (!head) continue;
    const rest = line.match.slice(head[0].length);
    const [below, bodyAt] = titleAt(lines, i + 1);
    // 附件 and 附件2 say "attachment" outright; a bare 附： also heads a reference list, so its title must
    // read as a plan's, a schedule's or a form's
    const strong = /^附件/u.test(line.match);
    // 附件1：…脚本 titles itself; the line below it then is the attachment's first line (a table's header
    // row, a numbered line), not its title, unless it names an attachment itself
    // (a table's name, 重点任务分解表, reads as a label on a line of its own: here the heading says what it is)
    const titledHere = rest.length >= 4 && isTitleText(rest) && (strong || ATTACHMENT_TITLE_END.test(titleCore(rest)));
    // (below 附件2 a form's or a chart's name in heading words, …处置流程, is its title; a table's header row is not)
    const titleBelow = below !== undefined && (isAttachmentTitle(below) || (strong && !titledHere && isTitleText(below.match) && !isTableHeaderRow(below.match)));
    if (!titleBelow && !titledHere) continue;
    // 附件2：…方案 titles itself, 附件 and all
    starts.push(titleBelow ? { titleLine: below!, above: [line], at: i, bodyAt } : { titleLine: line, above: [], at: i, bodyAt: i + 1 });
    // (the next attachment may follow a table or a form without numbering: the body check below keeps an
    // index of attachments, 附件1：… 附件2：… with nothing between, with the plan)
    i = starts[starts.length - 1]!.bodyAt - 1;
  }
  // an attachment heading with no body below it is an index or a reference (附件：…检查表, then the
  // signature; 附：…（见附表）; a file to download): it stays with the plan
  for (let k = starts.length - 1; k >= 0; k--) {
    if (!holdsBody(lines.slice(starts[k]!.bodyAt, starts[k + 1]?.at ?? lines.length))) starts.splice(k, 1);
  }
  if (starts.length === 0) return [span];
  const spans: DocumentSpan[] = [{ ...span, lines: lines.slice(0, starts[0]!.at) }];
  starts.forEach((s, k) => {
    spans.push({ titleLine: s.titleLine, above: s.above, lines: lines.slice(s.bodyAt, starts[k + 1]?.at ?? lines.length) });
  });
  return spans;
}

/** The letters a first line in heading words needs to be read as a plan's title: more than a label's phrase. */
const FIRST_LINE_TITLE_MIN_LETTERS = 7;

/** A plan-titled line this short (应急预案, 实施方案, 工作计划) may be the second half of a title broken in two. */
const SECOND_HALF_MAX_LETTERS = 6;

/** A notice that issues, forwards or publishes a plan: 关于印发《…方案》的通知, …关于转发…的通知. */
const NOTICE_VERB = /关于(?:印发|转发|下发|颁发|发布|公布)/u;
const isNoticeTitle = (match: string): boolean => match.length <= NOTICE_MAX_LENGTH && !/[。;!?；！？]/u.test(match) && match.trimEnd().endsWith('通知') && NOTICE_VERB.test(match);
/** A notice's title names the plan it issues in full, and runs longer than a plan's title. */
const NOTICE_MAX_LENGTH = 80;

/** A short line without a sentence in it: a title, a byline or a date line between a heading and its body. */
const isShortMetaLine = (line: Line): boolean => line.match.length <= TITLE_MAX_LENGTH && !/[。;!?；！？]/u.test(line.match) && !startsWithMarker(line.match);

/**
 * Do these lines make a document's body: a numbered line, a sentence, a table's header row, or two lines
 * that are neither a date nor a signature's short name? (Below an attachment's title: a plan's text or a form's rows.)
 */
function holdsBody(body: readonly Line[]): boolean {
  let lines = 0;
  for (const line of body) {
    if (startsWithMarker(line.match) || /[。;；！？!?]/u.test(line.match) || isTableHeaderRow(line.match)) return true;
    if (!isCoverLine(line.match) && countLetters(line.match) > SIGNATURE_MAX_LETTERS) lines++;
  }
  return lines >= 2;
}

/** A signature line (县水利局, 明德小学教务处) holds at most this many letters. */
const SIGNATURE_MAX_LETTERS = 12;

/** A line that can stand as the title of a page's single document. */
function isTitleLine(line: Line): boolean {
  return isTitleText(line.match) && labelShape(line.match) !== 'lexicon';
}

/** Text that can be a title: short, no sentence or list inside, no marker first, four Han characters in a row. */
function isTitleText(m: string): boolean {
  if (m.length > TITLE_MAX_LENGTH || /[。;!?,，；！？、]/u.test(m) || startsWithMarker(m) || /[:：]$/u.test(m)) return false;
  return /[\p{Script=Han}]{4,}/u.test(m);
}

/** Plans one after another without sequence numbers (sibling-plans.ts): a document each. */
function splitSiblingPlans(span: DocumentSpan): DocumentSpan[] {
  const starts = span.titleLine ? siblingPlanStarts(titleCore(span.titleLine.match), span.lines) : [];
  if (starts.length === 0) return [span];
  const spans: DocumentSpan[] = [{ ...span, lines: span.lines.slice(0, starts[0]) }];
  starts.forEach((at, k) => spans.push({ titleLine: span.lines[at]!, above: [], lines: span.lines.slice(at + 1, starts[k + 1] ?? span.lines.length) }));
  return spans;
}

function splitDocuments(lines: Line[], headingLevelOf: (line: Line) => number | null): Split {
  const titles = findDocumentTitles(lines);
  if (titles.length === 0) {
    // the plan's own title: the last plan-titled line above the first numbered line (a covering
    // notice and document number may stand above it), else a title-like first line
    const firstMarker = lines.findIndex((l) => startsWithMarker(l.match));
    const head = lines.slice(0, firstMarker < 0 ? Math.min(lines.length, 12) : firstMarker);
    let at = -1;
    head.forEach((l, i) => {
      if (isTitleLine(l) && PLAN_TITLE_END.test(titleCore(l.match))) at = i;
    });
    // two lines naming the same plan (the article heading and a shorter repeat of it): the fuller one
    head.forEach((l, i) => {
      const chosen = at >= 0 ? titleCore(head[at]!.match) : '';
      const core = titleCore(l.match);
      if (at >= 0 && i !== at && isTitleLine(l) && core.length > chosen.length && core.includes(chosen)) at = i;
    });
    // a page's first line naming a plan is its title even in heading words (学校德育工作要点, 教导处工作安排),
    // when it is longer than a label's phrase (主要措施, 具体工作安排)
    if (at < 0 && lines.length > 1 && lines[0] && firstMarker !== 0 && isPlanTitleShaped(lines[0].match) && countLetters(lines[0].match) >= FIRST_LINE_TITLE_MIN_LETTERS) at = 0;
    if (at < 0 && lines.length > 1 && lines[0] && isTitleLine(lines[0])) at = 0;
    if (at < 0) return { spans: [{ titleLine: null, above: [], lines }], pageTitle: null };
    // a covering notice that issues a plan (…关于印发…的通知) titles the document, whatever the plan's own
    // title says (GOLD-SPEC); the lines from it to the plan's title (addressee, text, signature) and that
    // title are read above the body
    const notice = head.findLastIndex((l) => isNoticeTitle(l.match));
    if (notice >= 0) {
      const planTitle = head.findLastIndex((l, i) => i > notice && isTitleLine(l) && PLAN_TITLE_END.test(titleCore(l.match)));
      const bodyAt = planTitle >= 0 ? joinSplitTitle(lines, planTitle).next : notice + 1;
      // (the first line below the title starts a paragraph of its own: the text above it is not its sentence)
      const below = lines.slice(notice + 1, bodyAt).map((l, k) => (k === 0 ? { ...l, afterBlank: true } : l));
      return { spans: splitAttachments({ titleLine: lines[notice]!, above: [...lines.slice(0, notice), ...below], lines: lines.slice(bodyAt) }, headingLevelOf), pageTitle: null };
    }
    // a plan's title broken before its plan words (…危险化学品事故 / 应急预案): a line of little more than
    // those words is completed by the line above
    if (at > 0 && countLetters(lines[at]!.match) <= SECOND_HALF_MAX_LETTERS && !/号$/u.test(lines[at - 1]!.match) && joinSplitTitle(lines, at - 1).next === at + 1) at--;
    const joined = joinSplitTitle(lines, at);
    // the body's own title line repeating the heading's plan name (shorter) is read with the lines above,
    // and so are the short lines between them (a byline, a date): no sentence stands between
    let bodyFrom = joined.next;
    const core = titleCore(joined.title.match);
    const repeatsTitle = (l: Line): boolean => isTitleLine(l) && core.includes(titleCore(l.match));
    for (let k = joined.next; k < head.length && isShortMetaLine(lines[k]!); k++) {
      if (repeatsTitle(lines[k]!)) bodyFrom = k + 1;
    }
    const above = [...lines.slice(0, at), ...lines.slice(joined.next, bodyFrom).map((l, k) => (k === 0 ? { ...l, afterBlank: true } : l))];
    const plans = splitSiblingPlans({ titleLine: joined.title, above, lines: lines.slice(bodyFrom) });
    return { spans: plans.flatMap((span) => splitAttachments(span, headingLevelOf)), pageTitle: null };
  }
  const spans: DocumentSpan[] = [];
  titles.forEach((t, k) => {
    const line = lines[t.line]!;
    const next = titles[k + 1]?.line ?? lines.length;
    const body = lines.slice(t.line + 1, next);
    let titleLine = line;
    if (t.titleEnd < line.text.length) {
      // a title glued to the first marker: …工作计划1一、指导思想
      titleLine = { ...line, end: line.start + t.titleEnd, text: line.text.slice(0, t.titleEnd), match: line.match.slice(0, t.titleEnd) };
      const restAt = t.titleEnd;
      body.unshift({ ...line, start: line.start + restAt, text: line.text.slice(restAt), match: line.match.slice(restAt), afterBlank: false });
    }
    spans.push({ titleLine, above: [], lines: body });
  });
  // a title line right above the first document is the page's title; other text there belongs to the first document
  let before = lines.slice(0, titles[0]!.line);
  const last = before[before.length - 1];
  const pageTitle = last && isTitleLine(last) ? last : null;
  if (pageTitle) before = before.slice(0, -1);
  if (before.length > 0) spans[0] = { ...spans[0]!, above: before };
  return { spans, pageTitle };
}

/** What the source format said of the text (Markdown/HTML), by offset in the text. */
export interface FormatEvidence {
  /** The heading level of the line holding this offset, else null. */
  readonly headingLevelAt: (offset: number) => number | null;
  /** The list depth of the list item whose line starts at this offset, else null. */
  readonly listDepthAt: (offset: number) => number | null;
  /** True when this offset lies in a table of the source. */
  readonly inTableAt: (offset: number) => boolean | null;
  /** True when the page splits this range of the text into cells (a tab between two words of it). */
  readonly cellsAt: (start: number, end: number) => boolean;
  /** True when the line starting at this offset was a bullet item in the page (`- `, `* `, `• ` before it). */
  readonly bulletAt: (offset: number) => boolean;
}

const NO_FORMAT: FormatEvidence = { headingLevelAt: () => null, listDepthAt: () => null, inTableAt: () => null, cellsAt: () => false, bulletAt: () => false };

/** Lines handed to `read`, which takes them out of the holder so that nothing else keeps them. */
interface LineHolder {
  lines: readonly Line[] | null;
}

/** A document's title line, where it starts and ends, and its lines (above the title, below it) to be read. */
function placeSpan(span: DocumentSpan): { title: Line | null; start: number; end: number; above: LineHolder; below: LineHolder } {
  // the title line may stand below lines of the document: the position covers both
  const title = span.titleLine;
  const firstLine = span.above[0] ?? span.lines[0];
  const lastLine = span.lines[span.lines.length - 1] ?? span.above[span.above.length - 1];
  const start = Math.min(title?.start ?? Infinity, firstLine?.start ?? Infinity);
  const end = Math.max(title?.end ?? -Infinity, lastLine?.end ?? -Infinity);
  return { title, start, end, above: { lines: span.above }, below: { lines: span.lines } };
}

export function readOutline(text: MappedText, position: (start: number, end: number) => Position, format: FormatEvidence = NO_FORMAT): OutlineResult {
  const diagnostics: PlacedFinding[] = [];
  const documents: DocumentNode[] = [];
  const headingLevelOf = (line: Line): number | null => format.headingLevelAt(line.start);
  const lineFormat: LineFormat = { headingLevelOf, listDepthOf: (line) => format.listDepthAt(line.start) };
  const split = splitDocuments(splitLines(text.text), headingLevelOf);
  const pageTitle = split.pageTitle;
  const spans: Array<DocumentSpan | undefined> = split.spans;
  /**
   * The draft tree of some lines. The lines, their entries and what was learnt of them are let go
   * when this returns: only the drafts (and the entries they hold) go on to be built.
   */
  const draft = (holder: LineHolder): Draft[] => {
    // the only reference to the lines: no other name may hold them once this is emptied
    let lines: readonly Line[] | null = holder.lines!;
    holder.lines = null;
    const entries = entriesOf(lines, text.text, lineFormat);
    // an entry's matching form: cut from its line's while the lines are held; once they are let go
    // (before nesting, which holds the entries and their drafts at once), folded from the text (the
    // fold is character by character, so both give the same string)
    const matchOf = (e: Entry): string => {
      if (lines === null) return matchForm(text.text.slice(e.textStart, e.end));
      const line = lines[e.line];
      return line ? line.match.slice(e.textStart - line.start, e.end - line.start) : '';
    };
    const labels = new Map<number, LabelKind>();
    entries.forEach((e, i) => {
      if (format.bulletAt(e.start)) return; // a bullet item of the page is a list item, never a heading
      if (isLabelHeading(entries, i, matchOf)) labels.set(i, labelKind(matchOf(e))!);
      else if (e.headingLevel !== null && !e.marker && e.atLineStart && entries[i + 1] && labelKind(matchOf(e)) !== null) labels.set(i, 'named-heading');
    });
    const inert = inertEntries(entries, matchOf, (e) => format.cellsAt(e.textStart, e.end));
    entries.forEach((e, i) => {
      if (format.inTableAt(e.start) === true) inert.add(i);
    });
    lines = null;
    const { drafts, tooDeep } = nest({ entries, labelOf: (i) => labels.get(i) ?? null, isHeading: (i) => isHeadingShaped(matchOf(entries[i]!)), endsStatement: (i) => /[。;；!！]$/u.test(matchOf(entries[i]!)), inert: (i) => inert.has(i) });
    if (tooDeep) {
      diagnostics.push({ code: 'nesting-too-deep', args: { limit: MAX_NESTING_DEPTH }, position: position(tooDeep.start, tooDeep.end) });
    }
    return drafts;
  };
  const read = (holder: LineHolder): BodyNode[] => buildNodes(draft(holder), { text: text.text, position });
  for (let k = 0; k < spans.length; k++) {
    const { title, start, end, above, below } = placeSpan(spans[k]!);
    spans[k] = undefined;
    const children = placeNodes(above.lines!.length > 0 ? [...read(above), ...read(below)] : read(below), documents.length + 1);
    checkNumbering(children, diagnostics);
    documents.push({
      type: 'document',
      title: title ? title.text : null,
      children,
      position: Number.isFinite(start) ? position(start, end) : position(0, 0),
    });
  }
  return { documents, diagnostics, pageTitle: pageTitle ? { start: pageTitle.start, end: pageTitle.end, text: pageTitle.text } : null };
}
