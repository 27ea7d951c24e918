/**
 * The bundler plugins end to end (SPEC §8): test/fixtures/plugins/app, a small TS app
 * with a TSX file, is built by each real bundler with the linecount plugin, then run
 * with `LINE_PROFILE=1 node` (profiled at the original TS lines, its output unchanged)
 * and without it (the same output, no files).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, OTHER_NODES, hitsOf, readJson, runCli, runProcess, type RunResult } from '../helpers/cli.js';
import { CLI_PACKAGE, listOutputs, runNode, type Results } from '../helpers/register.js';

const APP = path.join(FIXTURES, 'plugins/app/src');
const BUILD_SCRIPT = path.join(FIXTURES, 'plugins/build.mjs');

/** Builds the app with `bundler` and linecount's plugin (see build.mjs for the variants); returns the output file. */
async function buildApp(bundler: string, variant?: 'plain' | 'shifted' | 'sampled'): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), `linecount-${bundler}-`));
  const args = [BUILD_SCRIPT, bundler, outDir, ...(variant ? [variant] : [])];
  // A production build, as users run it: Vitest's NODE_ENV=test would make Vite compile JSX for development.
  const result = await runProcess(process.execPath, args, { cwd: outDir, env: { NODE_ENV: undefined } });
  if (result.code !== 0) throw new Error(`${bundler} build failed:\n${result.stderr}${result.stdout}`);
  return path.join(outDir, bundler === 'webpack' ? 'app.cjs' : 'app.mjs');
}

const emptyDir = (): string => mkdtempSync(path.join(tmpdir(), 'linecount-run-'));

/** 1-based line of the only line of `file` (in the app's src/) that contains `text`. */
function lineOf(file: string, text: string): number {
  const lines = readFileSync(path.join(APP, file), 'utf8').split('\n');
  const found = lines.flatMap((line, index) => (line.includes(text) ? [index + 1] : []));
  if (found.length !== 1) throw new Error(`${file}: ${found.length} lines contain ${JSON.stringify(text)}`);
  return found[0]!;
}

/** The workload of src/main.ts, and the hits it must produce at each original line. */
const SUM_TO = [10, 100];
const FIB = 15;
const GRID = { width: 4, height: 3 };
const LIST_CALLS = 2;

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
/** Calls of `fib(n)`, and those that recurse (n ≥ 2). */
function fibCalls(n: number): { all: number; recursing: number } {
  if (n < 2) return { all: 1, recursing: 0 };
  const [a, b] = [fibCalls(n - 1), fibCalls(n - 2)];
  return { all: 1 + a.all + b.all, recursing: 1 + a.recursing + b.recursing };
}

function expectedHits(): Record<string, { file: string; hits: Record<number, number> }> {
  const fib = fibCalls(FIB);
  const { width, height } = GRID;
  return {
    sumTo: {
      file: 'math.ts',
      hits: {
        [lineOf('math.ts', 'let sum = 0')]: SUM_TO.length,
        [lineOf('math.ts', 'let evens = 0')]: SUM_TO.length,
        [lineOf('math.ts', 'for (let i = 1')]: sum(SUM_TO.map((n) => n + 1)),
        [lineOf('math.ts', 'sum += i')]: sum(SUM_TO),
        [lineOf('math.ts', 'if (i % 2')]: sum(SUM_TO),
        [lineOf('math.ts', 'return { sum, evens }')]: SUM_TO.length,
      },
    },
    fib: {
      file: 'math.ts',
      hits: { [lineOf('math.ts', 'if (n < 2)')]: fib.all, [lineOf('math.ts', 'return fib(n - 1)')]: fib.recursing },
    },
    'Grid.cells': {
      file: 'grid.ts',
      hits: {
        [lineOf('grid.ts', 'const out')]: 1,
        [lineOf('grid.ts', 'for (let y')]: height + 1,
        [lineOf('grid.ts', 'for (let x')]: height * (width + 1),
        [lineOf('grid.ts', 'out.push')]: height * width,
        [lineOf('grid.ts', 'return out')]: 1,
      },
    },
    List: {
      file: 'view.tsx',
      hits: { [lineOf('view.tsx', 'const children')]: LIST_CALLS, [lineOf('view.tsx', 'return <ul')]: LIST_CALLS },
    },
  };
}

/** The results' functions hold exactly the expected hits, in the original files. */
function expectProfiled(results: Results, cwd: string): void {
  const expected = expectedHits();
  expect(results.functions.map((fn) => fn.name).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, { file, hits }] of Object.entries(expected)) {
    expect(hitsOf(results, name), name).toEqual(hits);
    const reported = results.functions.find((fn) => fn.name === name)!.file;
    expect(path.resolve(cwd, reported)).toBe(path.join(APP, file));
  }
}

const BUNDLERS = ['vite', 'rollup', 'webpack', 'esbuild'];

let plainOutput: RunResult;
beforeAll(async () => {
  plainOutput = await runNode([await buildApp('esbuild', 'plain')], { cwd: emptyDir() });
  expect(plainOutput.code).toBe(0);
});

describe.each(BUNDLERS)('%s build with linecount', (bundler) => {
  let app: string;
  beforeAll(async () => {
    app = await buildApp(bundler);
  });

  it('LINE_PROFILE=1: exact hits at the original TS/TSX lines, the output unchanged', async () => {
    const cwd = emptyDir();
    const result = await runNode([app], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(plainOutput.stdout)).toBe(true);
    expect(result.stdout.slice(plainOutput.stdout.length)).toMatch(/^Timer unit: 1e-06 s\n[^]*linecount view profile_output.lcprof\n$/);
    expectProfiled(readJson<Results>(cwd, 'profile_output.lcprof'), cwd);
  });

  it('LINE_PROFILE unset: the same output, no files', async () => {
    const cwd = emptyDir();
    expect(await runNode([app], { cwd })).toEqual(plainOutput);
    expect(listOutputs(cwd)).toEqual([]);
  });

  it("the bundle's source map leads to the original TSX line", () => {
    expectMapToOriginal(app);
  });
});

/** K of build.mjs's `sampled` variant. */
const SAMPLE_RATE = 4;

// Sampled mode (SPEC §3, `sample` option): hits stay exact; the hot lines get fewer samples than hits.
describe.each(BUNDLERS)('%s build with linecount({ sample: 4 })', (bundler) => {
  it('LINE_PROFILE=1: exact hits, a version 2 file with samples; the output unchanged', async () => {
    const app = await buildApp(bundler, 'sampled');
    const cwd = emptyDir();
    const result = await runNode([app], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(plainOutput.stdout)).toBe(true);
    expect(result.stdout).toContain(`Time sampled: 1 in ${SAMPLE_RATE} executions`);
    const results = readJson<Results & { version: number; sample?: { rate: number } }>(cwd, 'profile_output.lcprof');
    expectProfiled(results, cwd);
    expect(results.version).toBe(2);
    expect(results.sample?.rate).toBe(SAMPLE_RATE);
    const fib = results.functions.find((fn) => fn.name === 'fib')!;
    for (const [, hits, , samples] of fib.lines as unknown as number[][]) expect(samples).toBeLessThan(hits!);
  });
});

/** Where the bundle's source map takes the props of `<ul class="list">`: to that line of view.tsx. */
function expectMapToOriginal(app: string): void {
  const code = readFileSync(app, 'utf8');
  const map = new SourceMap(JSON.parse(readFileSync(`${app}.map`, 'utf8')));
  // After JSX compilation, which every bundler and minifier keeps.
  const offset = code.search(/class: ?"list"/);
  const before = code.slice(0, offset).split('\n');
  const entry = map.findEntry(before.length - 1, before.at(-1)!.length) as Partial<SourceMapping>;
  expect(path.basename(entry.originalSource ?? '')).toBe('view.tsx');
  expect(entry.originalLine! + 1).toBe(lineOf('view.tsx', 'class="list"'));
}

// A plugin that moves lines before linecount's step: its map must be composed once (for the
// reported lines, through getCombinedSourcemap) and only once (in the bundle's map: vitest#9001).
describe.each(['vite', 'rollup'])('%s, a transform with a source map before linecount', (bundler) => {
  it('hits at the original lines; the bundle maps to them', async () => {
    const app = await buildApp(bundler, 'shifted');
    const cwd = emptyDir();
    const result = await runNode([app], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expectProfiled(readJson<Results>(cwd, 'profile_output.lcprof'), cwd);
    expectMapToOriginal(app);
  });
});

describe('built output under linecount itself', () => {
  let app: string;
  beforeAll(async () => {
    app = await buildApp('esbuild');
  });

  it('linecount <bundle>: profiled once, the bundle not instrumented again', async () => {
    const cwd = emptyDir();
    const result = await runCli(['-q', '-o', 'app.lcprof', app], { cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(plainOutput.stdout);
    expectProfiled(readJson<Results>(cwd, 'app.lcprof'), cwd);
  });

  it('LINE_PROFILE=1 node --import @linecount/profiler/register <bundle>: the same', async () => {
    const cwd = emptyDir();
    const register = path.join(CLI_PACKAGE, 'lib/register.mjs');
    const result = await runNode(['--import', register, app], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith(plainOutput.stdout)).toBe(true);
    expectProfiled(readJson<Results>(cwd, 'profile_output.lcprof'), cwd);
  });

  it('LINE_PROFILE=1 where the linecount of the build is gone: runs unprofiled, one warning', async () => {
    const cwd = emptyDir();
    const profiler = path.join(CLI_PACKAGE, 'lib/profiler.cjs');
    const moved = path.join(cwd, 'moved.mjs');
    writeFileSync(moved, readFileSync(app, 'utf8').replaceAll(JSON.stringify(profiler), JSON.stringify('/nowhere/profiler.cjs')));
    const result = await runNode([moved], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.stdout).toBe(plainOutput.stdout);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^linecount: warning: profiling disabled: cannot load \/nowhere\/profiler.cjs: .+\n$/);
    expect(listOutputs(cwd)).toEqual(['moved.mjs']);
  });
});

// Node 22 and 24 come from scripts/install-test-deps.sh, which .ci/run always runs.
describe.each(OTHER_NODES)('built output on Node $major', ({ major, path: node }) => {
  it.runIf(existsSync(node) || process.env.CI)('LINE_PROFILE=1: profiled; unset: nothing', async () => {
    const app = await buildApp('esbuild');
    const on = emptyDir();
    const result = await runNode([app], { cwd: on, node, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    const results = readJson<Results>(on, 'profile_output.lcprof');
    expect(results.meta.node).toMatch(new RegExp(`^v${major}\\.`));
    expectProfiled(results, on);
    const off = emptyDir();
    expect(await runNode([app], { cwd: off, node })).toEqual(plainOutput);
    expect(listOutputs(off)).toEqual([]);
  });
});
