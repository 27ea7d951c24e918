import { createProbeNames, epilogueCode, probeCode, prologueCode } from './probe.js';

/** Probes executed per loop iteration while calibrating: dilutes the loop's own cost. */
const PROBES_PER_ITERATION = 32;

/** A clock with the shape of `performance`. */
export interface Clock {
  now(): number;
}

/** Options of {@link measureProbeCost}. */
export interface CalibrationOptions {
  /** @default 9 */
  rounds?: number;
  /** Loop iterations per round. @default 2000 */
  iterations?: number;
  /** Which quantile of the per-round costs to keep; low, because noise only adds time. @default 0.2 */
  quantile?: number;
}

type CalibrationLoop = (iterations: number) => void;

/**
 * Builds a function made of nothing but the probes the instrumenter emits, so that the
 * interval between two probes is exactly the cost of one probe (SPEC §3).
 */
function createCalibrationLoop(hits: Float64Array, time: Float64Array, clock: Clock): CalibrationLoop {
  const k = createProbeNames('c_');
  const probes = Array.from({ length: PROBES_PER_ITERATION }, (_, i) => `${probeCode(k, String(1 + (i % 2)))};`);
  const body =
    `return function calibrate(iterations) { ${prologueCode(k, '0', '1', 'none')} ` +
    `try { for (var i = 0; i < iterations; i++) { ${probes.join(' ')} } } ` +
    `finally { ${epilogueCode(k, '0', 'none')} } };`;
  const factory = new Function(k.H, k.T, k.D, k.F, k.C, k.Q, k.G, k.P, body) as (...args: unknown[]) => CalibrationLoop;
  const [depth, total, counts, totalCounts, clockReads] = [
    new Int32Array(1),
    new Float64Array(1),
    new Float64Array(hits.length),
    new Float64Array(1),
    new Float64Array(1),
  ];
  return factory(hits, time, depth, total, counts, totalCounts, clockReads, clock);
}

/**
 * Measures the cost of one probe in nanoseconds: several rounds after a warm-up, keeping
 * a low quantile so that JIT tiers and scheduler noise do not inflate it.
 * Returns 0 where code cannot be generated (a browser page under a strict CSP).
 */
export function measureProbeCost(clock: Clock = performance, options: CalibrationOptions = {}): number {
  const { rounds = 9, iterations = 2000, quantile = 0.2 } = options;
  const hits = new Float64Array(3);
  const time = new Float64Array(3);
  let loop: CalibrationLoop;
  try {
    loop = createCalibrationLoop(hits, time, clock);
  } catch {
    return 0;
  }
  loop(iterations);
  const costs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    hits.fill(0);
    time.fill(0);
    loop(iterations);
    const probes = hits[1]! + hits[2]!;
    costs.push(((time[1]! + time[2]!) * 1e6) / probes);
  }
  costs.sort((a, b) => a - b);
  return costs[Math.min(costs.length - 1, Math.floor(quantile * costs.length))]!;
}
