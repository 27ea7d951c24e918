import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseResults, ResultsFormatError, type ResultsFile } from '@linecount/runtime';
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
 * Writes a results file synchronously (it runs in exit handlers) and atomically: a
 * reader (`linecount view` of a file rewritten every `-i` seconds) sees the previous
 * version or this one, never half of one.
 */
export function writeResultsFile(file: string, results: ResultsFile): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(results)}\n`);
  renameSync(temporary, file);
}
