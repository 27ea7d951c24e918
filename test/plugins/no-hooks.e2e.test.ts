/**
 * Built code starts profiling without load hooks (SPEC §8): its own files are instrumented
 * already, and the program's other files, in its process and in the child processes that
 * join its session, run as they are.
 */
import path from 'node:path';
import { build } from 'esbuild';
import linecount from '@linecount/profiler/esbuild';
import { expect, it } from 'vitest';
import { hitsOf, readJson } from '../helpers/cli.js';
import { createLinkedProject, runNode, type Results } from '../helpers/register.js';

const profiled = (name: string): string => `// @profile\nexport function ${name}() {\n  return '${name}';\n}\n`;

const PROJECT = {
  'src/main.mjs': `import { spawnSync } from 'node:child_process';
import { parent } from './parent.mjs';
const { outside } = await import('./outside.mjs');
console.log(parent(), outside());
spawnSync(process.execPath, ['child.mjs'], { stdio: 'inherit' });
`,
  'src/parent.mjs': profiled('parent'),
  'src/child.mjs': `import { child } from './child-lib.mjs';\nconst { outside } = await import('./outside.mjs');\nconsole.log(child(), outside());\n`,
  'src/child-lib.mjs': profiled('child'),
  'outside.mjs': profiled('outside'),
};

it('a bundle and the child processes of its session profile built code only', async () => {
  const dir = createLinkedProject(PROJECT);
  for (const name of ['main', 'child']) {
    await build({
      entryPoints: [path.join(dir, `src/${name}.mjs`)],
      outfile: path.join(dir, `${name}.mjs`),
      bundle: true,
      platform: 'node',
      format: 'esm',
      // Left to Node, as the bundle's own import: ./outside.mjs next to the bundle.
      external: ['./outside.mjs'],
      logLevel: 'silent',
      plugins: [linecount()],
    });
  }
  const result = await runNode(['main.mjs'], { cwd: dir, env: { LINE_PROFILE: '1' } });
  expect(result.stderr).toBe('');
  expect(result.stdout.split('\n').slice(0, 2)).toEqual(['parent outside', 'child outside']);
  const results = readJson<Results>(dir, 'profile_output.lcprof');
  expect(results.functions.map((fn) => fn.name).sort()).toEqual(['child', 'parent']);
  expect(hitsOf(results, 'child')).toEqual({ 3: 1 });
  expect(hitsOf(results, 'parent')).toEqual({ 3: 1 });
});
