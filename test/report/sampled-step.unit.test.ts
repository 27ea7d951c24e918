/**
 * Sampled mode's step function S (SPEC §3 `--sample`, issue 14), driven directly: a clock
 * that moves only when the test says so and one activation whose probes call S as the
 * generated probe does, so each window's time is known exactly.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_ALWAYS_TIMED_MS, SAMPLE_EXACT_HITS, SAMPLE_OUTLIER_FACTOR, SAMPLED_REALM_SLOTS } from '../../packages/runtime/src/constants.js';
import { createSampledCounters } from '../../packages/runtime/src/sampled-probe.js';
import { collectSampledFunction } from '../../packages/runtime/src/sampled-results.js';
import { createSampledStep, SampledStepMode } from '../../packages/runtime/src/sampled-step.js';

/** 2⁻⁷ ms: a cheap line's window (exact in binary). */
const CHEAP_MS = 2 ** -7;

/** One activation of a function (number 1) of one line (slot 1), sampling 1 in `rate` executions. */
function oneLine(rate = 1) {
  let now = 0;
  const counters = createSampledCounters(2, new Float64Array(2), new Float64Array(SAMPLED_REALM_SLOTS), new Int32Array(2));
  const step = createSampledStep({ now: () => now }, counters, 2, rate);
  let c = 0;
  let n = 0;
  /**
   * The line runs once and takes `ms`, or `ms` plus `pause` when this execution is timed:
   * its probe, as sampledProbeCode() writes it, then its work. Returns whether it was timed.
   */
  const run = (ms: number, pause = 0) => {
    const timed = ++counters.hits[1]! <= SAMPLE_EXACT_HITS;
    const due = ++n >= c;
    if (timed || due) c = step(c, 1, 1, n);
    now += ms + (c < 0 ? pause : 0);
    return c < 0;
  };
  const file = { table: { file: 'a.js', functions: [['f', 1, 3, [2]]] }, firstSlots: [1], sampled: { ...counters, slots: 2, rate } };
  /** The line's row: [line, hits, time (ns), windows, variance]. */
  const row = () => collectSampledFunction(file as never, 0, { nested: 1, costs: { countNs: 0, windowNs: 0 } }).lines[0]!;
  return { counters, run, row, end: () => step(c, 0, 1, n, false) };
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

  describe('with a rate', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('counts a window that a suspension split as one window in the variance', () => {
      // Gaps of 2, as above. The line's work is two segments of the same length, 1, 2 or 3 eighths of a cheap window
      // in turn, around a suspension (a generator's yield): each window is both segments (a short one, never timed
      // at every execution).
      vi.spyOn(Math, 'random').mockReturnValue(0.3);
      let now = 0;
      const counters = createSampledCounters(2, new Float64Array(2), new Float64Array(SAMPLED_REALM_SLOTS), new Int32Array(2));
      const step = createSampledStep({ now: () => now }, counters, 2, 4);
      const file = { table: { file: 'a.js', functions: [['f', 1, 3, [2]]] }, firstSlots: [1], sampled: { ...counters, slots: 2, rate: 4 } };
      const executions = 999;
      const windows: number[] = [];
      let c = 0;
      let n = 0;
      for (let i = 0; i < executions; i++) {
        const timed = ++counters.hits[1]! <= SAMPLE_EXACT_HITS;
        const due = ++n >= c;
        if (timed || due) c = step(c, 1, 1, n);
        const segment = ((1 + (i % 3)) * CHEAP_MS) / 8;
        if (c < 0 && !timed) windows.push(2 * segment);
        now += segment;
        step(c, SampledStepMode.park, 1, n, false);
        now += 1;
        step(c, SampledStepMode.resume, 1, n);
        now += segment;
      }
      step(c, SampledStepMode.end, 1, n, false);
      const [, hits, , samples, variance] = collectSampledFunction(file as never, 0, { nested: 1, costs: { countNs: 0, windowNs: 0 } }).lines[0]!;
      expect([hits, samples]).toEqual([executions, SAMPLE_EXACT_HITS + windows.length]);
      const later = executions - SAMPLE_EXACT_HITS;
      const mean = windows.reduce((sum, w) => sum + w, 0) / windows.length;
      const spread = (windows.reduce((sum, w) => sum + (w - mean) ** 2, 0) / (windows.length - 1)) * 1e12;
      expect(spread).toBeGreaterThan(0);
      expect(variance).toBeCloseTo(((later * later * spread) / windows.length) * (1 - windows.length / later), -1);
    });

    it('charges a pause in a sampled window once, as exact mode does, not scaled by the rate', () => {
      // Every gap drawn is 2 (a geometric draw of mean 4 at 0.3): every other execution is timed.
      vi.spyOn(Math, 'random').mockReturnValue(0.3);
      const { run, row, end } = oneLine(4);
      const executions = 1000;
      const pause = 2;
      let paused = false;
      for (let i = 0; i < executions; i++) paused = (run(CHEAP_MS, !paused && i >= 500 ? pause : 0) && i >= 500) || paused;
      end();
      const [, hits, time, windows] = row();
      expect([hits, windows]).toEqual([executions, SAMPLE_EXACT_HITS + (executions - SAMPLE_EXACT_HITS) / 2]);
      expect(pause).toBeGreaterThan(SAMPLE_OUTLIER_FACTOR * CHEAP_MS);
      // The cheap executions are estimated as they cost, the pause added once: off by less than one cheap window
      // (the usual window is its mean so far), where counting it at the cap added K × the cap.
      expect(Math.abs(time - (executions * CHEAP_MS + pause) * 1e6)).toBeLessThan(CHEAP_MS * 1e6);
    });
  });
});
