import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end suites spawn real Node processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
