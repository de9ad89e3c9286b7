// Lines → entries: a numbered entry wherever a marker starts a line or (in a series) a clause
// inside one, and plain text elsewhere. Bare forms (`1规范…`, `模块一：`) count only in a series.
import { matchMarkerAt, type MarkerMatch } from '../numbering/markers.js';
import { parseChineseNumeral } from '../numbering/numerals.js';
import type { Line } from '../text/lines.js';
import { isCoverLine, isHeadingShaped } from '../wording/heading-shape.js';

export interface EntryMarker {
  readonly raw: string;
  readonly style: MarkerMatch['style'];
  readonly ordinal: number | null;
  readonly levelClass: string;
  /** The numbers of a decimal marker (4.1.2 → [4, 1, 2]); null for other families. */
  readonly components: readonly number[] | null;
}

export interface Entry {
  /** Offsets in the text: the entry runs from start (its marker, if any) to end. */
  readonly start: number;
  readonly end: number;
  /** The marker, or null for plain text. */
  readonly marker: EntryMarker | null;
  /** Offset where the entry's own text starts (after the marker). */
  readonly textStart: number;
  /** The line it stands in (index into the document's lines). */
  readonly line: number;
  /** True when it starts its line. */
  readonly atLineStart: boolean;
  /** True when the line before it was blank. */
  readonly afterBlank: boolean;
  /** The heading level the source format gave its line (Markdown `###` → 3), else null. */
  readonly headingLevel: number | null;
  /** How many lists of the source format its line stands in as a list item (Markdown `1.` → 1, nested → 2), else null. */
  readonly listDepth: number | null;
}

/**
 * Characters a marker can start with (in the matching form), one flag per BMP code unit: other
 * positions of a line are never tried. A table, not a searching pattern: CJK numerals are common
 * characters (一些, 进一步), and each match of a pattern made an array.
 */
const MARKER_START = ((): Uint8Array => {
  const table = new Uint8Array(0x10000);
  for (const ch of '(0123456789第零〇○一二两兩三四五六七八九十百壹贰貳叁參参肆伍陆陸柒捌玖拾—-─－') table[ch.charCodeAt(0)] = 1;
  for (let c = 0x2460; c <= 0x249b; c++) table[c] = 1; // ①-⑳, ⑴-⒇, ⒈-⒛
  return table;
})();

/** Whether a marker can start with this UTF-16 code unit (of the matching form). */
export const canStartMarker = (code: number): boolean => MARKER_START[code] === 1;
/** Punctuation after which a new clause starts. */
const CLAUSE_END = /[。;!?:；！？：]/u;
/** Families that may be split out of the inside of a line. */
const INLINE_STYLES = new Set(['di-chapter', 'di-article', 'paren-cjk', 'paren-cjk-dun', 'paren-arabic', 'paren-arabic-dun', 'circled-paren', 'circled', 'cjk-shi', 'cjk-dun', 'cjk-dot', 'arabic-dun', 'arabic-dot', 'di-comma']);
/** Of those, the ones that also count after a plain word once the series is established. */
const LOOSE_SERIES_STYLES = new Set(['di-article', 'paren-cjk', 'paren-cjk-dun', 'paren-arabic', 'paren-arabic-dun', 'circled-paren', 'circled', 'cjk-shi']);

interface Candidate {
  readonly at: number; // offset in the line
  readonly marker: MarkerMatch; // offsets in the line
  readonly clauseStart: boolean;
}

function clauseStartsAt(match: string, at: number, from: number): boolean {
  if (at <= from) return true;
  let k = at - 1;
  while (k >= from && match[k] === ' ') k--;
  if (k < from) return true;
  return CLAUSE_END.test(match[k] ?? '');
}

/**
 * Inline markers of the line that belong to a series, in order. A series may also go on below the
 * line: a lone member numbered 1 that starts a clause (二、主要任务：（一）清理垃圾。) opens the series
 * that the next line's lead continues with 2 (（二）整治污水。).
 */
function inlineSeries(match: string, from: number, lead: MarkerMatch | null, nextLead: MarkerMatch | null): Candidate[] {
  const found: Candidate[] = [];
  for (let at = from + 1; at < match.length; at++) {
    if (!canStartMarker(match.charCodeAt(at))) continue;
    const m = matchMarkerAt(match, at, false);
    if (!m || m.needsSeries || !INLINE_STYLES.has(m.style)) continue;
    found.push({ at, marker: m, clauseStart: clauseStartsAt(match, at, from) });
    at = m.rawEnd - 1;
  }
  if (found.length === 0) return found; // most lines: nothing to weigh
  const accepted: Candidate[] = [];
  const byClass = new Map<string, Candidate[]>();
  for (const c of found) {
    const list = byClass.get(c.marker.levelClass) ?? [];
    list.push(c);
    byClass.set(c.marker.levelClass, list);
  }
  for (const [levelClass, list] of byClass) {
    const loose = LOOSE_SERIES_STYLES.has(list[0]!.marker.style);
    const members = loose ? list : list.filter((c) => c.clauseStart);
    const leadCounts = lead !== null && lead.levelClass === levelClass;
    const before = accepted.length;
    acceptRuns(members, leadCounts ? lead.ordinal ?? 0 : null, accepted);
    const only = list.length === 1 ? list[0]! : null;
    const goesOnBelow = only !== null && only.clauseStart && only.marker.ordinal === 1 && !leadCounts
      && nextLead !== null && nextLead.levelClass === levelClass && nextLead.style === only.marker.style && nextLead.ordinal === 2;
    if (accepted.length === before && goesOnBelow) accepted.push(only);
    // an accepted series counts every member: a first member that follows a plain word (【篇一】 一、…)
    // joins a run that starts at 2, when it stands before the run in the line
    const runFirst = accepted.length > before ? accepted[before]! : null;
    if (!loose && !leadCounts && runFirst !== null && runFirst.marker.ordinal === 2) {
      const opener = list.find((c) => !c.clauseStart && c.marker.ordinal === 1 && c.at < runFirst.at);
      if (opener) accepted.push(opener);
    }
  }
  return accepted.sort((a, b) => a.at - b.at);
}

/**
 * The series of one class in a line. A member numbered 1 after a higher one starts a series again (a
 * flattened page numbers each section's items from 1: `（一）…1.…；2.…。（二）…1.…；2.…`), so the members
 * are cut there, and each part gives its longest run (the line's lead marker counted in the first,
 * when it opens it). A run needs two members (the lead counted) and two of them starting a clause.
 */
function acceptRuns(members: readonly Candidate[], leadOrdinal: number | null, accepted: Candidate[]): void {
  let from = 0;
  let lead = leadOrdinal;
  for (let k = 1; k <= members.length; k++) {
    const restarts = k < members.length && members[k]!.marker.ordinal === 1 && (members[k - 1]!.marker.ordinal ?? 0) >= 2;
    if (k < members.length && !restarts) continue;
    const part = members.slice(from, k);
    const run = longestRun(part, lead);
    const leadCounts = lead !== null ? 1 : 0;
    const clauseStarts = run.filter((c) => c.clauseStart).length + leadCounts;
    if (run.length + leadCounts >= 2 && clauseStarts >= 2) accepted.push(...run);
    from = k;
    lead = null;
  }
}

/**
 * Members whose ordinals go up by one (a repeat or a skip of one tolerated), from the start: the
 * longest of the greedy runs begun at each member that can open one (the first such run only, when
 * the line's lead marker opens the series). A greedy run takes every later member whose ordinal is
 * its last one, or one or two more.
 */
function longestRun(list: readonly Candidate[], leadOrdinal: number | null): Candidate[] {
  const ordinalOf = (c: Candidate): number => c.marker.ordinal ?? 0;
  if (leadOrdinal !== null) {
    const first = list.findIndex((c) => ordinalOf(c) > leadOrdinal && ordinalOf(c) <= leadOrdinal + 2);
    return first < 0 ? [] : greedyRun(list, first);
  }
  // Runs whose last ordinals are equal take the same members from then on, so only the best of
  // them (longest, then earliest begun) is kept, by last ordinal: one pass, a few map reads a member.
  const runs = new Map<number, RunTail>();
  list.forEach((c, at) => {
    const o = ordinalOf(c);
    let best: RunTail | undefined;
    for (const last of [o - 2, o - 1, o]) {
      const run = runs.get(last);
      if (run && isBetterRun(run, best)) best = run;
      runs.delete(last);
    }
    const extended: RunTail | undefined = best && { member: c, before: best, length: best.length + 1, begun: best.begun };
    const opened: RunTail | undefined = o <= 2 ? { member: c, before: null, length: 1, begun: at } : undefined;
    const kept = opened && isBetterRun(opened, extended) ? opened : extended;
    if (kept) runs.set(o, kept);
  });
  let best: RunTail | undefined;
  for (const run of runs.values()) if (isBetterRun(run, best)) best = run;
  const members: Candidate[] = [];
  for (let r: RunTail | null | undefined = best; r; r = r.before) members.push(r.member);
  return members.reverse();
}

/** A run, as its last member and the run before it. */
interface RunTail {
  readonly member: Candidate;
  readonly before: RunTail | null;
  readonly length: number;
  /** Index of the member it began at. */
  readonly begun: number;
}

const isBetterRun = (run: RunTail, than: RunTail | undefined): boolean =>
  than === undefined || run.length > than.length || (run.length === than.length && run.begun < than.begun);

function greedyRun(list: readonly Candidate[], from: number): Candidate[] {
  const run = [list[from]!];
  let last = list[from]!.marker.ordinal ?? 0;
  for (let k = from + 1; k < list.length; k++) {
    const next = list[k]!.marker.ordinal ?? 0;
    if (next >= last && next <= last + 2) {
      run.push(list[k]!);
      last = next;
    }
  }
  return run;
}

/** The entries of a document's lines. */
export function entriesOf(lines: readonly Line[], text: string, format: LineFormat = NO_LINE_FORMAT): Entry[] {
  const { headingLevelOf, listDepthOf } = format;
  const leads = lines.map((line) => {
    const lead = matchMarkerAt(line.match, 0, true) ?? numberAlone(line.match);
    // a word and a numeral over a heading (献礼一：…) is one label; over a sentence (模块一：…。) a marker
    return lead?.style === 'word-cjk' && isHeadingShaped(line.match) ? null : lead;
  });
  const joined = joinMarkerLines(lines, leads);
  acceptSeriesOnly(leads, lines);
  dotsHeadingDecimals(leads);
  monthPairsAsPeriods(leads, lines);
  const entries: Entry[] = [];
  const markers: MarkerStore = new Map();
  lines.forEach((line, i) => {
    // a line's lead is read here and by the next line only: let it go (on a page of a million numbered
    // lines the leads and the entries would otherwise stand at once)
    if (i >= 2) leads[i - 2] = null;
    if (joined.has(i - 1) && leads[i - 1]) return; // the title line of a marker standing alone above it
    const lead = leads[i] ?? null;
    if (lead && joined.has(i)) {
      const titleLine = lines[i + 1]!;
      entries.push({
        start: line.start,
        end: titleLine.end,
        marker: entryMarker(markers, text, line.start, 0, lead),
        textStart: titleLine.start,
        line: i + 1,
        atLineStart: true,
        afterBlank: line.afterBlank,
        headingLevel: headingLevelOf(line),
        listDepth: listDepthOf(line),
      });
      return;
    }
    const from = lead ? lead.textStart : 0;
    const inline = inlineSeries(line.match, from, lead, leads[i + 1] ?? null);
    const starts: Array<{ at: number; marker: MarkerMatch | null }> = [{ at: 0, marker: lead }];
    for (const c of inline) starts.push({ at: c.at, marker: c.marker });
    starts.forEach((s, k) => {
      const next = starts[k + 1];
      const endInLine = next ? next.at : line.match.length;
      let trimmedEnd = endInLine;
      while (trimmedEnd > s.at && line.match[trimmedEnd - 1] === ' ') trimmedEnd--;
      const m = s.marker;
      entries.push({
        start: line.start + s.at,
        end: line.start + trimmedEnd,
        marker: m ? entryMarker(markers, text, line.start, s.at, m) : null,
        textStart: line.start + (m ? Math.min(m.textStart, trimmedEnd) : s.at),
        line: i,
        atLineStart: k === 0,
        afterBlank: k === 0 && line.afterBlank,
        headingLevel: k === 0 ? headingLevelOf(line) : null,
        listDepth: k === 0 ? listDepthOf(line) : null,
      });
    });
  });
  return entries;
}

/** What the source format says of a line: its heading level and its list depth (Entry), else null. */
export interface LineFormat {
  readonly headingLevelOf: (line: Line) => number | null;
  readonly listDepthOf: (line: Line) => number | null;
}

const NO_LINE_FORMAT: LineFormat = { headingLevelOf: () => null, listDepthOf: () => null };

/**
 * Entry markers made once per spelling, style and class: a list of a million `一、` lines holds one.
 * (Its ordinal and components follow from its spelling and style.)
 */
type MarkerStore = Map<string, EntryMarker>;
const MARKERS_STORED = 4096;

/** The marker found at `at` in the line starting at `lineStart` (its rawEnd counts from the line start). */
function entryMarker(store: MarkerStore, text: string, lineStart: number, at: number, m: MarkerMatch): EntryMarker {
  const raw = text.slice(lineStart + at, lineStart + m.rawEnd);
  const key = `${m.style}\u0000${m.levelClass}\u0000${raw}`;
  let marker = store.get(key);
  if (marker) return marker;
  marker = { raw, style: m.style, ordinal: m.ordinal, levelClass: m.levelClass, components: m.components };
  if (store.size < MARKERS_STORED) store.set(key, marker); // numbers that all differ (1. … 1000000.) are not kept
  return marker;
}

/** A number standing alone on its line (`3`, `3.`): a heading number whose title is on the next line. */
function numberAlone(match: string): MarkerMatch | null {
  const found = /^(\d{1,2})\.?$/u.exec(match);
  if (!found) return null;
  const ordinal = Number(found[1]);
  if (ordinal < 1) return null;
  return { style: 'arabic-bare', ordinal, levelClass: 'arabic', needsSeries: true, components: null, rawEnd: match.length, textStart: match.length };
}

/**
 * Lines holding only a marker (`3` then `运行机制`; a Markdown `### 第十一条` then its text): the
 * marker's title is the next line, when that line has no marker of its own and is not a cover line.
 * Returns the indices of the marker lines joined to the line below.
 */
function joinMarkerLines(lines: readonly Line[], leads: Array<MarkerMatch | null>): Set<number> {
  const joined = new Set<number>();
  lines.forEach((line, i) => {
    const lead = leads[i];
    const next = lines[i + 1];
    if (!lead || lead.style === 'dash' || lead.textStart < line.match.length) return;
    const joins = next !== undefined && !leads[i + 1] && !joined.has(i - 1) && !isCoverLine(next.match)
      && (lead.style !== 'arabic-bare' || isHeadingShaped(next.match));
    if (joins) joined.add(i);
    else if (lead.style === 'arabic-bare') leads[i] = null; // a number alone with no title below is text
  });
  return joined;
}

/**
 * Bare markers (a number glued to text or alone on its line, a numeral that lost its punctuation, a
 * Latin letter, a number running into a date) stand only with evidence around them, within a few lines:
 * - a series: another line of the same style and class with the next or previous ordinal;
 * - a gap they fill: entries of their class numbered one less before and one more after (五、 六切实… 七、),
 *   or, for the first, one more after;
 * - decimal children: a bare number N whose next decimal is N.1 heads it (`1总则` then `1.1编制目的`),
 *   and takes the outermost decimal class.
 */
function acceptSeriesOnly(leads: Array<MarkerMatch | null>, lines: readonly Line[]): void {
  const WINDOW = 40;
  const keep = new Map<number, MarkerMatch>();
  leads.forEach((m, i) => {
    if (!m || !m.needsSeries) return;
    const o = m.ordinal ?? 0;
    const line = lines[i];
    // a line that continues a sentence broken above it starts with a number, not a marker (…投入 / 1.5亿元)
    if (i > 0 && line !== undefined && !line.afterBlank && runsOnFrom(lines[i - 1]!.match)) return;
    const child = m.style === 'arabic-bare' ? firstDecimalAfter(leads, i, WINDOW) : null;
    if (child && child.components?.length === 2 && child.components[0] === o && child.components[1] === 1) {
      keep.set(i, { ...m, levelClass: 'decimal-1', needsSeries: false });
      return;
    }
    // a number alone on its line stands only over decimals of its own: numbered alone in a series, it
    // is more likely a PDF page number above a page's first line
    if (line !== undefined && line.match.length === m.textStart) return;
    let before = false;
    let after = false;
    const kin = KIN_CLASS[m.levelClass] ?? m.levelClass;
    for (let k = Math.max(0, i - WINDOW); k <= Math.min(leads.length - 1, i + WINDOW); k++) {
      const n = leads[k];
      if (k === i || !n) continue;
      const d = (n.ordinal ?? 0) - o;
      if (n.levelClass === m.levelClass && n.style === m.style && Math.abs(d) === 1 && samePrefix(m, n)) { keep.set(i, m); return; }
      if (n.needsSeries || n.levelClass !== kin) continue;
      if (k < i && d === -1) before = true;
      if (k > i && d === 1) after = true;
    }
    if (after && before) keep.set(i, { ...m, levelClass: kin });
  });
  // a document numbers its top level one way: once a bare number heads decimals, every bare number
  // of its series does (5 附则 after 4 应急响应 / 4.1 …)
  const baresHeadDecimals = [...keep.values()].some((m) => m.style === 'arabic-bare' && m.levelClass === 'decimal-1');
  if (baresHeadDecimals) {
    // …and a number alone on its line that follows such a heading's number (3 运行机制 … 4 / 附则) is one too
    leads.forEach((m, i) => {
      if (!m || !m.needsSeries || keep.has(i) || m.style !== 'arabic-bare' || lines[i]?.match.length !== m.textStart) return;
      for (let k = i - 1; k >= Math.max(0, i - WINDOW); k--) {
        const n = keep.get(k);
        if (n?.levelClass === 'decimal-1' && n.ordinal === (m.ordinal ?? 0) - 1) { keep.set(i, { ...m, levelClass: 'decimal-1' }); break; }
      }
    });
  }
  leads.forEach((m, i) => {
    if (!m || !m.needsSeries) return;
    const kept = keep.get(i) ?? null;
    leads[i] = kept && baresHeadDecimals && kept.style === 'arabic-bare' ? { ...kept, levelClass: 'decimal-1' } : kept;
  });
}

/**
 * A top level numbered `1.` `2.` over decimals (`2.` then `2.1.` …) is the decimal outline's first level,
 * not the class of `1、` and `1.` items: it takes the outermost decimal class, and so does every `N.` of
 * its run (numbered 1, 2, 3 … at line starts, whatever stands between). A list of `1、` under `2.1.` then
 * nests there, instead of closing the decimals as a sibling of `2.`.
 */
function dotsHeadingDecimals(leads: Array<MarkerMatch | null>): void {
  const WINDOW = 40;
  /** Runs of arabic-dot leads numbered one more each time, as line indexes. */
  const runs: number[][] = [];
  let run: number[] = [];
  leads.forEach((m, i) => {
    if (m?.style !== 'arabic-dot' || m.levelClass !== 'arabic') return;
    const last = run.length > 0 ? leads[run[run.length - 1]!] : null;
    if (last && m.ordinal === (last.ordinal ?? 0) + 1) run.push(i);
    else runs.push((run = [i]));
  });
  for (const indexes of runs) {
    // the evidence: the next numbered line after `N.` is `N.1` (a list's `1.` with decimals further down is none)
    const headsDecimals = indexes.some((i) => {
      const child = nextLeadAfter(leads, i, WINDOW);
      return child?.style === 'decimal' && child.components?.length === 2 && child.components[0] === leads[i]!.ordinal && child.components[1] === 1;
    });
    if (!headsDecimals) continue;
    for (const i of indexes) leads[i] = { ...leads[i]!, levelClass: 'decimal-1' };
  }
}

/** A numeral and a month after a numeral's punctuation: 七、八月份 (the months July and August). */
const MONTH_AFTER_MARKER = /^([一二三四五六七八九十]{1,2})月份?/u;

/**
 * 七、八月份： reads as the marker 七、 over 八月份, but it names two months, a period of a schedule.
 * It is one when the numbers are consecutive months (the marker's 七, then 八 a month after it)
 * and the marker does not continue its class's numbering: no earlier lead of the class numbered one
 * less (after 六、 the same line is section 七 of a plan whose sections are months). The line is then
 * plain text, which the label stage reads as a period.
 */
function monthPairsAsPeriods(leads: Array<MarkerMatch | null>, lines: readonly Line[]): void {
  const lastOrdinalOfClass = new Map<string, number>();
  leads.forEach((m, i) => {
    if (!m || m.ordinal === null) return;
    const before = lastOrdinalOfClass.get(m.levelClass);
    lastOrdinalOfClass.set(m.levelClass, m.ordinal);
    if (m.levelClass !== 'cjk' || m.textStart !== m.rawEnd || m.ordinal < 2 || m.ordinal > 11) return;
    const month = MONTH_AFTER_MARKER.exec(lines[i]!.match.slice(m.textStart));
    if (!month || parseChineseNumeral(month[1] ?? '') !== m.ordinal + 1 || before === m.ordinal - 1) return;
    leads[i] = null;
    if (before === undefined) lastOrdinalOfClass.delete(m.levelClass);
    else lastOrdinalOfClass.set(m.levelClass, before);
  });
}

/** The class a bare form joins when it fills a gap in a numbered run (六切实… between 五、 and 七、). */
const KIN_CLASS: Readonly<Record<string, string>> = { 'cjk-bare': 'cjk', 'cjk-bare-word': 'cjk', arabic: 'arabic' };

/** A line that does not end a sentence or a heading runs on into the next (进 / 一步加强…). */
const runsOnFrom = (previous: string): boolean => previous.length >= 15 && !/[。!?;:；！？：…”’」』)）》】\]]$/u.test(previous);

/** Decimals of one series share all but their last number (5.1 5.2 5.3); other markers have none. */
function samePrefix(a: MarkerMatch, b: MarkerMatch): boolean {
  if (a.components === null || b.components === null) return true;
  return a.components.length === b.components.length && a.components.slice(0, -1).every((c, k) => c === b.components![k]);
}

/** The first marker at a line start after line i, within `window` lines. */
function nextLeadAfter(leads: ReadonlyArray<MarkerMatch | null>, i: number, window: number): MarkerMatch | null {
  for (let k = i + 1; k < Math.min(leads.length, i + 1 + window); k++) {
    const n = leads[k];
    if (n) return n;
  }
  return null;
}

/** The first decimal marker at a line start after line i, within `window` lines. */
function firstDecimalAfter(leads: ReadonlyArray<MarkerMatch | null>, i: number, window: number): MarkerMatch | null {
  for (let k = i + 1; k < Math.min(leads.length, i + 1 + window); k++) {
    const n = leads[k];
    if (n?.style === 'decimal') return n;
  }
  return null;
}
