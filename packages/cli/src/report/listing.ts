import type { FunctionResult } from '@linecount/runtime';
import { HOT_SHARE, WARM_SHARE } from '../session/constants.js';
import { formatFixed, formatG, formatInteger } from './format-number.js';

/*
 * The listing model (issue 15): the cells of each listed line of a function, computed
 * once, rounded once (Python's half-to-even, format-number.ts), and rendered by the
 * plain text report (kernprof-text.ts), the `--rich` style (rich-report.ts) and the HTML
 * report's page script (html-client.ts). No Node module here: the page script bundles it.
 */

/** Past these widths a `%5.1f` time falls back to `%5.3g` (line_profiler 4.x). */
export const TIME_MIN_WIDTH = 12;
export const PER_HIT_MIN_WIDTH = 8;

/** Summed measurements of one line; `samples` and `variance` as in a sampled row (SPEC §3 `--sample`). */
export interface LineStat {
  hits: number;
  time: number;
  /** Executions timed: `hits` for a line timed at every hit. */
  samples: number;
  /** Variance of the estimated time, in the results' unit²; 0 when timed at every hit. */
  variance: number;
}

/** Cells of one listing row, unpadded: line number, hits, time, per hit, percent ('' where empty). */
export type ListingCells = [line: string, hits: string, time: string, perHit: string, percent: string];

/** What the sampled columns of a line show. */
export interface SampleCells {
  /** Executions timed, with ` *` when {@link SampleCells.few}. */
  samples: string;
  /** Relative standard error as `12.3%`; '' for a line timed at every hit. */
  rse: string;
  /** Fewer than `minWindows` executions timed after the exact ones. */
  few: boolean;
}

/** One listed line. */
export interface ListingRow {
  line: number;
  /** Whether the line has hits or time; a line that did not run shows only its number. */
  ran: boolean;
  cells: ListingCells;
  /** The line's time over its function's total (0 when the total is 0); above 1 for a recursive line (inclusive view). */
  share: number;
  /** The heat bar's fill, `share` clamped to 0..1. */
  heat: number;
  hot: boolean;
  warm: boolean;
  /** Only in a listing of sampled results, for a line that ran. */
  sample?: SampleCells;
}

/** Sampled results' settings that the listing shows (SPEC §3 `--sample`). */
export interface ListingSample {
  exactHits: number;
  /** Timed executions after the exact ones below which a line is marked as having few. */
  minWindows: number;
}

/** A function's listing: its range and one row per line of it. */
export interface FunctionListing {
  first: number;
  last: number;
  rows: ListingRow[];
}

/** The sum of the hits of a function's lines (not its calls: results do not record calls). */
export function totalHits(fn: FunctionResult): number {
  return fn.lines.reduce((sum, [, hits]) => sum + hits, 0);
}

/** Rows by line number; repeated rows for one line are added up. */
export function collectLineStats(fn: FunctionResult): Map<number, LineStat> {
  const stats = new Map<number, LineStat>();
  for (const [line, hits, time, samples = hits, variance = 0] of fn.lines) {
    const stat = stats.get(line);
    if (stat) {
      stat.hits += hits;
      stat.time += time;
      stat.samples += samples;
      stat.variance += variance;
    } else {
      stats.set(line, { hits, time, samples, variance });
    }
  }
  return stats;
}

/**
 * `fn.line..fn.endLine`, widened to any measured line outside it so no measurement is
 * hidden (line_profiler likewise widens its listing to the measured lines when the
 * source is missing).
 */
export function listingRange(fn: FunctionResult): [first: number, last: number] {
  let [first, last] = [fn.line, fn.endLine];
  for (const [line] of fn.lines) [first, last] = [Math.min(first, line), Math.max(last, line)];
  return [first, last];
}

/**
 * A time cell: `%5.1f`, or `%5.3g` when that would be wider than the column's default
 * width (line_profiler 4.x); also `linecount diff`'s.
 * @param value Time in display units.
 * @param defaultWidth The column's default width ({@link TIME_MIN_WIDTH}, {@link PER_HIT_MIN_WIDTH}).
 */
export function formatTimeCell(value: number, defaultWidth: number): string {
  const fixed = formatFixed(value, 1, 5);
  return fixed.length > defaultWidth ? formatG(value, 3, 5) : fixed;
}

/** Relative standard error of a sampled line's time, or Infinity for a line with no time. */
export function relativeStandardError(time: number, variance: number): number {
  return time > 0 ? Math.sqrt(variance) / time : variance > 0 ? Infinity : 0;
}

/** A relative standard error (a ratio) as a percentage with one decimal: `12.3%`. */
export function formatRse(rse: number): string {
  return `${formatFixed(100 * rse, 1)}%`;
}

function sampleCells(stat: LineStat, sample: ListingSample): SampleCells {
  if (stat.samples >= stat.hits) return { samples: formatInteger(stat.samples), rse: '', few: false };
  const few = stat.samples - sample.exactHits < sample.minWindows;
  return { samples: `${formatInteger(stat.samples)}${few ? ' *' : ''}`, rse: formatRse(relativeStandardError(stat.time, stat.variance)), few };
}

/** One row: a line that never ran shows only its number. */
function listingRow(line: number, stat: LineStat | undefined, total: number, scalar: number, sample?: ListingSample): ListingRow {
  if (stat === undefined || (stat.hits === 0 && stat.time === 0)) {
    return { line, ran: false, cells: [String(line), '', '', '', ''], share: 0, heat: 0, hot: false, warm: false };
  }
  const time = stat.time * scalar;
  const share = total === 0 ? 0 : stat.time / total;
  const cells: ListingCells = [
    String(line),
    formatInteger(stat.hits),
    formatTimeCell(time, TIME_MIN_WIDTH).trimStart(),
    stat.hits === 0 ? '' : formatTimeCell(time / stat.hits, PER_HIT_MIN_WIDTH).trimStart(),
    total === 0 ? '' : formatFixed((100 * stat.time) / total, 1),
  ];
  const row: ListingRow = { line, ran: true, cells, share, heat: Math.min(1, share), hot: share >= HOT_SHARE, warm: share >= WARM_SHARE };
  if (sample) row.sample = sampleCells(stat, sample);
  return row;
}

/**
 * The rows of a function's listing one at a time, for a page that shows a long listing
 * in chunks (html-client.ts): the line stats are summed once, a row formatted when asked for.
 * @param fn A function of a results file.
 * @param scalar Display units per stored time unit (`results.unit / displayUnit`).
 * @param [sample] For sampled results: each line's samples and RSE are added.
 * @returns The listing's range and the row of any line in it.
 */
export function createListing(fn: FunctionResult, scalar: number, sample?: ListingSample): { first: number; last: number; row(line: number): ListingRow } {
  const stats = collectLineStats(fn);
  const [first, last] = listingRange(fn);
  return { first, last, row: (line) => listingRow(line, stats.get(line), fn.totalTime, scalar, sample) };
}

/**
 * The listing of one function, every line of {@link listingRange}, as all reports show it.
 * @param fn A function of a results file.
 * @param scalar Display units per stored time unit (`results.unit / displayUnit`).
 * @param [sample] For sampled results: each line's samples and RSE are added.
 */
export function buildListing(fn: FunctionResult, scalar: number, sample?: ListingSample): FunctionListing {
  const { first, last, row } = createListing(fn, scalar, sample);
  return { first, last, rows: Array.from({ length: last - first + 1 }, (_, index) => row(first + index)) };
}
