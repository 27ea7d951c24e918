import { SAMPLE_EXACT_HITS } from './constants.js';
import type { SampledCosts } from './calibrate-sampled.js';
import type { RegisteredFile } from './runtime.js';
import type { LineRow, SampleSettings } from './types.js';

/** Clock units (milliseconds) to result units (nanoseconds). */
const CLOCK_TO_UNIT = 1e6;

/** How {@link collectSampledFunction} counts. */
export interface SampledCollectOptions {
  /** 1 for the once view (nested activations' time taken from the line that led to them), 0 inclusive. */
  nested: 0 | 1;
  /** The costs to subtract, zeros for `--no-compensate`. */
  costs: SampledCosts;
}

/** A sampled file's lines of one function and their once-view total. */
export interface SampledFunction {
  lines: LineRow[];
  totalTime: number;
}

type Sampled = NonNullable<RegisteredFile['sampled']>;

/** Compensated time (ns) and windows of one target (see sampled-probe.ts). */
function targetTime(c: Sampled, target: number, nested: 0 | 1, costs: SampledCosts): { time: number; windows: number } {
  const windows = c.samples[target]!;
  const raw = (c.time[target]! - nested * c.nested[target]!) * CLOCK_TO_UNIT;
  const probes = c.counts[target]! - nested * c.nestedCounts[target]!;
  const calls = c.calls[target]! - nested * c.nestedCalls[target]!;
  const overhead = (windows + calls) * costs.windowNs + Math.max(0, probes - calls) * costs.countNs;
  return { time: Math.max(0, raw - overhead), windows };
}

/**
 * Variance (ns²) of `later × mean window`, the sampled phase's estimate from its `windows`
 * windows (Bernoulli sampling: finite-population corrected). The spread of window times is
 * the sampled windows' own from 2 of them; below that, that of all the line's windows, its
 * exact phase's included (more spread than the later windows have, if anything: the first
 * executions are the slow ones), not none. In the once view (`nested` 1) the windows are
 * counted without their nested activations' time, as the estimate counts them: a recursive
 * call's line otherwise reported the spread of whole recursions (descend:139 of the accuracy
 * bench: 62 ms of reported SD on an error spread of 1.4 ms).
 */
function estimateVariance(c: Sampled, slot: number, later: number, windows: number, nested: 0 | 1): number {
  const pooled = windows < 2;
  const sampledTarget = slot + c.slots;
  const n = windows + (pooled ? c.samples[slot]! : 0);
  if (n < 2) return 0;
  const of = (target: number) => c.time[target]! - nested * c.nested[target]!;
  const squaresOf = nested ? c.onceSquares : c.squares;
  const time = of(sampledTarget) + (pooled ? of(slot) : 0);
  const squares = squaresOf[sampledTarget]! + (pooled ? squaresOf[slot]! : 0);
  const mean = time / n;
  const spread = Math.max(0, (squares - n * mean * mean) / (n - 1)) * CLOCK_TO_UNIT ** 2;
  return ((later * later * spread) / windows) * Math.max(0, 1 - windows / later);
}

/** One line's row: exact time of its first hits plus the sampled phase scaled to its later hits (SPEC §3). */
function sampledRow(c: Sampled, slot: number, line: number, options: SampledCollectOptions): LineRow | undefined {
  const hits = c.hits[slot]! + c.shift[slot]!;
  const exact = targetTime(c, slot, options.nested, options.costs);
  const sampledTarget = slot + c.slots;
  const sampled = targetTime(c, sampledTarget, options.nested, options.costs);
  const later = hits - exact.windows;
  let time = exact.time;
  let variance = 0;
  if (later > 0 && sampled.windows > 0) {
    time += (sampled.time * later) / sampled.windows + c.excess[sampledTarget]! * CLOCK_TO_UNIT;
    variance = estimateVariance(c, slot, later, sampled.windows, options.nested);
  } else if (later > 0 && exact.windows > 0) {
    // No sampled execution yet: the exact phase's mean stands in, as uncertain as the estimate itself.
    const guess = (exact.time * later) / exact.windows;
    time += guess;
    variance = guess * guess;
  }
  if (hits === 0 && time === 0) return undefined;
  return [line, hits, Math.round(time), exact.windows + sampled.windows, Math.round(variance)];
}

/** The rows of function `index` of a sampled file, and its total: the sum of its lines (no total is measured). */
export function collectSampledFunction(file: RegisteredFile, index: number, options: SampledCollectOptions): SampledFunction {
  const c = file.sampled!;
  const first = file.firstSlots[index]!;
  const slotLines = file.table.functions[index]![3];
  const lines: LineRow[] = [];
  let totalTime = 0;
  slotLines.forEach((line, offset) => {
    const row = sampledRow(c, first + offset, line, options);
    if (!row) return;
    lines.push(row);
    totalTime += options.nested ? row[2] : sampledRow(c, first + offset, line, { ...options, nested: 1 })![2];
  });
  lines.sort((a, b) => a[0] - b[0]);
  return { lines, totalTime: Math.round(totalTime) };
}

/** The `sample` field of a results file made with these settings and costs. */
export function sampleSettings(rate: number, costs: SampledCosts): SampleSettings {
  const round = (ns: number) => Math.round(ns * 100) / 100;
  return { rate, exactHits: SAMPLE_EXACT_HITS, countCostNs: round(costs.countNs), windowCostNs: round(costs.windowNs) };
}

