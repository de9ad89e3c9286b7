// Timing helpers for the tests: how time grows with input size, never absolute times (the CI
// machine has two cores and other work; only the ratio between two sizes is meaningful).

/** Milliseconds of one call: the best of `tries` (the least disturbed by GC and other work). */
export function timeOf(fn, tries = 3) {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * How the time of `run(n)` grows with `n`: `n` is doubled from `start` until one run takes at
 * least `minMs` (or `n` would pass `maxN`), then `run(factor × n)` is timed. A linear run gives a
 * ratio near `factor`, a quadratic one near `factor²`.
 */
export function growth(run, { start = 1000, minMs = 40, maxN = Infinity, factor = 4, tries = 3 } = {}) {
  let n = start;
  let small = timeOf(() => run(n), tries);
  while (small < minMs && n * 2 * factor <= maxN) {
    n *= 2;
    small = timeOf(() => run(n), tries);
  }
  const big = timeOf(() => run(n * factor), Math.max(1, tries - 1));
  return { n, small, big, ratio: big / Math.max(small, 1e-3) };
}

/**
 * Near-linear: time(factor × n) under 2.5 × factor × time(n), plus `slackMs` for timer noise on
 * short runs. (At factor 4 linear work gives about 4, quadratic 16: over this bound of 10; the
 * margin above 4 absorbs garbage collection and other work on a two-core machine.)
 */
export function nearLinear(g, factor = 4, slackMs = 25) {
  return g.big < 2.5 * factor * g.small + slackMs;
}

/**
 * `growth`, measured again (up to `attempts` times) while it does not look near-linear: other
 * work on the machine can slow one run down, but not every run of several. Returns the best.
 */
export function settledGrowth(run, options = {}, attempts = 3) {
  let best = null;
  for (let i = 0; i < attempts; i++) {
    const g = growth(run, options);
    if (!best || g.ratio < best.ratio) best = g;
    if (nearLinear(best, options.factor ?? 4)) break;
  }
  return best;
}

/** A one-line account of a growth measurement, for assertion messages. */
export function describeGrowth(g) {
  return `n=${g.n}: ${g.small.toFixed(1)} ms, ×4: ${g.big.toFixed(1)} ms (ratio ${g.ratio.toFixed(1)})`;
}
