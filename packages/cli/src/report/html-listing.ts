import type { FunctionResult } from '@linecount/runtime';
import { formatFixed } from './format-number.js';
import { createLineHighlighter, escapeHtml } from './html-text.js';
import { createListing, type ListingRow } from './listing.js';

/*
 * The HTML of a function's listing, from the listing model (listing.ts): what the page
 * script (html-client.ts) renders when a listing is opened. No Node module, no DOM.
 */

/** One function as embedded in the page: its results, plus the listing's range and source. */
export interface HtmlFunction extends FunctionResult {
  /** First and last listed line (the text report's range). */
  first: number;
  last: number;
  /** Source lines `first..last`; null when the file could not be read. */
  source: string[] | null;
}

/** The JSON embedded in the page (`<script id="linecount-data" type="application/json">`). */
export interface HtmlData {
  /** Seconds per stored time unit (`results.unit`), and per displayed unit. */
  resultsUnit: number;
  displayUnit: number;
  functions: HtmlFunction[];
  /**
   * Sampled results (SPEC §3 `--sample`): the rate K, the hits M timed exactly, and the
   * samples after them below which a line is marked as having too few to mean much. The
   * listings then show each line's samples and relative standard error.
   */
  sample?: { rate: number; exactHits: number; minWindows: number };
}

const HEAD =
  '<th class="num">Line #</th><th class="num">Hits</th><th class="num">Time</th><th class="num">Per Hit</th><th class="num">% Time</th>';
const SAMPLE_HEAD =
  '<th class="num" title="executions timed">Samples</th><th class="num" title="relative standard error of the time">RSE</th>';
const OVER_TITLE = "more than the function's total time: a recursive line's time counts its nested calls again (inclusive view)";

/** The heat bar: the line's share of its function's time, full and marked above 100 %. */
function heatBar(row: ListingRow): string {
  const bar = `<div><span style="width:${formatFixed(100 * row.heat, 1)}%"></span></div>`;
  return row.share > 1 ? `<td class="bar over" title="${OVER_TITLE}">${bar}<span class="over">&gt;100%</span></td>` : `<td class="bar">${bar}</td>`;
}

function sampleCells(row: ListingRow, sampled: boolean): string {
  if (!sampled) return '';
  if (!row.sample) return '<td></td><td></td>';
  const { samples, rse, few } = row.sample;
  return `<td class="num samples${few ? ' few" title="few samples' : ''}">${samples}</td><td class="num rse">${rse}</td>`;
}

function rowHtml(row: ListingRow, source: string, sampled: boolean): string {
  const [line, hits, time, perHit, percent] = row.cells;
  const numbers = row.ran
    ? `<td class="num">${hits}</td><td class="num">${time}</td><td class="num">${perHit}</td><td class="num">${percent}</td>`
    : '<td></td><td></td><td></td><td></td>';
  const bar = row.ran ? heatBar(row) : '<td class="bar"></td>';
  return (
    `<tr data-line="${line}"${row.hot ? ' class="hot"' : ''}><td class="num ln">${line}</td>${numbers}` +
    `${sampleCells(row, sampled)}${bar}<td class="src">${source}</td></tr>`
  );
}

/** A function's listing as HTML: the table's opening up to its `<tbody>`, and its rows on demand. */
export interface ListingHtml {
  head: string;
  /** Rows listed. */
  count: number;
  /** The HTML of the next `count` rows: each call continues where the last ended (the highlighting carries over). */
  next(count: number): string;
}

/**
 * A function's listing as HTML, its rows formatted and highlighted as they are asked for.
 * @param fn A function of the page's data.
 * @param data The page's data (units, sampling).
 */
export function renderListing(fn: HtmlFunction, data: HtmlData): ListingHtml {
  const listing = createListing(fn, data.resultsUnit / data.displayUnit, data.sample);
  const highlight = createLineHighlighter();
  const sampled = data.sample !== undefined;
  const missing = fn.source ? '' : `<p class="muted">Could not find file ${escapeHtml(fn.file)}</p>`;
  const head = `${missing}<table><thead><tr>${HEAD}${sampled ? SAMPLE_HEAD : ''}<th class="bar">Heat</th><th>Line Contents</th></tr></thead><tbody>`;
  let line = listing.first;
  const next = (count: number): string => {
    let html = '';
    for (const end = Math.min(listing.last + 1, line + count); line < end; line++) {
      html += rowHtml(listing.row(line), highlight(fn.source?.[line - listing.first] ?? ''), sampled);
    }
    return html;
  };
  return { head, count: listing.last - listing.first + 1, next };
}
