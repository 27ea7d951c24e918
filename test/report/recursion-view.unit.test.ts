/**
 * The recursion view of results files (SPEC §3, §6; issue 18): recorded, read as
 * inclusive when absent (files of older linecount), and never combined with the other
 * view: `checkSameRecursionView` is what `view`, `merge` and `diff` call.
 */
import { describe, expect, it } from 'vitest';
import {
  checkSameRecursionView,
  mergeResults,
  parseResults,
  RecursionViewError,
  ResultsFormatError,
  type RecursionView,
  type ResultsFile,
} from '../../packages/runtime/src/index.js';

function results(recursion: RecursionView): ResultsFile {
  return {
    format: 'linecount',
    version: 1,
    unit: 1e-9,
    probeCostNs: 0,
    compensated: false,
    recursion,
    meta: { argv: [], cwd: '/app', node: 'v20.20.2', startedAt: '', pid: 1 },
    functions: [{ file: 'f.js', name: 'f', line: 1, endLine: 4, totalTime: 100, lines: [[3, 2, 100]] }],
  };
}

describe('recursion view of results files', () => {
  it('is read back as written, and as inclusive from a file that has none', () => {
    expect(parseResults(JSON.stringify(results('once'))).recursion).toBe('once');
    const old: Partial<ResultsFile> = results('inclusive');
    delete old.recursion;
    expect(parseResults(JSON.stringify(old)).recursion).toBe('inclusive');
    expect(() => parseResults(JSON.stringify({ ...old, recursion: 'both' }))).toThrow(
      new ResultsFormatError('"recursion" is not one of "once", "inclusive"'),
    );
  });

  it('merges files of one view and refuses to combine views, naming the first that differs', () => {
    expect(mergeResults([results('once'), results('once')]).recursion).toBe('once');
    expect(checkSameRecursionView([results('inclusive'), results('inclusive')])).toBe('inclusive');
    const mixed = [results('once'), results('once'), results('inclusive')];
    expect(() => mergeResults(mixed)).toThrow(RecursionViewError);
    try {
      checkSameRecursionView(mixed);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RecursionViewError);
      expect((error as RecursionViewError).index).toBe(2);
      expect((error as RecursionViewError).code).toBe('LINECOUNT_MIXED_RECURSION');
      expect((error as Error).message).toBe(
        'cannot combine results of different recursion views: "once" and "inclusive" (profile them again with the same --recursion)',
      );
    }
  });
});
