import { formatFixed, formatG, formatInteger } from '../../report/format-number.js';
import { formatTimeCell } from '../../report/listing.js';
import type { DiffFunction, DiffRow, Measure, RunsComparison } from './compare-runs.js';
import { CHANGE_LEGEND, describeComparability, describeSide, formatChange, formatRatio, selectDiffFunctions, type DiffSelection } from './diff-select.js';

/** Options of {@link formatDiffText}. */
export interface DiffTextOptions extends DiffSelection {
  /** Display unit in seconds (`-u`). */
  unit: number;
  /** Append one line per function (`--summarize`). */
  summarize?: boolean;
  /** The `Timer unit:` lines (formatTimerLines of both runs). */
  timerLines: string;
}

const HEADER = ['Line -', 'Line +', 'Hits -', 'Hits +', 'Time -', 'Time +', 'Change'];
/** kernprof's minimum widths for line numbers, hits and times; 7 for the change. */
const TIME_WIDTH = 12;
const MIN_WIDTHS = [6, 6, 9, 9, TIME_WIDTH, TIME_WIDTH, 7];
const MARKERS: Record<DiffRow['kind'], string> = { same: '  ', removed: '- ', added: '+ ' };

/** A time in display units as kernprof's Time column shows it. */
export function formatDiffTime(value: number): string {
  return formatTimeCell(value, TIME_WIDTH);
}

function measureCells(measure: Measure | undefined, scalar: number): [string, string] {
  return measure ? [formatInteger(measure.hits), formatDiffTime(measure.time * scalar)] : ['', ''];
}

/** The cells of one row, in {@link HEADER}'s order. */
export function diffRowCells(row: DiffRow, scalar: number): string[] {
  const [hitsBefore, timeBefore] = measureCells(row.before, scalar);
  const [hitsAfter, timeAfter] = measureCells(row.after, scalar);
  return [String(row.lineBefore ?? ''), String(row.lineAfter ?? ''), hitsBefore, hitsAfter, timeBefore, timeAfter, formatChange(row.change)];
}

/** Where the function is: one place, or where it was and where it is. */
function placeOf(fn: DiffFunction): { file: string; line: string } {
  const { fileBefore, fileAfter, lineBefore, lineAfter } = fn;
  const file = fileBefore && fileAfter && fileBefore !== fileAfter ? `${fileBefore} (before), ${fileAfter} (after)` : (fileAfter ?? fileBefore)!;
  const line = lineBefore !== undefined && lineAfter !== undefined && lineBefore !== lineAfter ? `${lineBefore} (before), line ${lineAfter} (after)` : String(lineAfter ?? lineBefore);
  return { file, line };
}

/** `Total time: X s before, Y s after (×r)`; a side without the function says so. */
function formatTotals(fn: DiffFunction, secondsPerUnit: number): string {
  const side = (measure: Measure | undefined, which: string): string =>
    measure ? `${formatG(measure.time * secondsPerUnit)} s ${which}` : `not in the ${which} run`;
  const ratio = formatRatio(fn.change);
  return `${side(fn.before, 'before')}, ${side(fn.after, 'after')}${ratio ? ` (${ratio})` : ''}`;
}

function formatHeading(fn: DiffFunction, secondsPerUnit: number): string {
  const { file, line } = placeOf(fn);
  const missing = [fn.sourceBefore ? '' : 'before', fn.sourceAfter ? '' : 'after'].filter(Boolean);
  const notice = missing.length ? `Could not find the source of the ${missing.join(' and ')} run: lines matched by position\n` : '';
  return `Total time: ${formatTotals(fn, secondsPerUnit)}\nFile: ${file}\nFunction: ${fn.name} at line ${line}\n${notice}`;
}

function formatFunction(fn: DiffFunction, comparison: RunsComparison, unit: number): string {
  const scalar = comparison.unit / unit;
  const rows = fn.rows.map((row) => diffRowCells(row, scalar));
  const widths = MIN_WIDTHS.map((min, column) => rows.reduce((width, cells) => Math.max(width, cells[column]!.length), Math.max(min, HEADER[column]!.length)));
  const render = (cells: string[], contents: string): string => `${cells.map((cell, column) => cell.padStart(widths[column]!)).join(' ')}  ${contents}`;
  const header = render(HEADER, '  Line Contents');
  const body = rows.map((cells, index) => `${render(cells, MARKERS[fn.rows[index]!.kind] + fn.rows[index]!.text)}\n`);
  return `${formatHeading(fn, comparison.unit)}\n${header}\n${'='.repeat(header.length)}\n${body.join('')}\n`;
}

/** `--summarize`: `%6.2f -> %6.2f seconds (ratio) - file:line - name` per function. */
function formatDiffSummary(functions: readonly DiffFunction[], secondsPerUnit: number): string {
  return functions
    .map((fn) => {
      const seconds = (measure: Measure | undefined): string => (measure ? formatFixed(measure.time * secondsPerUnit, 2, 6) : '     -');
      const { file, line } = placeOf(fn);
      const ratio = formatRatio(fn.change);
      return `${seconds(fn.before)} -> ${seconds(fn.after)} seconds${ratio ? ` (${ratio})` : ''} - ${file}:${line} - ${fn.name}\n`;
    })
    .join('');
}

/**
 * `linecount diff`'s text (issue 17): the timer unit and both sides, then for every
 * function kernprof's heading with both totals and their ratio and a listing of the two
 * versions aligned by content (`-` only before, `+` only after) with hits and time of
 * each side and the change.
 * @param comparison From compareRuns.
 * @param options Display unit, selection, summary, timer lines.
 * @returns The report, ending in a newline.
 */
export function formatDiffText(comparison: RunsComparison, options: DiffTextOptions): string {
  const functions = selectDiffFunctions(comparison.functions, options);
  const head = [
    `Before (-): ${describeSide(comparison.before)}`,
    `After  (+): ${describeSide(comparison.after)}`,
    ...describeComparability(comparison.before, comparison.after),
    CHANGE_LEGEND,
  ];
  let report = `${options.timerLines}${head.join('\n')}\n\n`;
  for (const fn of functions) report += formatFunction(fn, comparison, options.unit);
  return options.summarize ? report + formatDiffSummary(functions, comparison.unit) : report;
}
