import { writeFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { ResultsFile } from '@linecount/runtime';
import type { ViewOptions } from '../session/options.js';
import type { Output } from './output.js';
import { shouldUseColor } from '../report/color.js';
import { formatHtmlReport } from '../report/html-report.js';
import { createRichStyle } from '../report/rich-report.js';
import type { TextReportOptions } from '../report/text-report.js';

/**
 * Text report options for stdout: with `-r/--rich`, the colour style when stdout is a
 * terminal or `FORCE_COLOR` is set, never with `NO_COLOR` (SPEC §5).
 * @param options Resolved view or run options.
 * @param [isTTY] Whether stdout is a terminal; default: `isatty(1)`.
 */
export function terminalReportOptions(options: ViewOptions, isTTY: boolean = isatty(1)): TextReportOptions {
  if (!options.rich || !shouldUseColor({ isTTY, env: process.env })) return options;
  return { ...options, style: createRichStyle() };
}

/**
 * Writes the `--html FILE` report (SPEC §5) when asked for, and says so on stderr
 * unless `quiet`.
 */
export function writeHtmlReport(results: ResultsFile, options: ViewOptions, out: Output, quiet: boolean): void {
  if (options.html === undefined) return;
  writeFileSync(options.html, formatHtmlReport(results, options));
  if (!quiet) out.stderr(`Wrote HTML report to '${options.html}'\n`);
}
