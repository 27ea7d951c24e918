/**
 * Issue #12 item 2: what a process of a session pays at start-up. A process that profiles
 * nothing loads neither `node:worker_threads` nor `node:perf_hooks` and writes nothing to
 * the session; the probe cost is measured once per machine, Node and build, not in every
 * run; the CLI checks a script's syntax once per source. (Times are measured by
 * `bench/startup.mjs`, never asserted.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OTHER_NODES, createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';

type Results = Parameters<typeof hitsOf>[0] & { probeCostNs: number };

interface SampledSettings {
  countCostNs: number;
  windowCostNs: number;
}

const NODES = [{ major: 20, path: process.execPath }, ...OTHER_NODES];

/** Prints which of Node's modules that a profiling process used to load this process has loaded, and what the session holds. */
const PLAIN = `const loaded = ['worker_threads', 'perf_hooks'].filter((m) => process.moduleLoadList.includes('NativeModule ' + m));
const parts = require('fs').readdirSync(JSON.parse(process.env.LINECOUNT_SESSION).partsDir);
console.log(JSON.stringify({ loaded, parts }));
`;

const PROFILED = '// @profile\nfunction twice(x) {\n  return 2 * x;\n}\nconsole.log(twice(21));\n';

function probeCostEntries(cache: string): string[] {
  return readdirSync(cache).filter((name) => name.endsWith('.probe-cost.json'));
}

describe.each(NODES)('on Node $major', ({ path: node }) => {
  it('a process that profiles nothing loads neither worker_threads nor perf_hooks, and marks nothing in the session', async () => {
    const cwd = createProject({ 'plain.js': PLAIN });
    const result = await runCli(['-q', '--', node, 'plain.js'], { cwd, node });
    expect(result).toMatchObject({ code: 0, stdout: '{"loaded":[],"parts":[]}\n' });
  });

  it("the program runs without the compile cache that the linecount command uses for its own code", async () => {
    const cwd = createProject({ 'cache.js': "console.log(String(require('node:module').getCompileCacheDir?.()), String(process.env.NODE_COMPILE_CACHE));\n" });
    for (const args of [['cache.js'], ['--', node, 'cache.js']]) {
      expect(await runCli(['-q', ...args], { cwd, node })).toMatchObject({ code: 0, stdout: 'undefined undefined\n' });
    }
  });

  it('a worker the program starts and terminates is still profiled', async () => {
    const cwd = createProject({
      'main.js':
        "const { Worker } = require('node:worker_threads');\n" +
        "const w = new Worker(require('path').join(__dirname, 'work.js'));\n" +
        "w.on('message', () => w.terminate().then(() => console.log('done')));\n",
      'work.js': `${PROFILED.replace('console.log(twice(21));', "require('node:worker_threads').parentPort.postMessage(twice(21));\nsetInterval(() => {}, 1000);")}`,
    });
    const result = await runCli(['-q', 'main.js'], { cwd, node });
    expect(result).toMatchObject({ code: 0, stdout: 'done\n', stderr: '' });
    expect(hitsOf(readJson<Results>(cwd, 'main.js.lcprof'), 'twice')).toEqual({ 3: 1 });
  });
});

/** Whether `node` has `module.registerHooks`: there a process with no script joins its session on demand. */
function hasRegisterHooks(node: string): boolean {
  return execFileSync(node, ['-p', "typeof require('node:module').registerHooks"], { encoding: 'utf8' }).trim() === 'function';
}

describe.each(NODES)('a process with no script, on Node $major', ({ path: node }) => {
  it('that loads no module never loads lib/join.cjs (no code cache entry written), where Node has module.registerHooks', async () => {
    const cwd = createProject({});
    const cache = path.join(cwd, 'cache');
    const result = await runCli(['-q', '--', node, '-e', "console.log(require('fs').existsSync('.'))"], { cwd, node, env: { LINECOUNT_CACHE_DIR: cache } });
    expect(result).toMatchObject({ code: 0, stdout: 'true\n' });
    const entries = existsSync(cache) ? readdirSync(cache).filter((name) => name.startsWith('join.cjs-')) : [];
    expect(entries).toHaveLength(hasRegisterHooks(node) ? 0 : 1);
  });

  it('joins at its first module or worker: what it requires, imports and runs in a terminated worker is profiled', async () => {
    const cwd = createProject({
      'lib.js': PROFILED.replace('console.log(twice(21));', 'module.exports = twice;'),
      'lib.mjs': PROFILED.replace('function twice', 'export function twice').replace('console.log(twice(21));', ''),
      'work.js': PROFILED.replace('console.log(twice(21));', "require('node:worker_threads').parentPort.postMessage(twice(21));\nsetInterval(() => {}, 1000);"),
    });
    const deferred = hasRegisterHooks(node);
    const code = {
      require: "console.log(require('./lib.js')(1))",
      // Without module.registerHooks (Node 20), an ES module that `-e` code imports is not instrumented (a gap older than lazy joining).
      ...(deferred && { import: "import('./lib.mjs').then((lib) => console.log(lib.twice(1)))" }),
      worker:
        "const { Worker } = require('node:worker_threads'); const w = new Worker(process.cwd() + '/work.js');" +
        " w.on('message', () => w.terminate().then(() => console.log(2)));",
    };
    for (const [name, source] of Object.entries(code)) {
      const result = await runCli(['-q', '-o', `${name}.lcprof`, '--', node, '-e', source], { cwd, node });
      expect(result, name).toMatchObject({ code: 0, stdout: '2\n' });
      expect(hitsOf(readJson<Results>(cwd, `${name}.lcprof`), 'twice'), name).toEqual({ 3: 1 });
    }
  });
});

describe("lib/join.cjs's code cache", () => {
  const codeCaches = (cache: string): string[] => readdirSync(cache).filter((name) => name.endsWith('.code-cache'));

  it('is written to the cache directory by the first process of a session, replaced when damaged, never fails the program; --no-cache writes none', async () => {
    const cwd = createProject({ 'plain.js': "console.log('ok');\n" });
    const cache = path.join(cwd, 'cache');
    const env = { LINECOUNT_CACHE_DIR: cache };
    expect(await runCli(['-q', '--', process.execPath, 'plain.js'], { cwd, env })).toMatchObject({ code: 0, stdout: 'ok\n' });
    const [entry] = codeCaches(cache);
    expect(codeCaches(cache)).toEqual([expect.stringMatching(/^join\.cjs-/)]);
    writeFileSync(path.join(cache, entry!), 'not a code cache');
    expect(await runCli(['-q', '--', process.execPath, 'plain.js'], { cwd, env })).toMatchObject({ code: 0, stdout: 'ok\n' });
    expect(codeCaches(cache)).toEqual([entry]);
    expect(readFileSync(path.join(cache, entry!), 'utf8')).not.toBe('not a code cache');

    const noCache = path.join(cwd, 'no-cache');
    const result = await runCli(['-q', '--no-cache', '--', process.execPath, 'plain.js'], { cwd, env: { LINECOUNT_CACHE_DIR: noCache } });
    expect(result).toMatchObject({ code: 0, stdout: 'ok\n' });
    expect(existsSync(noCache) ? codeCaches(noCache) : []).toEqual([]);
  });
});


/** Runs the profiled program until its calibration settled and was cached (a loaded machine may need more than one run: an unsettled cost is not kept), five runs at most. */
async function runUntilCached(run: () => ReturnType<typeof runCli>, entries: () => string[]): Promise<void> {
  for (let runs = 0; runs < 5 && (runs === 0 || entries().length === 0); runs++) {
    expect(await run()).toMatchObject({ code: 0, stdout: '42\n', stderr: '' });
  }
}
describe('the probe cost', () => {
  it('is measured in the first run, then read from the cache directory until a day old; --no-cache measures', async () => {
    const cwd = createProject({ 'app.js': PROFILED });
    const cache = path.join(cwd, 'cache');
    const env = { LINECOUNT_CACHE_DIR: cache };
    await runUntilCached(() => runCli(['-q', 'app.js'], { cwd, env }), () => probeCostEntries(cache));
    const [entry] = probeCostEntries(cache);
    expect(probeCostEntries(cache)).toHaveLength(1);
    const measured = JSON.parse(readFileSync(path.join(cache, entry!), 'utf8')) as { probeCostNs: number; measuredAt: number };
    expect(readJson<Results>(cwd, 'app.js.lcprof').probeCostNs).toBeCloseTo(measured.probeCostNs, 2);

    writeFileSync(path.join(cache, entry!), JSON.stringify({ probeCostNs: 7.25, measuredAt: Date.now() }));
    expect(await runCli(['-q', 'app.js'], { cwd, env })).toMatchObject({ code: 0, stdout: '42\n' });
    expect(readJson<Results>(cwd, 'app.js.lcprof').probeCostNs).toBe(7.25);
    expect(await runCli(['-q', '--no-cache', 'app.js'], { cwd, env })).toMatchObject({ code: 0, stdout: '42\n' });
    expect(readJson<Results>(cwd, 'app.js.lcprof').probeCostNs).not.toBe(7.25);

    writeFileSync(path.join(cache, entry!), JSON.stringify({ probeCostNs: 7.25, measuredAt: Date.now() - 25 * 3600 * 1000 }));
    expect(await runCli(['-q', 'app.js'], { cwd, env })).toMatchObject({ code: 0, stdout: '42\n' });
    expect(readJson<Results>(cwd, 'app.js.lcprof').probeCostNs).not.toBe(7.25);
    expect(probeCostEntries(cache)).toEqual([entry]);
  });
  it("sampled probes' costs (--sample) are cached the same way", async () => {
    const cwd = createProject({ 'app.js': PROFILED });
    const cache = path.join(cwd, 'cache');
    const env = { LINECOUNT_CACHE_DIR: cache };
    const sampledCosts = (): SampledSettings => readJson<{ sample: SampledSettings }>(cwd, 'app.js.lcprof').sample;
    const sampledEntries = (): string[] => readdirSync(cache).filter((name) => name.endsWith('.sampled-costs.json'));
    await runUntilCached(() => runCli(['-q', '--sample', 'app.js'], { cwd, env }), sampledEntries);
    const entries = sampledEntries();
    expect(entries).toHaveLength(1);
    const measured = JSON.parse(readFileSync(path.join(cache, entries[0]!), 'utf8')) as { countNs: number; windowNs: number };
    expect(sampledCosts().windowCostNs).toBeCloseTo(measured.windowNs, 2);

    writeFileSync(path.join(cache, entries[0]!), JSON.stringify({ countNs: 7.25, windowNs: 81.5, measuredAt: Date.now() }));
    expect(await runCli(['-q', '--sample', 'app.js'], { cwd, env })).toMatchObject({ code: 0, stdout: '42\n' });
    expect(sampledCosts()).toMatchObject({ countCostNs: 7.25, windowCostNs: 81.5 });
    expect(await runCli(['-q', '--sample', '--no-cache', 'app.js'], { cwd, env })).toMatchObject({ code: 0, stdout: '42\n' });
    expect(sampledCosts().windowCostNs).not.toBe(81.5);
  });
});

describe("the script's syntax check", () => {
  it('loads the parser for a source it has not checked yet, not again for the same source; errors are checked every time', async () => {
    const cwd = createProject({ 'app.js': PROFILED, 'bad.js': 'function (\n' });
    const env = { LINECOUNT_CACHE_DIR: path.join(cwd, 'cache'), NODE_DEBUG: 'module' };
    const loadsParser = (stderr: string): boolean => /parse\.cjs/.test(stderr);
    const first = await runCli(['-q', 'app.js'], { cwd, env });
    expect(first).toMatchObject({ code: 0, stdout: '42\n' });
    expect(loadsParser(first.stderr)).toBe(true);
    const second = await runCli(['-q', 'app.js'], { cwd, env });
    expect(second).toMatchObject({ code: 0, stdout: '42\n' });
    expect(loadsParser(second.stderr)).toBe(false);
    for (let i = 0; i < 2; i++) {
      const bad = await runCli(['-q', 'bad.js'], { cwd, env });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('linecount: bad.js:1:10: Unexpected token');
    }
    const noCache = await runCli(['-q', '--no-cache', 'app.js'], { cwd, env });
    expect(loadsParser(noCache.stderr)).toBe(true);
  });
});
