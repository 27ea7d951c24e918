/**
 * `-p/--prof-mod`, `--prof-imports`, module top-level code and `--top` through the real
 * bin (issue #4, SPEC §2): every kind of target, a bad target, and what is reported.
 */
import { describe, expect, it } from 'vitest';
import { createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';
import { maskReport } from '../helpers/mask.js';

interface Results {
  functions: { name: string; file: string; line: number; lines: [number, number, number][] }[];
}

const FILES = {
  'lib/add.cjs': 'exports.add = function add(a, b) {\n  const s = a + b;\n  return s;\n};\n',
  'lib/mul.mjs': 'export function mul(a, b) {\n  return a * b;\n}\n',
  'lib/skip.mjs': '// linecount-ignore-file\nexport function skip(x) {\n  return x;\n}\n',
  'node_modules/esm-only/package.json': JSON.stringify({ name: 'esm-only', exports: { '.': { import: './dist/index.mjs' } } }),
  'node_modules/esm-only/dist/index.mjs': "import { helper } from './helper.mjs';\nexport function shout(s) {\n  return helper(s) + '!';\n}\n",
  'node_modules/esm-only/dist/helper.mjs': 'export function helper(s) {\n  return s.toUpperCase();\n}\n',
  'main.mjs': [
    "import { createRequire } from 'node:module';",
    "import { mul } from './lib/mul.mjs';",
    "import { skip } from './lib/skip.mjs';",
    "import { shout } from 'esm-only';",
    "const { add } = createRequire(import.meta.url)('./lib/add.cjs');",
    'let x = 0;',
    'for (let i = 0; i < 3; i++) {',
    '  x = add(x, mul(i, 2));',
    '}',
    'const y = await Promise.resolve(skip(x));',
    "console.log(shout('x=' + y));",
    '',
  ].join('\n'),
};

async function profile(args: string[]): Promise<{ cwd: string; results: Results; stdout: string; stderr: string }> {
  const cwd = createProject(FILES);
  const run = await runCli(['-o', 'out.lcprof', ...args, 'main.mjs'], { cwd });
  expect(run.code).toBe(0);
  expect(run.stdout.startsWith('X=6!\n')).toBe(true);
  return { cwd, results: readJson<Results>(cwd, 'out.lcprof'), stdout: run.stdout, stderr: run.stderr };
}

const names = (results: Results): string[] => results.functions.map((fn) => `${fn.file}:${fn.name}`).sort();

describe('-p/--prof-mod', () => {
  it('a file, a directory, a glob and a package, repeated and comma-separated', async () => {
    const { results } = await profile(['-p', 'lib/add.cjs,esm-only', '-p', 'lib/*.mjs']);
    expect(names(results)).toEqual([
      'lib/add.cjs:add',
      'lib/mul.mjs:mul',
      'node_modules/esm-only/dist/helper.mjs:helper',
      'node_modules/esm-only/dist/index.mjs:shout',
    ]);
    expect(hitsOf(results, 'add')).toEqual({ 2: 3, 3: 3 });
    expect(hitsOf(results, 'shout')).toEqual({ 3: 1 });
    const dir = await profile(['-p', 'lib']);
    expect(names(dir.results)).toEqual(['lib/add.cjs:add', 'lib/mul.mjs:mul']);
  });

  it('a bad target warns by name and the run goes on', async () => {
    const { results, stderr } = await profile(['-p', 'nothere,lib/mul.mjs', '-p', 'no-such-pkg']);
    expect(stderr).toContain('linecount: warning: -p nothere: no such file or package\n');
    expect(stderr).toContain('linecount: warning: -p no-such-pkg: no such file or package\n');
    expect(names(results)).toEqual(['lib/mul.mjs:mul']);
  });

  it('-p on the script profiles its top-level code as <module>', async () => {
    const { results, stdout } = await profile(['-v', '-p', 'main.mjs']);
    expect(names(results)).toEqual(['main.mjs:<module>']);
    expect(hitsOf(results, '<module>')).toEqual({ 5: 1, 6: 1, 7: 4, 8: 3, 10: 1, 11: 1 });
    expect(maskReport(stdout)).toContain(
      [
        'File: main.mjs',
        'Function: <module> at line 1',
        '',
        'Line #      Hits         Time  Per Hit   % Time  Line Contents',
        '==============================================================',
        "     1                                           import { createRequire } from 'node:module';",
        "     2                                           import { mul } from './lib/mul.mjs';",
        "     3                                           import { skip } from './lib/skip.mjs';",
        "     4                                           import { shout } from 'esm-only';",
        "     5         1 ############ ######## ########  const { add } = createRequire(import.meta.url)('./lib/add.cjs');",
        '     6         1 ############ ######## ########  let x = 0;',
        '     7         4 ############ ######## ########  for (let i = 0; i < 3; i++) {',
        '     8         3 ############ ######## ########    x = add(x, mul(i, 2));',
        '     9                                           }',
        '    10         1 ############ ######## ########  const y = await Promise.resolve(skip(x));',
        "    11         1 ############ ######## ########  console.log(shout('x=' + y));",
      ].join('\n'),
    );
  });

  it('--prof-imports also profiles what the script imports directly (not ignored files)', async () => {
    const { results } = await profile(['-p', 'main.mjs', '--prof-imports']);
    // add.cjs comes through createRequire(…)(…), which is not an import the script names.
    expect(names(results)).toEqual([
      'lib/mul.mjs:mul',
      'main.mjs:<module>',
      'node_modules/esm-only/dist/index.mjs:shout',
    ]);
  });

  it('--top N keeps the N functions with the most time, with -t and --summarize', async () => {
    const cwd = createProject({
      'app.js': [
        'function never() {',
        '  return 0;',
        '}',
        'function slow() {',
        '  const end = performance.now() + 30;',
        '  while (performance.now() < end);',
        '}',
        'function fast() {',
        '  const end = performance.now() + 1;',
        '  while (performance.now() < end);',
        '}',
        'slow();',
        'fast();',
        '',
      ].join('\n'),
    });
    const run = await runCli(['-q', '-v', '-t', '--summarize', '--top', '2', '-p', 'app.js', 'app.js'], { cwd });
    expect(run.code).toBe(0);
    const functions = [...run.stdout.matchAll(/^Function: (\S+)/gm)].map((m) => m[1]);
    expect(functions).toEqual(['slow', '<module>']);
    expect(run.stdout).toMatch(/seconds - app\.js:4 - slow\n.*seconds - app\.js:1 - <module>\n$/);
    const view = await runCli(['view', '--top', '1', 'app.js.lcprof'], { cwd });
    expect([...view.stdout.matchAll(/^Function: (\S+)/gm)].map((m) => m[1])).toEqual(['<module>']);
    const bad = await runCli(['view', '--top', '0', 'app.js.lcprof'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--top needs a positive whole number, got '0'");
  });
});
