// Hard-wrapped pages: text extracted from a PDF (or copied from a fixed-width view) has every long line
// broken at one width, wherever the width ran out: mid-word, mid-sentence, inside a numbered item. Read
// line by line, such a page turns an item's first line into a heading (`1. 按照规范、引领…监督指`, the
// rest of its sentence a paragraph under it), a wrapped tail ending in a colon into a label (`序启动预警：`)
// and an inline series broken over lines into nothing. Where the page's own lines show the wrapping, the
// breaks are taken out before the outline reads the lines, the way a reader rejoins them.
//
// Evidence, all from the page (docs/outline.md, "Hard-wrapped lines"):
// - a wrap width: the width (a wide character counting two) that nearly every long line stays within,
//   reached or nearly reached by many of them;
// - most lines at that width end mid-sentence (no closing mark) and the next line follows with no blank
//   between. On pages written a paragraph a line the long lines end with a mark: at most 2 of the lines
//   near their widest run on in every page we have, against 70–95% of them on the same pages wrapped.
// A break is joined only at a line that reaches the wrap width, runs on, and is followed by a line that
// does not start with a numbering marker.
import { withReplacements, type MappedText, type Replacement } from '../text/mapped-text.js';
import { matchMarkerAt, type MarkerMatch } from '../numbering/markers.js';
import { matchForm } from '../text/match-form.js';
import { LINE_COMPLETE } from '../wording/heading-shape.js';

/** A line shorter than this (code units) is never taken for a wrapped one. */
const MIN_WRAPPED_UNITS = 12;
/** Lines this close to the wrap width (its share) count as reaching it: half-width digits and Latin letters narrow a line. */
const NEAR_WIDTH = 0.8;
/** At most this share of the long lines may be wider than the wrap width (a flattened table row, a URL). */
const WIDER_SHARE = 0.05;
/** Lines reaching the wrap width: at least this many, and this share of the long lines. */
const MIN_NEAR_LINES = 6;
const MIN_NEAR_SHARE = 0.2;
/** Of the lines reaching the wrap width, at least this share run on into the next line. */
const MIN_RUN_ON_SHARE = 0.5;
/** A marker is looked for in this many code units at the start of the next line. */
const MARKER_REACH = 16;

/** What the page's lines say of hard wrapping. */
export interface WrapEvidence {
  /** The wrap width (a wide character counts two). */
  readonly width: number;
  /** Lines of at least MIN_WRAPPED_UNITS code units. */
  readonly longLines: number;
  /** Long lines reaching the wrap width, and of them those that run on into the next line. */
  readonly nearLines: number;
  readonly runOnNear: number;
  /** The verdict. */
  readonly wrapped: boolean;
}

/** The display width of text[start, end): a character of the wide ranges (CJK, full-width forms) counts two. */
export function displayWidth(text: string, start = 0, end = text.length): number {
  let width = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a pair, counted with the first
    width += code >= 0x1100 && !(code >= 0xff61 && code <= 0xffdc) ? 2 : 1;
  }
  return width;
}

/** An ASCII letter or digit. */
const isWordCode = (code: number): boolean => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0d || code === 0x3000 || code === 0xa0;

/**
 * Each line of the text, trimmed, in order: `visit(start, end, runsOn, nextStart)`, where `runsOn` says
 * the line is long, has no closing mark at its end, and the next line follows right after it (not
 * blank), starting at `nextStart`. Blank lines are not visited. Walks the text without making a line.
 */
function eachLine(text: string, visit: (start: number, end: number, runsOn: boolean, nextStart: number) => void): void {
  let pending = -1; // the last line not yet visited (its start and end), waiting to know what follows
  let pendingEnd = -1;
  for (let at = 0; at <= text.length; ) {
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd === -1) lineEnd = text.length;
    let s = at;
    let e = lineEnd;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (pending !== -1) {
      const runsOn = e > s && pendingEnd - pending >= MIN_WRAPPED_UNITS && !LINE_COMPLETE.test(text[pendingEnd - 1]!);
      visit(pending, pendingEnd, runsOn, s);
      pending = -1;
    }
    if (e > s) {
      pending = s;
      pendingEnd = e;
    }
    at = lineEnd + 1;
  }
  if (pending !== -1) visit(pending, pendingEnd, false, -1);
}

/** What the lines of a text say of hard wrapping; null when too few lines run on to ask (most pages: no widths measured). */
export function wrapEvidence(text: string): WrapEvidence | null {
  let longLines = 0;
  let runOn = 0;
  eachLine(text, (start, end, runsOn) => {
    if (end - start < MIN_WRAPPED_UNITS) return;
    longLines++;
    if (runsOn) runOn++;
  });
  if (runOn < MIN_NEAR_LINES || runOn < MIN_RUN_ON_SHARE * MIN_NEAR_SHARE * longLines) return null;
  const widths: number[] = [];
  eachLine(text, (start, end) => {
    if (end - start >= MIN_WRAPPED_UNITS) widths.push(displayWidth(text, start, end));
  });
  widths.sort((a, b) => b - a);
  const width = widths[Math.floor(WIDER_SHARE * widths.length)]!;
  let nearLines = 0;
  let runOnNear = 0;
  eachLine(text, (start, end, runsOn) => {
    if (end - start < MIN_WRAPPED_UNITS) return;
    const w = displayWidth(text, start, end);
    if (w > width || w < NEAR_WIDTH * width) return;
    nearLines++;
    if (runsOn) runOnNear++;
  });
  const wrapped = nearLines >= MIN_NEAR_LINES && nearLines >= MIN_NEAR_SHARE * longLines && runOnNear >= MIN_RUN_ON_SHARE * nearLines;
  return { width, longLines, nearLines, runOnNear, wrapped };
}

/**
 * The text with the breaks of a hard-wrapped page taken out (the break and the spaces around it; one
 * space stays between two Latin letters or digits), each character keeping its origin; the text itself
 * when the page shows no wrapping.
 */
export function joinHardWraps(text: MappedText): MappedText {
  const evidence = wrapEvidence(text.text);
  if (evidence === null || !evidence.wrapped) return text;
  const page = text.text;
  const breaks: Replacement[] = [];
  const markerAt = (at: number): MarkerMatch | null => matchMarkerAt(matchForm(page.slice(at, at + MARKER_REACH)), 0, true);
  /** Where each number stands at a line start, by class: `2、` has a list where `1、` or `3、` stands too. */
  const numbered = new Map<string, number[]>();
  const keyOf = (m: MarkerMatch, ordinal: number): string => `${m.levelClass}\u0000${ordinal}`;
  eachLine(page, (start) => {
    const own = markerAt(start);
    if (own === null || own.ordinal === null) return;
    const at = numbered.get(keyOf(own, own.ordinal));
    if (at) at.push(start);
    else numbered.set(keyOf(own, own.ordinal), [start]);
  });
  // (the starts of each number are in page order: its first and its last say whether one stands before or after)
  const inList = (m: MarkerMatch, at: number): boolean => {
    if (m.ordinal === null) return true;
    const before = numbered.get(keyOf(m, m.ordinal - 1));
    const after = numbered.get(keyOf(m, m.ordinal + 1));
    return (before !== undefined && before[0]! < at) || (after !== undefined && after[after.length - 1]! > at);
  };
  eachLine(page, (start, end, runsOn, nextStart) => {
    if (!runsOn) return;
    const w = displayWidth(page, start, end);
    if (w > evidence.width || w < NEAR_WIDTH * evidence.width) return;
    // a numbered line starts something of its own: an item's last line need not close with a mark
    // (`2)准备物资：…奖杯3个` before `（二）赛程安排`); but a number with no neighbour in its list (one less
    // before it, or one more after it), after a line cut at the width mid-sentence, is the sentence going
    // on (安全 / 第一，…; 不小于 / 2.5 公里; 救援队 / 伍，…)
    // A number 1 starts a list of one item as often, unless a comma follows it (安全 / 第一，统一…).
    const next = markerAt(nextStart);
    if (next !== null && (inList(next, nextStart) || (next.ordinal === 1 && !/[,，]/u.test(page.slice(nextStart, nextStart + next.rawEnd))))) return;
    // Latin words are wrapped at a space: two of them either side of the break keep one (采用 Raspberry / Pi 4)
    breaks.push({ start: end, end: nextStart, text: isWordCode(page.charCodeAt(end - 1)) && isWordCode(page.charCodeAt(nextStart)) ? ' ' : '' });
  });
  return withReplacements(text, breaks);
}
