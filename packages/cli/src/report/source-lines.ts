import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { SourceReader } from './source-text.js';

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
