/**
 * `pnpm bench`: the probe overhead report (a benchmark, not a test; SPEC §3).
 *
 * Each workload in bench/workloads runs in fresh child processes. In each process a
 * profiled twin (instrumented by `instrument()`) and a plain twin of the same source are
 * warmed up and timed interleaved with a loop of `performance.now()` calls, and only
 * ratios inside that process are figures of merit:
 *  - overhead per executed line = (profiled − plain) / executed lines, as a ratio to the
 *    cost of one `performance.now()` call (budget {@link RATIO_BUDGET} on the `lines` workload);
 *  - slowdown = profiled / plain.
 * A row shows the median over the workload's processes. Exits 0 whenever the
 * measurements ran, even over budget: it is a report.
 *
 * `--sample K` measures sampled mode (SPEC §3, issue 14) instead, against its own budget
 * {@link SAMPLED_RATIO_BUDGET} on the `lines`, `numeric` and `strings` workloads and
 * {@link SAMPLED_SLOWDOWN_BUDGET} on `numeric`'s slowdown.
 *
 * Usage: node bench/overhead.mjs [--processes N] [--rounds N] [--sample K] [--child WORKLOAD]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { measureProbeCost } from '../packages/runtime/dist/index.js';
import { integerOption, runChild } from './lib/child.mjs';
import { formatTable, formatTime } from './lib/format.mjs';
import { createNowSubject, median, timeInterleaved } from './lib/timing.mjs';
import { countClockReadsPerCall, countLinesPerCall, loadTwins, workloadFile } from './lib/twins.mjs';

/** Budget of the per-line overhead, in `performance.now()` calls. */
const RATIO_BUDGET = 1.3;

/** Sampled mode's budgets (issue 14): overhead per line in `performance.now()` calls, and `numeric`'s slowdown. */
const SAMPLED_RATIO_BUDGET = 0.1;
const SAMPLED_SLOWDOWN_BUDGET = 10;
const SAMPLED_BUDGET_WORKLOADS = ['lines', 'numeric', 'strings'];

/** Workload files under bench/workloads; the budget applies to `lines`. */
const WORKLOADS = ['lines', 'numeric', 'recursive', 'strings'];
const BUDGET_WORKLOAD = 'lines';

/** Above this interquartile range / median, a process's figures are flagged as noisy. */
const NOISY = 0.1;

/**
 * What one process measures for one workload (times in ns, per call).
 * @typedef {object} ProcessReport
 * @property {number} lines Executed lines (probe hits) per call.
 * @property {number} reads Clock reads per call.
 * @property {number} plain
 * @property {number} profiled
 * @property {number} now One `performance.now()` call.
 * @property {number} noise Largest interquartile range / median of the three subjects.
 * @property {number} probeCostNs What the runtime's own calibration measures.
 */

/**
 * Measures one workload in this process.
 * @param {string} name
 * @param {number} rounds
 * @param {number | undefined} sample Sampled mode's rate, or exact mode.
 * @returns {Promise<ProcessReport>}
 */
async function measureWorkload(name, rounds, sample) {
  const file = workloadFile(name);
  const twins = await loadTwins(file, { sample });
  const expected = twins.plain.drive(1);
  const actual = twins.profiled.drive(1);
  if (actual !== expected) throw new Error(`${name}: profiled twin returned ${actual}, plain ${expected}`);
  const now = createNowSubject();
  const timings = timeInterleaved([{ name: 'plain', drive: twins.plain.drive }, { name: 'profiled', drive: twins.profiled.drive }, now], {
    rounds,
  });
  return {
    lines: countLinesPerCall(twins),
    reads: await countClockReadsPerCall(file, sample),
    plain: timings.get('plain').median,
    profiled: timings.get('profiled').median,
    now: timings.get(now.name).median,
    noise: Math.max(...[...timings.values()].map((timing) => timing.spread)),
    probeCostNs: measureProbeCost(),
  };
}

/**
 * The figures of one process.
 * @param {ProcessReport} run
 */
function figuresOf(run) {
  const overhead = (run.profiled - run.plain) / run.lines;
  return { ...run, slowdown: run.profiled / run.plain, overhead, ratio: overhead / run.now };
}

/**
 * Median of each figure over the processes of one workload.
 * @param {ProcessReport[]} runs
 * @returns {ReturnType<typeof figuresOf> & { ratios: number[] }}
 */
function combine(runs) {
  const figures = runs.map(figuresOf);
  const combined = Object.fromEntries(Object.keys(figures[0]).map((key) => [key, median(figures.map((f) => f[key]))]));
  return { ...combined, noise: Math.max(...figures.map((f) => f.noise)), ratios: figures.map((f) => f.ratio) };
}

/**
 * Prints the report.
 * @param {Map<string, ReturnType<typeof combine>>} results
 * @param {{ processes: number, rounds: number, sample?: number }} settings
 */
function printReport(results, { processes, rounds, sample }) {
  const cpus = os.cpus();
  console.log(`linecount overhead benchmark, ${sample === undefined ? 'exact mode' : `sampled mode (--sample ${sample})`}`);
  console.log(`node ${process.version} (V8 ${process.versions.v8}) ${process.execArgv.join(' ')}`.trimEnd());
  console.log(`${process.platform} ${process.arch}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`);
  console.log(
    `${processes} process(es) per workload, each timing a profiled and a plain twin of one source and a performance.now() loop ` +
      `interleaved over ${rounds} rounds after warm-up; medians\n`,
  );
  const header = ['workload', 'lines/call', 'reads/line', 'plain/call', 'profiled/call', 'slowdown', 'overhead/line', '÷ now()', 'noise'];
  const rows = [...results].map(([name, r]) => [
    name,
    r.lines.toLocaleString('en-US'),
    (r.reads / r.lines).toFixed(2),
    formatTime(r.plain),
    formatTime(r.profiled),
    `${r.slowdown.toFixed(1)}x`,
    formatTime(r.overhead),
    r.ratio.toFixed(2),
    `${(r.noise * 100).toFixed(1)}%${r.noise > NOISY ? ' !' : ''}`,
  ]);
  console.log(formatTable(header, rows));
  const budget = results.get(BUDGET_WORKLOAD);
  console.log(`\nreads/line: clock reads (prologue, probes, epilogue) per executed line`);
  console.log(`noise: largest interquartile range / median of a process's three timed subjects ('!' above ${NOISY * 100}%: rerun)`);
  console.log(
    `performance.now(): ${formatTime(budget.now)}/call; the runtime's measureProbeCost(): ${formatTime(budget.probeCostNs)} ` +
      `(overhead/line measured here: ${formatTime(budget.overhead)})`,
  );
  console.log(`${BUDGET_WORKLOAD} overhead/line ÷ now() per process: ${budget.ratios.map((ratio) => ratio.toFixed(2)).join(' ')}\n`);
  if (sample !== undefined) {
    printSampledVerdicts(results);
    return;
  }
  const verdict = budget.ratio <= RATIO_BUDGET ? 'OK' : 'OVER';
  console.log(`overhead/line ratio to performance.now(): ${budget.ratio.toFixed(2)} (budget ${RATIO_BUDGET.toFixed(2)}) ${verdict}`);
}

/**
 * The verdicts of sampled mode (issue 14).
 * @param {Map<string, ReturnType<typeof combine>>} results
 */
function printSampledVerdicts(results) {
  for (const name of SAMPLED_BUDGET_WORKLOADS) {
    const r = results.get(name);
    const verdict = r.ratio <= SAMPLED_RATIO_BUDGET ? 'OK' : 'OVER';
    console.log(`${name} overhead/line ratio to performance.now(): ${r.ratio.toFixed(3)} (budget ${SAMPLED_RATIO_BUDGET.toFixed(2)}) ${verdict}`);
  }
  const numeric = results.get('numeric');
  const verdict = numeric.slowdown <= SAMPLED_SLOWDOWN_BUDGET ? 'OK' : 'OVER';
  console.log(`numeric slowdown: ${numeric.slowdown.toFixed(1)}x (budget ${SAMPLED_SLOWDOWN_BUDGET}x) ${verdict}`);
}

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    processes: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '15' },
    sample: { type: 'string' },
  },
});
const rounds = integerOption('rounds', values.rounds, 3);
const sample = values.sample === undefined ? undefined : integerOption('sample', values.sample, 1);
const sampleArgs = sample === undefined ? [] : ['--sample', String(sample)];
if (values.child !== undefined) {
  if (!WORKLOADS.includes(values.child)) throw new Error(`unknown workload ${values.child}; one of ${WORKLOADS.join(', ')}`);
  process.stdout.write(JSON.stringify(await measureWorkload(values.child, rounds, sample)));
} else {
  const processes = integerOption('processes', values.processes, 1);
  const measure = (name) => runChild(import.meta.url, ['--child', name, '--rounds', String(rounds), ...sampleArgs]);
  const results = new Map(WORKLOADS.map((name) => [name, combine(Array.from({ length: processes }, () => measure(name)))]));
  printReport(results, { processes, rounds, sample });
}
