import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** Reads the text of a profiled source file, or returns undefined when it cannot be read. */
export type SourceReader = (file: string) => string | undefined;

/**
 * Line terminators as JavaScript counts them (ECMA-262 LineTerminatorSequence, which
 * Babel, TypeScript and V8 all use for line numbers), so the listing's line N is the
 * line the profiler numbered N.
 */
const LINE_TERMINATOR = /\r\n|[\n\r\u2028\u2029]/;

/**
 * Splits a source text into lines without their terminators, as kernprof's listing
 * shows them (tabs and other whitespace kept). A leading byte-order mark is dropped,
 * as Python's `tokenize.open` does.
 * @param text The whole source file.
 * @returns Line `n` (1-based) at index `n - 1`.
 */
export function splitSourceLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body.split(LINE_TERMINATOR);
}

/**
 * Creates a reader that loads files from disk as UTF-8, resolving relative paths
 * against `cwd` (the profiled process's directory, `results.meta.cwd`).
 * @param cwd Directory that relative `file` paths are relative to.
 * @returns A reader returning undefined for any file that cannot be read; the report
 *   then prints kernprof's `Could not find file` notice (SPEC §5).
 */
export function createDiskSourceReader(cwd: string): SourceReader {
  return (file) => {
    const path = isAbsolute(file) ? file : resolve(cwd, file);
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // Missing, unreadable or a directory: all are "source unreadable at view time".
      return undefined;
    }
  };
}
