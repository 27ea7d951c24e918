import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ResultsFile } from '@linecount/runtime';
import { NO_FUNCTIONS_MESSAGE } from '../../session/constants.js';
import type { Settings } from '../../session/settings.js';
import { formatSummary, formatTextReport, formatTimerLines } from '../../report/text-report.js';
import { writeResultsFile } from '../../session/results-io.js';
import { viewCommand } from '../../session/view-hint.js';
import { writeAll } from '../../session/write-all.js';
import { complain } from '../../session/diagnostics.js';

/** Where and how LINE_PROFILE mode writes its files. */
export interface LineProfileOutput {
  /** The report's settings, and `outputPrefix`: where the files go (relative to `cwd` unless absolute). */
  settings: Settings;
  cwd: string;
  /** Print the whole report instead of the timer unit and summary (the Vite dev server, SPEC §8). */
  printReport?: boolean;
}

/** line_profiler's timestamp, `YYYY-MM-DDTHHMMSS`, local time. */
export function formatTimestamp(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `${day}T${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}

/** The `.lcprof` file of LINE_PROFILE mode, as shown and as an absolute path. */
export function lineProfileResultsFile(output: LineProfileOutput): [shown: string, absolute: string] {
  const shown = `${output.settings.outputPrefix}.lcprof`;
  return [shown, path.resolve(output.cwd, shown)];
}

/**
 * Writes `<prefix>.txt` (the report `linecount view` prints), `<prefix>_<timestamp>.txt`
 * and `<prefix>.lcprof`, then prints to stdout the timer unit, the summary, the three
 * `Wrote profile results to …` lines and how to view the details, as line_profiler's
 * `LINE_PROFILE=1` mode does (SPEC §7), or the whole report then those lines
 * (`printReport`). No results: says so on stderr, writes nothing.
 */
export function writeLineProfileOutput(results: ResultsFile | undefined, output: LineProfileOutput, now = new Date()): void {
  if (!results) {
    complain(NO_FUNCTIONS_MESSAGE);
    return;
  }
  const report = formatTextReport(results, output.settings);
  const [lcprof, lcprofPath] = lineProfileResultsFile(output);
  const texts = [`${output.settings.outputPrefix}.txt`, `${output.settings.outputPrefix}_${formatTimestamp(now)}.txt`];
  mkdirSync(path.dirname(lcprofPath), { recursive: true });
  let printed = output.printReport ? report : `${formatTimerLines(results, output.settings.unit)}${formatSummary(results, output.settings)}`;
  for (const text of texts) {
    writeFileSync(path.resolve(output.cwd, text), report);
    printed += `Wrote profile results to ${text}\n`;
  }
  writeResultsFile(lcprofPath, results);
  printed += `Wrote profile results to ${lcprof}\nTo view details run:\n${viewCommand()} ${lcprof}\n`;
  writeAll(1, printed);
}
