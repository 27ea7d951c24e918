import type { FunctionResult, ResultsFile } from '@linecount/runtime';

/**
 * The time of one function's line (or its total, `line` undefined) in each run of a side,
 * the function found by its (file, line, name) as the merge finds it.
 */
export type RunTimes = (fn: FunctionResult, line?: number) => number[];

function keyOf(fn: FunctionResult): string {
  return `${fn.file}\0${fn.line}\0${fn.name}`;
}

/**
 * Indexes the runs of a side for {@link RunTimes}: a function missing from a run counts 0.
 * @param runs The side's results files, before they were merged.
 */
export function createRunTimes(runs: readonly ResultsFile[]): RunTimes {
  const indexes = runs.map((run) => new Map(run.functions.map((fn) => [keyOf(fn), fn])));
  return (fn, line) =>
    indexes.map((index) => {
      const found = index.get(keyOf(fn));
      if (!found) return 0;
      if (line === undefined) return found.totalTime;
      return found.lines.reduce((sum, [at, , time]) => (at === line ? sum + time : sum), 0);
    });
}

/**
 * Whether runs of the two sides tell a change apart from the spread between runs: with
 * two runs or more a side, not when the ranges of their times overlap (issue 17).
 * @param before Times of the line (or total) in each run before.
 * @param after The same after.
 * @returns True when the ranges overlap: the change is no bigger than the runs' spread.
 */
export function runsOverlap(before: readonly number[], after: readonly number[]): boolean {
  if (before.length < 2 || after.length < 2) return false;
  return Math.max(...before) >= Math.min(...after) && Math.max(...after) >= Math.min(...before);
}
