import type { FunctionResult } from '@linecount/runtime';

/** A function of the first run and its match in the second; either may be missing. */
export type FunctionPair = [before: FunctionResult | undefined, after: FunctionResult | undefined];

/** The functions of each group, by key, in order of their first line. */
function groupBy(functions: readonly FunctionResult[], key: (fn: FunctionResult) => string): Map<string, FunctionResult[]> {
  const groups = new Map<string, FunctionResult[]>();
  for (const fn of functions) groups.set(key(fn), [...(groups.get(key(fn)) ?? []), fn]);
  for (const group of groups.values()) group.sort((x, y) => x.line - y.line);
  return groups;
}

/**
 * Matches the functions of two runs (issue 17): same file and name first (several of one
 * name in a file, such as `<anonymous>`, in order of their lines); then, among those
 * left, a name found exactly once on each side (a renamed or moved file).
 * @returns Pairs in the order of `after`, then the functions only in `before`.
 */
export function pairFunctions(before: readonly FunctionResult[], after: readonly FunctionResult[]): FunctionPair[] {
  const match = new Map<FunctionResult, FunctionResult>();
  const byFile = groupBy(before, (fn) => `${fn.file}\0${fn.name}`);
  for (const [key, group] of groupBy(after, (fn) => `${fn.file}\0${fn.name}`)) {
    const earlier = byFile.get(key) ?? [];
    group.forEach((fn, index) => {
      const other = earlier[index];
      if (other) match.set(fn, other);
    });
  }
  const matched = new Set(match.values());
  const leftBefore = groupBy(before.filter((fn) => !matched.has(fn)), (fn) => fn.name);
  for (const [name, group] of groupBy(after.filter((fn) => !match.has(fn)), (fn) => fn.name)) {
    const earlier = leftBefore.get(name);
    if (group.length === 1 && earlier?.length === 1) match.set(group[0]!, earlier[0]!);
  }
  const paired = new Set(match.values());
  return [
    ...after.map((fn): FunctionPair => [match.get(fn), fn]),
    ...before.filter((fn) => !paired.has(fn)).map((fn): FunctionPair => [fn, undefined]),
  ];
}
