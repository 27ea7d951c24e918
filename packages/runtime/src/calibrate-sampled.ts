import { FIRST_FUNCTION, SAMPLED_CHAINS_START, SAMPLED_REALM_SLOTS } from './constants.js';
import type { Clock } from './calibrate.js';
import { createProbeNames } from './probe.js';
import { createSampledStep } from './sampled-step.js';
import { createSampledCounters, sampledEpilogueCode, sampledProbeCode, sampledPrologueCode, type SampledCounters } from './sampled-probe.js';

/** Probes per loop iteration while calibrating (as calibrate.ts). */
const PROBES_PER_ITERATION = 8;

/** Iterations per round: 8000 probes. */
const ITERATIONS_PER_ROUND = 1000;

/** Clock time to measure for at least, ms: covers most of the JIT's warm-up (see calibrate.ts). */
const MIN_TIME_MS = 40;

/** Low quantile of the per-round costs kept, since noise only adds time. */
const QUANTILE = 0.1;

/** What {@link measureSampledCosts} returns, ns. */
export interface SampledCosts {
  /** A probe that only counts (no window open, none opened). */
  countNs: number;
  /** A probe that closes a window and opens one: what a window and each step call inside one adds. */
  windowNs: number;
}

type Loop = (iterations: number) => unknown;

/** The calibration function of sampled probes on slots 1 and 2, and its counters. */
function createProbeLoop(clock: Clock): { loop: Loop; counters: SampledCounters } {
  const k = createProbeNames('c_');
  const fn = String(FIRST_FUNCTION);
  const probes = Array.from({ length: PROBES_PER_ITERATION }, (_, i) => sampledProbeCode(k, fn, String(1 + (i % 2))));
  const body =
    `return function calibrate(iterations) { ${sampledPrologueCode(k, fn, '1', 'none')} ` +
    `try { for (var i = 0; i < iterations; i++) { ${probes.join(' ')} } } finally { ${sampledEpilogueCode(k, fn, 'none')} } };`;
  const slots = 3;
  const counters = createSampledCounters(slots, new Float64Array(slots), new Float64Array(SAMPLED_REALM_SLOTS), new Int32Array(FIRST_FUNCTION + 1));
  const step = createSampledStep(clock, counters, slots, 1);
  const make = new Function(k.H, k.O, k.G, k.S, body) as (...args: unknown[]) => Loop;
  return { loop: make(counters.hits, counters.open, counters.realm, step), counters };
}

/** Runs `round` until {@link MIN_TIME_MS} passed and returns the low quantile of its costs. */
function lowQuantile(clock: Clock, round: () => number): number {
  const costs: number[] = [];
  const start = clock.now();
  while (clock.now() - start < MIN_TIME_MS || costs.length < 10) costs.push(round());
  costs.sort((a, b) => a - b);
  return costs[Math.floor(QUANTILE * costs.length)]!;
}

/**
 * Measures the two costs that sampled mode's results subtract (SPEC §3 compensation): a
 * counting probe, timed as the wall time of a loop of them without windows, less the
 * loop's own; and a probe that times its line, timed between the probes' own clock reads.
 * Returns zeros where code cannot be generated (a browser page under a strict CSP).
 * @param [clock=performance] The clock the probes read.
 */
export function measureSampledCosts(clock: Clock = performance): SampledCosts {
  let probe: ReturnType<typeof createProbeLoop>;
  let empty: Loop;
  try {
    probe = createProbeLoop(clock);
    empty = new Function(`return function empty(iterations) { var x = 0; for (var i = 0; i < iterations; i++) { x += i; } return x; }`)() as Loop;
  } catch {
    return { countNs: 0, windowNs: 0 };
  }
  const { loop, counters } = probe;
  const probesPerRound = ITERATIONS_PER_ROUND * PROBES_PER_ITERATION;
  const timed = (run: Loop): number => {
    const start = clock.now();
    run(ITERATIONS_PER_ROUND);
    return clock.now() - start;
  };
  const countNs = lowQuantile(clock, () => {
    counters.hits.fill(Infinity);
    counters.realm.fill(Infinity, SAMPLED_CHAINS_START);
    return Math.max(0, ((timed(loop) - timed(empty)) * 1e6) / probesPerRound);
  });
  const windowNs = lowQuantile(clock, () => {
    counters.hits.fill(-Infinity);
    counters.time.fill(0);
    counters.samples.fill(0);
    loop(ITERATIONS_PER_ROUND);
    return ((counters.time[1]! + counters.time[2]!) * 1e6) / (counters.samples[1]! + counters.samples[2]!);
  });
  return { countNs, windowNs };
}
