/**
 * `@linecount/profiler/vite` in a project's vitest.config.ts (SPEC §8, issue 5): the real Vitest
 * (this repository's binary) runs the fixture project's two test files as a child
 * process, under each of its Node pools; the code under test is profiled in the test
 * workers, and after the run Vitest's main process prints the SPEC §7 summary and writes
 * the files, with exact hits at the original TS lines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults } from '../../packages/runtime/src/index.js';
import { hitsOf, runProcess } from '../helpers/cli.js';
import { maskReport } from '../helpers/mask.js';
import { listOutputs } from '../helpers/register.js';
import { OUTSIDE_VITEST_ENV, createViteProject, lineOf, readListing, rowHits } from '../helpers/vite-project.js';
import { STATS, expectedHits } from '../helpers/vitest-stats.js';

const SUMMARY = [
  'Timer unit: 1e-06 s',
  '',
  `###### seconds - src/stats.ts:${lineOf(STATS, 'export function mean(values: number[]): number {') - 1} - mean`,
  `###### seconds - src/stats.ts:${lineOf(STATS, 'export function collatzSteps(start: number): number {') - 1} - collatzSteps`,
  'Wrote profile results to profile_output.txt',
  'Wrote profile results to profile_output_<stamp>.txt',
  'Wrote profile results to profile_output.lcprof',
  'To view details run:',
  'npx linecount view profile_output.lcprof',
  '',
].join('\n');

describe.each(['forks', 'threads', 'vmForks', 'vmThreads'])('vitest run with pool %s', (pool) => {
  it('profiles the code under test in the workers; after the run: the SPEC §7 summary and files, exact hits', async () => {
    const cwd = createViteProject('vitest-project');
    const vitest = path.join(cwd, 'node_modules/vitest/vitest.mjs');
    const result = await runProcess(process.execPath, [vitest, 'run'], { cwd, env: { ...OUTSIDE_VITEST_ENV, VITEST_POOL: pool } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Test Files +2 passed/);
    const tail = result.stdout.slice(result.stdout.indexOf('Timer unit:'));
    expect(maskReport(tail).replace(/_\d{4}-\d\d-\d\dT\d{6}\.txt/, '_<stamp>.txt')).toBe(SUMMARY);
    expect(listOutputs(cwd)).toEqual(
      ['package.json', 'profile_output.lcprof', 'profile_output.txt', 'profile_output_<stamp>.txt', 'src', 'test', 'vitest.config.ts'],
    );
    const expected = expectedHits();
    const results = parseResults(readFileSync(path.join(cwd, 'profile_output.lcprof'), 'utf8'));
    expect(results.functions.map((fn) => fn.file)).toEqual(['src/stats.ts', 'src/stats.ts']);
    for (const name of ['mean', 'collatzSteps'] as const) expect(hitsOf(results, name)).toEqual(expected[name]);
    const report = readFileSync(path.join(cwd, 'profile_output.txt'), 'utf8');
    const source = STATS.split('\n');
    for (const name of ['mean', 'collatzSteps'] as const) {
      const listing = readListing(report, name);
      expect(rowHits(listing)).toEqual(expected[name]);
      for (const row of listing.rows) expect(row.contents).toBe(source[row.line - 1]);
    }
  });
});
