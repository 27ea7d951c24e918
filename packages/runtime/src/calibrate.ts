import { FIRST_FUNCTION } from './constants.js';
import { createProbeNames, createStep, epilogueCode, probeCode, prologueCode } from './probe.js';

/**
 * Probes per loop iteration while calibrating: enough to dilute the loop's own cost, few
 * enough that the calibration function is small and the JIT optimizes it early.
 */
const PROBES_PER_ITERATION = 8;

/** Loop iterations per round: 4000 probes, about 0.15 ms once optimized in Node. */
const ITERATIONS_PER_ROUND = 500;

/**
 * A round must last this many steps of the clock, or its cost is off by up to a step:
 * browsers coarsen `performance.now()` to 5 µs–1 ms, and rounds grow to match.
 */
const ROUND_CLOCK_STEPS = 100;

/** Reads spent at most looking for the clock's step (a few ms at most). */
const MAX_STEP_READS = 1e6;

/** Rounds within this fraction of the fastest one are "settled" (optimized code, no noise)… */
const SETTLED_SPREAD = 0.1;

/** …and measuring may stop once at least this many of them have run… */
const SETTLED_ROUNDS = 8;

/**
 * …and their cost is at most this many bare clock reads. Optimized, a probe is a clock
 * read plus a few ns of arithmetic (1.05–1.25 reads in Node 20–24); V8's earlier tiers,
 * which can last past the minimum time on a loaded machine, cost 1.6 reads (Maglev) to
 * 2.3 (Sparkplug) or more. A clock so cheap that even optimized probes exceed this only
 * makes the calibration run until `maxTimeMs`.
 */
const MAX_READS_PER_PROBE = 1.4;

/** A clock with the shape of `performance`. */
export interface Clock {
  now(): number;
}

/** Options of {@link measureProbeCost}. */
export interface CalibrationOptions {
  /**
   * Clock time to measure for at least, ms. The first rounds run unoptimized code, two to
   * ten times slower, and V8 takes 10–50 ms to optimize the calibration function (more
   * on a loaded machine), so this must cover most of the JIT's warm-up. @default 60
   */
  minTimeMs?: number;
  /** Clock time after which measuring stops even if the rounds have not settled, ms. @default 200 */
  maxTimeMs?: number;
  /** Which quantile of the per-round costs to keep; low, because noise only adds time. @default 0.1 */
  quantile?: number;
}

/** The timed loops of a calibration; each returns ns per probe or per read, and ms spent. */
interface CalibrationLoops {
  probes(iterations: number): { costNs: number; elapsedMs: number };
  reads(iterations: number): number;
}

/** A calibration's result: the cost, and whether its rounds settled (see {@link isSettled}). */
export interface Calibration {
  costNs: number;
  /** False when measuring stopped at its time limit: the cost may be an earlier tier's or a loaded machine's. */
  settled: boolean;
}

/**
 * A loop of bare clock reads, {@link PROBES_PER_ITERATION} per iteration, returning ns
 * per read: what probe costs are compared with. Throws where code cannot be generated.
 */
export function createReadLoop(clock: Clock): (iterations: number) => number {
  const readBody =
    `return function read(iterations) { var x = 0; ` +
    `for (var i = 0; i < iterations; i++) { ${'x += clock.now();'.repeat(PROBES_PER_ITERATION)} } return x; };`;
  const readLoop = (new Function('clock', readBody) as (clock: Clock) => (iterations: number) => unknown)(clock);
  return (iterations) => {
    const start = clock.now();
    readLoop(iterations);
    return ((clock.now() - start) * 1e6) / (iterations * PROBES_PER_ITERATION + 1);
  };
}

/**
 * Builds a function made of nothing but the probes the instrumenter emits, so that the
 * interval between two probes is exactly the cost of one probe (SPEC §3), and a function
 * made of bare clock reads to compare it with. Throws where code cannot be generated.
 */
function createCalibrationLoops(clock: Clock): CalibrationLoops {
  const k = createProbeNames('c_');
  const fn = String(FIRST_FUNCTION);
  const probes = Array.from({ length: PROBES_PER_ITERATION }, (_, i) => `${probeCode(k, fn, String(1 + (i % 2)))};`);
  const probeBody =
    `return function calibrate(iterations) { ${prologueCode(k, fn, '1', 'none')} ` +
    `try { for (var i = 0; i < iterations; i++) { ${probes.join(' ')} } } ` +
    `finally { ${epilogueCode(k, fn, 'none')} } };`;
  type Loop = (iterations: number) => unknown;
  const hits = new Float64Array(3);
  const time = new Float64Array(3);
  const [depth, total, counts, totalCounts, open, nested, nestedCounts, clockReads] = [
    new Int32Array(FIRST_FUNCTION + 1),
    new Float64Array(FIRST_FUNCTION + 1),
    new Float64Array(hits.length),
    new Float64Array(FIRST_FUNCTION + 1),
    new Int32Array(FIRST_FUNCTION + 1),
    new Float64Array(hits.length),
    new Float64Array(hits.length),
    new Float64Array(1),
  ];
  const probeLoop = (
    new Function(k.H, k.T, k.D, k.F, k.C, k.Q, k.O, k.X, k.Y, k.G, k.S, probeBody) as (...args: unknown[]) => Loop
  )(hits, time, depth, total, counts, totalCounts, open, nested, nestedCounts, clockReads, createStep(clock, hits, time, counts, clockReads, open));
  return {
    probes(iterations) {
      hits.fill(0);
      time.fill(0);
      const start = clock.now();
      probeLoop(iterations);
      const elapsedMs = clock.now() - start;
      // Milliseconds of the clock per probe, in nanoseconds.
      return { costNs: ((time[1]! + time[2]!) * 1e6) / (hits[1]! + hits[2]!), elapsedMs };
    },
    reads: createReadLoop(clock),
  };
}

/**
 * The smallest advance of `clock` between two reads that differ, ms: its resolution, or
 * the cost of a read when that is larger (Node). Infinity for a clock that never moves.
 * @param clock The clock (`performance`).
 */
export function measureClockStep(clock: Clock): number {
  let last = clock.now();
  let step = Infinity;
  let changes = 0;
  for (let reads = 0; reads < MAX_STEP_READS && changes < 3; reads++) {
    const now = clock.now();
    if (now === last) continue;
    step = Math.min(step, now - last);
    changes++;
    last = now;
  }
  return step;
}

/** Inserts `value` into ascending `sorted`, keeping it sorted. */
export function insertSorted(sorted: number[], value: number): void {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  sorted.splice(low, 0, value);
}

/** The `q` quantile of ascending `sorted` (the lower neighbour, no interpolation). */
export function quantileOf(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Whether the `quantile` of ascending per-round costs is safely inside the cluster of
 * fastest rounds (at least {@link SETTLED_ROUNDS} of them, within {@link SETTLED_SPREAD}
 * or `minSpread`, and twice as many as the quantile needs, so slow rounds cannot reach it)
 * and that cluster is optimized code, not a plateau of an earlier tier: its cost is at
 * most `maxCost` (for the probe, {@link MAX_READS_PER_PROBE} clock reads).
 */
export function isSettled(sorted: readonly number[], quantile: number, maxCost: number, minSpread = 0): boolean {
  if (sorted.length === 0) return false;
  const limit = Math.max(sorted[0]! * (1 + SETTLED_SPREAD), sorted[0]! + minSpread);
  let settled = 0;
  while (settled < sorted.length && sorted[settled]! <= limit) settled++;
  return settled >= SETTLED_ROUNDS && settled >= 2 * quantile * sorted.length && quantileOf(sorted, quantile) <= maxCost;
}

/**
 * Measures the cost of one probe in nanoseconds by running the probe code the instrumenter
 * emits in rounds of 4000 probes or more (rounds last at least 100 steps of the clock).
 * Robust to JIT warm-up and noise (issue 7): it measures for at least `minTimeMs` (the
 * early rounds run in unoptimized tiers, several times slower), then until the fastest
 * rounds are numerous enough and cost about one clock read, and keeps a low quantile of
 * the per-round costs, since noise only ever adds time.
 * Returns 0 where code cannot be generated (a browser page under a strict CSP) or the
 * clock does not move.
 * @param [clock=performance] The clock the probes read.
 * @param [options] See {@link CalibrationOptions}.
 */
export function measureProbeCost(clock: Clock = performance, options: CalibrationOptions = {}): number {
  return calibrateProbe(clock, options).costNs;
}

/**
 * {@link measureProbeCost}, and whether its rounds settled: a cost measured while V8 had
 * not optimized the calibration yet (a loaded machine starves its compiler threads) is
 * for this run only, not one to keep for a day (see `cachedProbeCost` in the CLI).
 * @param [clock=performance] The clock the probes read.
 * @param [options] See {@link CalibrationOptions}.
 */
export function calibrateProbe(clock: Clock = performance, options: CalibrationOptions = {}): Calibration {
  const { minTimeMs = 60, maxTimeMs = 200, quantile = 0.1 } = options;
  let loops: CalibrationLoops;
  try {
    loops = createCalibrationLoops(clock);
  } catch {
    return { costNs: 0, settled: true };
  }
  const minRoundMs = ROUND_CLOCK_STEPS * measureClockStep(clock);
  if (!Number.isFinite(minRoundMs)) return { costNs: 0, settled: true };
  let iterations = ITERATIONS_PER_ROUND;
  let readCostNs = Infinity;
  const costs: number[] = []; // ascending
  const start = clock.now();
  for (;;) {
    const round = loops.probes(iterations);
    // Too short for the clock's step: measure longer rounds instead.
    if (round.elapsedMs < minRoundMs) iterations *= 2;
    else {
      insertSorted(costs, round.costNs);
      readCostNs = Math.min(readCostNs, loops.reads(iterations));
    }
    const elapsed = clock.now() - start;
    const settled = elapsed >= minTimeMs && isSettled(costs, quantile, MAX_READS_PER_PROBE * readCostNs);
    if (settled || elapsed >= maxTimeMs) return { costNs: costs.length === 0 ? 0 : quantileOf(costs, quantile), settled };
  }
}
