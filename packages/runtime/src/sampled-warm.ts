/**
 * Sampled mode's warm-up (`--sample`, issue 14). S runs rarely (at 1 in K probes, and at
 * the first hits of each line), so V8 took long to optimize it, and until it did, every
 * sampled window held S's unoptimized entry and exit, far more than the calibrated window
 * cost the results subtract: the cheap lines of the accuracy bench (S called ~1000 times
 * in all, never optimized) came out 50–80 ns a hit too slow. So the first sampled file of
 * a realm runs its own S, before its code runs, through the usual paths on slots of its
 * own that no line has ({@link SAMPLED_WARM_SLOTS}), then clears them.
 */
import { SAMPLED_CHAINS_START, SAMPLED_WARM_SLOTS } from './constants.js';
import type { SampledCounters } from './sampled-probe.js';
import { SampledStepMode as Mode, type SampledStep } from './sampled-step.js';

/** Activations the warm-up runs: ~10 S calls each, enough for V8 to mark S for optimization. */
const WARM_ACTIVATIONS = 600;

/** Probes per warm-up activation. */
const WARM_PROBES = 8;

/**
 * Runs `step` through the paths of a program's activations, with the argument types the
 * generated code passes: probes of a line in its first hits (slot `first`, timed at every
 * execution) and of a line past them (`first + 1`, timed when due), activations with and
 * without a nested record, suspended and resumed (a generator's yield, an await) or not,
 * their ends; function `fn` is the file's extra one. Then clears what it counted on those
 * slots.
 */
export function warmSampledStep(step: SampledStep, c: SampledCounters & { slots: number }, first: number, fn: number): void {
  const { hits, realm } = c;
  hits[first] = -Infinity;
  hits[first + 1] = Infinity;
  for (let activation = 0; activation < WARM_ACTIVATIONS; activation++) {
    // A chain's count, as a prologue reads it (a double), without taking the chain.
    let due = realm[SAMPLED_CHAINS_START]!;
    let n = 0;
    const w = activation % 2 === 0 && step(first, Mode.nest, fn, n);
    for (let probe = 0; probe < WARM_PROBES; probe++) {
      const slot = first + (probe & 1);
      const timed = ++hits[slot]! <= 0;
      if (++n >= due || timed) due = step(due, slot, fn, n);
    }
    if (activation % 4 === 1) {
      step(due, Mode.park, fn, n, w);
      step(due, Mode.resume, fn, n);
    }
    step(due, Mode.end, fn, n, w);
  }
  clearSlots(c, first);
  c.open[fn] = 0;
}

/** Zeroes what the warm-up counted on its slots. */
function clearSlots(c: SampledCounters & { slots: number }, first: number): void {
  const perSlot = [c.hits, c.shift];
  const perTarget = [c.time, c.excess, c.squares, c.onceSquares, c.counts, c.calls, c.samples, c.nested, c.nestedCounts, c.nestedCalls];
  for (const array of perSlot) array.fill(0, first, first + SAMPLED_WARM_SLOTS);
  for (const array of perTarget) {
    array.fill(0, first, first + SAMPLED_WARM_SLOTS);
    array.fill(0, c.slots + first, c.slots + first + SAMPLED_WARM_SLOTS);
  }
}
