// Regions of a document whose markers are not its outline: a table of contents, and a table
// flattened into lines. Their entries are read as text.
import type { Entry } from './entries.js';
import { isHeadingShaped, isTableCaption, isTableHeaderRow } from '../wording/heading-shape.js';

/** Leader characters and how many of each make a leader: ……, ...., ···, ----, ——— */
const LEADER_RUN: ReadonlyMap<string, number> = new Map([['…', 2], ['.', 4], ['·', 3], ['-', 4], ['—', 3]]);

/** Dot leaders and a page number ending a line (第一章 总则……1), read backwards: linear on any line. */
function endsInLeaderAndPage(match: string): boolean {
  let end = match.length;
  let digits = 0;
  while (end > 0 && digits < 4 && /\d/u.test(match[end - 1]!)) { end--; digits++; }
  if (digits === 0 || digits > 3) return false;
  if (match[end - 1] === ' ') end--;
  const leader = match[end - 1] ?? '';
  const need = LEADER_RUN.get(leader);
  if (need === undefined) return false;
  let run = 0;
  while (end > 0 && match[end - 1] === leader) { end--; run++; }
  return run >= need;
}
/** A header row spaced out letter by letter: 事 件 情 形, 任 务 题 目. */
const SPACED_HEADER = /^(?:[\p{Script=Han}] ){2,}[\p{Script=Han}]$/u;

/**
 * Which entries lie in an inert region:
 * - a table of contents: a run of two or more heading entries, one a line with nothing between,
 *   whose markers and titles come again later in the same order; or lines ending in dot leaders and
 *   a page number;
 * - a flattened table: from a caption (表1 …), a tab-separated row or a spaced-out header row, to the
 *   next entry numbered in a class ranked at or above the heading the table stands under; and every row
 *   of cells (its text split by tabs in the page), whatever it starts with.
 */
export function inertEntries(entries: readonly Entry[], matchOf: (e: Entry) => string, lineHasCells: (e: Entry) => boolean): Set<number> {
  const inert = new Set<number>();
  markContents(entries, matchOf, inert);
  markTables(entries, matchOf, lineHasCells, inert);
  return inert;
}

/** A table of contents starts among a document's first entries … */
const CONTENTS_WITHIN = 200;
/** … and holds at most this many lines. */
const MAX_CONTENTS_LINES = 80;

function markContents(entries: readonly Entry[], matchOf: (e: Entry) => string, inert: Set<number>): void {
  entries.forEach((e, i) => {
    if (e.atLineStart && endsInLeaderAndPage(matchOf(e))) inert.add(i);
  });
  const keyOf = (e: Entry): string => `${e.marker?.raw.replace(/\s/gu, '') ?? ''}\u0000${matchOf(e).replace(/\s/gu, '')}`;
  const heading = (e: Entry | undefined): boolean => e !== undefined && e.marker !== null && e.atLineStart && isHeadingShaped(matchOf(e));
  const later = new Map<string, number[]>();
  entries.forEach((e, i) => {
    if (!heading(e)) return;
    const key = keyOf(e);
    const list = later.get(key) ?? [];
    list.push(i);
    later.set(key, list);
  });
  // a contents list stands near the top of its document and is short: the search is bounded, so a flood
  // of heading lines costs one pass
  let i = 0;
  while (i < Math.min(entries.length, CONTENTS_WITHIN)) {
    if (!heading(entries[i])) { i++; continue; }
    let end = i;
    while (heading(entries[end + 1]) && entries[end + 1]!.line === entries[end]!.line + 1) end++;
    if (end - i + 1 > MAX_CONTENTS_LINES) { i = end + 1; continue; }
    // the longest start of the run that comes again later: a contents list may run straight into the
    // body's first heading, which never comes again
    let last = end;
    while (last > i && !repeatsLater(entries, i, last, keyOf, later)) last--;
    if (last > i) for (let k = i; k <= last; k++) inert.add(k);
    i = last > i ? last + 1 : end + 1;
  }
}

/** Do the run's keys all come again after the run, in order? */
function repeatsLater(entries: readonly Entry[], from: number, to: number, keyOf: (e: Entry) => string, later: ReadonlyMap<string, readonly number[]>): boolean {
  let after = to;
  for (let k = from; k <= to; k++) {
    const next = firstAfter(later.get(keyOf(entries[k]!)) ?? [], after);
    if (next === undefined) return false;
    after = next;
  }
  return true;
}

/** The first value above `after` in an ascending list (binary search), else undefined. */
function firstAfter(list: readonly number[], after: number): number | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! > after) hi = mid;
    else lo = mid + 1;
  }
  return list[lo];
}

/**
 * A header row of words (序号 姓名 职务 分工) right above a row of as many cells, space-separated (1 王建平
 * 校长 全面负责): a table wherever it stands, the header's words and the row's cells both saying so.
 */
function isHeaderOverRow(entries: readonly Entry[], i: number, matchOf: (e: Entry) => string): boolean {
  const header = matchOf(entries[i]!);
  if (!isTableHeaderRow(header)) return false;
  const row = entries[i + 1];
  if (row === undefined || !row.atLineStart || row.line !== entries[i]!.line + 1) return false;
  const cells = matchOf(row).trim().split(/[ \u3000]+/u).length + (row.marker ? 1 : 0);
  return cells >= header.trim().split(/[ \u3000]+/u).length - 1 && cells >= 3;
}

function markTables(entries: readonly Entry[], matchOf: (e: Entry) => string, lineHasCells: (e: Entry) => boolean, inert: Set<number>): void {
  /** The rank of each class: the order in which it was first met. */
  const rank = new Map<string, number>();
  let headingRank = Infinity;
  let tableFrom = -1;
  let tableCeiling = Infinity;
  let rowClass: string | undefined;
  entries.forEach((e, i) => {
    const c = e.marker?.levelClass;
    if (c !== undefined && !rank.has(c)) rank.set(c, rank.size);
    // a row of cells (tab-separated after its marker, if any) is a row whatever it starts with
    if (e.atLineStart && lineHasCells(e)) inert.add(i);
    if (tableFrom >= 0) {
      if (c !== undefined && rowClass === undefined && !isHeadingShaped(matchOf(e))) rowClass = c;
      // the table ends at an entry of the heading's rank or above; under no heading, at a heading line
      // of another class than its rows'
      const ends = c !== undefined && e.atLineStart && !lineHasCells(e)
        && (tableCeiling === Infinity ? c !== rowClass && isHeadingShaped(matchOf(e)) : (rank.get(c) ?? Infinity) <= tableCeiling);
      if (ends) {
        tableFrom = -1;
      } else {
        inert.add(i);
        return;
      }
    }
    if (c !== undefined && e.atLineStart && isHeadingShaped(matchOf(e)) && !inert.has(i)) headingRank = rank.get(c)!;
    if (!e.atLineStart || e.marker) return;
    const text = matchOf(e);
    // a spaced-out header row starts a table only inside a section: above the first heading a spaced
    // line is a cover's or a title's (任 务 题 目)
    const overRow = isHeaderOverRow(entries, i, matchOf);
    if (isTableCaption(text) || (SPACED_HEADER.test(text) && headingRank !== Infinity) || lineHasCells(e) || overRow) {
      tableFrom = i;
      tableCeiling = headingRank;
      // the row below a header row is a row, however short its cells (1 王建平 校长 全面负责)
      rowClass = overRow ? entries[i + 1]!.marker?.levelClass : undefined;
      inert.add(i);
    }
  });
}
