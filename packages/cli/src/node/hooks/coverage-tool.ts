import { NYC_CONFIG_ENV, V8_COVERAGE_ENV } from '../../session/constants.js';

/**
 * The coverage tool that reads what this process runs: `istanbul` when nyc runs it (its
 * require hook instruments the code our hooks return, after us, and maps its report
 * back through our source map), `v8` when V8 writes coverage (c8). The instrumented
 * code differs for each (see the instrumenter's coverage-hints.ts), so this is part of
 * the cache key.
 */
export function coverageTool(): 'istanbul' | 'v8' | undefined {
  if (process.env[NYC_CONFIG_ENV] !== undefined) return 'istanbul';
  return process.env[V8_COVERAGE_ENV] ? 'v8' : undefined;
}
