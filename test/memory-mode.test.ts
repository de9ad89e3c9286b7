// The command's collector favours memory from the first large page a main-thread job parses, once.
import { describe, expect, it, vi } from 'vitest';

const setFlags = vi.fn();
vi.mock('node:v8', () => ({ setFlagsFromString: setFlags }));

describe('memory mode', () => {
  it('is switched on by the first page of 4 MB or more, once, and never by smaller pages', async () => {
    // loaded afresh, with node:v8 mocked, even where an earlier test file of this worker loaded it
    vi.resetModules();
    const { favourMemoryFor } = await import('../src/cli/batch/memory-mode.js');
    const { LARGE_PAGE_BYTES } = await import('../src/limits.js');
    favourMemoryFor(100_000);
    favourMemoryFor(LARGE_PAGE_BYTES - 1);
    expect(setFlags).not.toHaveBeenCalled();
    favourMemoryFor(LARGE_PAGE_BYTES);
    favourMemoryFor(20 * LARGE_PAGE_BYTES);
    expect(setFlags).toHaveBeenCalledTimes(1);
    expect(setFlags).toHaveBeenCalledWith('--optimize-for-size');
  });
});
