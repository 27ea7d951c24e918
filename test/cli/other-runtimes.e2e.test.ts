/**
 * Profiling under Bun and Deno (issue 19), with the real binaries that
 * scripts/install-nodes.sh installs: `--runtime bun|deno`, `linecount -- bun …`,
 * LINE_PROFILE mode with their preload, Bun's child processes merged. Hits are exact;
 * files that are not profiled behave as without linecount (Bun's plugin API breaks
 * CommonJS it is handed: oven-sh/bun#39786).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, OTHER_RUNTIMES_PATH, createProject, hitsOf, readJson, runCli, runProcess } from '../helpers/cli.js';
import { PACKAGE_NAME, createLinkedProject } from '../helpers/register.js';

interface Results {
  meta: { node: string };
  functions: { file: string; name: string; lines: [number, number, number][] }[];
}

const REGISTER_MJS = path.resolve('packages/cli/lib/register.mjs');
const env = { PATH: `${OTHER_RUNTIMES_PATH}${path.delimiter}${process.env.PATH}`, LINECOUNT_SESSION: undefined, BUN_OPTIONS: undefined };

/** An ES module with a marked function (also what Deno runs). */
const SUM_MJS = `// @profile
export function sum(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i;
  return s;
}
`;

/** A TypeScript entry with a marked function, importing an ES module and requiring CommonJS. */
const APP_TS = `import { sum } from './sum.mjs';
const { double } = require('./double.js');
const plain = require('./plain.js');
// @profile
function twice(values: number[]): number {
  let total = 0;
  for (const v of values) total += double(v);
  return total;
}
console.log(sum(100), twice([1, 2, 3]), plain.name, require('./typed.ts').kind);
`;

/** CommonJS with a marked function: Bun's \`require\` path. */
const DOUBLE_JS = `// @profile
function double(x) {
  return x * 2;
}
module.exports = { double };
`;

/** CommonJS and CommonJS-style TypeScript that are not profiled: must run as without linecount. */
const PLAIN_JS = "module.exports = { name: 'plain' };\n";
const TYPED_TS = "const kind: string = require('node:path').sep === '/' ? 'posix' : 'win';\nmodule.exports = { kind };\n";

const PROJECT = { 'app.ts': APP_TS, 'sum.mjs': SUM_MJS, 'double.js': DOUBLE_JS, 'plain.js': PLAIN_JS, 'typed.ts': TYPED_TS };
const OUTPUT = '4950 12 plain posix\n';

function expectProfiled(results: Results): void {
  expect(hitsOf(results, 'sum')).toEqual({ 3: 1, 4: 101, 5: 1 });
  expect(hitsOf(results, 'twice')).toEqual({ 6: 1, 7: 4, 8: 1 });
  expect(hitsOf(results, 'double')).toEqual({ 3: 3 });
}

describe('Bun', () => {
  it('--runtime bun: TypeScript, ES modules and CommonJS profiled with exact hits; other files untouched', async () => {
    const cwd = createProject(PROJECT);
    const plain = await runProcess('bun', ['app.ts'], { cwd, env });
    expect([plain.code, plain.stdout]).toEqual([0, OUTPUT]);
    const run = await runCli(['-q', '--runtime', 'bun', 'app.ts'], { cwd, env });
    expect([run.code, run.stdout, run.stderr]).toEqual([0, OUTPUT, '']);
    const results = readJson<Results>(cwd, 'app.ts.lcprof');
    expectProfiled(results);
    expect(results.meta.node).toMatch(/^bun \d+\.\d+\.\d+$/);
    const view = await runCli(['view', 'app.ts.lcprof'], { cwd });
    expect(view.stdout).toMatch(/^ +7 +4 +[\d.]+ +[\d.]+ +[\d.]+ {4}for \(const v of values\) total \+= double\(v\);$/m);
  });

  it('linecount -- bun: child bun processes join the run', async () => {
    const cwd = createProject({
      ...PROJECT,
      'parent.ts': "import { execFileSync } from 'node:child_process';\nexecFileSync(process.execPath, ['app.ts'], { stdio: 'inherit' });\nconsole.log('parent done');\n",
    });
    const run = await runCli(['-q', '--', 'bun', 'parent.ts'], { cwd, env });
    expect([run.code, run.stdout, run.stderr]).toEqual([0, `${OUTPUT}parent done\n`, '']);
    expectProfiled(readJson<Results>(cwd, 'linecount.lcprof'));
  });

  it('worker threads (node:worker_threads and web Worker) are profiled, also when terminated', async () => {
    const cwd = createProject({
      'main.mjs': `import { Worker } from 'node:worker_threads';
const thread = new Worker(new URL('./work.mjs', import.meta.url));
thread.on('message', (m) => { console.log('thread', m); thread.terminate(); });
const web = new globalThis.Worker(new URL('./work.mjs', import.meta.url).href);
web.onmessage = (event) => { console.log('web', event.data); web.terminate(); };
`,
      'work.mjs': `import { parentPort } from 'node:worker_threads';
${SUM_MJS}
if (parentPort) parentPort.postMessage(sum(10));
else postMessage(sum(10));
`,
    });
    const run = await runCli(['-q', '--runtime', 'bun', 'main.mjs'], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').sort()).toEqual(['', 'thread 45', 'web 45']);
    expect(hitsOf(readJson<Results>(cwd, 'main.mjs.lcprof'), 'sum')).toEqual({ 4: 2, 5: 22, 6: 2 });
  });

  it('linecount -- bun test: the test runner, whose process ends with no exit event', async () => {
    const cwd = createProject({
      'sum.mjs': SUM_MJS,
      'sum.test.ts': "import { expect, test } from 'bun:test';\nimport { sum } from './sum.mjs';\ntest('sum', () => expect(sum(100)).toBe(4950));\n",
    });
    const run = await runCli(['-q', '--', 'bun', 'test'], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(' 1 pass\n');
    expect(hitsOf(readJson<Results>(cwd, 'linecount.lcprof'), 'sum')).toEqual({ 3: 1, 4: 101, 5: 1 });
  });

  it('-p profiles every function of a directory, CommonJS and ES modules alike', async () => {
    const cwd = createProject({
      'main.ts': "import { sq } from './lib/esm.mjs';\nconst { cube } = require('./lib/cjs.js');\nconsole.log(sq(3) + cube(2));\n",
      'lib/esm.mjs': 'export function sq(x) {\n  return x * x;\n}\n',
      'lib/cjs.js': 'function cube(x) {\n  return x * x * x;\n}\nmodule.exports = { cube };\n',
    });
    const run = await runCli(['-q', '-p', 'lib', '--runtime', 'bun', 'main.ts'], { cwd, env });
    expect([run.code, run.stdout, run.stderr]).toEqual([0, '17\n', '']);
    const results = readJson<Results>(cwd, 'main.ts.lcprof');
    expect(hitsOf(results, 'sq')).toEqual({ 2: 1 });
    expect(hitsOf(results, 'cube')).toEqual({ 2: 1 });
  });

  it('LINE_PROFILE=1 bun --preload @linecount/profiler/bun writes profile_output.lcprof', async () => {
    const cwd = createLinkedProject(PROJECT);
    const run = await runProcess('bun', ['--preload', `${PACKAGE_NAME}/bun`, 'app.ts'], { cwd, env: { ...env, LINE_PROFILE: '1' } });
    expect([run.code, run.stdout.split('\n')[0]]).toEqual([0, OUTPUT.trim()]);
    expectProfiled(readJson<Results>(cwd, 'profile_output.lcprof'));
  });
});

describe('Deno', () => {
  const project = { 'main.mjs': "import { sum } from './sum.mjs';\nconsole.log(sum(100));\n", 'sum.mjs': SUM_MJS };

  it('--runtime deno: JavaScript profiled with exact hits', async () => {
    const cwd = createProject(project);
    const run = await runCli(['-q', '--runtime', 'deno', 'main.mjs'], { cwd, env });
    expect([run.code, run.stdout, run.stderr]).toEqual([0, '4950\n', '']);
    const results = readJson<Results>(cwd, 'main.mjs.lcprof');
    expect(hitsOf(results, 'sum')).toEqual({ 3: 1, 4: 101, 5: 1 });
    expect(results.meta.node).toMatch(/^deno \d+\.\d+\.\d+$/);
  });

  it('LINE_PROFILE=1 deno run --preload @linecount/profiler/register writes profile_output.lcprof', async () => {
    const cwd = createProject(project);
    const run = await runProcess('deno', ['run', '-A', '--preload', REGISTER_MJS, 'main.mjs'], { cwd, env: { ...env, LINE_PROFILE: '1' } });
    expect([run.code, run.stdout.split('\n')[0]]).toEqual([0, '4950']);
    expect(hitsOf(readJson<Results>(cwd, 'profile_output.lcprof'), 'sum')).toEqual({ 3: 1, 4: 101, 5: 1 });
  });

  it('TypeScript through a bundle of @linecount/profiler/esbuild (README recipe): the same hits as under Node', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'linecount-deno-'));
    const build = await runProcess(process.execPath, [path.join(FIXTURES, 'plugins/build.mjs'), 'esbuild', outDir], { cwd: outDir, env: { NODE_ENV: undefined } });
    expect(build.code).toBe(0);
    const on = { ...env, LINE_PROFILE: '1' };
    const node = await runProcess(process.execPath, ['app.mjs'], { cwd: outDir, env: on });
    expect(node.code).toBe(0);
    const underNode = readJson<Results>(outDir, 'profile_output.lcprof');
    const deno = await runProcess('deno', ['run', '-A', 'app.mjs'], { cwd: outDir, env: on });
    // The program's own output; the summary that follows it holds times.
    const program = (stdout: string): string => stdout.slice(0, stdout.indexOf('Timer unit:'));
    expect([deno.code, program(deno.stdout)]).toEqual([0, program(node.stdout)]);
    expect(program(node.stdout)).not.toBe('');
    const underDeno = readJson<Results>(outDir, 'profile_output.lcprof');
    expect(underDeno.meta.node).toMatch(/^deno /);
    expect(underDeno.functions.map((fn) => [fn.file, fn.name, hitsOf(underDeno, fn.name)])).toEqual(
      underNode.functions.map((fn) => [fn.file, fn.name, hitsOf(underNode, fn.name)]),
    );
    expect(underDeno.functions.some((fn) => fn.file.endsWith('.ts'))).toBe(true);
  });

  it('refuses TypeScript with the way round, in one line', async () => {
    const cwd = createProject({ 'main.ts': 'console.log(1);\n' });
    const run = await runCli(['--runtime', 'deno', 'main.ts'], { cwd, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^linecount: --runtime deno runs JavaScript: [^\n]+ see README "Deno"\)\n$/);
  });
});
