import type { ResultsFile } from '@linecount/runtime';

/**
 * `--top N` (issue #4): keeps only the `top` functions with the most total time, in
 * their original order, so that `-t` still orders what is left. Ties keep the earlier
 * function. Without `top`, the results as they are.
 * @param results Results to show.
 * @param [top] How many functions to keep; undefined: all.
 */
export function selectTopFunctions(results: ResultsFile, top: number | undefined): ResultsFile {
  if (top === undefined || results.functions.length <= top) return results;
  const ranked = results.functions.map((fn, index) => ({ time: fn.totalTime, index }));
  ranked.sort((a, b) => b.time - a.time || a.index - b.index);
  const kept = new Set(ranked.slice(0, top).map((entry) => entry.index));
  return { ...results, functions: results.functions.filter((_, index) => kept.has(index)) };
}
