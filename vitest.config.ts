import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'test/fixtures/**'],
    // End-to-end suites spawn real Node processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'] } },
      // The instrumenter's semantics and hit suites again, on the build plugins' switchable
      // code with profiling on (test/helpers/run-instrumented.ts reads the variable).
      {
        extends: true,
        test: {
          name: 'switchable',
          include: ['test/instrumenter/**/*.unit.test.ts'],
          env: { LINECOUNT_TEST_SWITCHABLE: '1' },
        },
      },
    ],
  },
});
