/**
 * The disk cache of instrumented output (issue #4): a hit skips the transform, a
 * changed file or option re-instruments, `--no-cache` skips it, and two processes can
 * share one cache.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheEntryHead, createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';

type Results = Parameters<typeof hitsOf>[0];

const APP = '// @profile\nfunction twice(x) {\n  return 2 * x;\n}\nconsole.log(twice(21));\n';

/** The cache's entries of instrumented code (it also keeps a probe cost and syntax checks, issue #12). */
function entries(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .sort();
  } catch {
    return [];
  }
}

async function run(cwd: string, cache: string, ...args: string[]) {
  return runCli(['-q', ...args, 'app.js'], { cwd, env: { LINECOUNT_CACHE_DIR: cache } });
}

describe('instrumented-output cache', () => {
  it('a miss writes an entry, a hit uses it without transforming, a change re-instruments', async () => {
    const cwd = createProject({ 'app.js': APP });
    const cache = path.join(cwd, 'cache');
    const first = await run(cwd, cache);
    expect(first).toMatchObject({ code: 0, stdout: '42\n', stderr: '' });
    const [entry] = entries(cache);
    expect(entries(cache)).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.js$/)]);
    // The entry is what runs: replace its code (after what it was made from) and the program says so.
    writeFileSync(path.join(cache, entry!), `${cacheEntryHead(path.join(cache, entry!))}console.log('from the cache');\n`);
    expect((await run(cwd, cache)).stdout).toBe('from the cache\n');
    // --no-cache neither reads nor writes it.
    const bypass = await run(cwd, cache, '--no-cache');
    expect(bypass.stdout).toBe('42\n');
    expect(hitsOf(readJson<Results>(cwd, 'app.js.lcprof'), 'twice')).toEqual({ 3: 1 });
    expect(entries(cache)).toHaveLength(1);
    // Another option, then another source: new keys.
    expect((await run(cwd, cache, '--no-await-time')).stdout).toBe('42\n');
    expect(entries(cache)).toHaveLength(2);
    writeFileSync(path.join(cwd, 'app.js'), APP.replace('21', '5'));
    expect((await run(cwd, cache)).stdout).toBe('10\n');
    expect(entries(cache)).toHaveLength(3);
    // -p on a file makes a different output too (every function, the module code).
    expect((await run(cwd, cache, '-p', 'app.js')).stdout).toBe('10\n');
    expect(entries(cache)).toHaveLength(4);
  });

  it('an entry is read only for the source it was made from: an edit that keeps the name re-instruments, a damaged entry is a miss', async () => {
    // The entry's name holds a long source's length and ends: an edit in the middle keeps it.
    const padded = (n: string): string => `// ${'x'.repeat(300)}\n${APP.replace('21', n)}// ${'y'.repeat(300)}\n`;
    const cwd = createProject({ 'app.js': padded('21') });
    const cache = path.join(cwd, 'cache');
    expect(await run(cwd, cache)).toMatchObject({ code: 0, stdout: '42\n', stderr: '' });
    const [entry] = entries(cache);
    writeFileSync(path.join(cwd, 'app.js'), padded('12'));
    expect(await run(cwd, cache)).toMatchObject({ code: 0, stdout: '24\n', stderr: '' });
    expect(entries(cache)).toEqual([entry]);
    expect(hitsOf(readJson<Results>(cwd, 'app.js.lcprof'), 'twice')).toEqual({ 4: 1 });
    writeFileSync(path.join(cache, entry!), 'damaged');
    expect(await run(cwd, cache)).toMatchObject({ code: 0, stdout: '24\n', stderr: '' });
    expect(hitsOf(readJson<Results>(cwd, 'app.js.lcprof'), 'twice')).toEqual({ 4: 1 });
  });

  it('two processes share one cache', async () => {
    const cwd = createProject({ 'app.js': APP });
    const cache = path.join(cwd, 'shared-cache');
    const [a, b] = await Promise.all([run(cwd, cache, '-o', 'a.lcprof'), run(cwd, cache, '-o', 'b.lcprof')]);
    expect(a).toMatchObject({ code: 0, stdout: '42\n', stderr: '' });
    expect(b).toMatchObject({ code: 0, stdout: '42\n', stderr: '' });
    expect(entries(cache)).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.js$/)]);
    for (const file of ['a.lcprof', 'b.lcprof']) expect(hitsOf(readJson<Results>(cwd, file), 'twice')).toEqual({ 3: 1 });
    const again = await run(cwd, cache);
    expect(again.stdout).toBe('42\n');
    expect(hitsOf(readJson<Results>(cwd, 'app.js.lcprof'), 'twice')).toEqual({ 3: 1 });
  });

  it('a change of the tsconfig.json, or of the one it extends, re-instruments', async () => {
    const app = "function h(): string { return 'h'; }\nfunction k(): string { return 'k'; }\n// @profile\nfunction tag(): string {\n  return <i /> as unknown as string;\n}\nconsole.log(tag());\n";
    const options = (factory: string): string => JSON.stringify({ compilerOptions: { jsx: 'react', jsxFactory: factory } });
    const cwd = createProject({ 'app.tsx': app, 'tsconfig.json': options('h'), 'sub/app.tsx': app, 'sub/tsconfig.json': '{ "extends": "./base.json" }', 'sub/base.json': options('h') });
    const cache = path.join(cwd, 'cache');
    const runTsx = (file: string) => runCli(['-q', file], { cwd, env: { LINECOUNT_CACHE_DIR: cache } });
    for (const [file, config] of [['app.tsx', 'tsconfig.json'], ['sub/app.tsx', 'sub/base.json']] as const) {
      expect(await runTsx(file)).toMatchObject({ code: 0, stdout: 'h\n', stderr: '' });
      expect(await runTsx(file)).toMatchObject({ code: 0, stdout: 'h\n', stderr: '' });
      writeFileSync(path.join(cwd, config), options('k'));
      expect(await runTsx(file)).toMatchObject({ code: 0, stdout: 'k\n', stderr: '' });
    }
  });
});
