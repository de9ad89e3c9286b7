// The first pass of a batch: find each folder's site template (the header, footer and disclaimer
// its site repeats on every page) from a sample of its files, before any file is converted.
// Each sampled file is read up to the boilerplate stage by a job (on the worker threads when the
// run has them); the main thread counts, per folder, the distinct plans each line stands on.
import { dirname } from 'node:path';
import { TemplateCounter, type TemplateOptions } from '../../boilerplate/site-template.js';
import type { JobResult, Task } from './job.js';
import { schedule } from './pool.js';

export interface SamplingLimits {
  /** Files sampled in one folder at the most, evenly spread over its files. */
  readonly perGroup: number;
  /** Files sampled in the whole run at the most. */
  readonly total: number;
  /** A folder with fewer files than this is not sampled (no line can stand on enough plans). */
  readonly minGroup: number;
}

export const SAMPLING: SamplingLimits = { perGroup: 24, total: 240, minGroup: 3 };

/** Learning one template for a whole run (--save-template): its inputs are one group, sampled up to the run's total. */
export const ONE_SITE: SamplingLimits = { perGroup: 240, total: 240, minGroup: 3 };

/** The thresholds of the batch: see TemplateCounter. */
export const BATCH_TEMPLATE: TemplateOptions = { minPages: 3, minShare: 0.3 };

/** The group a file's template is found in: its folder. */
export const groupOf = (path: string): string => dirname(path);

/**
 * The files to sample, by group (in the order groups are first met): in each group of at least
 * `minGroup` files, files evenly spread over it, as many as the group's share of the total allows
 * (between minGroup and perGroup); groups past the total get none.
 */
export function chooseSamples(paths: readonly string[], limits: SamplingLimits = SAMPLING, group: (path: string) => string = groupOf): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const key = group(path);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(path);
  }
  const eligible = [...groups].filter(([, list]) => list.length >= limits.minGroup);
  const quota = Math.min(limits.perGroup, Math.max(limits.minGroup, Math.floor(limits.total / Math.max(1, eligible.length))));
  const chosen = new Map<string, string[]>();
  let left = limits.total;
  for (const [group, list] of eligible) {
    const n = Math.min(quota, list.length, left);
    if (n < limits.minGroup) break;
    const picked: string[] = [];
    for (let k = 0; k < n; k++) picked.push(list[Math.floor(((k + 0.5) * list.length) / n)]!);
    chosen.set(group, picked);
    left -= n;
  }
  return chosen;
}

export interface GroupTemplate {
  readonly lines: readonly string[];
  /** Files sampled, and the distinct plans among them. */
  readonly sampled: number;
  readonly plans: number;
  /** For each line, the sampled pages that hold it. */
  readonly seenOn: ReadonlyMap<string, number>;
  /** The sampled files whose page is kept, read, for their own jobs (see findTemplates' `keep`). */
  readonly held: readonly string[];
}

/** How findTemplates samples. */
export interface SamplingOptions {
  /** How many files (default SAMPLING). */
  readonly limits?: SamplingLimits;
  /** The group of a file (default its folder, groupOf). */
  readonly group?: (path: string) => string;
  /** The files are converted next: the runners keep the sampled pages they have room for (SampleTask.keep). */
  readonly keep?: boolean;
}

/**
 * Sample the files and count each group's template. `run` runs a job (the run's executor);
 * files that cannot be read or are binary add nothing (their own jobs report them).
 */
export async function findTemplates(
  paths: readonly string[],
  run: (task: Task) => Promise<JobResult>,
  concurrency: number,
  { limits = SAMPLING, group = groupOf, keep = false }: SamplingOptions = {},
): Promise<Map<string, GroupTemplate>> {
  const chosen = chooseSamples(paths, limits, group);
  const work: Array<{ group: string; path: string }> = [];
  for (const [group, list] of chosen) for (const path of list) work.push({ group, path });
  const counters = new Map<string, TemplateCounter>();
  const held = new Map<string, string[]>();
  for (const group of chosen.keys()) {
    counters.set(group, new TemplateCounter());
    held.set(group, []);
  }
  await schedule(
    work,
    (w, seq): Task => ({ kind: 'sample', seq, path: w.path, ...(keep ? { keep } : {}) }),
    run,
    { concurrency, window: Math.max(16, concurrency * 4), ordered: false },
    (result) => {
      const w = work[result.seq];
      if (w && result.ok && result.sample) counters.get(w.group)!.addSample(result.sample);
      if (w && result.ok && result.held === true) held.get(w.group)!.push(w.path);
    },
  );
  const templates = new Map<string, GroupTemplate>();
  for (const [group, counter] of counters) {
    const { count } = counter.plans();
    const lines = [...counter.template(BATCH_TEMPLATE)];
    templates.set(group, { lines, sampled: counter.pages, plans: count, seenOn: counter.pagesHolding(lines), held: held.get(group)! });
  }
  return templates;
}
