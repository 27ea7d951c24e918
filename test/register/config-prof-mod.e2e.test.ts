/**
 * LINE_PROFILE mode honours the configuration's `profMod`, `profImports`, `cache` and
 * `cacheDir` (SPEC §2, §7), as the CLI does: the owner resolves the targets and its
 * child processes and worker threads instrument the same files.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheEntryHead, hitsOf, readJson } from '../helpers/cli.js';
import { createLinkedProject, runNode, type Results } from '../helpers/register.js';

/** No pragma anywhere: only `profMod` can select these functions. */
const LIB = ['function add(a, b) {', '  const s = a + b;', '  return s;', '}', 'module.exports = { add };', ''].join('\n');

/** Calls `add` 3 times, prints 3. */
const APP = [
  "const { add } = require('./lib.cjs');",
  'let total = 0;',
  'for (let i = 0; i < 3; i++) total = add(total, i);',
  'console.log(total);',
  '',
].join('\n');

/** Runs app.js in itself, in a worker thread and in a child process: 9 calls of `add`. */
const FAMILY = [
  "const { execFileSync } = require('node:child_process');",
  "const { Worker } = require('node:worker_threads');",
  "process.stdout.write(execFileSync(process.execPath, ['app.js'], { encoding: 'utf8' }));",
  "require('./app.js');",
  "new Worker('./app.js');",
  '',
].join('\n');

function project(config: object, files: Record<string, string> = {}): string {
  return createLinkedProject({
    'package.json': JSON.stringify({ name: 'app', linecount: config }),
    'lib.cjs': LIB,
    'app.js': APP,
    ...files,
  });
}

function profileFrom(cwd: string): Results {
  return readJson<Results>(cwd, 'profile_output.lcprof');
}

const functionsOf = (results: Results): string[] => results.functions.map((fn) => `${fn.file}:${fn.name}`).sort();

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

describe('configuration profMod in LINE_PROFILE mode', () => {
  it('profiles a file without pragmas wholesale, in the process, its worker and its child', async () => {
    for (const preload of ['--import', '--require']) {
      const cwd = project({ profMod: 'lib.cjs', cache: false }, { 'family.js': FAMILY });
      const result = await runNode([preload, '@linecount/profiler/register', 'family.js'], { cwd, env: { LINE_PROFILE: '1' } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.startsWith('3\n3\n3\n')).toBe(true);
      const results = profileFrom(cwd);
      expect(functionsOf(results)).toEqual(['lib.cjs:add']);
      expect(hitsOf(results, 'add')).toEqual({ 2: 9, 3: 9 });
    }
  });

  it('on the program itself: its top-level code too, and with profImports what it imports', async () => {
    const cwd = project({ profMod: ['app.js'], profImports: true, cache: false });
    const result = await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const results = profileFrom(cwd);
    expect(functionsOf(results)).toEqual(['app.js:<module>', 'lib.cjs:add']);
    expect(hitsOf(results, '<module>')).toEqual({ 1: 1, 2: 1, 3: 4, 4: 1 });
    expect(hitsOf(results, 'add')).toEqual({ 2: 3, 3: 3 });
  });

  it('a target that matches nothing is a warning; the rest is profiled', async () => {
    const cwd = project({ profMod: ['nothere', 'lib.cjs'], cache: false });
    const result = await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('linecount: warning: profMod nothere: no such file or package\n');
    expect(result.stdout.startsWith('3\n')).toBe(true);
    expect(hitsOf(profileFrom(cwd), 'add')).toEqual({ 2: 3, 3: 3 });
  });

  it('caches the instrumented file in cacheDir; a second run uses the entry, same hits', async () => {
    const cwd = project({ profMod: 'lib.cjs', cacheDir: 'lc-cache' });
    const cache = path.join(cwd, 'lc-cache');
    const run = (): ReturnType<typeof runNode> => runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1' } });
    expect(await run()).toMatchObject({ code: 0, stderr: '' });
    expect(hitsOf(profileFrom(cwd), 'add')).toEqual({ 2: 3, 3: 3 });
    const [entry] = entries(cache);
    expect(entries(cache)).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.js$/)]);
    const written = statSync(path.join(cache, entry!)).mtimeMs;
    expect(await run()).toMatchObject({ code: 0, stderr: '' });
    expect(hitsOf(profileFrom(cwd), 'add')).toEqual({ 2: 3, 3: 3 });
    expect(entries(cache)).toEqual([entry]);
    expect(statSync(path.join(cache, entry!)).mtimeMs).toBe(written);
    // The entry is what runs: replace its code (after what it was made from) and the program says so.
    writeFileSync(path.join(cache, entry!), `${cacheEntryHead(path.join(cache, entry!))}exports.add = () => 'from the cache';\n`);
    expect((await run()).stdout.startsWith('from the cache\n')).toBe(true);
  });

  it('caches in node_modules/.cache/linecount by default; "cache": false writes none', async () => {
    for (const cache of [true, false]) {
      const cwd = project({ profMod: 'lib.cjs', cache });
      const result = await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1' } });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(hitsOf(profileFrom(cwd), 'add')).toEqual({ 2: 3, 3: 3 });
      expect(entries(path.join(cwd, 'node_modules/.cache/linecount'))).toHaveLength(cache ? 1 : 0);
    }
  });
});
