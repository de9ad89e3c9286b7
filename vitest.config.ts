import { configDefaults, defineConfig } from 'vitest/config';

// `npm test`: every test at its quick size (test/helpers/suite.ts); test/slow/ is for `npm run test:slow`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/slow/**'],
    testTimeout: 30000,
    setupFiles: ['test/setup-fast-check.ts'],
  },
});
