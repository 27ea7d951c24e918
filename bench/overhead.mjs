/**
 * `pnpm bench`: the probe overhead report (a benchmark, not a test; SPEC §3).
 *
 * Each workload in bench/workloads runs in its own child process, where a profiled twin
 * (instrumented by `instrument()`) and a plain twin of the same source are warmed up and
 * timed interleaved with a loop of `performance.now()` calls. Only ratios inside one
 * process are reported as figures of merit:
 *  - overhead per executed line = (profiled − plain) / executed lines, as a ratio to the
 *    cost of one `performance.now()` call (budget {@link RATIO_BUDGET}, `lines` workload);
 *  - slowdown = profiled / plain, per workload.
 * Always exits 0 when the measurements ran, even over budget: it is a report.
 *
 * Usage: node bench/overhead.mjs [--rounds N] [--child WORKLOAD]
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureProbeCost } from '../packages/runtime/dist/index.js';
import { formatTable, formatTime } from './lib/format.mjs';
import { createNowSubject, timeInterleaved } from './lib/timing.mjs';
import { countLinesPerCall, loadTwins } from './lib/twins.mjs';

/** Budget of the per-line overhead, in `performance.now()` calls. */
const RATIO_BUDGET = 1.3;

/** Workload files under bench/workloads; `lines` is the one the budget applies to. */
const WORKLOADS = ['lines', 'numeric', 'recursive', 'strings'];
const BUDGET_WORKLOAD = 'lines';

/**
 * @typedef {object} WorkloadReport
 * @property {string} name
 * @property {number} linesPerCall Executed lines (probe hits) per call.
 * @property {import('./lib/timing.mjs').Timing} plain Per call.
 * @property {import('./lib/timing.mjs').Timing} profiled Per call.
 * @property {import('./lib/timing.mjs').Timing} now Per `performance.now()` call.
 * @property {number} probeCostNs What the runtime's own calibration measures.
 */

/**
 * Measures one workload in this process.
 * @param {string} name
 * @param {number} rounds
 * @returns {Promise<WorkloadReport>}
 */
async function measureWorkload(name, rounds) {
  const twins = await loadTwins(fileURLToPath(new URL(`workloads/${name}.js`, import.meta.url)));
  const expected = twins.plain.drive(1);
  const actual = twins.profiled.drive(1);
  if (actual !== expected) throw new Error(`${name}: profiled twin returned ${actual}, plain ${expected}`);
  const linesPerCall = countLinesPerCall(twins);
  const timings = timeInterleaved(
    [{ name: 'plain', drive: twins.plain.drive }, { name: 'profiled', drive: twins.profiled.drive }, createNowSubject()],
    { rounds },
  );
  return {
    name,
    linesPerCall,
    plain: timings.get('plain'),
    profiled: timings.get('profiled'),
    now: timings.get('performance.now()'),
    probeCostNs: measureProbeCost(),
  };
}

/**
 * Runs one workload in a fresh child process on the same Node binary.
 * @param {string} name
 * @param {number} rounds
 * @returns {WorkloadReport}
 */
function runChild(name, rounds) {
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, script, '--child', name, '--rounds', String(rounds)];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`workload ${name} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout);
}

/**
 * Derived figures of one workload.
 * @param {WorkloadReport} report
 */
function summarise(report) {
  const overheadNs = (report.profiled.median - report.plain.median) / report.linesPerCall;
  return {
    slowdown: report.profiled.median / report.plain.median,
    overheadNs,
    ratio: overheadNs / report.now.median,
    noise: Math.max(report.plain.spread, report.profiled.spread, report.now.spread),
  };
}

/**
 * Prints the report of all workloads.
 * @param {WorkloadReport[]} reports
 * @param {number} rounds
 */
function printReport(reports, rounds) {
  const cpus = os.cpus();
  console.log(`linecount overhead benchmark`);
  console.log(`node ${process.version} (V8 ${process.versions.v8}), ${process.platform} ${process.arch}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}`);
  console.log(`one process per workload: profiled and plain twins of one source, warmed up, ${rounds} interleaved rounds, medians\n`);
  const header = ['workload', 'lines/call', 'plain/call', 'profiled/call', 'slowdown', 'overhead/line', '÷ now()', 'noise'];
  const rows = reports.map((report) => {
    const { slowdown, overheadNs, ratio, noise } = summarise(report);
    return [
      report.name,
      report.linesPerCall.toLocaleString('en-US'),
      formatTime(report.plain.median),
      formatTime(report.profiled.median),
      `${slowdown.toFixed(1)}x`,
      formatTime(overheadNs),
      ratio.toFixed(2),
      `${(noise * 100).toFixed(1)}%`,
    ];
  });
  console.log(formatTable(header, rows));
  const budget = reports.find((report) => report.name === BUDGET_WORKLOAD);
  const { ratio } = summarise(budget);
  console.log(
    `\nperformance.now(): ${formatTime(budget.now.median)}/call; runtime measureProbeCost(): ${formatTime(budget.probeCostNs)} ` +
      `(${BUDGET_WORKLOAD} process)`,
  );
  console.log('noise: largest interquartile range / median of the process\'s three timed subjects\n');
  const verdict = ratio <= RATIO_BUDGET ? 'OK' : 'OVER';
  console.log(`overhead/line ratio to performance.now(): ${ratio.toFixed(2)} (budget ${RATIO_BUDGET.toFixed(2)}) ${verdict}`);
}

const { values } = parseArgs({ options: { child: { type: 'string' }, rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 3) throw new Error(`--rounds must be an integer ≥ 3, got ${values.rounds}`);
if (values.child !== undefined) {
  if (!WORKLOADS.includes(values.child)) throw new Error(`unknown workload ${values.child}; one of ${WORKLOADS.join(', ')}`);
  process.stdout.write(JSON.stringify(await measureWorkload(values.child, rounds)));
} else {
  printReport(WORKLOADS.map((name) => runChild(name, rounds)), rounds);
}
