import type { FunctionResult, ResultsFile } from '@linecount/runtime';
import { SAMPLE_MIN_WINDOWS } from '../constants.js';
import { formatG } from './format-number.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import { createDiskSourceReader } from './source-lines.js';
import { splitSourceLines, type SourceReader } from './source-text.js';
import { DEFAULT_DISPLAY_UNIT } from './kernprof-text.js';

/** Options of {@link formatHtmlReport}. */
export interface HtmlReportOptions {
  /** Display unit in seconds (`-u`). @default 1e-6 */
  unit?: number;
  /** Leave out functions with no hits (`-z`). */
  skipZero?: boolean;
  /** Reads a source file by its `file` field; default: from disk, relative to `results.meta.cwd`. */
  readSource?: SourceReader;
}

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

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes `&<>"` for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ESCAPES[char]!);
}

/** The text report's listing range: the function's lines, widened to every measured line. */
function listingRange(fn: FunctionResult): [number, number] {
  let [first, last] = [fn.line, fn.endLine];
  for (const [line] of fn.lines) [first, last] = [Math.min(first, line), Math.max(last, line)];
  return [first, last];
}

function totalHits(fn: FunctionResult): number {
  return fn.lines.reduce((sum, [, hits]) => sum + hits, 0);
}

/** The page's data: each function with its listing's source, files read once. */
export function collectHtmlData(results: ResultsFile, options: HtmlReportOptions = {}): HtmlData {
  const read = options.readSource ?? createDiskSourceReader(results.meta.cwd);
  const files = new Map<string, string[] | null>();
  const linesOf = (file: string): string[] | null => {
    if (!files.has(file)) {
      const text = results.sources?.[file] ?? read(file);
      files.set(file, text === undefined ? null : splitSourceLines(text));
    }
    return files.get(file)!;
  };
  const functions = results.functions
    .filter((fn) => !options.skipZero || totalHits(fn) > 0)
    .map((fn): HtmlFunction => {
      const [first, last] = listingRange(fn);
      const lines = linesOf(fn.file);
      const source = lines && Array.from({ length: last - first + 1 }, (_, i) => lines[first - 1 + i] ?? '');
      return { ...fn, first, last, source };
    });
  const sample = results.sample && { rate: results.sample.rate, exactHits: results.sample.exactHits, minWindows: SAMPLE_MIN_WINDOWS };
  return { resultsUnit: results.unit, displayUnit: options.unit ?? DEFAULT_DISPLAY_UNIT, functions, ...(sample && { sample }) };
}

/** A time in display units as the listing shows it (`%.1f`, 3 significant digits when wide). */
function formatTime(value: number): string {
  const fixed = value.toFixed(1);
  return fixed.length > 12 ? value.toPrecision(3) : fixed;
}

/** The index: every function, hottest first, linking to its listing. */
function renderIndex(data: HtmlData, scale: number): string {
  const grandTotal = data.functions.reduce((sum, fn) => sum + fn.totalTime, 0);
  const order = data.functions.map((fn, id) => ({ fn, id })).sort((a, b) => b.fn.totalTime - a.fn.totalTime);
  const rows = order.map(
    ({ fn, id }) =>
      `<tr data-fn="${id}"><td class="num time">${formatTime(fn.totalTime * scale)}</td>` +
      `<td class="num share">${grandTotal > 0 ? ((100 * fn.totalTime) / grandTotal).toFixed(1) : ''}</td>` +
      `<td class="num hits">${totalHits(fn)}</td><td><a href="#f-${id}">${escapeHtml(fn.name)}</a></td>` +
      `<td class="file">${escapeHtml(fn.file)}:${fn.line}</td></tr>`,
  );
  return (
    `<table class="index"><thead><tr><th class="num">Time (${formatG(data.displayUnit)} s)</th>` +
    `<th class="num" title="share of the sum of all functions' times; a caller's time includes its callees'">% Sum</th><th class="num">Hits</th>` +
    `<th>Function</th><th>File</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Files in order of their time, each with its functions in source order, listings closed. */
function renderFiles(data: HtmlData, scale: number): string {
  const byFile = new Map<string, number[]>();
  data.functions.forEach((fn, id) => byFile.set(fn.file, [...(byFile.get(fn.file) ?? []), id]));
  const fileTime = (ids: number[]): number => ids.reduce((sum, id) => sum + data.functions[id]!.totalTime, 0);
  const files = [...byFile].sort((a, b) => fileTime(b[1]) - fileTime(a[1]));
  return files
    .map(([file, ids]) => {
      const sorted = [...ids].sort((a, b) => data.functions[a]!.line - data.functions[b]!.line);
      const items = sorted.map((id) => {
        const fn = data.functions[id]!;
        return (
          `<details class="fn" id="f-${id}" data-fn="${id}"><summary><span class="name">${escapeHtml(fn.name)}</span> ` +
          `<span class="meta">line ${fn.line} · ${formatTime(fn.totalTime * scale)} · ${totalHits(fn)} hits</span>` +
          '</summary><div class="listing"></div></details>'
        );
      });
      return `<section class="file"><h2>${escapeHtml(file)} <span class="meta">${formatTime(fileTime(ids) * scale)}</span></h2>${items.join('')}</section>`;
    })
    .join('\n');
}

/** The header line of sampled results (as the text report's), with the meaning of the mark. */
function sampleNote(data: HtmlData): string {
  if (!data.sample) return '';
  const { rate, exactHits, minWindows } = data.sample;
  return (
    `\n<p class="meta sampled">Time sampled: 1 in ${rate} executions after the first ${exactHits} hits of each line · ` +
    `RSE: relative standard error of the line's time · * fewer than ${minWindows} samples after the exact ones</p>`
  );
}

/**
 * Formats results as ONE self-contained HTML page (SPEC §5, issue 6): a function index
 * sorted by total time, then each file's functions, whose listings (hits, time, per
 * hit, % time and a heat bar per line of the original source) are rendered from the
 * embedded JSON when opened. Inline CSS and script only; no URL anywhere.
 * @param results A parsed `.lcprof` results file.
 * @param [options] Display unit, `skipZero`, source reader.
 * @returns The page.
 */
export function formatHtmlReport(results: ResultsFile, options: HtmlReportOptions = {}): string {
  const data = collectHtmlData(results, options);
  const scale = data.resultsUnit / data.displayUnit;
  // `<` escaped so that no source text can close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const title = `linecount: ${results.meta.argv.slice(1).join(' ') || 'profile'}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${HTML_STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p class="meta">Timer unit: ${formatG(data.displayUnit)} s · ${data.functions.length} functions · node ${escapeHtml(results.meta.node)} · ${escapeHtml(results.meta.startedAt)}</p>${sampleNote(data)}
${renderIndex(data, scale)}
${renderFiles(data, scale)}
<script id="linecount-data" type="application/json">${json}</script>
<script>${HTML_SCRIPT}</script>
</body></html>
`;
}
