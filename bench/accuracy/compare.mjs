/**
 * Compares what one process measured for a scenario, with linecount and with V8's
 * sampler, against the scenario's truth, line by line.
 */
import { ticksOfFunction } from './v8-profile.mjs';

/**
 * @typedef {import('../../packages/runtime/dist/index.js').FunctionResult} FunctionResult
 * @typedef {import('./workloads.mjs').FunctionTruth} FunctionTruth
 */

/**
 * What the linecount child writes.
 * @typedef {object} LinecountRun
 * @property {number} probeCostNs Measured at start, used for compensation.
 * @property {number} probeCostAtEndNs Measured again after the run.
 * @property {number | null} cpuWaitMs Time the main thread waited for a CPU during the run.
 * @property {FunctionResult[]} compensated
 * @property {FunctionResult[]} uncompensated
 * @property {Record<string, FunctionTruth>} truth
 */

/**
 * One line of one process, times in ns and shares in % of the function's total.
 * @typedef {object} LineFigures
 * @property {number} line
 * @property {string} text
 * @property {number} hits
 * @property {number | undefined} expectedHits Undefined for a line the truth does not list.
 * @property {number} share % Time, compensated (the default).
 * @property {number} rawShare % Time with `compensate: false`.
 * @property {number} truth
 * @property {number} v8 The line's self ticks over the function's inclusive ticks, %.
 * @property {number} perHitNs
 * @property {number} rawPerHitNs
 * @property {number} timeNs Compensated time.
 * @property {number} truthNs The truth's time of the line (0 for a line it does not list).
 * @property {number} samples Executions timed (sampled mode; the hits in exact mode).
 * @property {number} sdNs Standard deviation of the time that linecount reports (sampled mode; 0 in exact mode).
 */

/**
 * @typedef {object} FunctionFigures
 * @property {string} name
 * @property {string} [note]
 * @property {number} totalMs
 * @property {number} truthTotalMs
 * @property {LineFigures[]} lines In source order.
 */

/**
 * The 1-based line of `text` (trimmed) within the listing of `fn`.
 * @param {string[]} sourceLines
 * @param {FunctionResult} fn
 * @param {string} text
 * @returns {number}
 */
function findLine(sourceLines, fn, text) {
  const found = [];
  for (let line = fn.line; line <= fn.endLine; line++) if (sourceLines[line - 1]?.trim() === text) found.push(line);
  if (found.length !== 1) throw new Error(`${fn.name}: expected line "${text}" found ${found.length} times`);
  return found[0];
}

/**
 * % of `part` over `whole`; 0 when the whole is 0.
 * @param {number} part
 * @param {number} whole
 */
function percent(part, whole) {
  return whole === 0 ? 0 : (100 * part) / whole;
}

/**
 * Figures of every function the truth names, from one process of each kind.
 * @param {string[]} sourceLines Lines of workloads.mjs.
 * @param {LinecountRun} run The linecount child's output.
 * @param {{ nodes: unknown[] }} profile The V8 child's profile.
 * @param {string} url URL of workloads.mjs in the profile.
 * @returns {FunctionFigures[]}
 */
export function compareRun(sourceLines, run, profile, url) {
  return Object.entries(run.truth).map(([name, truth]) => {
    const fn = run.compensated.find((f) => f.name === name);
    const raw = run.uncompensated.find((f) => f.name === name);
    if (!fn || !raw) throw new Error(`no results for ${name}`);
    const truthTotalMs = truth.totalMs ?? truth.lines.reduce((sum, [, , ms]) => sum + ms, 0);
    const ticks = ticksOfFunction(profile, url, name);
    const expected = new Map(truth.lines.map(([text, hits, ms]) => [findLine(sourceLines, fn, text), { hits, ms }]));
    const lineNumbers = [...new Set([...expected.keys(), ...fn.lines.map((row) => row[0])])].sort((a, b) => a - b);
    const lines = lineNumbers.map((line) => {
      const [, hits = 0, time = 0, samples = hits, variance = 0] = fn.lines.find((row) => row[0] === line) ?? [];
      const [, , rawTime = 0] = raw.lines.find((row) => row[0] === line) ?? [];
      const truthLine = expected.get(line);
      return {
        line,
        text: sourceLines[line - 1]?.trim() ?? '',
        hits,
        expectedHits: truthLine?.hits,
        share: percent(time, fn.totalTime),
        rawShare: percent(rawTime, raw.totalTime),
        truth: truthLine ? percent(truthLine.ms, truthTotalMs) : Number.NaN,
        v8: percent(ticks.lines.get(line) ?? 0, ticks.inclusive),
        perHitNs: hits === 0 ? 0 : time / hits,
        rawPerHitNs: hits === 0 ? 0 : rawTime / hits,
        timeNs: time,
        truthNs: (truthLine?.ms ?? 0) * 1e6,
        samples,
        sdNs: Math.sqrt(variance),
      };
    });
    return { name, note: truth.note, totalMs: fn.totalTime / 1e6, truthTotalMs, lines };
  });
}
