import type { FunctionResult, ResultsFile } from '@linecount/runtime';
import { formatFixed, formatG } from './format-number.js';
import { buildListing, PER_HIT_MIN_WIDTH, TIME_MIN_WIDTH, totalHits, type ListingCells, type ListingRow } from './listing.js';
import { createSourceCache, type SourceReader } from './source-text.js';

/** Display unit, in seconds, when none is given: microseconds, as kernprof. */
export const DEFAULT_DISPLAY_UNIT = 1e-6;

/*
 * kernprof's text report without any file access, so that it also runs in a browser
 * (`__linecount__.report()`, issue 5); text-report.ts adds reading sources from disk.
 */

/** Options of {@link formatKernprofText} and {@link formatSummary}. */
export interface TextReportOptions {
  /** Display unit in seconds (`-u`); default {@link DEFAULT_DISPLAY_UNIT}. */
  unit?: number;
  /** Drop functions with no hits, and zero-time functions from the summary (`-z`). */
  skipZero?: boolean;
  /** Order functions by total time ascending, hottest last, ties in results order (`-t`). */
  sort?: boolean;
  /** Append one `%6.2f seconds - file:line - name` line per function (`--summarize`). */
  summarize?: boolean;
  /**
   * Reads a source file by its `file` field. Default: none, only `results.sources`.
   * `results.sources[file]` takes priority when present.
   */
  readSource?: SourceReader;
  /** Decorates the report (`--rich`, see rich-report.ts); none: kernprof's plain text. */
  style?: ReportStyle;
}

/**
 * Decorations of a report, e.g. terminal colours. Each returns its input with only
 * zero-width additions (escape codes), so the layout stays kernprof's.
 */
export interface ReportStyle {
  /** One line of a function's heading (`Total time:`, `File:`, `Function:`). */
  heading(line: string): string;
  /** The column header or its ruler. */
  header(line: string): string;
  /**
   * A padded listing cell of a line that ran, given the line's share of its
   * function's time (0 to 1; 0 when the function's total is 0).
   */
  cell(cell: string, column: 'line' | 'percent', share: number): string;
  /** The listed source lines of one function, in order. */
  contents(lines: string[]): string[];
}

/** What formatting one function needs besides the function itself. */
interface FunctionContext {
  /** Seconds per stored time unit (`results.unit`). */
  secondsPerUnit: number;
  /** Display units per stored time unit. */
  scalar: number;
  /** Lines of the source file, or undefined when it cannot be read. */
  source: string[] | undefined;
  style?: ReportStyle | undefined;
}

/** line_profiler 4.x default minimum column widths (its `show.column_widths` config). */
const MIN_WIDTHS: readonly number[] = [6, 9, TIME_MIN_WIDTH, PER_HIT_MIN_WIDTH, 8];
const HEADER: ListingCells = ['Line #', 'Hits', 'Time', 'Per Hit', '% Time'];
const CONTENTS_HEADER = 'Line Contents';

/** line_profiler's notice for a source file it cannot read, word for word. */
const MISSING_SOURCE_NOTICE = [
  'Are you sure you are running this program from the same directory',
  'that you ran the profiler from?',
  "Continuing without the function's contents.",
].join('\n');

/**
 * Formats results as kernprof's text report (line_profiler 4.x `show_text`), byte for
 * byte (SPEC §5): the timer unit, then for each function its total time, file, name
 * and a per-line listing of its source with hits, time, time per hit and share of the
 * function's total time, then optionally one summary line per function. Reads no
 * files: sources come from `results.sources` and `options.readSource`.
 * @param results A parsed `.lcprof` results file.
 * @param [options] Display unit, filtering, ordering, summary and source reader.
 * @param [options.unit=1e-6] Display unit in seconds.
 * @returns The report, ending in a newline.
 */
export function formatKernprofText(results: ResultsFile, options: TextReportOptions = {}): string {
  const unit = options.unit ?? DEFAULT_DISPLAY_UNIT;
  const readLines = createSourceCache(results, options.readSource);
  let report = formatTimerLines(results, unit);
  for (const fn of orderFunctions(results.functions, options.sort)) {
    if (options.skipZero && totalHits(fn) === 0) continue;
    report += formatFunction(fn, {
      secondsPerUnit: results.unit,
      scalar: results.unit / unit,
      source: readLines(fn.file),
      style: options.style,
    });
  }
  return options.summarize ? report + formatSummary(results, options) : report;
}

/**
 * kernprof's `Timer unit:` line and a blank line; between them, for results timed with
 * a coarse clock (a browser's, issue 5), the clock's resolution and why it is coarse.
 * @param results A parsed `.lcprof` results file.
 * @param unit Display unit in seconds.
 */
export function formatTimerLines(results: ResultsFile, unit: number): string {
  const { coarseClock, sample } = results;
  const lines = [`Timer unit: ${formatG(unit)} s`];
  if (coarseClock) {
    const why = coarseClock.crossOriginIsolated ? '' : ': the page is not cross-origin isolated';
    lines.push(`Timer resolution: ${formatG(coarseClock.resolutionNs * 1e-9)} s (coarsened by the browser${why})`);
  }
  // Sampled mode (SPEC §3 `--sample`): the times are estimates.
  if (sample) lines.push(`Time sampled: 1 in ${sample.rate} executions after the first ${sample.exactHits} hits of each line`);
  return `${lines.join('\n')}\n\n`;
}

/**
 * Formats kernprof's `--summarize` lines, `'%6.2f seconds - %s:%s - %s'` with each
 * function's total time, file, first listing line and name, in report order.
 * @param results A parsed `.lcprof` results file.
 * @param [options] Only `sort` and `skipZero` (which drops zero-time functions) apply.
 * @returns One newline-terminated line per function; empty when there are none.
 */
export function formatSummary(results: ResultsFile, options: TextReportOptions = {}): string {
  let summary = '';
  for (const fn of orderFunctions(results.functions, options.sort)) {
    const seconds = fn.totalTime * results.unit;
    if (options.skipZero && seconds === 0) continue;
    summary += `${formatFixed(seconds, 2, 6)} seconds - ${fn.file}:${fn.line} - ${fn.name}\n`;
  }
  return summary;
}

function orderFunctions(functions: FunctionResult[], sort: boolean | undefined): FunctionResult[] {
  // Array#sort is stable, so equal totals keep their registration order.
  return sort ? [...functions].sort((a, b) => a.totalTime - b.totalTime) : functions;
}

/** One function's block: heading, blank line, column header, ruler, rows, blank line. */
function formatFunction(fn: FunctionResult, context: FunctionContext): string {
  const { first, rows } = buildListing(fn, context.scalar);
  const contents = rows.map((_, index) => context.source?.[first - 1 + index] ?? '');
  const widths = measureWidths(rows);
  const header = renderRow(HEADER, widths, CONTENTS_HEADER);
  const { style } = context;
  if (style) return formatStyledFunction(fn, context, style, { rows, widths, contents, header });
  const body = rows.map((row, index) => `${renderRow(row.cells, widths, contents[index] ?? '')}\n`);
  return `${formatHeading(fn, context)}\n${header}\n${'='.repeat(header.length)}\n${body.join('')}\n`;
}

/** A function's listing, laid out, before it is joined into text. */
interface Layout {
  rows: ListingRow[];
  widths: number[];
  contents: string[];
  header: string;
}

/** {@link formatFunction} with a style: same text, plus the style's decorations. */
function formatStyledFunction(fn: FunctionResult, context: FunctionContext, style: ReportStyle, layout: Layout): string {
  const { rows, widths, header } = layout;
  const heading = formatHeading(fn, context)
    .split('\n')
    .map((line) => (line === '' ? line : style.heading(line)))
    .join('\n');
  const contents = context.source ? style.contents(layout.contents) : layout.contents;
  const body = rows.map((row, index) => {
    const padded = row.cells.map((cell, column) => cell.padStart(widths[column] ?? 0));
    if (row.ran) {
      padded[0] = style.cell(padded[0]!, 'line', row.share);
      padded[4] = style.cell(padded[4]!, 'percent', row.share);
    }
    return `${padded.join(' ')}  ${contents[index] ?? ''}\n`;
  });
  const ruler = '='.repeat(header.length);
  return `${heading}\n${style.header(header)}\n${style.header(ruler)}\n${body.join('')}\n`;
}

/** `Total time:` plus `File:`/`Function:`, or line_profiler's missing-file notice. */
function formatHeading(fn: FunctionResult, context: FunctionContext): string {
  const total = `Total time: ${formatG(fn.totalTime * context.secondsPerUnit)} s\n`;
  if (context.source === undefined) {
    return `${total}\nCould not find file ${fn.file}\n${MISSING_SOURCE_NOTICE}\n`;
  }
  return `${total}File: ${fn.file}\nFunction: ${fn.name} at line ${fn.line}\n`;
}

/** Each column's width: its default minimum, grown to the widest cell. */
function measureWidths(rows: ListingRow[]): number[] {
  return MIN_WIDTHS.map((min, column) =>
    rows.reduce((width, row) => Math.max(width, row.cells[column]?.length ?? 0), min),
  );
}

/** `%6s %9s %12s %8s %8s  %s` with the grown widths. */
function renderRow(cells: ListingCells, widths: number[], contents: string): string {
  const padded = cells.map((cell, column) => cell.padStart(widths[column] ?? 0));
  return `${padded.join(' ')}  ${contents}`;
}
