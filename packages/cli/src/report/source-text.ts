import { LINE_TERMINATOR, type ResultsFile } from '@linecount/runtime';

/** Reads the text of a profiled source file, or returns undefined when it cannot be read. */
export type SourceReader = (file: string) => string | undefined;

/**
 * Splits a source text into lines without their terminators (JavaScript's, so the
 * listing's line N is the line the profiler numbered N), as kernprof's listing shows
 * them (tabs and other whitespace kept). A leading byte-order mark is dropped, as
 * Python's `tokenize.open` does.
 * @param text The whole source file.
 * @returns Line `n` (1-based) at index `n - 1`.
 */
export function splitSourceLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body.split(LINE_TERMINATOR);
}

/**
 * Reads and splits each source file of a report once; `results.sources` (recorded
 * texts) win over the reader.
 * @param results The results whose sources are read.
 * @param [readSource] Reads a file by its `file` field; none: only the recorded texts.
 * @returns The lines of a file (see {@link splitSourceLines}), or undefined when it cannot be read.
 */
export function createSourceCache(results: ResultsFile, readSource?: SourceReader): (file: string) => string[] | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      const text = results.sources?.[file] ?? readSource?.(file);
      cache.set(file, text === undefined ? undefined : splitSourceLines(text));
    }
    return cache.get(file);
  };
}
