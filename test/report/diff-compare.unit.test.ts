/** The parts of `linecount diff` (issue 17): line alignment, function matching, the noise rule. */
import { describe, expect, it } from 'vitest';
import type { FunctionResult } from '../../packages/runtime/src/index.js';
import { alignLines } from '../../packages/cli/src/command/diff/align-lines.js';
import { compareMeasures, type SideSummary } from '../../packages/cli/src/command/diff/compare-runs.js';
import { formatChange, selectDiffFunctions } from '../../packages/cli/src/command/diff/diff-select.js';
import { pairFunctions } from '../../packages/cli/src/command/diff/pair-functions.js';
import { runsOverlap } from '../../packages/cli/src/command/diff/run-spread.js';

function fn(file: string, name: string, line: number, totalTime = 0): FunctionResult {
  return { file, name, line, endLine: line + 2, totalTime, lines: [] };
}

const SIDE: SideSummary = { files: ['a.lcprof'], runs: 1, probeCostNs: 35, compensated: true, resolutionNs: 0 };

describe('alignLines', () => {
  it('matches equal lines (trailing whitespace aside); a changed line is removed, then added', () => {
    const before = ['a', 'b  ', 'old', 'c'];
    const after = ['new line', 'a', 'b', 'c', 'd'];
    expect(alignLines(before, after)).toEqual([
      [undefined, 0],
      [0, 1],
      [1, 2],
      [2, undefined],
      [3, 3],
      [undefined, 4],
    ]);
  });

  it('a moved line is kept once on each side: removed where it was, added where it is', () => {
    expect(alignLines(['x', 'y', 'z'], ['y', 'z', 'x'])).toEqual([
      [0, undefined],
      [1, 0],
      [2, 1],
      [undefined, 2],
    ]);
  });
});

describe('pairFunctions', () => {
  it('by file and name, several of one name in order; then a name unique on both sides across files', () => {
    const before = [fn('a.ts', 'f', 1), fn('a.ts', '<anonymous>', 5), fn('a.ts', '<anonymous>', 9), fn('old.ts', 'g', 1), fn('a.ts', 'gone', 20)];
    const after = [fn('a.ts', '<anonymous>', 7), fn('a.ts', 'f', 3), fn('new.ts', 'g', 1), fn('a.ts', '<anonymous>', 12), fn('b.ts', 'fresh', 1)];
    const pairs = pairFunctions(before, after).map(([b, a]) => [b && `${b.file}:${b.line}`, a && `${a.file}:${a.line}`]);
    expect(pairs).toEqual([
      ['a.ts:5', 'a.ts:7'],
      ['a.ts:1', 'a.ts:3'],
      ['old.ts:1', 'new.ts:1'],
      ['a.ts:9', 'a.ts:12'],
      [undefined, 'b.ts:1'],
      ['a.ts:20', undefined],
    ]);
  });

  it('an ambiguous name across files is not matched', () => {
    const pairs = pairFunctions([fn('x.ts', 'h', 1)], [fn('y.ts', 'h', 1), fn('z.ts', 'h', 1)]);
    expect(pairs.every(([b, a]) => !b || !a)).toBe(true);
  });
});

describe('the noise floor: a tenth of the probe cost per hit, a clock step per √hits, both sides', () => {
  it('a change smaller than the floor is noise, a bigger one is not', () => {
    // 1000 hits a side at 35 ns: 3.5 µs + 3.5 µs.
    expect(compareMeasures({ hits: 1000, time: 50_000 }, { hits: 1000, time: 56_999 }, [SIDE, SIDE]).noise).toBe(true);
    expect(compareMeasures({ hits: 1000, time: 50_000 }, { hits: 1000, time: 57_001 }, [SIDE, SIDE]).noise).toBe(false);
  });

  it("a coarse clock's step widens it", () => {
    const browser = { ...SIDE, resolutionNs: 100_000 };
    // √100 × 100 µs a side.
    expect(compareMeasures({ hits: 100, time: 1e6 }, { hits: 100, time: 2.9e6 }, [browser, browser]).noise).toBe(true);
    expect(compareMeasures({ hits: 100, time: 1e6 }, { hits: 100, time: 2.9e6 }, [SIDE, SIDE]).noise).toBe(false);
  });

  it('with two runs or more a side, a change within the spread of the runs is noise', () => {
    const [before, after] = [{ hits: 10, time: 200_000 }, { hits: 10, time: 300_000 }];
    expect(compareMeasures(before, after, [SIDE, SIDE], [[90_000, 110_000], [140_000, 160_000]]).noise).toBe(false);
    expect(compareMeasures(before, after, [SIDE, SIDE], [[90_000, 110_000], [100_000, 200_000]]).noise).toBe(true);
    // One run: no spread to judge by.
    expect(runsOverlap([200_000], [300_000])).toBe(false);
    expect(runsOverlap([1, 5], [5, 9])).toBe(true);
  });

  it('the Change cell: noise, new, ×N from twice up, else a signed percentage', () => {
    const change = (before: number, after: number): string =>
      formatChange(compareMeasures({ hits: 10, time: before }, { hits: 10, time: after }, [SIDE, SIDE]));
    expect([change(1e6, 1e6 + 50), change(0, 1e6), change(1e6, 3e6), change(1e6, 0.63e6), change(1e6, 1.5e6), change(0, 0)]).toEqual([
      'noise',
      'new',
      '×3.0',
      '-37.0%',
      '+50.0%',
      '',
    ]);
  });
});

describe('selectDiffFunctions', () => {
  const make = (name: string, before: number, after: number, hits = 1) =>
    ({ name, before: { hits, time: before }, after: { hits, time: after }, sourceBefore: true, sourceAfter: true, rows: [] });
  const functions = [make('a', 10, 30), make('b', 50, 10), make('c', 0, 0, 0), make('d', 5, 6)];

  it('-z, --top N by the biggest absolute change, -t by it, biggest last', () => {
    const names = (options: Parameters<typeof selectDiffFunctions>[1]): string[] => selectDiffFunctions(functions, options).map((f) => f.name);
    expect(names({ skipZero: true })).toEqual(['a', 'b', 'd']);
    expect(names({ top: 2 })).toEqual(['a', 'b']);
    expect(names({ sort: true })).toEqual(['c', 'd', 'a', 'b']);
  });
});
