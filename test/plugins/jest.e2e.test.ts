/**
 * `@linecount/profiler/babel` under Jest (SPEC §8): test files run in `node:vm` contexts, whose
 * global must share the runtime of the profiler (browser/bundle-runtime.ts), and in
 * worker processes, whose results `linecount -- jest` merges.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, hitsOf, readJson, runProcess } from '../helpers/cli.js';
import { createLinkedProject, listOutputs, type Results } from '../helpers/register.js';

const JEST = path.join(REPO, 'node_modules/jest/bin/jest.js');

const SUM = `// @profile
function sum(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i;
  return s;
}
module.exports = { sum };
`;

const ARGUMENTS = [10, 4, 3];

/** One test file per argument, so that Jest can spread them over workers. */
function createJestProject(): string {
  const tests = Object.fromEntries(
    ARGUMENTS.map((n) => [`sum${n}.test.js`, `const { sum } = require('./sum');\ntest('sum ${n}', () => expect(sum(${n})).toBe(${(n * (n - 1)) / 2}));\n`]),
  );
  return createLinkedProject({ 'package.json': '{ "private": true }\n', 'babel.config.js': "module.exports = { plugins: ['@linecount/profiler/babel'] };\n", 'sum.js': SUM, ...tests });
}

/** Hits of `sum`: one call per test file; the loop header counts n + 1 per call. */
const EXPECTED = { 3: ARGUMENTS.length, 4: ARGUMENTS.reduce((total, n) => total + n + 1, 0), 5: ARGUMENTS.length };

const jestArgs = (cwd: string, ...extra: string[]): string[] => [JEST, '--rootDir', cwd, '--cacheDirectory', path.join(cwd, 'node_modules/.cache/jest'), ...extra];

const clean = { LINE_PROFILE: undefined, LINECOUNT_SESSION: undefined, NODE_OPTIONS: undefined };

describe('@linecount/profiler/babel under Jest', () => {
  it('linecount -- jest merges the test workers', async () => {
    const cwd = createJestProject();
    const run = await runProcess(process.execPath, [BIN, '-o', 'jest.lcprof', '--', process.execPath, ...jestArgs(cwd, '--maxWorkers=2')], {
      cwd,
      env: clean,
    });
    expect(run.stderr).toMatch(/Tests:\s+3 passed, 3 total/);
    expect(run.code).toBe(0);
    expect(hitsOf(readJson<Results>(cwd, 'jest.lcprof'), 'sum')).toEqual(EXPECTED);
  });

  it('LINE_PROFILE=1 jest --runInBand profiles the test files run in vm contexts', async () => {
    const cwd = createJestProject();
    const run = await runProcess(process.execPath, jestArgs(cwd, '--runInBand'), { cwd, env: { ...clean, LINE_PROFILE: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Wrote profile results to profile_output.lcprof');
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'sum')).toEqual(EXPECTED);
  });

  it('without LINE_PROFILE the tests pass and nothing is written', async () => {
    const cwd = createJestProject();
    const before = listOutputs(cwd);
    const run = await runProcess(process.execPath, jestArgs(cwd, '--runInBand'), { cwd, env: clean });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(listOutputs(cwd)).toEqual(before);
  });
});
