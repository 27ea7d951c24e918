import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, hitsOf, readJson, runCli } from '../helpers/cli.js';
import { maskReport } from '../helpers/mask.js';

type Results = Parameters<typeof hitsOf>[0] & { probeCostNs: number; compensated: boolean };

const APP = `// @profile
function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
// @profile
function never() {
  return 0;
}
console.log(fib(Number(process.argv[2])));
`;

async function profile(cwd: string, n: number, outfile: string, ...flags: string[]): Promise<void> {
  const result = await runCli(['-q', '-o', outfile, ...flags, 'app.js', String(n)], { cwd });
  expect(result.code).toBe(0);
}

describe('linecount view and merge', () => {
  it('view merges several results files: hits add up', async () => {
    const cwd = createProject({ 'app.js': APP });
    await profile(cwd, 5, 'a.lcprof');
    await profile(cwd, 6, 'b.lcprof');
    // fib(5) makes 15 calls, fib(6) 25.
    expect(hitsOf(readJson<Results>(cwd, 'a.lcprof'), 'fib')).toEqual({ 3: 15, 4: 7 });
    const merged = await runCli(['merge', '-o', 'ab.lcprof', 'a.lcprof', 'b.lcprof'], { cwd });
    expect(merged.code).toBe(0);
    expect(hitsOf(readJson<Results>(cwd, 'ab.lcprof'), 'fib')).toEqual({ 3: 40, 4: 19 });
    const view = await runCli(['view', 'a.lcprof', 'b.lcprof'], { cwd });
    expect(view.code).toBe(0);
    expect(maskReport(view.stdout)).toContain(
      [
        'Line #      Hits         Time  Per Hit   % Time  Line Contents',
        '==============================================================',
        '     1                                           // @profile',
        '     2                                           function fib(n) {',
        '     3        40 ############ ######## ########    if (n < 2) return n;',
        '     4        19 ############ ######## ########    return fib(n - 1) + fib(n - 2);',
        '     5                                           }',
      ].join('\n'),
    );
  });

  it('a function that never ran shows Total time: 0 s; -z drops it', async () => {
    const cwd = createProject({ 'app.js': APP });
    await profile(cwd, 3, 'a.lcprof');
    const all = await runCli(['view', 'a.lcprof'], { cwd });
    expect(all.stdout).toContain('Total time: 0 s\nFile: app.js\nFunction: never at line 6\n');
    const skipped = await runCli(['view', '-z', 'a.lcprof'], { cwd });
    expect(skipped.stdout).not.toContain('Function: never');
    expect(skipped.stdout).toContain('Function: fib at line 1');
  });

  it('--summarize, -t and -u change the report as kernprof does', async () => {
    const cwd = createProject({ 'app.js': APP });
    await profile(cwd, 12, 'a.lcprof');
    const view = await runCli(['view', '-t', '--summarize', '-u', '1e-3', 'a.lcprof'], { cwd });
    expect(view.stdout.startsWith('Timer unit: 0.001 s\n\n')).toBe(true);
    // Sorted by total time ascending: never (0 s) first.
    expect(view.stdout.indexOf('Function: never')).toBeLessThan(view.stdout.indexOf('Function: fib'));
    expect(view.stdout).toMatch(/\n {2}0\.00 seconds - app\.js:6 - never\n {2}\d+\.\d\d seconds - app\.js:1 - fib\n$/);
  });

  it('records the probe cost and whether it was compensated', async () => {
    const cwd = createProject({ 'app.js': APP });
    await profile(cwd, 10, 'on.lcprof');
    await profile(cwd, 10, 'off.lcprof', '--no-compensate');
    const on = readJson<Results>(cwd, 'on.lcprof');
    const off = readJson<Results>(cwd, 'off.lcprof');
    expect(on.compensated).toBe(true);
    expect(off.compensated).toBe(false);
    expect(on.probeCostNs).toBeGreaterThan(0);
    expect(hitsOf(on, 'fib')).toEqual(hitsOf(off, 'fib'));
    const diagnostics = await runCli(['-vv', 'app.js', '3'], { cwd });
    expect(diagnostics.stderr).toMatch(/^linecount: probe cost \d+(\.\d+)? ns, subtracted per hit$/m);
  });

  it('shows the recorded lines when the source has changed or is gone (issue 17)', async () => {
    const cwd = createProject({ 'app.js': APP });
    await profile(cwd, 3, 'a.lcprof');
    expect(readJson<{ sources: Record<string, string> }>(cwd, 'a.lcprof').sources['app.js']).toBe(APP.split('\n').slice(0, 9).join('\n'));
    rmSync(path.join(cwd, 'app.js'));
    const view = await runCli(['view', 'a.lcprof'], { cwd });
    expect(view.stdout).toMatch(/^ {5}3 {9}5 +[\d.]+ +[\d.]+ +[\d.]+ {4}if \(n < 2\) return n;$/m);
  });

  it('prints "Could not find file" when a file without recorded lines has lost its source', async () => {
    const cwd = createProject({ 'app.js': APP });
    await profile(cwd, 3, 'a.lcprof');
    // A results file of linecount before issue 17: no `sources`.
    const older = readJson<{ sources?: Record<string, string> }>(cwd, 'a.lcprof');
    delete older.sources;
    writeFileSync(path.join(cwd, 'a.lcprof'), JSON.stringify(older));
    rmSync(path.join(cwd, 'app.js'));
    const view = await runCli(['view', 'a.lcprof'], { cwd });
    expect(view.stdout).toContain('\nCould not find file app.js\n');
    expect(view.stdout).toMatch(/^ {5}3 {9}5 +[\d.]+ +[\d.]+ +[\d.]+ {2}$/m);
  });
});
