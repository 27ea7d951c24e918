/**
 * The fixture project `test/fixtures/plugins/vitest-project` (issues 5 and 12): its code
 * under test, src/stats.ts, and the hits its two test files give each profiled line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './cli.js';
import { lineOf } from './vite-project.js';

/** The text of the fixture's src/stats.ts. */
export const STATS = readFileSync(path.join(FIXTURES, 'plugins/vitest-project/src/stats.ts'), 'utf8');

/** What the fixture's tests pass to `mean` and `collatzSteps`, over both test files. */
const MEAN_CALLS = [[1, 2, 3, 4], [5], [2, 4]];
const COLLATZ_CALLS = [6, 27];

/** Hits of `mean` and `collatzSteps` for those calls, from a model of their control flow. */
export function expectedHits(): Record<'mean' | 'collatzSteps', Record<number, number>> {
  const at = (text: string): number => lineOf(STATS, text);
  const values = MEAN_CALLS.flat().length;
  const mean = {
    [at('let sum = 0;')]: MEAN_CALLS.length,
    [at('for (const value of values) {')]: values + MEAN_CALLS.length,
    [at('sum += value;')]: values,
    [at('return sum / values.length;')]: MEAN_CALLS.length,
  };
  let steps = 0;
  for (let n of COLLATZ_CALLS) {
    for (; n !== 1; steps++) n = n % 2 === 0 ? n / 2 : 3 * n + 1;
  }
  const calls = COLLATZ_CALLS.length;
  const collatzSteps = {
    [at('let n = start;')]: calls,
    [at('let steps = 0;')]: calls,
    [at('while (n !== 1) {')]: steps + calls,
    [at('n = n % 2 === 0 ? n / 2 : 3 * n + 1;')]: steps,
    [at('steps++;')]: steps,
    [at('return steps;')]: calls,
  };
  return { mean, collatzSteps };
}

/** Hits of `unprofiled` (no `// @profile`; profiled under `-p src`): one call. */
export function expectedUnprofiledHits(): Record<number, number> {
  return { [lineOf(STATS, 'return Math.max(...values);')]: 1 };
}
