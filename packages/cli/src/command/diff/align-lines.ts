/**
 * Aligns two versions of a function's source as a text diff does (issue 17): the
 * longest common subsequence of their lines, compared without trailing whitespace.
 */

/** One aligned row: an index into `before`, into `after`, or both when the lines are equal. */
export type AlignedPair = [before: number | undefined, after: number | undefined];

/** Index pairs of equal lines in a longest common subsequence, in order. */
function commonLines(before: readonly string[], after: readonly string[]): [number, number][] {
  const n = before.length;
  const m = after.length;
  // lengths[i * (m + 1) + j]: LCS length of before[i..] and after[j..].
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        before[i] === after[j]
          ? lengths[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (before[i] === after[j]) pairs.push([i++, j++]);
    else if (lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Aligns `before` with `after`: equal lines share a row; between them, the lines only
 * in `before` (removed) come first, then the lines only in `after` (added).
 * @param before Lines of the first version.
 * @param after Lines of the second version.
 * @returns Rows covering every line of both, in order.
 */
export function alignLines(before: readonly string[], after: readonly string[]): AlignedPair[] {
  const trim = (lines: readonly string[]): string[] => lines.map((line) => line.trimEnd());
  const rows: AlignedPair[] = [];
  let i = 0;
  let j = 0;
  const ends: [number, number][] = [...commonLines(trim(before), trim(after)), [before.length, after.length]];
  for (const [bi, aj] of ends) {
    for (; i < bi; i++) rows.push([i, undefined]);
    for (; j < aj; j++) rows.push([undefined, j]);
    if (bi < before.length) rows.push([i++, j++]);
  }
  return rows;
}
