/**
 * `-s/--setup FILE` through the real bin (SPEC §4, issue #6): the setup file runs first,
 * in the script's process and only there, is never profiled, and leaves the script's
 * argv as it would be without it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';

interface Results {
  functions: { name: string; file: string; lines: [number, number, number][] }[];
}

/** A setup file's marked function: it must never show in the results. */
const SETUP_BODY = [
  '// @profile',
  'function prepare(n) {',
  '  return n * 2;',
  '}',
  'globalThis.prepared = prepare(21);',
  "process.stdout.write('setup ran\\n');",
  '',
].join('\n');

const APP = [
  '// @profile',
  'function work(x: number): number {',
  '  const y = x + 1;',
  '  return y;',
  '}',
  "const argv = [process.argv[1]!.split('/').pop(), ...process.argv.slice(2)];",
  'console.log(work((globalThis as { prepared?: number }).prepared ?? 0), JSON.stringify(argv), JSON.stringify(process.execArgv));',
  '',
].join('\n');

const FILES = {
  'app.ts': APP,
  'setup.mjs': `${SETUP_BODY}await new Promise((resolve) => setTimeout(resolve, 20));\n`,
  'setup.cjs': SETUP_BODY,
  'setup.ts': SETUP_BODY.replace('prepare(n)', 'prepare(n: number): number'),
};

const names = (results: Results): string[] => results.functions.map((fn) => `${fn.file}:${fn.name}`).sort();

describe('-s/--setup FILE', () => {
  it.each(['setup.mjs', 'setup.cjs', 'setup.ts'])('%s runs first, unprofiled even under -p; the script keeps its argv', async (setup) => {
    const cwd = createProject(FILES);
    const plain = await runCli(['-q', 'app.ts', 'a', '--b'], { cwd });
    expect(plain).toMatchObject({ code: 0, stdout: '1 ["app.ts","a","--b"] []\n', stderr: '' });
    const run = await runCli(['-q', '-s', setup, '-p', setup, 'app.ts', 'a', '--b'], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: 'setup ran\n43 ["app.ts","a","--b"] []\n', stderr: '' });
    const results = readJson<Results>(cwd, 'app.ts.lcprof');
    expect(names(results)).toEqual(['app.ts:work']);
    expect(hitsOf(results, 'work')).toEqual({ 3: 1, 4: 1 });
  });

  it('--setup=FILE with -e code', async () => {
    const cwd = createProject(FILES);
    const code = '// @profile\nfunction f(x) {\n  return x;\n}\nconsole.log(f(globalThis.prepared), process.argv.slice(2));\n';
    const run = await runCli(['-q', '--setup=setup.cjs', '-e', code, 'x'], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: "setup ran\n42 [ 'x' ]\n", stderr: '' });
    const results = readJson<Results>(cwd, 'eval.lcprof');
    expect(names(results)).toEqual(['[eval]:f']);
    expect(hitsOf(results, 'f')).toEqual({ 3: 1 });
  });

  it('runs once: not in the worker threads nor in the processes the script forks', async () => {
    const cwd = createProject({
      ...FILES,
      'spawner.mjs': [
        "import { fork } from 'node:child_process';",
        "import { Worker } from 'node:worker_threads';",
        "const role = process.argv[2] ?? 'main';",
        'console.log(role, globalThis.prepared, JSON.stringify(process.execArgv));',
        "if (role === 'main') {",
        "  await new Promise((resolve) => new Worker(new URL(import.meta.url), { argv: ['worker'] }).on('exit', resolve));",
        "  await new Promise((resolve) => fork(new URL(import.meta.url).pathname, ['child']).on('exit', resolve));",
        '}',
        '',
      ].join('\n'),
    });
    const run = await runCli(['-q', '-s', 'setup.cjs', 'spawner.mjs'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('setup ran\nmain 42 []\nworker undefined []\nchild undefined []\n');
  });

  it('a missing setup file is a usage error, before the run', async () => {
    const cwd = createProject(FILES);
    const run = await runCli(['-s', 'nope.js', 'app.ts'], { cwd });
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'linecount: no such setup file: nope.js\n' });
    expect(existsSync(path.join(cwd, 'app.ts.lcprof'))).toBe(false);
  });

  it('with a -- command it is a usage error', async () => {
    const cwd = createProject(FILES);
    const run = await runCli(['-s', 'setup.cjs', '--', 'node', 'app.ts'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('linecount: -s/--setup needs a script or -e code, not a -- command');
  });
});
