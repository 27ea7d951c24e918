/**
 * `linecount -- vitest` and `LINE_PROFILE=1 vitest` without editing vitest.config (issue
 * 12, item 6): the real Vitest 4 runs the fixture project's two test files (each file in
 * a worker of its own: Vitest isolates test files), with no config file or one without
 * the plugin, `.ts`/`.mts`/`.js`; the code under test is profiled in the workers and the
 * results are added up, with exact hits at the original TS lines. Vitest's own output
 * and exit code are those of a plain run; where vitest.config has the plugin already,
 * nothing is instrumented twice.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults } from '../../packages/runtime/src/index.js';
import { OTHER_NODES, hitsOf, runCli, runProcess, type RunResult } from '../helpers/cli.js';
import { OUTSIDE_VITEST_ENV, createViteProject } from '../helpers/vite-project.js';
import { expectedHits, expectedUnprofiledHits } from '../helpers/vitest-stats.js';

const PLAIN_CONFIG = "import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ test: { include: ['test/**/*.test.ts'] } });\n";

const CLI_WROTE = "Wrote profile results to 'linecount.lcprof'\nInspect results with:\nnpx linecount view linecount.lcprof\n";

/** `node_modules/.bin/vitest` as npm installs it (what `npx vitest` runs), from the project. */
const NPM_BIN = 'node_modules/.bin/vitest';

/** Vitest's bin, as pnpm's `.bin` shell script runs it. */
const VITEST_MJS = 'node_modules/vitest/vitest.mjs';

/**
 * The fixture project with `config` (a file name) holding a config without the plugin,
 * or no config file at all (undefined), and npm's `.bin/vitest` link.
 */
function createProject(config: string | undefined): string {
  const cwd = createViteProject('vitest-project');
  rmSync(path.join(cwd, 'vitest.config.ts'));
  if (config) writeFileSync(path.join(cwd, config), PLAIN_CONFIG);
  mkdirSync(path.join(cwd, 'node_modules/.bin'));
  symlinkSync('../vitest/vitest.mjs', path.join(cwd, NPM_BIN));
  return cwd;
}

/** Asserts that `file` has exactly the profiled functions of src/stats.ts, with exact hits. */
function expectStatsProfiled(cwd: string, file: string, all: boolean): void {
  const results = parseResults(readFileSync(path.join(cwd, file), 'utf8'));
  const expected: Record<string, Record<number, number>> = { ...expectedHits(), ...(all && { unprofiled: expectedUnprofiledHits() }) };
  expect(results.functions.map((fn) => [fn.file, fn.name])).toEqual(Object.keys(expected).map((name) => ['src/stats.ts', name]));
  for (const [name, hits] of Object.entries(expected)) expect(hitsOf(results, name)).toEqual(hits);
}

function expectPassed(result: RunResult): void {
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/Test Files +2 passed \(2\)/);
}

const cli = (args: string[], cwd: string, node?: string): Promise<RunResult> =>
  runCli(args, { cwd, env: OUTSIDE_VITEST_ENV, ...(node && { node }) });

describe('linecount -- vitest, vitest.config untouched', () => {
  it('no config file, npx-style bin: `// @profile` functions profiled in both test files’ workers, added up', async () => {
    const cwd = createProject(undefined);
    const result = await cli(['--', NPM_BIN, 'run'], cwd);
    expectPassed(result);
    expect(result.stderr).toBe(CLI_WROTE);
    expectStatsProfiled(cwd, 'linecount.lcprof', false);
  });

  it('-p src, vitest.config.mts, threads pool: every function of src/ profiled', async () => {
    const cwd = createProject('vitest.config.mts');
    const result = await cli(['-p', 'src', '--', process.execPath, VITEST_MJS, 'run', '--pool', 'threads'], cwd);
    expectPassed(result);
    expect(result.stderr).toBe(CLI_WROTE);
    expectStatsProfiled(cwd, 'linecount.lcprof', true);
  });

  it.each(OTHER_NODES)('-p src, vitest.config.js, on Node $major (module.registerHooks)', async ({ path: node }) => {
    const cwd = createProject('vitest.config.js');
    const result = await cli(['-p', 'src', '--', node, VITEST_MJS, 'run'], cwd, node);
    expectPassed(result);
    expect(result.stderr).toBe(CLI_WROTE);
    expectStatsProfiled(cwd, 'linecount.lcprof', true);
  });

  it('-p src/stats.ts, one project per test file (test.projects): the Vite server of each project gets the plugin', async () => {
    const cwd = createProject(undefined);
    const projects = ['mean', 'collatz'].map((name) => `{ test: { name: '${name}', include: ['test/${name}.test.ts'] } }`);
    writeFileSync(path.join(cwd, 'vitest.config.ts'), `export default { test: { projects: [${projects.join(', ')}] } };\n`);
    const result = await cli(['-p', 'src/stats.ts', '--', process.execPath, VITEST_MJS, 'run'], cwd);
    expectPassed(result);
    expect(result.stdout).toMatch(/\|mean\| test\/mean\.test\.ts/);
    expect(result.stderr).toBe(CLI_WROTE);
    expectStatsProfiled(cwd, 'linecount.lcprof', true);
  });

  it('the plugin in vitest.config already: its options apply, nothing instrumented twice', async () => {
    const cwd = createViteProject('vitest-project');
    const result = await cli(['-p', 'src', '--', process.execPath, VITEST_MJS, 'run'], cwd);
    expectPassed(result);
    expect(result.stderr).toBe(
      `linecount: note: vitest.config has the linecount plugin: its options apply under Vitest, not the -p/profMod targets\n${CLI_WROTE}`,
    );
    expectStatsProfiled(cwd, 'linecount.lcprof', false);
  });
});

describe('LINE_PROFILE=1 vitest with @linecount/profiler/register preloaded, vitest.config untouched', () => {
  it.each(['--require', '--import'])('NODE_OPTIONS=%s @linecount/profiler/register: the summary and files of SPEC §7, exact hits', async (preload) => {
    const cwd = createProject('vitest.config.ts');
    const env = { ...OUTSIDE_VITEST_ENV, LINE_PROFILE: '1', NODE_OPTIONS: `${preload} @linecount/profiler/register` };
    const result = await runProcess(process.execPath, [VITEST_MJS, 'run'], { cwd, env });
    expectPassed(result);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/Wrote profile results to profile_output\.lcprof\n/);
    expectStatsProfiled(cwd, 'profile_output.lcprof', false);
  });
});

/** Vitest's output without its timings, lines sorted (test files finish in any order). */
function maskVitestOutput(text: string): string[] {
  return text
    .replace(/\d+(\.\d+)?m?s\b/g, '<time>')
    .replace(/\d\d:\d\d:\d\d/g, '<clock>')
    .split('\n')
    .sort();
}

describe('a failing test under linecount -- vitest', () => {
  it('fails with the exit code and output of a plain run', async () => {
    const cwd = createProject(undefined);
    const failing = "import { expect, it } from 'vitest';\nimport { mean } from '../src/stats';\n\nit('fails', () => {\n  expect(mean([1, 3])).toBe(3);\n});\n";
    writeFileSync(path.join(cwd, 'test/fail.test.ts'), failing);
    const plain = await runProcess(process.execPath, [VITEST_MJS, 'run'], { cwd, env: OUTSIDE_VITEST_ENV });
    const profiled = await cli(['-p', 'src', '--', process.execPath, VITEST_MJS, 'run'], cwd);
    expect(plain.code).toBe(1);
    expect(profiled.code).toBe(plain.code);
    expect(maskVitestOutput(profiled.stdout)).toEqual(maskVitestOutput(plain.stdout));
    expect(profiled.stderr).toBe(`${plain.stderr}${CLI_WROTE}`);
    const results = parseResults(readFileSync(path.join(cwd, 'linecount.lcprof'), 'utf8'));
    expect(results.functions.find((fn) => fn.name === 'mean')!.lines[0]![1]).toBe(4);
  });
});
