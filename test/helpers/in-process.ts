// The command run in the test's own process (cli/main.ts run() with streams of its own): for tests of
// what options and environment make of the output, without the cost of starting Node for each run.
// What needs a process of its own (exit by signal, worker threads, a terminal) is spawned instead.
import { PassThrough, Writable } from 'node:stream';
import { run } from '../../src/cli/main.js';

/** A stream that keeps what is written to it. */
export function collector(): Writable & { text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
}

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** run() on argv with only `env` for environment (a pipe for stdout and stderr, empty or given stdin). */
export async function runInProcess(argv: readonly string[], env: Record<string, string> = {}, input = ''): Promise<InProcessRun> {
  const stdout = collector();
  const stderr = collector();
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await run({ argv, stdin, stdout, stderr, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
