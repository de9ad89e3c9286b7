// Lines → entries: a numbered entry wherever a marker starts a line or (in a series) a clause
// inside one, and plain text elsewhere. Bare forms (`1规范…`, `模块一：`) count only in a series.
import { matchMarkerAt, type MarkerMatch } from '../numbering/markers.js';
import type { Line } from './lines.js';

export interface EntryMarker {
  readonly raw: string;
  readonly style: MarkerMatch['style'];
  readonly ordinal: number | null;
  readonly levelClass: string;
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
}

/** Characters a marker can start with; other positions are never tried (searched for with lastIndex). */
const MARKER_START = /[(\d第⑴-⒇①-⑳⒈-⒛零〇○一二两兩三四五六七八九十百壹贰貳叁參参肆伍陆陸柒捌玖拾—\-─－]/gu;
/** Punctuation after which a new clause starts. */
const CLAUSE_END = /[。;!?:；！？：]/u;
/** Families that may be split out of the inside of a line. */
const INLINE_STYLES = new Set(['paren-cjk', 'paren-cjk-dun', 'paren-arabic', 'paren-arabic-dun', 'circled-paren', 'circled', 'cjk-shi', 'cjk-dun', 'cjk-dot', 'arabic-dun', 'arabic-dot', 'di-comma']);
/** Of those, the ones that also count after a plain word once the series is established. */
const LOOSE_SERIES_STYLES = new Set(['paren-cjk', 'paren-cjk-dun', 'paren-arabic', 'paren-arabic-dun', 'circled-paren', 'circled', 'cjk-shi']);

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

/** Inline markers of the line that belong to a series, in order. */
function inlineSeries(match: string, from: number, lead: MarkerMatch | null): Candidate[] {
  const found: Candidate[] = [];
  for (let at = from + 1; at < match.length; at++) {
    MARKER_START.lastIndex = at;
    const next = MARKER_START.exec(match);
    if (!next) break;
    at = next.index;
    const m = matchMarkerAt(match, at, false);
    if (!m || m.needsSeries || !INLINE_STYLES.has(m.style)) continue;
    found.push({ at, marker: m, clauseStart: clauseStartsAt(match, at, from) });
    at = m.rawEnd - 1;
  }
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
    const run = longestRun(members, leadCounts ? lead.ordinal ?? 0 : null);
    const clauseStarts = run.filter((c) => c.clauseStart).length + (leadCounts ? 1 : 0);
    if (run.length + (leadCounts ? 1 : 0) >= 2 && clauseStarts >= 2) accepted.push(...run);
  }
  return accepted.sort((a, b) => a.at - b.at);
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
export function entriesOf(lines: readonly Line[], text: string): Entry[] {
  const leads = lines.map((line) => matchMarkerAt(line.match, 0, true));
  acceptSeriesOnly(leads);
  const entries: Entry[] = [];
  lines.forEach((line, i) => {
    const lead = leads[i] ?? null;
    const from = lead ? lead.textStart : 0;
    const inline = inlineSeries(line.match, from, lead);
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
        marker: m ? { raw: text.slice(line.start + s.at, line.start + m.rawEnd), style: m.style, ordinal: m.ordinal, levelClass: m.levelClass } : null,
        textStart: line.start + (m ? Math.min(m.textStart, trimmedEnd) : s.at),
        line: i,
        atLineStart: k === 0,
        afterBlank: k === 0 && line.afterBlank,
      });
    });
  });
  return entries;
}

/**
 * Bare markers (a number glued to text, a word and a numeral) stand only in a series: another line
 * of the same class and word with the next or previous ordinal within a few lines.
 */
function acceptSeriesOnly(leads: Array<MarkerMatch | null>): void {
  const WINDOW = 40;
  const keep = new Set<number>();
  leads.forEach((m, i) => {
    if (!m || !m.needsSeries) return;
    for (let k = Math.max(0, i - WINDOW); k <= Math.min(leads.length - 1, i + WINDOW); k++) {
      const o = leads[k];
      if (k === i || !o || o.levelClass !== m.levelClass || o.style !== m.style) continue;
      if (Math.abs((o.ordinal ?? 0) - (m.ordinal ?? 0)) === 1) { keep.add(i); break; }
    }
  });
  leads.forEach((m, i) => {
    if (m && m.needsSeries && !keep.has(i)) leads[i] = null;
  });
}
