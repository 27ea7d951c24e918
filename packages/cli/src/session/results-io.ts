import * as fs from 'node:fs';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { checkSameRecursionView, mergeResults, parseResults, RecursionViewError, ResultsFormatError, type ResultsFile } from '@linecount/runtime';
import { writeFileAtomic } from './atomic-write.js';
import { LinecountError } from './errors.js';

/** Reads and validates a results file; bad input becomes the message of SPEC §6. */
export function readResultsFile(file: string): ResultsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new LinecountError('LINECOUNT_NOT_FOUND', `cannot read ${file} (${reason})`);
  }
  try {
    return parseResults(text);
  } catch (error) {
    if (!(error instanceof ResultsFormatError)) throw error;
    throw new LinecountError('LINECOUNT_BAD_RESULTS', `${file} is not a linecount results file (${error.message})`);
  }
}

/**
 * An existing path that is not a regular file (`/dev/null`, a FIFO, `/dev/stdout`): never
 * removed or replaced, only written.
 */
export function isSpecialFile(file: string): boolean {
  try {
    return !statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads results files and merges them (SPEC §6): `view` and `merge`. Files of different
 * recursion views (SPEC §3) are refused, naming two of them.
 */
export function readMergedResults(files: readonly string[]): ResultsFile {
  const results = files.map(readResultsFile);
  checkResultsCombine(files, results);
  return mergeResults(results);
}

/**
 * Refuses to combine results whose line times mean different things: files of different
 * recursion views (SPEC §3). `files` names `results` in messages. For `view`, `merge`
 * and `diff`.
 */
export function checkResultsCombine(files: readonly string[], results: readonly ResultsFile[]): void {
  try {
    checkSameRecursionView(results);
  } catch (error) {
    if (!(error instanceof RecursionViewError)) throw error;
    const [first, other] = [results[0]!, results[error.index]!];
    throw new LinecountError(
      'LINECOUNT_BAD_RESULTS',
      `cannot combine ${files[0]} (recursion: ${first.recursion}) with ${files[error.index]} (recursion: ${other.recursion}): ` +
        'their line times count recursion differently; profile both with the same --recursion',
    );
  }
}

/**
 * Writes a results file synchronously (it runs in exit handlers) and atomically
 * ({@link writeFileAtomic}). A path that is not a regular file (`-o /dev/null`, a FIFO)
 * is written in place: renaming onto it would replace the device itself, for everyone,
 * when run as root.
 */
export function writeResultsFile(file: string, results: ResultsFile): void {
  const text = `${JSON.stringify(results)}\n`;
  if (isSpecialFile(file)) writeFileSync(file, text);
  else writeFileAtomic(file, text, fs);
}
