/**
 * `linecount diff` end to end (issue 17): a TypeScript program profiled, changed (one
 * line made fast, another moved, a comment added) and profiled again. Hits are asserted
 * exactly, times only by their direction.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProject, readJson, runCli } from '../helpers/cli.js';
import { ITERATIONS, diffTableOf, profileBeforeAndAfter } from '../helpers/diff-project.js';

interface Row {
  kind: string;
  text: string;
  lineBefore?: number;
  lineAfter?: number;
  before?: { hits: number; time: number };
  after?: { hits: number; time: number };
}

interface Comparison {
  functions: { name: string; before?: { hits: number; time: number }; after?: { hits: number; time: number }; rows: Row[] }[];
}

describe('linecount diff', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await profileBeforeAndAfter();
  });

  it('aligns the two versions by content: moved lines matched, the changed line removed + added', async () => {
    const diff = await runCli(['diff', 'before.lcprof', 'after.lcprof'], { cwd });
    expect(diff.stderr).toBe('');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Same number of runs on each side (1).\nOne run a side: ');
    const table = diffTableOf(diff.stdout, 'work').map(({ cells, contents }) => [...cells.slice(0, 4), contents]);
    const n = String(ITERATIONS);
    expect(table).toEqual([
      ['1', '1', '', '', '  // @profile'],
      ['2', '2', '', '', '  function work(n: number): number {'],
      ['', '3', '', '', '+   // the sum in closed form (was a loop)'],
      ['3', '4', '1', '1', '    let total = 0;'],
      ['4', '5', String(ITERATIONS + 1), String(ITERATIONS + 1), '    for (let i = 0; i < n; i++) {'],
      ['5', '', n, '', '-     total += slowSum(i % 50);'],
      ['6', '6', n, n, '      total += i % 7;'],
      ['', '7', '', n, '+     total += fastSum(i % 50);'],
      ['7', '8', '', '', '    }'],
      ['8', '9', '1', '1', '    return total;'],
      ['9', '10', '', '', '  }'],
    ]);
  });

  it('the slow line, replaced, and the function got faster; --json has the same rows', async () => {
    const json = await runCli(['diff', '--json', 'before.lcprof', 'after.lcprof'], { cwd });
    expect(json.code).toBe(0);
    const work = (JSON.parse(json.stdout) as Comparison).functions.find((fn) => fn.name === 'work')!;
    const slow = work.rows.find((row) => row.text.includes('slowSum'))!;
    const fast = work.rows.find((row) => row.text.includes('fastSum'))!;
    expect([slow.kind, slow.lineBefore, slow.before?.hits]).toEqual(['removed', 5, ITERATIONS]);
    expect([fast.kind, fast.lineAfter, fast.after?.hits]).toEqual(['added', 7, ITERATIONS]);
    expect(fast.after!.time).toBeLessThan(slow.before!.time);
    expect(work.after!.time).toBeLessThan(work.before!.time);
    const text = await runCli(['diff', 'before.lcprof', 'after.lcprof'], { cwd });
    expect(text.stdout).toMatch(/^Total time: [\d.e-]+ s before, [\d.e-]+ s after \(×0\.\d+\)$/m);
  });

  it('-z drops functions that never ran, --top 1 keeps the biggest change, --summarize adds a line each', async () => {
    const all = await runCli(['diff', 'before.lcprof', 'after.lcprof'], { cwd });
    expect(all.stdout).toContain('\nFunction: idle at line ');
    const skipped = await runCli(['diff', '-z', 'before.lcprof', 'after.lcprof'], { cwd });
    expect(skipped.stdout).not.toContain('Function: idle');
    const top = await runCli(['diff', '-t', '--top', '1', '--summarize', 'before.lcprof', 'after.lcprof'], { cwd });
    expect(top.stdout.match(/^Function: /gm)).toEqual(['Function: ']);
    expect(top.stdout).toMatch(/\n {2}\d+\.\d\d -> {3}\d+\.\d\d seconds \(×[\d.]+\) - work\.ts:1 - work\n$/);
  });

  it('with several runs a side, the runs are counted, hits add up; a change is judged against their spread', async () => {
    const diff = await runCli(['diff', 'before.lcprof', 'before.lcprof', '--', 'after.lcprof', 'after.lcprof'], { cwd });
    expect(diff.stdout).toContain('Same number of runs on each side (2).');
    expect(diff.stdout).not.toContain('One run a side');
    const loop = diffTableOf(diff.stdout, 'work').find((row) => row.contents.includes('for (let i'))!;
    expect(loop.cells.slice(2, 4)).toEqual([String(2 * (ITERATIONS + 1)), String(2 * (ITERATIONS + 1))]);
  });

  it('each side may be several files, merged: the runs are counted and hits add up', async () => {
    const diff = await runCli(['diff', 'before.lcprof', 'before.lcprof', '--', 'after.lcprof'], { cwd });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Runs differ: 2 before, 1 after; hits and times are sums over the runs.');
    const loop = diffTableOf(diff.stdout, 'work').find((row) => row.contents.includes('for (let i'))!;
    expect(loop.cells.slice(2, 4)).toEqual([String(2 * (ITERATIONS + 1)), String(ITERATIONS + 1)]);
  });

  it('a renamed file: its functions are matched by name', async () => {
    const moved = createProject({});
    for (const file of ['before.lcprof', 'after.lcprof']) writeFileSync(path.join(moved, file), JSON.stringify(readJson(cwd, file)));
    const after = readJson<{ functions: { file: string }[]; sources: Record<string, string> }>(moved, 'after.lcprof');
    after.functions.forEach((fn) => (fn.file = 'lib/work.ts'));
    after.sources = { 'lib/work.ts': after.sources['work.ts']! };
    writeFileSync(path.join(moved, 'after.lcprof'), JSON.stringify(after));
    const diff = await runCli(['diff', 'before.lcprof', 'after.lcprof'], { cwd: moved });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('File: work.ts (before), lib/work.ts (after)\nFunction: work at line 1\n');
    expect(diffTableOf(diff.stdout, 'work').find((row) => row.contents.includes('i % 7'))!.cells.slice(0, 4)).toEqual(['6', '6', '2000', '2000']);
  });

  it("prints the text with a configured html (a run's report): only diff --html writes a page", async () => {
    writeFileSync(path.join(cwd, 'linecount.config.json'), '{ "html": "report.html" }');
    try {
      const diff = await runCli(['diff', 'before.lcprof', 'after.lcprof'], { cwd });
      expect([diff.code, diff.stderr, existsSync(path.join(cwd, 'report.html'))]).toEqual([0, '', false]);
      expect(diff.stdout).toContain('\nFunction: work at line 1\n');
    } finally {
      rmSync(path.join(cwd, 'linecount.config.json'));
    }
  });

  it('errors are one linecount: line and exit 2: damaged file, missing file, no function in common', async () => {
    writeFileSync(path.join(cwd, 'damaged.lcprof'), '{"format": "linecount"');
    const damaged = await runCli(['diff', 'damaged.lcprof', 'after.lcprof'], { cwd });
    expect([damaged.code, damaged.stdout]).toEqual([2, '']);
    expect(damaged.stderr).toMatch(/^linecount: damaged\.lcprof is not a linecount results file \(invalid JSON: .*\)\n$/);
    const missing = await runCli(['diff', 'before.lcprof', 'nothere.lcprof'], { cwd });
    expect([missing.code, missing.stderr]).toEqual([2, 'linecount: cannot read nothere.lcprof (no such file)\n']);
    expect((await runCli(['-q', '-o', 'other.lcprof', '-e', '/* @profile */ function other() { return 1; }\nother();'], { cwd })).code).toBe(0);
    const apart = await runCli(['diff', 'other.lcprof', 'after.lcprof'], { cwd });
    expect([apart.code, apart.stdout, apart.stderr]).toEqual([2, '', 'linecount: other.lcprof and after.lcprof have no function in common\n']);
  });

  it('a results file without recorded lines is read from disk; a missing source is matched by position', async () => {
    const older = createProject({});
    const results = readJson<{ sources?: unknown; meta: { cwd: string } }>(cwd, 'after.lcprof');
    delete results.sources;
    writeFileSync(path.join(older, 'before.lcprof'), JSON.stringify(readJson(cwd, 'before.lcprof')));
    writeFileSync(path.join(older, 'after.lcprof'), JSON.stringify(results));
    const fromDisk = await runCli(['diff', 'before.lcprof', 'after.lcprof'], { cwd: older });
    expect(diffTableOf(fromDisk.stdout, 'work').find((row) => row.contents.includes('fastSum'))!.cells.slice(0, 4)).toEqual(['', '7', '', '2000']);
    results.meta.cwd = older;
    writeFileSync(path.join(older, 'after.lcprof'), JSON.stringify(results));
    const lost = await runCli(['diff', 'before.lcprof', 'after.lcprof'], { cwd: older });
    expect(lost.code).toBe(0);
    expect(lost.stdout).toContain('Function: work at line 1\nCould not find the source of the after run: lines matched by position\n');
  });
});
