/**
 * Sampled mode's step function S (SPEC §3 `--sample`, issue 14), driven directly: a clock
 * that moves only when the test says so and one activation whose probes call S as the
 * generated probe does, so each window's time is known exactly.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_ALWAYS_TIMED_MS, SAMPLE_EXACT_HITS, SAMPLE_OUTLIER_FACTOR, SAMPLED_REALM_SLOTS } from '../../packages/runtime/src/constants.js';
import { createSampledCounters } from '../../packages/runtime/src/sampled-probe.js';
import { createSampledStep } from '../../packages/runtime/src/sampled-step.js';

/** 2⁻⁷ ms: a cheap line's window (exact in binary). */
const CHEAP_MS = 2 ** -7;

/** One activation of a function (number 1) of one line (slot 1), sampling every execution. */
function oneLine() {
  let now = 0;
  const counters = createSampledCounters(2, new Float64Array(2), new Float64Array(SAMPLED_REALM_SLOTS), new Int32Array(2));
  const step = createSampledStep({ now: () => now }, counters, 2, 1);
  let c = 0;
  let n = 0;
  /** The line runs once and takes `ms`: its probe, as sampledProbeCode() writes it, then its work. */
  const run = (ms: number) => {
    const timed = ++counters.hits[1]! <= SAMPLE_EXACT_HITS;
    const due = ++n >= c;
    if (timed || due) c = step(c, 1, 1, n);
    now += ms;
  };
  return { counters, run, end: () => step(c, 0, 1, n, false) };
}

describe('sampled step', () => {
  it('caps a sampled pause by the line\'s typical window, not by a mean that a pause in its exact windows raised', () => {
    const { counters, run, end } = oneLine();
    const pause = 0.25;
    run(pause);
    for (let i = 1; i < SAMPLE_EXACT_HITS; i++) run(CHEAP_MS);
    for (let i = 0; i < 100; i++) run(CHEAP_MS);
    // Longer than the cap of a cheap line's windows, shorter than that of their mean with the first pause in it
    // (a mean still below SAMPLE_ALWAYS_TIMED_MS: the line stays sampled).
    const sampledPause = 1.75;
    expect(sampledPause).toBeGreaterThan(SAMPLE_OUTLIER_FACTOR * CHEAP_MS);
    expect(sampledPause).toBeLessThan((SAMPLE_OUTLIER_FACTOR * (pause + 131 * CHEAP_MS)) / 133);
    expect((pause + 131 * CHEAP_MS) / 133).toBeLessThan(SAMPLE_ALWAYS_TIMED_MS);
    run(sampledPause);
    run(CHEAP_MS);
    end();
    // The exact windows are charged as they were; the sampled pause beyond the cap once, unscaled.
    expect(counters.time[1]).toBe(pause + (SAMPLE_EXACT_HITS - 1) * CHEAP_MS);
    expect(counters.excess[3]).toBeGreaterThan(0);
    expect(counters.time[3]! + counters.excess[3]!).toBeCloseTo(sampledPause + 101 * CHEAP_MS, 12);
  });
});
