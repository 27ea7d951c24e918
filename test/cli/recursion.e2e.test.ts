/**
 * The recursion views (SPEC §3, issue 18) end to end: runs and LINE_PROFILE mode count a
 * nested activation's time once by default and record the view in the results file;
 * `--recursion inclusive` (or the `recursion` configuration key) gives kernprof's view;
 * `view` and `merge` refuse to combine the two; files written before views existed read
 * as inclusive.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';
import { createLinkedProject, runNode } from '../helpers/register.js';

interface Results {
  recursion?: string;
  functions: { name: string; totalTime: number; lines: [number, number, number][] }[];
}

/** fib(16): 3193 calls; line 4 (the recursive line) holds everything under each call. */
const APP = `// @profile
function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
console.log(fib(16));
`;

/** `[time of line 4, total]` of fib in a results file. */
function recursiveLine(results: Results): [number, number] {
  const fib = results.functions.find((fn) => fn.name === 'fib')!;
  return [fib.lines.find(([line]) => line === 4)![2], fib.totalTime];
}

async function profile(cwd: string, outfile: string, ...flags: string[]): Promise<Results> {
  const result = await runCli(['-q', '-o', outfile, ...flags, 'app.js'], { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return readJson<Results>(cwd, outfile);
}

describe('--recursion', () => {
  it('counts recursion once by default, inclusive on request; hits are the same', async () => {
    const cwd = createProject({ 'app.js': APP });
    const once = await profile(cwd, 'once.lcprof', '--no-compensate');
    const inclusive = await profile(cwd, 'inclusive.lcprof', '--no-compensate', '--recursion', 'inclusive');
    expect(once.recursion).toBe('once');
    expect(inclusive.recursion).toBe('inclusive');
    expect(hitsOf(once, 'fib')).toEqual({ 3: 3193, 4: 1596 });
    expect(hitsOf(inclusive, 'fib')).toEqual(hitsOf(once, 'fib'));
    const [line, total] = recursiveLine(once);
    expect(line).toBeLessThanOrEqual(total);
    // Uncompensated, the lines tile the total (up to 1 ns of rounding per line).
    const sum = once.functions[0]!.lines.reduce((s, row) => s + row[2], 0);
    expect(Math.abs(sum - total)).toBeLessThanOrEqual(2);
    // kernprof's view: the recursive line counts every nested activation again.
    const [inclusiveLine, inclusiveTotal] = recursiveLine(inclusive);
    expect(inclusiveLine).toBeGreaterThan(2 * inclusiveTotal);
  });

  it('the compensated default keeps every line of a recursive function under 100 %', async () => {
    const cwd = createProject({ 'app.js': APP });
    const [line, total] = recursiveLine(await profile(cwd, 'app.lcprof'));
    expect(line).toBeLessThanOrEqual(total);
  });

  it('the configuration key chooses the view; a bad value is refused', async () => {
    const cwd = createProject({ 'app.js': APP, 'linecount.config.json': JSON.stringify({ recursion: 'inclusive' }) });
    expect((await profile(cwd, 'app.lcprof')).recursion).toBe('inclusive');
    expect((await profile(cwd, 'flag.lcprof', '--recursion', 'once')).recursion).toBe('once');
    const bad = await runCli(['--recursion', 'exclusive', 'app.js'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^linecount: --recursion needs once or inclusive, got 'exclusive'\n/);
    writeFileSync(path.join(cwd, 'linecount.config.json'), JSON.stringify({ recursion: 'exclusive' }));
    const badKey = await runCli(['app.js'], { cwd });
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/^linecount: .*recursion.*"once" or "inclusive"/);
  });

  it('view, merge and diff refuse to combine the two views in one line, exit 2', async () => {
    const cwd = createProject({ 'app.js': APP });
    await profile(cwd, 'once.lcprof');
    await profile(cwd, 'inclusive.lcprof', '--recursion', 'inclusive');
    const message =
      'linecount: cannot combine once.lcprof (recursion: once) with inclusive.lcprof (recursion: inclusive): ' +
      'their line times count recursion differently; profile both with the same --recursion\n';
    for (const args of [['view'], ['merge', '-o', 'both.lcprof'], ['diff']]) {
      const result = await runCli([...args, 'once.lcprof', 'inclusive.lcprof'], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(message);
      expect(result.stdout).toBe('');
    }
    const same = await runCli(['merge', '-o', 'twice.lcprof', 'once.lcprof', 'once.lcprof'], { cwd });
    expect(same.code).toBe(0);
    expect(readJson<Results>(cwd, 'twice.lcprof').recursion).toBe('once');
  });

  it('a results file without "recursion" (older linecount) reads as inclusive', async () => {
    const cwd = createProject({ 'app.js': APP });
    await profile(cwd, 'once.lcprof');
    await profile(cwd, 'inclusive.lcprof', '--recursion', 'inclusive');
    const old = JSON.parse(readFileSync(path.join(cwd, 'inclusive.lcprof'), 'utf8')) as Results;
    delete old.recursion;
    writeFileSync(path.join(cwd, 'old.lcprof'), JSON.stringify(old));
    const merged = await runCli(['merge', '-o', 'merged.lcprof', 'old.lcprof', 'inclusive.lcprof'], { cwd });
    expect(merged.code).toBe(0);
    expect(readJson<Results>(cwd, 'merged.lcprof').recursion).toBe('inclusive');
    const mixed = await runCli(['view', 'once.lcprof', 'old.lcprof'], { cwd });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/^linecount: cannot combine once\.lcprof \(recursion: once\) with old\.lcprof \(recursion: inclusive\)/);
  });

  it('LINE_PROFILE mode counts recursion once by default, inclusive with the configuration key', async () => {
    for (const config of [{}, { recursion: 'inclusive' }]) {
      const cwd = createLinkedProject({ 'package.json': JSON.stringify({ name: 'app', linecount: config }), 'app.js': APP });
      const result = await runNode(['--import', '@linecount/profiler/register', 'app.js'], { cwd, env: { LINE_PROFILE: '1' } });
      expect(result.code).toBe(0);
      const results = readJson<Results>(cwd, 'profile_output.lcprof');
      expect(results.recursion).toBe('recursion' in config ? 'inclusive' : 'once');
      const [line, total] = recursiveLine(results);
      if ('recursion' in config) expect(line).toBeGreaterThan(total);
      else expect(line).toBeLessThanOrEqual(total);
    }
  });
});
