/**
 * Child process of `pnpm bench:accuracy`: profiles one scenario of workloads.mjs with
 * linecount the way the CLI does (instrument, calibrate, run, collect; SPEC §3) and
 * writes the results, compensated and not, with the scenario's truth as JSON to stdout.
 *
 * Usage: node bench/accuracy/linecount-child.mjs <scenario> [--no-await-time] [--sample K]
 * (`--sample K`: sampled mode, SPEC §3, issue 14)
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { instrument } from '../../packages/instrumenter/dist/index.js';
import { collectResults, installRuntime, measureProbeCost } from '../../packages/runtime/dist/index.js';
import { WORKLOADS_FILE } from './paths.mjs';

/** The scheduler's statistics of this process's main thread (Linux). */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/**
 * How long the main thread has been runnable but waiting for a CPU, ms; null where the
 * kernel does not say. Preemption outside the busy-waits is wall time that no line's
 * truth includes (docs/accuracy.md).
 * @returns {number | null}
 */
function cpuWaitMs() {
  return existsSync(SCHEDSTAT) ? Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[1]) / 1e6 : null;
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'no-await-time': { type: 'boolean' }, sample: { type: 'string' } } });
const [name] = positionals;
const awaitTime = !values['no-await-time'];
const sample = values.sample === undefined ? undefined : Number(values.sample);

const source = await readFile(WORKLOADS_FILE, 'utf8');
const { code } = instrument(source, { filename: WORKLOADS_FILE, awaitTime, sample });
const runtime = installRuntime();
// SPEC §3: the probe cost is measured at start; the end-of-run value is only reported.
const probeCostNs = measureProbeCost();
/** @type {{ scenarios: Record<string, import('./workloads.mjs').Scenario> }} */
const { scenarios } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const scenario = scenarios[name];
if (!scenario) throw new Error(`unknown scenario ${name}; one of ${Object.keys(scenarios).join(', ')}`);
const waitedBefore = cpuWaitMs();
await scenario.run();
const waitedAfter = cpuWaitMs();
const probeCostAtEndNs = measureProbeCost();

const meta = { argv: process.argv, cwd: process.cwd(), node: process.version, startedAt: new Date().toISOString(), pid: process.pid };
const compensated = collectResults(runtime, { meta, probeCostNs });
const uncompensated = collectResults(runtime, { meta, probeCostNs, compensate: false });
process.stdout.write(
  JSON.stringify({
    probeCostNs,
    probeCostAtEndNs,
    cpuWaitMs: waitedBefore === null || waitedAfter === null ? null : waitedAfter - waitedBefore,
    compensated: compensated.functions,
    uncompensated: uncompensated.functions,
    truth: scenario.truth({ awaitTime }),
  }),
);
