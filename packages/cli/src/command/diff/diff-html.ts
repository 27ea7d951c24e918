import { formatG, formatInteger } from '../../report/format-number.js';
import { HTML_STYLE } from '../../report/html-assets.js';
import { readHtmlPageScript } from '../../report/html-report.js';
import { escapeHtml, highlightHtml } from '../../report/html-text.js';
import type { DiffFunction, DiffRow, RunsComparison } from './compare-runs.js';
import { CHANGE_LEGEND, describeComparability, describeSide, formatRatio, selectDiffFunctions, totalDelta, type DiffSelection } from './diff-select.js';
import { diffRowCells, formatDiffTime } from './diff-text.js';

/** Options of {@link formatDiffHtml}. */
export interface DiffHtmlOptions extends DiffSelection {
  /** Display unit in seconds (`-u`). */
  unit: number;
}

/** Rows only in one run, and changes by direction, on top of the HTML report's style. */
const DIFF_STYLE = `
.listing tr.removed td { background: var(--bar-bg); } .listing tr.added td { background: color-mix(in srgb, var(--link) 12%, transparent); }
td.change.faster { color: #1a7f37; font-weight: 600; } td.change.slower { color: var(--bar); font-weight: 600; } td.change.noise { color: var(--muted); }
td.mark { color: var(--muted); }
`;

const MARKERS: Record<DiffRow['kind'], string> = { same: '', removed: '-', added: '+' };

/** `faster`, `slower` or `noise`: the class of a change cell. */
function direction(fn: { change?: DiffRow['change'] }): string {
  const change = fn.change;
  if (!change || change.delta === 0) return '';
  if (change.noise) return 'noise';
  return change.delta < 0 ? 'faster' : 'slower';
}

function renderListing(fn: DiffFunction, scalar: number): string {
  const sources = highlightHtml(fn.rows.map((row) => row.text));
  const rows = fn.rows.map((row, index) => {
    const cells = diffRowCells(row, scalar).map((cell, column) => `<td class="num${column === 6 ? ` change ${direction(row)}` : ''}">${escapeHtml(cell.trim())}</td>`);
    return `<tr class="${row.kind}">${cells.join('')}<td class="mark">${MARKERS[row.kind]}</td><td class="src">${sources[index]}</td></tr>`;
  });
  const head = ['Line -', 'Line +', 'Hits -', 'Hits +', 'Time -', 'Time +', 'Change'].map((name) => `<th class="num">${name}</th>`).join('');
  return `<table><thead><tr>${head}<th></th><th>Line Contents</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function totalCells(fn: DiffFunction, scale: number): string {
  const time = (side: DiffFunction['before']): string => (side ? formatDiffTime(side.time * scale).trim() : '');
  const hits = (side: DiffFunction['before']): string => (side ? formatInteger(side.hits) : '');
  return (
    `<td class="num time-before">${time(fn.before)}</td><td class="num time-after">${time(fn.after)}</td>` +
    `<td class="num change ${direction(fn)}">${escapeHtml(formatRatio(fn.change))}</td>` +
    `<td class="num">${hits(fn.before)}</td><td class="num">${hits(fn.after)}</td>`
  );
}

/** The index: every function, the biggest absolute change of total time first. */
function renderIndex(functions: readonly DiffFunction[], scale: number, unit: number): string {
  const order = functions.map((fn, id) => ({ fn, id })).sort((a, b) => Math.abs(totalDelta(b.fn)) - Math.abs(totalDelta(a.fn)));
  const rows = order.map(
    ({ fn, id }) =>
      `<tr data-fn="${id}">${totalCells(fn, scale)}<td><a href="#f-${id}">${escapeHtml(fn.name)}</a></td>` +
      `<td class="file">${escapeHtml(fn.fileAfter ?? fn.fileBefore ?? '')}:${fn.lineAfter ?? fn.lineBefore}</td></tr>`,
  );
  const unitText = `(${formatG(unit)} s)`;
  return (
    `<table class="index"><thead><tr><th class="num">Time - ${unitText}</th><th class="num">Time + ${unitText}</th><th class="num">Ratio</th>` +
    `<th class="num">Hits -</th><th class="num">Hits +</th><th>Function</th><th>File</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function renderFunction(fn: DiffFunction, id: number, scale: number): string {
  const missing = fn.sourceBefore && fn.sourceAfter ? '' : '<p class="muted">Could not find a source: lines matched by position</p>';
  const time = (side: DiffFunction['before']): string => (side ? formatDiffTime(side.time * scale).trim() : '–');
  const ratio = formatRatio(fn.change);
  return (
    `<details class="fn" id="f-${id}" data-fn="${id}"><summary><span class="name">${escapeHtml(fn.name)}</span> ` +
    `<span class="meta">${escapeHtml(fn.fileAfter ?? fn.fileBefore ?? '')}:${fn.lineAfter ?? fn.lineBefore} · ${time(fn.before)} → ${time(fn.after)}${ratio ? ` · ${escapeHtml(ratio)}` : ''}</span>` +
    `</summary><div class="listing">${missing}${renderListing(fn, scale)}</div></details>`
  );
}

/**
 * `linecount diff --html FILE` (issue 17): the comparison as one self-contained page in
 * the HTML report's style: an index of the functions by the size of their change, then
 * each function's two versions aligned line by line, with the numbers of the text
 * diff. Only inline CSS and the report's page script (which opens the listing of a link); no URL.
 * @param comparison From compareRuns.
 * @param options Display unit and selection (`-z`, `-t`, `--top`).
 * @returns The page.
 */
export function formatDiffHtml(comparison: RunsComparison, options: DiffHtmlOptions): string {
  const functions = selectDiffFunctions(comparison.functions, options);
  const scale = comparison.unit / options.unit;
  const title = `linecount diff: ${comparison.before.files.join(' ')} → ${comparison.after.files.join(' ')}`;
  const notes = [`Timer unit: ${formatG(options.unit)} s`, `Before (-): ${describeSide(comparison.before)}`, `After (+): ${describeSide(comparison.after)}`];
  const legend = [...describeComparability(comparison.before, comparison.after), CHANGE_LEGEND];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${HTML_STYLE}${DIFF_STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${notes.map((note) => `<p class="meta">${escapeHtml(note)}</p>`).join('\n')}
<p class="meta">${legend.map(escapeHtml).join(' ')}</p>
${renderIndex(functions, scale, options.unit)}
<section class="file">${functions.map((fn, id) => renderFunction(fn, id, scale)).join('\n')}</section>
<script>${readHtmlPageScript()}</script>
</body></html>
`;
}
