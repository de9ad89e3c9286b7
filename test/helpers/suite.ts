// Which suite is running. `npm test` is the quick one: small inputs, and no assertion on time, so
// that it passes on any machine however busy. `npm run test:slow` (vitest.slow.config.ts sets
// PLAN_PARSE_SUITE=slow) runs the same files with the full-size inputs and the checks that compare
// times (how time grows with the input), which need big inputs to mean anything.
import { it } from 'vitest';

export const SLOW = process.env.PLAN_PARSE_SUITE === 'slow';

/** `quick` in `npm test`, `slow` in `npm run test:slow`. */
export function bySuite<T>(quick: T, slow: T): T {
  return SLOW ? slow : quick;
}

/** A test of `npm run test:slow` only: one that times the code, or is long at any size. */
export const itSlow = it.runIf(SLOW);
