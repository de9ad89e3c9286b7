// Elapsed time for the progress bar and the summary: a monotonic clock in milliseconds, read from
// process.hrtime (the global `performance` loads Node's performance-timing modules on first use,
// a millisecond and more of every start).
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
