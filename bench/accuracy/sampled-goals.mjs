/**
 * The goals of sampled mode in the accuracy report (`pnpm bench:accuracy --sample K`,
 * issue 14): a line run at most M times is timed at every hit, and the variance linecount
 * reports for an estimated line matches the spread of its error (time − truth) across the
 * processes. The error, not the time: a busy-wait preempted by the operating system takes
 * longer in that process, in the truth as in linecount's time, and that spread of the
 * workload is not the estimate's. The reported variance is the sampling's only: the error
 * of exact mode, which does not sample, varies from process to process too (preemptions,
 * garbage collections and tier-ups landing in the line's windows, the probes' cost), so
 * the spread expected of sampled mode is √(reported² + exact mode's spread²), exact mode's
 * measured on the same lines in as many processes of its own, run in turn with them.
 */
import { SAMPLE_EXACT_HITS } from '../../packages/runtime/dist/index.js';

/**
 * The observed spread may be this many times the reported standard deviation, or its
 * inverse, before it is a miss: with 5 processes the sample standard deviation alone
 * falls outside [0.5, 1.5] × the true one about 10 % of the time, and the machine's own
 * run-to-run noise only adds spread.
 */
const SPREAD_TOLERANCE = 2;

const MISS = '✗';
const MET = '✓';

/**
 * @typedef {import('./compare.mjs').LineFigures} LineFigures
 * @typedef {{ run: string, fn: string, first: LineFigures, perProcess: (LineFigures | undefined)[],
 *   exactPerProcess?: (LineFigures | undefined)[] }} SampledLine
 */

/**
 * Sample standard deviation.
 * @param {number[]} values
 */
function standardDeviation(values) {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1));
}

/**
 * @param {number[]} values
 */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** @param {SampledLine} line */
const where = (line) => `${line.run} · ${line.fn}:${line.first.line}`;

/**
 * The variance table and goals of sampled mode.
 * @param {SampledLine[]} all Every line of every run, with its figures per process.
 * @returns {string[]}
 */
export function formatSampledGoals(all) {
  const present = all.filter((line) => line.perProcess.every(Boolean));
  const few = present.filter((line) => line.perProcess.every((p) => p.hits <= SAMPLE_EXACT_HITS));
  const untimed = few.filter((line) => line.perProcess.some((p) => p.samples !== p.hits));
  const estimated = present.filter((line) => line.perProcess.every((p) => p.samples < p.hits) && line.perProcess.length > 1);
  const ms = (/** @type {number} */ ns) => `${(ns / 1e6).toFixed(3).padStart(8)} ms`;
  const rows = estimated.map((line) => {
    const reported = median(line.perProcess.map((p) => p.sdNs));
    const error = (/** @type {LineFigures | undefined} */ p) => (p ? p.timeNs - p.truthNs : 0);
    const exact = line.exactPerProcess ? standardDeviation(line.exactPerProcess.map(error)) : 0;
    const expected = Math.hypot(reported, exact);
    const observed = standardDeviation(line.perProcess.map(error));
    const ratio = expected === 0 ? Number.POSITIVE_INFINITY : observed / expected;
    const met = ratio <= SPREAD_TOLERANCE && ratio >= 1 / SPREAD_TOLERANCE;
    const samples = median(line.perProcess.map((p) => p.samples));
    const cells = [ms(reported), ms(exact), ms(expected), ms(observed), (observed / reported).toFixed(2).padStart(6), ratio.toFixed(2).padStart(6)];
    return { line, met, text: `${where(line).padEnd(34)} ${String(line.first.hits).padStart(6)} ${String(samples).padStart(7)} ${cells.join(' ')} ${met ? '' : MISS}` };
  });
  const goal = (text, met, count, detail) => `${text.padEnd(46, '.')} ${met}/${count} ${met === count ? MET : MISS}${detail ? `  ${detail}` : ''}`;
  return [
    `== Sampled mode: reported standard deviation vs spread of the error (time − truth) across processes (lines with samples < hits) ==`,
    'reported: the sampling\'s SD linecount reports (median); exact: SD of exact mode\'s error; expected: √(reported² + exact²);',
    'observed: SD of sampled mode\'s error; obs/rep: observed / reported; ratio: observed / expected (the goal).',
    `${'line'.padEnd(34)} ${'hits'.padStart(6)} ${'samples'.padStart(7)} ${['reported', 'exact', 'expected', 'observed'].map((h) => h.padStart(11)).join(' ')} ${'obs/rep'.padStart(6)} ${'ratio'.padStart(6)}`,
    ...rows.map((row) => row.text),
    '',
    goal(`lines run ≤ ${SAMPLE_EXACT_HITS} times timed at every hit `, few.length - untimed.length, few.length, untimed.map(where).join(', ')),
    goal(
      `observed / expected SD within ×${SPREAD_TOLERANCE} `,
      rows.filter((row) => row.met).length,
      rows.length,
      rows.filter((row) => !row.met).map((row) => where(row.line)).join(', '),
    ),
  ];
}
