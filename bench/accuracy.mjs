/**
 * `pnpm bench:accuracy`: linecount's times against ground truth (issue 7; a report, not
 * a test). Each run profiles one scenario of bench/accuracy/workloads.mjs, whose lines
 * take known wall times, in fresh processes: with linecount (compensated and not) and,
 * as written, under `node --cpu-prof --cpu-prof-interval 100`. It prints every line's
 * `% Time` next to the truth, the Per Hit of a trivial line, and the goals, marking
 * misses. Exits 0 whenever the measurements ran, goals met or not.
 *
 * Usage: node bench/accuracy.mjs [--processes N] [--run NAME]… [--sample K]
 * N: fresh processes per run and kind (default 5); figures are their medians, so that a
 * process disturbed by the operating system (docs/accuracy.md) does not decide them.
 * `--sample K`: linecount in sampled mode (SPEC §3, issue 14), with its own goals: lines
 * run at most M times timed at every hit, and the variance reported against the spread
 * observed across the processes, less what exact mode's spread says is not the sampling's
 * (each process of the run is followed by one in exact mode).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareRun } from './accuracy/compare.mjs';
import { WORKLOADS_FILE, WORKLOADS_URL } from './accuracy/paths.mjs';
import { formatReport } from './accuracy/report.mjs';
import { readCpuProfile } from './accuracy/v8-profile.mjs';

/** Sampling interval of the V8 comparison, µs. */
const V8_INTERVAL_US = 100;

/**
 * @typedef {object} Run
 * @property {string} name
 * @property {string} scenario Key of `scenarios` in workloads.mjs.
 * @property {string} title
 * @property {boolean} awaitTime The instrumenter's option (SPEC §3).
 */

/** @type {Run[]} */
const RUNS = [
  { name: 'ratios', scenario: 'ratios', title: 'lines busy-waiting 4:2:1', awaitTime: true },
  { name: 'cheap', scenario: 'cheap', title: 'cheap lines next to a 2 µs line', awaitTime: true },
  { name: 'callee', scenario: 'callee', title: 'a line calling a profiled callee', awaitTime: true },
  { name: 'await', scenario: 'awaits', title: 'async lines awaiting timers, await time charged', awaitTime: true },
  { name: 'no-await-time', scenario: 'awaits', title: 'the same, awaitTime: false', awaitTime: false },
  { name: 'generator', scenario: 'generator', title: 'a generator consumer working between next() calls', awaitTime: true },
  { name: 'recursion', scenario: 'recursion', title: 'recursion, depth 3', awaitTime: true },
];

/**
 * Runs a child script with this process's Node binary and flags; returns its JSON output.
 * @param {string[]} nodeFlags Extra flags before the script.
 * @param {string} script File name under bench/accuracy.
 * @param {Run} run
 * @param {string[]} [extra] Options after the scenario.
 * @returns {any}
 */
function runChild(nodeFlags, script, run, extra = []) {
  const file = fileURLToPath(new URL(`./accuracy/${script}`, import.meta.url));
  const args = [...process.execArgv, ...nodeFlags, file, run.scenario, ...(run.awaitTime ? [] : ['--no-await-time']), ...extra];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`${script} ${run.scenario} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout);
}

/**
 * The V8 profile of one process running the scenario as written.
 * @param {Run} run
 */
function sampleWithV8(run) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linecount-accuracy-'));
  try {
    runChild(['--cpu-prof', '--cpu-prof-interval', String(V8_INTERVAL_US), '--cpu-prof-dir', dir], 'v8-child.mjs', run);
    return readCpuProfile(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Profiles a run in `processes` fresh processes of each kind.
 * @param {Run} run
 * @param {number} processes
 * @param {string[]} sourceLines
 * @param {string[]} childOptions Options of the linecount child (`--sample K`).
 * @returns {import('./accuracy/report.mjs').RunFigures}
 */
function measureRun(run, processes, sourceLines, childOptions) {
  const figures = [];
  const exactFigures = [];
  const probeCosts = [];
  const cpuWaits = [];
  for (let i = 0; i < processes; i++) {
    const profiled = runChild([], 'linecount-child.mjs', run, childOptions);
    const v8 = sampleWithV8(run);
    figures.push(compareRun(sourceLines, profiled, v8, WORKLOADS_URL));
    // Sampled mode: exact mode in a process of its own too, for the spread that is not the sampling's.
    if (childOptions.length > 0) exactFigures.push(compareRun(sourceLines, runChild([], 'linecount-child.mjs', run), v8, WORKLOADS_URL));
    probeCosts.push({ start: profiled.probeCostNs, end: profiled.probeCostAtEndNs });
    cpuWaits.push(profiled.cpuWaitMs);
    process.stderr.write('.');
  }
  return { name: run.name, title: run.title, processes: figures, exactProcesses: exactFigures, probeCosts, cpuWaits };
}

const { values } = parseArgs({
  options: { processes: { type: 'string', default: '5' }, run: { type: 'string', multiple: true }, sample: { type: 'string' } },
});
const processes = Number(values.processes);
if (!Number.isInteger(processes) || processes < 1) throw new Error(`--processes must be an integer ≥ 1, got ${values.processes}`);
const unknown = (values.run ?? []).filter((name) => !RUNS.some((run) => run.name === name));
if (unknown.length > 0) throw new Error(`unknown run ${unknown.join(', ')}; one of ${RUNS.map((run) => run.name).join(', ')}`);
const selected = values.run ? RUNS.filter((run) => values.run?.includes(run.name)) : RUNS;

const sample = values.sample === undefined ? undefined : Number(values.sample);
if (sample !== undefined && (!Number.isInteger(sample) || sample < 1)) throw new Error(`--sample must be an integer ≥ 1, got ${values.sample}`);
const childOptions = sample === undefined ? [] : ['--sample', String(sample)];

const sourceLines = readFileSync(WORKLOADS_FILE, 'utf8').split('\n');
const runs = selected.map((run) => measureRun(run, processes, sourceLines, childOptions));
process.stderr.write('\n');
const cpus = os.cpus();
const environment =
  `node ${process.version} (V8 ${process.versions.v8}), ${process.platform} ${process.arch}, ` +
  `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}; ${processes} process(es) per run and kind` +
  (sample === undefined ? '' : `; sampled mode, --sample ${sample}`);
console.log(formatReport(runs, environment, sample !== undefined));
