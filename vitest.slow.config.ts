import { defineConfig } from 'vitest/config';

// `npm run test:slow`: the packaging test and the long versions of the size-scaled tests.
export default defineConfig({
  test: {
    include: ['test/slow/**/*.slow.test.ts'],
    testTimeout: 120000,
    setupFiles: ['test/setup-fast-check.ts'],
  },
});
