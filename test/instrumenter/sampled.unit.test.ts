/**
 * Sampled mode (SPEC §3 `--sample`, issue 14): exact hits, line times estimated from a
 * random subset of executions; exact mode unchanged. The instrumenter's other suites run
 * in sampled mode too (vitest project `sampled`).
 */
import { describe, expect, it } from 'vitest';
import { instrument } from '../../packages/instrumenter/src/index.js';
import { SAMPLE_ALWAYS_TIMED_MS, SAMPLE_EXACT_HITS } from '../../packages/runtime/src/index.js';
import { createProbeNames, epilogueCode, probeCode, prologueCode } from '../../packages/runtime/src/probe.js';
import { createVirtualTime, functionNamed, runBothWays, src } from '../helpers/run-instrumented.js';

/** 2⁻⁷ ms: a line cheaper than SAMPLE_ALWAYS_TIMED_MS, and exact in binary (sums of it stay exact). */
const CHEAP_MS = 2 ** -7;

/** 2⁻⁵ ms: a line longer than SAMPLE_ALWAYS_TIMED_MS, exact in binary too. */
const LONG_MS = 2 ** -5;

const LOOP = src`
  // @profile
  function work(n) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      busyWait(${CHEAP_MS});
      s += i;
    }
    return s;
  }
  return work(1000);
`;

describe('exact mode', () => {
  it('emits the probe code of main, byte for byte', () => {
    const k = createProbeNames('_');
    expect([probeCode(k, '1', '2'), prologueCode(k, '1', '2', 'none'), epilogueCode(k, '1', 'none')]).toEqual([
      '_t = _S(_t, _k, _l, _l = 2, 1), _k = _G[0]',
      'var _o = _D[1]++ === 0, _u = _O[1], _t0 = _S(0, 0, 0, 2, 1), _t = _t0, _l = 2, _k = _G[0], _g0 = _k;',
      '_t = _S(_t, _k, _l, 0, 0); _k = _G[0]; _F[1] += (_t - _t0) * _o, _Q[1] += (_k - _g0) * _o, _X[_u] += _t - _t0, _Y[_u] += _k - _g0; _D[1]--; _O[1] = _u;',
    ]);
  });

  it('is what instrument() makes without the sample option', () => {
    const exact = instrument(LOOP, { filename: '/virtual/case.js' }).code;
    expect(instrument(LOOP, { filename: '/virtual/case.js', sample: undefined }).code).toBe(exact);
    expect(exact).not.toContain('sample');
    expect(instrument(LOOP, { filename: '/virtual/case.js', sample: 8 }).code).not.toBe(exact);
  });
});

describe('sampled mode', () => {
  it('counts exact hits and estimates each line from its first hits and its samples', async () => {
    const time = createVirtualTime();
    const run = await runBothWays(LOOP, { ...time, sample: 4 });
    expect(run.instrumented).toEqual(run.original);
    expect(run.hits).toEqual({ work: { 3: 1, 4: 1001, 5: 1000, 6: 1000, 8: 1 } });
    const work = functionNamed(run, 'work');
    const rows = new Map(work.lines.map((row) => [row[0], row]));
    // Every execution of line 5 costs the same: its estimate is exact whichever were sampled.
    expect(rows.get(5)![2]).toBe(1000 * CHEAP_MS * 1e6);
    expect(rows.get(6)![2]).toBe(0);
    // The first hits are all timed, then about 1 in 4.
    const samples = rows.get(5)![3]!;
    expect(samples).toBeGreaterThan(SAMPLE_EXACT_HITS + 100);
    expect(samples).toBeLessThan(SAMPLE_EXACT_HITS + 500);
    // A line run once was timed once, exactly; lines add up to the total.
    expect(rows.get(3)!.slice(1, 4)).toEqual([1, 0, 1]);
    expect(work.totalTime).toBe(1000 * CHEAP_MS * 1e6);
  });

  it('samples the first line of a function as often as its others: no chain starts due', async () => {
    // Each activation takes the next countdown chain: 20000 activations went through all of them, and one that
    // started at 0 sampled the first probe of its first activation, 1024 samples more on line 3 than 1 in 1024.
    const run = await runBothWays(
      src`
        // @profile
        function f(i) {
          let a = i;
          a += 1;
          return a;
        }
        let s = 0;
        for (let i = 0; i < 20000; i++) s += f(i);
        return s;
      `,
      { ...createVirtualTime(), sample: 1024 },
    );
    expect(run.instrumented).toEqual(run.original);
    const rows = functionNamed(run, 'f').lines;
    expect(rows.map(([line, hits]) => [line, hits])).toEqual([[3, 20000], [4, 20000], [5, 20000]]);
    // About 19.5 sampled executions each after the first hits.
    for (const [, , , samples] of rows) expect(samples! - SAMPLE_EXACT_HITS).toBeLessThan(80);
  });

  it('times a line at every execution once its first hits show it long, its hits still exact', async () => {
    expect(LONG_MS).toBeGreaterThan(SAMPLE_ALWAYS_TIMED_MS);
    const run = await runBothWays(LOOP.replace(`busyWait(${CHEAP_MS})`, `busyWait(${LONG_MS})`), { ...createVirtualTime(), sample: 1000 });
    expect(run.hits).toEqual({ work: { 3: 1, 4: 1001, 5: 1000, 6: 1000, 8: 1 } });
    const rows = new Map(functionNamed(run, 'work').lines.map((row) => [row[0], row]));
    expect(rows.get(5)).toEqual([5, 1000, 1000 * LONG_MS * 1e6, 1000, 0]);
    // The cheap line beside it is still sampled.
    expect(rows.get(6)![3]).toBeLessThan(SAMPLE_EXACT_HITS + 20);
  });

  it('times a line run fewer than M times at every hit', async () => {
    const run = await runBothWays(LOOP.replace('work(1000)', `work(${SAMPLE_EXACT_HITS - 2})`), { ...createVirtualTime(), sample: 1000 });
    const rows = new Map(functionNamed(run, 'work').lines.map((row) => [row[0], row]));
    expect(rows.get(5)).toEqual([5, SAMPLE_EXACT_HITS - 2, (SAMPLE_EXACT_HITS - 2) * CHEAP_MS * 1e6, SAMPLE_EXACT_HITS - 2, 0]);
  });

  it('keeps recursion counted once: a nested activation is taken from the line that led to it', async () => {
    const run = await runBothWays(
      src`
        // @profile
        function fib(n) {
          if (n < 2) {
            busyWait(1);
            return n;
          }
          return fib(n - 1) + fib(n - 2);
        }
        return fib(12);
      `,
      { ...createVirtualTime(), sample: 3 },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.hits.fib![4]).toBe(233);
    const fib = functionNamed(run, 'fib');
    expect(fib.lines.map(([line, , time]) => [line, time])).toEqual([
      [3, 0],
      [4, 233e6],
      [5, 0],
      [7, 0],
    ]);
    expect(fib.totalTime).toBe(233e6);
    // The recursive line's windows are long only by the nested activations: it stays sampled,
    // and its estimate, which leaves them out, varies by nothing.
    const [, hits, , samples, variance] = fib.lines.find(([line]) => line === 7)!;
    expect(samples).toBeLessThan(hits);
    expect(variance).toBe(0);
  });

  it('keeps every window of a line when an empty function runs inside it', async () => {
    // The empty body's prologue had a probe of slot 0, S's `end`: each empty activation gave its chain back one
    // less than it took, until the chain read as an open window's code and a later activation closed (and released)
    // a record that another still held: windows were cut, charged twice or lost (yaml's suite under --sample 1).
    const run = await runBothWays(
      src`
        // @profile
        const noop = () => {};
        // @profile
        function work(n) {
          let s = 0;
          for (let i = 0; i < n; i++) {
            busyWait(${CHEAP_MS});
            noop();
            s += i;
          }
          return s;
        }
        // @profile
        function main() {
          return work(5000);
        }
        return main();
      `,
      { ...createVirtualTime(), sample: 1 },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.hits).toEqual({ noop: {}, work: { 5: 1, 6: 5001, 7: 5000, 8: 5000, 9: 5000, 11: 1 }, main: { 15: 1 } });
    const rows = functionNamed(run, 'work').lines;
    // At 1 in 1, every execution is a window of its own: times are exact.
    expect(rows.map(([line, hits, time, samples]) => [line, hits === samples, time])).toEqual([
      [5, true, 0],
      [6, true, 0],
      [7, true, 5000 * CHEAP_MS * 1e6],
      [8, true, 0],
      [9, true, 0],
      [11, true, 0],
    ]);
    // The window of main's line holds all of work: it had 20 s of virtual time for 39 ms.
    expect(functionNamed(run, 'main').lines).toEqual([[15, 1, 5000 * CHEAP_MS * 1e6, 1, 0]]);
  });
});
