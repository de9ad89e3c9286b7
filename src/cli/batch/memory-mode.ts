// A page of several megabytes becomes a tree of hundreds of thousands of nodes, and V8 lets the heap
// grow to 3–4× the data in use before it collects. From the first such page a main-thread job meets,
// the process's collector favours memory over speed (V8's --optimize-for-size, read by its heap
// sizing as it runs). Measured on single pages: a 20 MB ordinary page peaks at 311 MB instead of 418,
// a 5 MB flood of numbered lines at 356 MB instead of 657, for about 25% more time on such pages.
// Only main-thread jobs switch it (a single page, --jobs 1, a page retried after its worker ran out of
// memory): the flag is the whole process's, and a batch of ordinary pages on workers never sets it.
// The job runner calls this only for jobs it runs in the main thread (job.ts).
import { setFlagsFromString } from 'node:v8';
import { LARGE_PAGE_BYTES } from '../../limits.js';

let favouringMemory = false;

/** Before parsing a page of `size` bytes (or code units). */
export function favourMemoryFor(size: number): void {
  if (favouringMemory || size < LARGE_PAGE_BYTES) return;
  setFlagsFromString('--optimize-for-size');
  favouringMemory = true;
}
