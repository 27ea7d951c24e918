/**
 * The text of the accuracy report: per run and function, the medians over processes of
 * each line's figures next to the truth, the Per Hit of the trivial line, and the goals
 * of issue 7 with every miss marked.
 */
import { formatSampledGoals } from './sampled-goals.mjs';

/** Goal: every share within this many points of the truth. */
const SHARE_GOAL_POINTS = 2;
/** Goal: the compensated Per Hit of the trivial line at most this many ns. */
const PER_HIT_GOAL_NS = 25;
/** The trivial line whose Per Hit is reported. */
const TRIVIAL_LINE = 'k += i;';

const MISS = '✗';
const MET = '✓';

/**
 * @typedef {import('./compare.mjs').FunctionFigures} FunctionFigures
 * @typedef {import('./compare.mjs').LineFigures} LineFigures
 */

/**
 * What the processes of one run measured.
 * @typedef {object} RunFigures
 * @property {string} name
 * @property {string} title
 * @property {FunctionFigures[][]} processes Per process, per function.
 * @property {FunctionFigures[][]} exactProcesses Sampled mode: the same in exact mode, in processes of their own (else empty).
 * @property {{ start: number, end: number }[]} probeCosts Per process, ns.
 * @property {(number | null)[]} cpuWaits Per process, ms the main thread waited for a CPU
 *   during the run; null where the kernel does not say.
 */

/**
 * @param {number[]} values
 * @returns {number}
 */
function median(values) {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Aligned columns; `align` has one 'l' or 'r' per column.
 * @param {string[]} header
 * @param {string[][]} rows
 * @param {string} align
 */
function formatColumns(header, rows, align) {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const pad = (/** @type {string[]} */ row) =>
    row.map((cell, i) => (align[i] === 'l' ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [header, ...rows].map(pad).join('\n');
}

/**
 * One decimal, without a "-0.0".
 * @param {number} value
 */
function fixed1(value) {
  if (Number.isNaN(value)) return '?';
  return (Math.abs(value) < 0.05 ? 0 : value).toFixed(1);
}

/**
 * One decimal with a sign.
 * @param {number} value
 */
function signed1(value) {
  const text = fixed1(value);
  return text.startsWith('-') || text === '?' ? text : `+${text}`;
}

/**
 * Whether an error misses the share goal.
 * @param {number} error Points.
 */
function missesShare(error) {
  return Math.abs(error) > SHARE_GOAL_POINTS;
}

/**
 * An error in points, one decimal, or two when one would hide a miss (a -2.04 is not
 * shown as -2.0).
 * @param {number} error
 */
function formatError(error) {
  const text = signed1(error);
  if (!missesShare(error) || missesShare(Number(text))) return text;
  return `${error >= 0 ? '+' : ''}${error.toFixed(2)}`;
}

/**
 * One line's figures over all processes of a run.
 * @typedef {object} LineSummary
 * @property {string} run
 * @property {string} fn
 * @property {LineFigures} first The first process's figures (line, text, expected hits).
 * @property {boolean} hitsExact In every process.
 * @property {number[]} hits Distinct hits seen.
 * @property {number} share
 * @property {number} rawShare
 * @property {number} truth
 * @property {number} error Median of the per-process errors, points.
 * @property {number} v8
 * @property {number} perHitNs
 * @property {number} rawPerHitNs
 * @property {(LineFigures | undefined)[]} perProcess The line in each process (undefined where it did not run).
 * @property {(LineFigures | undefined)[]} [exactPerProcess] Sampled mode: the line in each process of exact mode.
 */

/**
 * @param {RunFigures} run
 * @param {number} index Function index.
 * @returns {LineSummary[]}
 */
function summariseLines(run, index) {
  const functions = run.processes.map((process) => process[index]);
  const lineNumbers = [...new Set(functions.flatMap((fn) => fn.lines.map((line) => line.line)))].sort((a, b) => a - b);
  return lineNumbers.map((number) => {
    // A line missing from a process (it did not run there) counts as 0 hits and 0 time.
    const lines = functions.map((fn) => fn.lines.find((line) => line.line === number));
    const first = /** @type {LineFigures} */ (lines.find(Boolean));
    const of = (/** @type {(line: LineFigures) => number} */ pick) =>
      median(lines.map((line) => (line ? pick(line) : pick({ ...first, hits: 0, share: 0, rawShare: 0, v8: 0, perHitNs: 0, rawPerHitNs: 0 }))));
    return {
      run: run.name,
      fn: functions[0].name,
      first,
      hitsExact: lines.every((line) => line?.hits === first.expectedHits),
      hits: [...new Set(lines.map((line) => line?.hits ?? 0))],
      share: of((line) => line.share),
      rawShare: of((line) => line.rawShare),
      truth: of((line) => line.truth),
      error: of((line) => line.share - line.truth),
      v8: of((line) => line.v8),
      perHitNs: of((line) => line.perHitNs),
      rawPerHitNs: of((line) => line.rawPerHitNs),
      perProcess: lines,
    };
  });
}

/**
 * The table of one function of a run.
 * @param {FunctionFigures[]} functions The function in every process.
 * @param {LineSummary[]} lines
 */
function formatFunction(functions, lines) {
  const [first] = functions;
  const total = median(functions.map((fn) => fn.totalMs));
  const truthTotal = median(functions.map((fn) => fn.truthTotalMs));
  const title = `${first.name}: total ${total.toFixed(1)} ms, truth ${truthTotal.toFixed(1)} ms${first.note ? ` (${first.note})` : ''}`;
  const rows = lines.map((line) => {
    const hits = line.hitsExact
      ? String(line.first.hits)
      : `${line.hits.join('/')} ≠ ${line.first.expectedHits ?? 'none'} ${MISS}`;
    const miss = missesShare(line.error) ? ` ${MISS}` : '';
    return [
      String(line.first.line),
      hits,
      fixed1(line.share),
      fixed1(line.truth),
      formatError(line.error) + miss,
      fixed1(line.rawShare),
      fixed1(line.v8),
      line.first.text,
    ];
  });
  const header = ['Line', 'Hits', '% Time', 'truth', 'error', 'no comp.', 'V8 self', 'Line Contents'];
  return `${title}\n${formatColumns(header, rows, 'rrrrrrrl')}`;
}

/**
 * The Per Hit table of the trivial line.
 * @param {LineSummary[]} trivial
 * @param {RunFigures[]} runs
 */
function formatPerHit(trivial, runs) {
  const rows = trivial.map((line) => {
    const costs = runs.find((run) => run.name === line.run)?.probeCosts ?? [];
    const miss = line.perHitNs > PER_HIT_GOAL_NS ? ` ${MISS}` : '';
    return [
      line.run,
      line.fn,
      String(line.first.hits),
      `${line.rawPerHitNs.toFixed(1)} ns`,
      `${line.perHitNs.toFixed(1)} ns${miss}`,
      `${median(costs.map((cost) => cost.start)).toFixed(1)} / ${median(costs.map((cost) => cost.end)).toFixed(1)} ns`,
    ];
  });
  const header = ['run', 'function', 'hits', 'no comp.', 'compensated', 'probe cost (start / end)'];
  return formatColumns(header, rows, 'llrrrr');
}

/**
 * @param {string} goal
 * @param {number} met
 * @param {number} all
 * @param {string} detail
 */
function formatGoal(goal, met, all, detail) {
  return `${goal.padEnd(46, '.')} ${met}/${all} ${met === all ? MET : MISS}${detail ? `  ${detail}` : ''}`;
}

/**
 * The element of `items` with the largest `size`, undefined when there is none.
 * @template T
 * @param {T[]} items
 * @param {(item: T) => number} size
 * @returns {T | undefined}
 */
function largest(items, size) {
  return items.reduce((a, b) => (a === undefined || size(b) > size(a) ? b : a), /** @type {T | undefined} */ (undefined));
}

/** @param {LineSummary} line */
const where = (line) => `${line.run} · ${line.fn}:${line.first.line}`;

/**
 * The goals of issue 7, met or not, naming the lines that miss them.
 * @param {LineSummary[]} all
 * @param {LineSummary[]} trivial The lines whose Per Hit has a goal.
 * @returns {string[]}
 */
function formatGoals(all, trivial) {
  const scored = all.filter((line) => !Number.isNaN(line.truth));
  const misses = scored.filter((line) => missesShare(line.error));
  const worst = largest(scored, (line) => Math.abs(line.error));
  const slowest = largest(trivial, (line) => line.perHitNs);
  const inexact = all.filter((line) => !line.hitsExact);
  const shareDetail = worst ? `worst ${formatError(worst.error)} (${where(worst)})` : '';
  return [
    formatGoal(
      `every share within ${SHARE_GOAL_POINTS} points of truth `,
      scored.length - misses.length,
      scored.length,
      shareDetail + (misses.length > 0 ? `; misses: ${misses.map(where).join(', ')}` : ''),
    ),
    formatGoal(
      `trivial line compensated Per Hit ≤ ${PER_HIT_GOAL_NS} ns `,
      trivial.filter((line) => line.perHitNs <= PER_HIT_GOAL_NS).length,
      trivial.length,
      slowest ? `worst ${slowest.perHitNs.toFixed(1)} ns (${where(slowest)})` : '',
    ),
    formatGoal('exact hits ', all.length - inexact.length, all.length, inexact.map(where).join(', ')),
  ];
}

/**
 * The whole report.
 * @param {RunFigures[]} runs
 * @param {string} environment One line describing Node and the machine.
 * @param {boolean} [sampled] Sampled mode: its goals too (sampled-goals.mjs).
 * @returns {string}
 */
export function formatReport(runs, environment, sampled = false) {
  const out = [
    'linecount accuracy against ground truth (issue 7)',
    environment,
    '',
    '% Time: linecount, compensated (the default); truth: from the known durations; error: % Time − truth, points.',
    'no comp.: % Time with compensate: false.  V8 self: node --cpu-prof --cpu-prof-interval 100, the line\'s',
    'positionTicks (self ticks) over the function\'s inclusive ticks. Medians over processes.',
    '',
  ];
  /** @type {LineSummary[]} */
  const all = [];
  for (const run of runs) {
    out.push(`== ${run.name}: ${run.title} ==`);
    if (run.cpuWaits.every((ms) => ms !== null)) {
      out.push(`main thread waiting for a CPU during the run, per process: ${run.cpuWaits.map((ms) => ms.toFixed(1)).join(' / ')} ms`);
    }
    run.processes[0].forEach((_, index) => {
      const lines = summariseLines(run, index);
      if (run.exactProcesses.length > 0) {
        const exact = summariseLines({ ...run, processes: run.exactProcesses }, index);
        for (const line of lines) line.exactPerProcess = exact.find((other) => other.first.line === line.first.line)?.perProcess;
      }
      all.push(...lines);
      out.push(formatFunction(run.processes.map((process) => process[index]), lines), '');
    });
  }
  const trivial = all.filter((line) => line.first.text === TRIVIAL_LINE);
  if (trivial.length > 0) out.push(`== Per Hit of the trivial line \`${TRIVIAL_LINE}\` ==`, formatPerHit(trivial, runs), '');
  out.push(
    '== Goals ==',
    ...formatGoals(all, trivial),
    '',
    ...(sampled ? [...formatSampledGoals(all), ''] : []),
    'V8 charges the time spent in a callee (spin(), performance.now(), a profiled function) to the',
    'callee, even when it inlines it, and does not sample a function while it is suspended at an',
    'await: its share of a line is the line\'s own code only, hence V8 self ≈ 0 on lines whose time',
    'is in calls or awaits. linecount charges a line everything until the next line starts (SPEC §3).',
  );
  return out.join('\n');
}
