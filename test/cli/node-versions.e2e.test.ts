import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OTHER_NODES, createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';

type Results = Parameters<typeof hitsOf>[0] & { meta: { node: string } };

const PROJECT = {
  'main.ts': `import { twice } from './lib.js';\nimport { createRequire } from 'node:module';\nconst { half } = createRequire(import.meta.url)('./legacy.cjs');\n// @profile\nexport function both(x: number): number {\n  return half(twice(x));\n}\nconsole.log(both(4), both(6));\n`,
  'lib.ts': `// @profile\nexport const twice = (x: number): number => x * 2;\n`,
  'legacy.cjs': `// @profile\nfunction half(x) {\n  return x / 2;\n}\nmodule.exports = { half };\n`,
  'package.json': '{ "type": "module" }\n',
};

// Node 22 and 24 come from scripts/install-nodes.sh, which .ci/run always runs.
describe.each(OTHER_NODES)('on Node $major', ({ major, path: node }) => {
  const available = existsSync(node);
  it.runIf(available || process.env.CI)('instruments ESM TS, imported TS and required CJS', async () => {
    const cwd = createProject(PROJECT);
    const result = await runCli(['main.ts'], { cwd, node });
    expect(result.stdout).toBe('4 6\n');
    expect(result.code).toBe(0);
    const results = readJson<Results>(cwd, 'main.ts.lcprof');
    expect(results.meta.node).toMatch(new RegExp(`^v${major}\\.`));
    expect(hitsOf(results, 'both')).toEqual({ 6: 2 });
    expect(hitsOf(results, 'twice')).toEqual({ 2: 2 });
    expect(hitsOf(results, 'half')).toEqual({ 3: 2 });
  });
});

describe('on Node 20', () => {
  it('instruments the same project', async () => {
    const cwd = createProject(PROJECT);
    const result = await runCli(['main.ts'], { cwd });
    expect(result.stdout).toBe('4 6\n');
    const results = readJson<Results>(cwd, 'main.ts.lcprof');
    expect(hitsOf(results, 'both')).toEqual({ 6: 2 });
    expect(hitsOf(results, 'twice')).toEqual({ 2: 2 });
    expect(hitsOf(results, 'half')).toEqual({ 3: 2 });
  });
});
