import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// `npm test`: every test at its quick size (test/helpers/suite.ts); test/slow/ is for `npm run test:slow`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the packaging test (test/slow/) and every timing measurement (*.slow.test.ts): `npm run test:slow`
    exclude: [...configDefaults.exclude, 'test/slow/**', 'test/**/*.slow.test.ts'],
    // two files at a time even on two cores (vitest's default leaves one core to its main process,
    // which here mostly waits): most tests wait on a command they run, and the suite then takes
    // about half the time
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30000,
    // the test files of a worker share its loaded modules instead of each loading src/ again (about a
    // sixth of the suite's time); a test that needs a module fresh resets the registry itself
    isolate: false,
    globalSetup: ['test/global-temporary.ts'],
    setupFiles: ['test/setup-fast-check.ts', 'test/setup-cache.ts'],
  },
});
