/**
 * Overhead compensation (SPEC §3, issue 7): the measured probe cost is subtracted for
 * every clock read inside an interval, the probes of profiled callees included, never
 * below zero, and never touching hits. Times are compared by relation only, never
 * against absolute bounds; the machine's speed and load cannot decide these tests.
 */
import { setFlagsFromString } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_FUNCTION, measureProbeCost, type ResultsFile, type Runtime } from '../../packages/runtime/src/index.js';
import { BUSY_WAIT_SOURCE, functionNamed, lineTime, src } from '../helpers/run-instrumented.js';
import { collect, resetCounters, runInThisRealm } from '../helpers/run-in-this-realm.js';

/**
 * Most runs of a timing relation. Noise only adds time, so one run that shows the relation
 * proves it: runs stop at the first that does. A busy machine (issue #12, item 8) spoils
 * some runs, not ten in a row.
 */
const MAX_ATTEMPTS = 10;

/** Runs `measure` until `holds` is true of the runs so far, at most MAX_ATTEMPTS times; returns the runs. */
function attemptUntil<T>(measure: () => T, holds: (runs: T[]) => boolean): T[] {
  const runs = [measure()];
  while (runs.length < MAX_ATTEMPTS && !holds(runs)) runs.push(measure());
  return runs;
}

/** `work(n, ms)`: a trivial line (line 6) next to an `ms` busy-wait (line 7), n times. */
const CHEAP_NEXT_TO_EXPENSIVE = src`
  ${BUSY_WAIT_SOURCE}
  // @profile
  function work(n, ms) {
    let k = 0;
    for (let i = 0; i < n; i++) {
      k += i;
      busyWait(ms);
    }
    return k;
  }
  return work;
`;
const TRIVIAL_LINE = 6;
const EXPENSIVE_LINE = 7;

/**
 * `caller(calls)`, whose line 15 calls a profiled callee doing 1 ms of busy work after 20 000
 * executions of cheap lines (lines 5 and 6) per call: the callee's probes cost about as
 * much as its work.
 */
const CALLER_OF_PROFILED_CALLEE = src`
  ${BUSY_WAIT_SOURCE}
  // @profile
  function callee() {
    let k = 0;
    for (let i = 0; i < 10000; i++) {
      k += i;
    }
    busyWait(1);
    return k;
  }
  // @profile
  function caller(calls) {
    let sum = 0;
    for (let i = 0; i < calls; i++) {
      sum += callee();
    }
    return sum;
  }
  return caller;
`;
const CALL_LINE = 15;

let probeCostNs: number;

beforeAll(() => {
  probeCostNs = measureProbeCost();
});

/**
 * Loads `source`, whose value is a profiled function, calls it with `warmUp` arguments
 * (lazy compilation, unoptimized code), forgets that call, and calls it with `args`.
 */
function runWarm(source: string, warmUp: number[], args: number[]): Runtime {
  const { value, runtime } = runInThisRealm(source);
  const run = value as (...args: number[]) => unknown;
  run(...warmUp);
  resetCounters(runtime);
  run(...args);
  return runtime;
}

/** Every line time and total of a results file. */
function allTimes(results: ResultsFile): number[] {
  return results.functions.flatMap((fn) => [fn.totalTime, ...fn.lines.map((row) => row[2])]);
}

describe('overhead compensation', () => {
  it('the calibrated probe cost is a positive number of nanoseconds', () => {
    expect(Number.isFinite(probeCostNs)).toBe(true);
    expect(probeCostNs).toBeGreaterThan(0);
  });

  it('leaves a trivial line far below an expensive one, without most of its probe', () => {
    // Truth: about 1 ns against 2000 ns, where one probe alone would be 1 in 50. V8 only
    // optimizes a function after it ran enough of its own code, which a loop spending
    // its time in a callee takes long to do: the warm-up runs it without waiting.
    const least = (runs: { ratio: number; left: number }[], key: 'ratio' | 'left'): number => Math.min(...runs.map((run) => run[key]));
    const attempts = attemptUntil(
      () => {
        const runtime = runWarm(CHEAP_NEXT_TO_EXPENSIVE, [50_000, 0.0005], [5000, 0.002]);
        const results = collect(runtime, probeCostNs);
        const trivial = lineTime(results, 'work', TRIVIAL_LINE);
        return {
          ratio: trivial / lineTime(results, 'work', EXPENSIVE_LINE),
          left: trivial / lineTime(collect(runtime, probeCostNs, false), 'work', TRIVIAL_LINE),
        };
      },
      (runs) => least(runs, 'ratio') < 0.01 && least(runs, 'left') < 0.5,
    );
    expect(least(attempts, 'ratio')).toBeLessThan(0.01);
    expect(least(attempts, 'left')).toBeLessThan(0.5);
  });

  it('leaves a trivial line near zero in a function that V8 never optimizes', () => {
    // A probe calls the step function that every file shares, which V8 optimizes early:
    // it costs about the calibrated cost in unoptimized functions too. Inline, the same
    // work cost twice as much there, and compensation left the difference on every line.
    setFlagsFromString('--allow-natives-syntax');
    const neverOptimize = new Function('f', '%NeverOptimizeFunction(f)') as (fn: unknown) => void;
    const perHit = attemptUntil(
      () => {
        const { value, runtime } = runInThisRealm(CHEAP_NEXT_TO_EXPENSIVE);
        const work = value as (n: number, ms: number) => number;
        neverOptimize(work);
        work(200, 0);
        resetCounters(runtime);
        work(5000, 0.002);
        return lineTime(collect(runtime, probeCostNs), 'work', TRIVIAL_LINE) / 5000;
      },
      (runs) => Math.min(...runs) < probeCostNs / 2,
    );
    expect(Math.min(...perHit)).toBeLessThan(probeCostNs / 2);
  });

  it('never yields negative times, even with a probe cost far above the real one', () => {
    const runtime = runWarm(CHEAP_NEXT_TO_EXPENSIVE, [2000, 0.002], [2000, 0.002]);
    const raw = allTimes(collect(runtime, probeCostNs, false));
    for (const cost of [probeCostNs, 1e6]) {
      const compensated = allTimes(collect(runtime, cost));
      expect(compensated.every((time) => time >= 0)).toBe(true);
      compensated.forEach((time, i) => expect(time).toBeLessThanOrEqual(raw[i]!));
    }
    expect(allTimes(collect(runtime, 1e6)).every((time) => time === 0)).toBe(true);
  });

  it('does not change hits', () => {
    const runtime = runWarm(CALLER_OF_PROFILED_CALLEE, [5], [5]);
    const hitsOf = (results: ResultsFile) =>
      results.functions.map((fn) => [fn.name, fn.lines.map(([line, hits]) => [line, hits])]);
    expect(hitsOf(collect(runtime, probeCostNs))).toEqual(hitsOf(collect(runtime, probeCostNs, false)));
    const calleeLines = functionNamed(collect(runtime, probeCostNs), 'callee').lines;
    expect(calleeLines.map(([line, hits]) => [line, hits])).toEqual([
      [4, 5],
      [5, 5 * 10001],
      [6, 5 * 10000],
      [8, 5],
      [9, 5],
    ]);
  });

  it("charges a line calling a profiled function the callee's total, not its probes too", () => {
    const runtime = runWarm(CALLER_OF_PROFILED_CALLEE, [5], [5]);
    const results = collect(runtime, probeCostNs);
    const callLine = lineTime(results, 'caller', CALL_LINE);
    const calleeTotal = functionNamed(results, 'callee').totalTime;
    expect(callLine / calleeTotal).toBeGreaterThan(0.5);
    expect(callLine / calleeTotal).toBeLessThan(2);
    // Both sides subtract the same clock reads, so they differ by about one probe per
    // call whatever the calibration's error; without the callee's reads the call line
    // would exceed the total by all of them.
    const [file] = runtime.files;
    const calleeReads = file!.totalCounts[FIRST_FUNCTION]!;
    expect(calleeReads).toBeGreaterThan(5 * 20000);
    expect(Math.abs(callLine - calleeTotal)).toBeLessThan(0.25 * calleeReads * probeCostNs);
  });
});
