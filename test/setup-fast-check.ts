// Every property test of `npm test` runs one fixed seed, so that CI is reproducible: a failure
// there is a change's, not the dice's. FUZZ_SEED=random explores (a new seed each run, printed by
// fast-check on failure), FUZZ_SEED=N replays one; `npm run fuzz` explores for minutes.
import fc from 'fast-check';

const DEFAULT_SEED = 20261202;
const chosen = process.env.FUZZ_SEED;
if (chosen !== 'random') fc.configureGlobal({ seed: chosen === undefined ? DEFAULT_SEED : Number(chosen) });
