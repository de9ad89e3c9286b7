import { defineConfig } from 'vitest/config';

// `npm run test:slow`: the packaging test (test/slow/), and the files whose inputs are scaled by
// suite (test/helpers/suite.ts) at their full sizes, with the checks that time the code.
export default defineConfig({
  test: {
    include: ['test/slow/**/*.slow.test.ts', 'test/hostile.test.ts', 'test/redos.test.ts', 'test/fuzz.test.ts'],
    env: { PLAN_PARSE_SUITE: 'slow' },
    testTimeout: 120000,
    hookTimeout: 300000,
    setupFiles: ['test/setup-fast-check.ts'],
  },
});
