/**
 * Probe-cost calibration (SPEC §3, issue 7) against synthetic clocks, where the cost of
 * a clock read is known exactly: a steady clock, one slowed down at first as unoptimized
 * code is, one that jumps as a preempted process does, a coarse one; and the probe cost
 * recorded in results files.
 */
import { describe, expect, it } from 'vitest';
import { calibrateProbe, measureProbeCost, measureSampledCosts, mergeResults, parseResults, type Clock } from '../../packages/runtime/src/index.js';
import { collect, runInThisRealm } from '../helpers/run-in-this-realm.js';

/** Clock time (ms) of one read of the synthetic clocks: a probe costs 100 ns. */
const READ_MS = 1e-4;

/**
 * A clock whose `n`th read advances it by `step(n, time)` ms: the probe code's own
 * arithmetic takes no time on it, so a probe costs exactly what one read advances.
 */
function createClock(step: (reads: number, time: number) => number): Clock {
  let reads = 0;
  let time = 0;
  return {
    now() {
      reads += 1;
      time += step(reads, time);
      return time;
    },
  };
}

describe('measureProbeCost', () => {
  it('measures one clock read per probe', () => {
    expect(measureProbeCost(createClock(() => READ_MS))).toBeCloseTo(100, 6);
  });

  it('is not misled by slow rounds before the JIT optimizes', () => {
    // Five times slower for the first 20 ms, as code running in V8's first tiers.
    const clock = createClock((_, time) => (time < 20 ? 5 * READ_MS : READ_MS));
    expect(measureProbeCost(clock)).toBeCloseTo(100, 6);
  });

  it('measures past its minimum time until enough fast rounds have run', () => {
    // Still slow when the minimum time is over: stopping there would keep the slow cost.
    const clock = createClock((_, time) => (time < 59 ? 3 * READ_MS : READ_MS));
    expect(measureProbeCost(clock, { minTimeMs: 60 })).toBeCloseTo(100, 6);
  });

  it('ignores the rounds that a preemption lengthened', () => {
    // A 1 ms jump every 30 000 reads, one round in about eight.
    const clock = createClock((reads) => (reads % 30_000 === 0 ? 1 : READ_MS));
    expect(measureProbeCost(clock)).toBeCloseTo(100, 6);
  });

  it('lengthens its rounds on a coarse clock', () => {
    // Reads cost 100 ns but the clock shows whole 0.1 ms steps, as browsers coarsen it.
    let time = 0;
    const clock = { now: () => Math.floor((time += READ_MS) * 10) / 10 };
    const cost = measureProbeCost(clock);
    expect(cost).toBeGreaterThan(98);
    expect(cost).toBeLessThan(102);
  });

  it('gives 0 for a clock that does not move', () => {
    expect(measureProbeCost({ now: () => 0 })).toBe(0);
  });

  it('stops at its maximum time on a clock that never settles', () => {
    // Fast for 1 ms in every 20 ms: the fast rounds stay too few to trust.
    let time = 0;
    const clock = createClock((_, before) => {
      const step = Math.floor(before) % 20 === 0 ? READ_MS : 2 * READ_MS;
      time = before + step;
      return step;
    });
    const cost = measureProbeCost(clock, { minTimeMs: 10, maxTimeMs: 50 });
    expect(cost).toBeGreaterThanOrEqual(100);
    expect(cost).toBeLessThanOrEqual(200);
    // A round, 4000 probes then 4000 bare reads, lasts at most 1.6 ms of this clock.
    expect(time).toBeGreaterThanOrEqual(50);
    expect(time).toBeLessThan(52);
  });

  it('says whether its rounds settled, so that an unsettled cost is not kept', () => {
    expect(calibrateProbe(createClock(() => READ_MS))).toEqual({ costNs: expect.closeTo(100, 6), settled: true });
    const flickering = createClock((_, before) => (Math.floor(before) % 20 === 0 ? READ_MS : 2 * READ_MS));
    expect(calibrateProbe(flickering, { minTimeMs: 10, maxTimeMs: 50 }).settled).toBe(false);
  });
});

describe('measureSampledCosts', () => {
  it('settles on a steady clock', () => {
    const costs = measureSampledCosts(createClock(() => READ_MS));
    expect(costs.settled).toBe(true);
    expect(costs.countNs).toBe(0);
    expect(costs.windowNs).toBeGreaterThan(0);
  });

  it('settles when noise once slows the empty loop a counting round subtracts', () => {
    // The reads of the counting rounds come in fours (loop start and end, empty loop start and end): the loop's 8000
    // probes cost 2 ns each, and the 5th empty loop is slowed by 32 µs, so that round alone is below 0 ns a probe.
    const probesMs = 8000 * 2e-6;
    let countingReads = 0;
    const { prepareStackTrace, stackTraceLimit } = Error;
    Error.prepareStackTrace = (_, sites) => sites.some((site) => site.getFunctionName() === 'countRound');
    Error.stackTraceLimit = 5;
    let costs;
    try {
      costs = measureSampledCosts(
        createClock(() => {
          if (!(new Error().stack as unknown as boolean)) return READ_MS;
          countingReads += 1;
          if (countingReads % 4 === 2) return READ_MS + probesMs;
          return countingReads === 4 * 5 ? READ_MS + 2 * probesMs : READ_MS;
        }),
      );
    } finally {
      Object.assign(Error, { prepareStackTrace, stackTraceLimit });
    }
    expect(countingReads).toBeGreaterThan(4 * 5);
    expect(costs.settled).toBe(true);
    expect(costs.countNs).toBeCloseTo(2, 6);
  });

  it('does not settle while its windows cost several clock reads, as unoptimized code on a loaded machine does', () => {
    // Every read costs 5 of the bare loop's (its function is `read`; long reads, for a short test): the step's reads, so
    // each window, cost several bare reads, as when V8 has not optimized the calibration.
    let time = 0;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 2;
    let costs;
    try {
      costs = measureSampledCosts({ now: () => (time += new Error().stack!.includes('at read ') ? 10 * READ_MS : 50 * READ_MS) });
    } finally {
      Error.stackTraceLimit = limit;
    }
    expect(costs.settled).toBe(false);
    expect(time).toBeGreaterThanOrEqual(300);
  });
});

describe('results files', () => {
  const { runtime } = runInThisRealm(`
    // @profile
    function f(n) {
      let k = 0;
      for (let i = 0; i < n; i++) k += i;
      return k;
    }
    return f(100);
  `);

  it('record the probe cost and whether it was subtracted', () => {
    expect(collect(runtime, 37.257)).toMatchObject({ probeCostNs: 37.26, compensated: true });
    expect(collect(runtime, 37.257, false)).toMatchObject({ probeCostNs: 37.26, compensated: false });
  });

  it('keep it through a write and a read', () => {
    const results = collect(runtime, 41.5);
    expect(parseResults(JSON.stringify(results))).toMatchObject({ probeCostNs: 41.5, compensated: true });
  });

  it('merged, record the mean probe cost, compensated only if all were', () => {
    const merged = mergeResults([collect(runtime, 30), collect(runtime, 40, false)]);
    expect(merged).toMatchObject({ probeCostNs: 35, compensated: false });
  });
});
