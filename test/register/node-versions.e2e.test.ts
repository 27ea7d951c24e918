import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OTHER_NODES, hitsOf, readJson } from '../helpers/cli.js';
import { createLinkedProject, listOutputs, runNode, type Results } from '../helpers/register.js';

/** ESM TS importing TS and requiring CJS, with a worker thread: each profiled (SPEC §7). */
const PROJECT = {
  'package.json': '{ "type": "module" }\n',
  'main.ts': `import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { twice } from './lib.ts';
const { half } = createRequire(import.meta.url)('./legacy.cjs');
// @profile
export function both(x: number): number {
  return half(twice(x));
}
console.log(both(4), both(6));
await once(new Worker(new URL('./worker.ts', import.meta.url)), 'exit');
`,
  'worker.ts': `import { twice } from './lib.ts';\ntwice(1);\n`,
  'lib.ts': `// @profile\nexport const twice = (x: number): number => x * 2;\n`,
  'legacy.cjs': `// @profile\nfunction half(x) {\n  return x / 2;\n}\nmodule.exports = { half };\n`,
};

const NODES = [{ major: 20, path: process.execPath }, ...OTHER_NODES];

// Node 22 and 24 come from scripts/install-nodes.sh, which .ci/run always runs.
describe.each(NODES)('@linecount/profiler/register on Node $major', ({ major, path: node }) => {
  const available = existsSync(node);
  it.runIf(available || process.env.CI).each(['--import', '--require'])('%s, LINE_PROFILE off: nothing', async (preload) => {
    const cwd = createLinkedProject(PROJECT);
    const result = await runNode([preload, '@linecount/profiler/register', 'main.ts'], { cwd, node, env: { LINE_PROFILE: undefined } });
    // Without tsx, Node cannot run TypeScript: off means off. Node ≥ 22.18 strips types itself.
    const plain = await runNode(['main.ts'], { cwd, node });
    expect(result).toEqual(plain);
    expect(listOutputs(cwd)).toEqual(Object.keys(PROJECT).sort());
  });

  it.runIf(available || process.env.CI).each(['--import', '--require'])('%s, LINE_PROFILE=1: profiled and merged', async (preload) => {
    const cwd = createLinkedProject(PROJECT);
    const result = await runNode([preload, '@linecount/profiler/register', 'main.ts'], { cwd, node, env: { LINE_PROFILE: '1' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('4 6');
    const results = readJson<Results>(cwd, 'profile_output.lcprof');
    expect(results.meta.node).toMatch(new RegExp(`^v${major}\\.`));
    expect(hitsOf(results, 'both')).toEqual({ 8: 2 });
    expect(hitsOf(results, 'twice')).toEqual({ 2: 3 });
    expect(hitsOf(results, 'half')).toEqual({ 3: 2 });
  });
});
