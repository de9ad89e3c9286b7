// A job as planned: its task without its number, its name for messages, and its size.
import type { Task } from './job.js';

export type Unnumbered<T> = T extends unknown ? Omit<T, 'seq'> : never;

export interface Planned {
  readonly task: Unnumbered<Task>;
  readonly name: string;
  /** The input's path as its tree's source.path would give it (null: standard input, or no name), for its ndjson error line. */
  readonly path: string | null;
  readonly size: number;
}

/** The output files of these jobs. */
export function outputsOf(planned: Iterable<Planned>): string[] {
  const outs: string[] = [];
  for (const p of planned) if ((p.task.kind === 'file' || p.task.kind === 'bytes') && p.task.out !== null) outs.push(p.task.out);
  return outs;
}
