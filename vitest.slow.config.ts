import { defineConfig } from 'vitest/config';

// `npm run test:slow`: the packaging test (test/slow/), and the files whose inputs are scaled by
// suite (test/helpers/suite.ts) at their full sizes, with the checks that time the code.
export default defineConfig({
  test: {
    include: ['test/slow/**/*.slow.test.ts', 'test/hostile.test.ts', 'test/script-matcher.test.ts', 'test/redos.test.ts', 'test/fuzz.test.ts'],
    env: { PLAN_PARSE_SUITE: 'slow' },
    // one file at a time: the timing checks compare two runs of the same code, and another file
    // running beside them would slow one run and not the other
    fileParallelism: false,
    testTimeout: 600000,
    hookTimeout: 300000,
    globalSetup: ['test/global-temporary.ts'],
    setupFiles: ['test/setup-fast-check.ts', 'test/setup-cache.ts'],
  },
});
