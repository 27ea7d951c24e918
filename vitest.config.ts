import { defineConfig } from 'vitest/config';

/**
 * How long a test, a hook or a poll may wait before it is declared hung. A liveness guard
 * only, never a bound on speed: a busy machine must not fail a test (issue #12, item 8).
 */
const PATIENCE_MS = 60_000;

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'test/fixtures/**'],
    // End-to-end suites spawn real Node processes.
    testTimeout: PATIENCE_MS,
    hookTimeout: PATIENCE_MS,
    // expect.poll waits for a browser or a server as long as the test may (its default is 1 s).
    expect: { poll: { timeout: PATIENCE_MS } },
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
      // The same suites in sampled mode (SPEC §3 `--sample`, issue 14), with the plugins'
      // switchable code: every execution after the first 32 of a line is timed at random,
      // 1 in 2, so windows open and close across every construct; hits stay exact.
      {
        extends: true,
        test: {
          name: 'sampled',
          include: ['test/instrumenter/**/*.unit.test.ts'],
          env: { LINECOUNT_TEST_SWITCHABLE: '1', LINECOUNT_TEST_SAMPLE: '2' },
        },
      },
    ],
  },
});
