import type { ResultsFile } from '@linecount/runtime';
import { formatKernprofText, type TextReportOptions } from './kernprof-text.js';
import { createDiskSourceReader } from './source-lines.js';

export {
  DEFAULT_DISPLAY_UNIT,
  formatSummary,
  formatTimerLines,
  type ReportStyle,
  type TextReportOptions,
} from './kernprof-text.js';

/**
 * Formats results as kernprof's text report, byte for byte (SPEC §5; see
 * {@link formatKernprofText}), reading the sources that `results.sources` lacks from disk.
 * @param results A parsed `.lcprof` results file.
 * @param [options] Display unit, filtering, ordering, summary and source reader.
 * @param [options.readSource] Default: from disk, relative to `results.meta.cwd`.
 * @returns The report, ending in a newline.
 */
export function formatTextReport(results: ResultsFile, options: TextReportOptions = {}): string {
  return formatKernprofText(results, { ...options, readSource: options.readSource ?? createDiskSourceReader(results.meta.cwd) });
}
