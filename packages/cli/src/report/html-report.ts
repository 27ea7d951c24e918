import type { FunctionResult, ResultsFile } from '@linecount/runtime';
import { readFileSync } from 'node:fs';
import { SAMPLE_MIN_WINDOWS } from '../session/constants.js';
import { bundlePath } from '../bundle-paths.js';
import { formatFixed, formatG, formatInteger } from './format-number.js';
import { HTML_STYLE } from './html-assets.js';
import type { HtmlData, HtmlFunction } from './html-listing.js';
import { escapeHtml } from './html-text.js';
import { DEFAULT_DISPLAY_UNIT } from './kernprof-text.js';
import { listingRange, totalHits } from './listing.js';
import { createDiskSourceReader } from './source-lines.js';
import { createSourceCache, type SourceReader } from './source-text.js';

export type { HtmlData, HtmlFunction } from './html-listing.js';
export { escapeHtml } from './html-text.js';

/** Options of {@link formatHtmlReport}. */
export interface HtmlReportOptions {
  /** Display unit in seconds (`-u`). @default 1e-6 */
  unit?: number;
  /** Leave out functions with no hits (`-z`). */
  skipZero?: boolean;
  /** Reads a source file by its `file` field; default: from disk, relative to `results.meta.cwd`. */
  readSource?: SourceReader;
}

let pageScript: string | undefined;

/**
 * The HTML reports' page script (html-client.ts), bundled by scripts/bundle.mjs beside
 * the built modules (entries.ts: html-page-script.js); read once.
 */
export function readHtmlPageScript(): string {
  pageScript ??= readFileSync(bundlePath('htmlPageScript'), 'utf8');
  return pageScript;
}

/** The page's data: each function with its listing's source, files read once. */
export function collectHtmlData(results: ResultsFile, options: HtmlReportOptions = {}): HtmlData {
  const linesOf = createSourceCache(results, options.readSource ?? createDiskSourceReader(results.meta.cwd));
  const functions = results.functions
    .filter((fn) => !options.skipZero || totalHits(fn) > 0)
    .map((fn): HtmlFunction => {
      const [first, last] = listingRange(fn);
      const lines = linesOf(fn.file);
      const source = lines ? Array.from({ length: last - first + 1 }, (_, i) => lines[first - 1 + i] ?? '') : null;
      return { ...fn, first, last, source };
    });
  const sample = results.sample && { rate: results.sample.rate, exactHits: results.sample.exactHits, minWindows: SAMPLE_MIN_WINDOWS };
  return { resultsUnit: results.unit, displayUnit: options.unit ?? DEFAULT_DISPLAY_UNIT, functions, ...(sample && { sample }) };
}

const TOTAL_TITLE = "kernprof's Total time: the function's own lines and its callees', so a caller's time contains its callees' time";
const SHARE_TITLE = "this function's total time as a share of the longest function's; callers contain their callees, so shares overlap and do not add up";
const HITS_TITLE = "the sum of the hits of the function's lines (the results record no calls)";

/** A function's total time as the text report's `Total time:` shows it, in seconds. */
function totalSeconds(fn: FunctionResult, data: HtmlData): string {
  return formatG(fn.totalTime * data.resultsUnit);
}

/** The index: every function, longest total time first, linking to its listing. */
function renderIndex(data: HtmlData): string {
  const longest = data.functions.reduce((max, fn) => Math.max(max, fn.totalTime), 0);
  const order = data.functions.map((fn, id) => ({ fn, id })).sort((a, b) => b.fn.totalTime - a.fn.totalTime);
  const rows = order.map(
    ({ fn, id }) =>
      `<tr data-fn="${id}"><td class="num time">${totalSeconds(fn, data)}</td>` +
      `<td class="num share">${longest > 0 ? formatFixed((100 * fn.totalTime) / longest, 1) : ''}</td>` +
      `<td class="num hits">${formatInteger(totalHits(fn))}</td><td><a href="#f-${id}">${escapeHtml(fn.name)}</a></td>` +
      `<td class="file">${escapeHtml(fn.file)}:${fn.line}</td></tr>`,
  );
  return (
    `<table class="index"><thead><tr><th class="num" title="${TOTAL_TITLE}">Total time (s)</th>` +
    `<th class="num" title="${SHARE_TITLE}">% of longest</th><th class="num" title="${HITS_TITLE}">Line hits</th>` +
    `<th>Function</th><th>File</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Files in order of their longest function, each with its functions in source order, listings closed. */
function renderFiles(data: HtmlData): string {
  const byFile = new Map<string, number[]>();
  data.functions.forEach((fn, id) => byFile.set(fn.file, [...(byFile.get(fn.file) ?? []), id]));
  const longest = (ids: number[]): number => Math.max(...ids.map((id) => data.functions[id]!.totalTime));
  const files = [...byFile].sort((a, b) => longest(b[1]) - longest(a[1]));
  return files
    .map(([file, ids]) => {
      const sorted = [...ids].sort((a, b) => data.functions[a]!.line - data.functions[b]!.line);
      const items = sorted.map((id) => {
        const fn = data.functions[id]!;
        return (
          `<details class="fn" id="f-${id}" data-fn="${id}"><summary><span class="name">${escapeHtml(fn.name)}</span> ` +
          `<span class="meta">line ${fn.line} · Total time: <span class="total">${totalSeconds(fn, data)}</span> s · ` +
          `${formatInteger(totalHits(fn))} line hits</span></summary><div class="listing"></div></details>`
        );
      });
      const count = `${ids.length} function${ids.length === 1 ? '' : 's'}`;
      return `<section class="file"><h2>${escapeHtml(file)} <span class="meta">${count}</span></h2>${items.join('')}</section>`;
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
  // `<` escaped so that no source text can close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const title = `linecount: ${results.meta.argv.slice(1).join(' ') || 'profile'}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${HTML_STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p class="meta">Timer unit: ${formatG(data.displayUnit)} s · ${data.functions.length} functions · node ${escapeHtml(results.meta.node)} · ${escapeHtml(results.meta.startedAt)}</p>${sampleNote(data)}
<p class="meta">Total times include callees, as kernprof's do: a caller's contains its callees', so they overlap.</p>
${renderIndex(data)}
${renderFiles(data)}
<script id="linecount-data" type="application/json">${json}</script>
<script>${readHtmlPageScript()}</script>
</body></html>
`;
}
