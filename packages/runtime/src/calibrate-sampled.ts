import { FIRST_FUNCTION, SAMPLED_CHAINS_START, SAMPLED_REALM_SLOTS } from './constants.js';
import { createReadLoop, insertSorted, isSettled, quantileOf, type Clock } from './calibrate.js';
import { createProbeNames } from './probe.js';
import { createSampledStep } from './sampled-step.js';
import { createSampledCounters, sampledEpilogueCode, sampledProbeCode, sampledPrologueCode, type SampledCounters } from './sampled-probe.js';

/** Probes per loop iteration while calibrating (as calibrate.ts). */
const PROBES_PER_ITERATION = 8;

/** Iterations per round: 8000 probes. */
const ITERATIONS_PER_ROUND = 1000;

/** Clock time to measure for at least, ms: covers most of the JIT's warm-up (see calibrate.ts). */
const MIN_TIME_MS = 40;

/** Clock time after which measuring stops even if the rounds have not settled, ms. */
const MAX_TIME_MS = 300;

/** Low quantile of the per-round costs kept, since noise only adds time. */
const QUANTILE = 0.1;

/**
 * A settled window costs at most this many bare clock reads: optimized, a window (the end
 * of one step call, a counting probe, the start of the next) is 1.3–1.9 reads in Node 20–24;
 * the calibration loop not yet optimized, 3.5 or more (122–178 ns were cached here from
 * runs on a loaded machine, whose results then lost every cheap line).
 */
const MAX_READS_PER_WINDOW = 2.5;

/** A settled counting probe costs at most this many bare clock reads (optimized ~0.05, Sparkplug ~1). */
const MAX_READS_PER_COUNT = 0.25;

/** Rounds of the counting probes' loop (and of the empty loop) within this many ns per probe of the fastest are in its cluster (a few ns: 10 % is noise). */
const COUNT_SPREAD_NS = 0.5;

/** What {@link measureSampledCosts} returns, ns. */
export interface SampledCosts {
  /** A probe that only counts (no window open, none opened). */
  countNs: number;
  /** A probe that closes a window and opens one: what a window and each step call inside one adds. */
  windowNs: number;
}

/** {@link SampledCosts}, and whether both measurements settled (see `isSettled` in calibrate.ts). */
export interface SampledCalibration extends SampledCosts {
  settled: boolean;
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

/**
 * Measures the two costs that sampled mode's results subtract (SPEC §3 compensation): a
 * counting probe, timed as the wall time of a loop of them without windows less the
 * loop's own (each a low quantile of its own rounds: noise only adds to each, but their
 * difference goes both ways, and one round whose empty loop was slowed anchored the
 * counting probe's cluster below all the others); and a probe that times its line, timed
 * between the probes' own clock reads.
 * Measures for at least {@link MIN_TIME_MS}, then until both settled (their fastest rounds
 * numerous and no dearer than optimized code, see the caps above), {@link MAX_TIME_MS} at
 * most: `settled` says which ended it.
 * Returns zeros where code cannot be generated (a browser page under a strict CSP).
 * @param [clock=performance] The clock the probes read.
 */
export function measureSampledCosts(clock: Clock = performance): SampledCalibration {
  let probe: ReturnType<typeof createProbeLoop>;
  let empty: Loop;
  let reads: (iterations: number) => number;
  try {
    probe = createProbeLoop(clock);
    empty = new Function(`return function empty(iterations) { var x = 0; for (var i = 0; i < iterations; i++) { x += i; } return x; }`)() as Loop;
    reads = createReadLoop(clock);
  } catch {
    return { countNs: 0, windowNs: 0, settled: true };
  }
  const { loop, counters } = probe;
  const probesPerRound = ITERATIONS_PER_ROUND * PROBES_PER_ITERATION;
  const timed = (run: Loop): number => {
    const start = clock.now();
    run(ITERATIONS_PER_ROUND);
    return clock.now() - start;
  };
  const perProbe = (run: Loop): number => (timed(run) * 1e6) / probesPerRound;
  const loops: number[] = []; // ascending, as the others
  const empties: number[] = [];
  const countRound = (): void => {
    counters.hits.fill(Infinity);
    counters.realm.fill(Infinity, SAMPLED_CHAINS_START);
    insertSorted(loops, perProbe(loop));
    insertSorted(empties, perProbe(empty));
  };
  const windowRound = (): number => {
    counters.hits.fill(-Infinity);
    counters.time.fill(0);
    counters.samples.fill(0);
    loop(ITERATIONS_PER_ROUND);
    return ((counters.time[1]! + counters.time[2]!) * 1e6) / (counters.samples[1]! + counters.samples[2]!);
  };
  const windows: number[] = [];
  let readNs = Infinity;
  const start = clock.now();
  for (;;) {
    countRound();
    insertSorted(windows, windowRound());
    readNs = Math.min(readNs, reads(ITERATIONS_PER_ROUND));
    const elapsed = clock.now() - start;
    const emptyNs = quantileOf(empties, QUANTILE);
    const settled =
      elapsed >= MIN_TIME_MS &&
      isSettled(empties, QUANTILE, Infinity, COUNT_SPREAD_NS) &&
      isSettled(loops, QUANTILE, emptyNs + MAX_READS_PER_COUNT * readNs, COUNT_SPREAD_NS) &&
      isSettled(windows, QUANTILE, MAX_READS_PER_WINDOW * readNs);
    if (settled || elapsed >= MAX_TIME_MS) {
      return { countNs: Math.max(0, quantileOf(loops, QUANTILE) - emptyNs), windowNs: quantileOf(windows, QUANTILE), settled };
    }
  }
}
