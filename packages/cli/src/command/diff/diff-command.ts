import { writeFileSync } from 'node:fs';
import { mergeResults } from '@linecount/runtime';
import { LinecountError } from '../../session/errors.js';
import type { ViewOptions } from '../../session/options.js';
import type { Output } from '../output.js';
import { formatTimerLines } from '../../report/kernprof-text.js';
import { createDiskSourceReader } from '../../report/source-lines.js';
import { checkResultsCombine, readResultsFile } from '../../session/results-io.js';
import { compareRuns, type RunSide } from './compare-runs.js';
import { formatDiffHtml } from './diff-html.js';
import { formatDiffText } from './diff-text.js';

/** What `linecount diff` was asked (args.ts). */
export interface DiffRequest {
  before: string[];
  after: string[];
  json: boolean;
}

function readSide(files: string[]): RunSide {
  const runs = files.map(readResultsFile);
  checkResultsCombine(files, runs);
  const results = mergeResults(runs);
  return { files, runs, results, readSource: createDiskSourceReader(results.meta.cwd) };
}

/**
 * `linecount diff` (issue 17): compares the runs, then prints the comparison as text or
 * `--json`, or writes it as a page (`--html FILE`, instead of the text, as `view` does).
 * @param request The files of each side and `--json`.
 * @param options Resolved report options.
 * @param out Where the text goes.
 * @returns The exit code, 0; errors are thrown as LinecountError.
 */
export function runDiff(request: DiffRequest, options: ViewOptions, out: Output): number {
  const before = readSide(request.before);
  const after = readSide(request.after);
  // Line times of the two recursion views (SPEC §3) cannot be compared either (issue 18).
  checkResultsCombine([request.before[0]!, request.after[0]!], [before.results, after.results]);
  const comparison = compareRuns(before, after);
  if (comparison.functions.every((fn) => !fn.before || !fn.after)) {
    const names = (files: string[]): string => files.join(', ');
    throw new LinecountError('LINECOUNT_NOTHING_IN_COMMON', `${names(request.before)} and ${names(request.after)} have no function in common`);
  }
  if (request.json) {
    out.stdout(`${JSON.stringify(comparison)}\n`);
    return 0;
  }
  if (options.html !== undefined) {
    writeFileSync(options.html, formatDiffHtml(comparison, options));
    out.stderr(`Wrote HTML diff to '${options.html}'\n`);
    return 0;
  }
  // The coarsest clock of both runs (mergeResults keeps it) heads the report.
  const timerLines = formatTimerLines(mergeResults([before.results, after.results]), options.unit);
  out.stdout(formatDiffText(comparison, { ...options, timerLines }));
  return 0;
}
