// What a run did, counted as results come in, and the summary line printed at the end.
import type { SourceEncoding } from '../../types.js';

/** What one converted tree adds to the run's summary. */
export interface TreeStats {
  readonly bytes: number;
  readonly encoding: SourceEncoding;
  /** Invalid byte runs the decoded text holds (its `invalid-bytes` diagnostics). */
  readonly invalidBytes: number;
  readonly documents: number;
  readonly sections: number;
  readonly items: number;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export class Tally {
  converted = 0;
  failed = 0;
  skipped = 0;
  /** Of the skipped, inputs whose output existed and was kept (--skip-existing). */
  existing = 0;
  documents = 0;
  sections = 0;
  items = 0;
  /** Bytes of the inputs that converted. */
  bytes = 0;
  readonly encodings = new Map<SourceEncoding, number>();

  add(stats: TreeStats): void {
    this.converted++;
    this.documents += stats.documents;
    this.sections += stats.sections;
    this.items += stats.items;
    this.bytes += stats.bytes;
    this.encodings.set(stats.encoding, (this.encodings.get(stats.encoding) ?? 0) + 1);
  }
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return `${m} min ${rest} s`;
}

/** What the summary adds to the counts. */
export interface SummaryExtras {
  /** Peak memory in bytes (--verbose). */
  readonly peakRss?: number;
  /** The run stopped before the end: why (`interrupted by SIGINT`), said first. */
  readonly stopped?: string;
  /** Inputs neither converted, failed nor skipped when the run stopped. */
  readonly notDone?: number;
}

/**
 * One line: converted, failed, skipped; documents, sections and items found; encodings met; time.
 * `unit` is `file` or `record`. A run that stopped says why first, and how many inputs were not done.
 */
export function formatSummary(t: Tally, elapsedMs: number, unit: 'file' | 'record', extras: SummaryExtras = {}): string {
  const parts: string[] = [];
  const counts = [`converted ${plural(t.converted, unit)} (${formatBytes(t.bytes)})`];
  counts.push(`${t.failed} failed`);
  if (unit === 'file') counts.push(`${t.skipped} skipped${t.existing > 0 ? ` (${t.existing} already converted)` : ''}`);
  if (extras.notDone !== undefined) counts.push(`${extras.notDone} not done`);
  parts.push((extras.stopped !== undefined ? `${extras.stopped}: ` : '') + counts.join(', '));
  parts.push(`${plural(t.documents, 'document')}, ${plural(t.sections, 'section')}, ${plural(t.items, 'item')}`);
  const encodings = [...t.encodings].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e} ${n}`);
  if (encodings.length > 0) parts.push(`encodings: ${encodings.join(', ')}`);
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? ` (${(t.bytes / 1e6 / seconds).toFixed(1)} MB/s)` : '';
  parts.push(`${formatDuration(elapsedMs)}${rate}`);
  if (extras.peakRss !== undefined) parts.push(`peak memory ${Math.round(extras.peakRss / 1024 / 1024)} MB`);
  return parts.join('; ');
}
