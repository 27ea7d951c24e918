import { LINE_TERMINATOR } from '@linecount/runtime';

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
