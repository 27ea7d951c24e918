/**
 * Recursion (SPEC §3, issue 18): time spent in a nested activation of the same function
 * (direct or mutual recursion, sync, async or a generator's, exits through exceptions)
 * is charged to the nested activation's own lines only, so a function's lines add up
 * to its total and no line exceeds it; calls to other functions stay inclusive. The
 * inclusive view (`--recursion inclusive`) keeps kernprof's double counting. Hits are
 * the same in both views.
 */
import { describe, expect, it } from 'vitest';
import type { FunctionResult } from '../../packages/runtime/src/index.js';
import { BUSY_WAIT_SOURCE, createVirtualTime, functionNamed, runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

/**
 * How far the lines of a function may add up from its total: the uncompensated lines
 * tile the outermost activations' wall time exactly, up to the rounding of each line to
 * a whole ns (and float sums of ms).
 */
const SUM_TOLERANCE_NS = 1_000;

function expectSame(run: BothWays): void {
  expect(run.instrumented).toEqual(run.original);
}

/** The function's line times add up to its total, and none is above it. */
function expectLinesAddUp(fn: FunctionResult): void {
  const sum = fn.lines.reduce((total, [, , time]) => total + time, 0);
  expect(Math.abs(sum - fn.totalTime)).toBeLessThanOrEqual(SUM_TOLERANCE_NS);
  for (const [, , time] of fn.lines) expect(time).toBeLessThanOrEqual(fn.totalTime);
}

/** `[line, time]` of every line of a function, time in ms. */
function lineTimes(functions: readonly FunctionResult[], name: string): [number, number][] {
  return functionNamed({ functions }, name).lines.map(([line, , time]) => [line, time / 1e6]);
}

/** Hits per line of a function in a list of results. */
function hitsOf(functions: readonly FunctionResult[], name: string): Record<number, number> {
  return Object.fromEntries(functionNamed({ functions }, name).lines.map(([line, hits]) => [line, hits]));
}

/** Hits are the same in both views, and the totals too. */
function expectSameHitsAndTotals(run: BothWays, names: readonly string[]): void {
  for (const name of names) {
    expect(hitsOf(run.inclusive, name)).toEqual(hitsOf(run.functions, name));
    expect(functionNamed({ functions: run.inclusive }, name).totalTime).toBe(functionNamed(run, name).totalTime);
  }
}

describe('recursion counted once', () => {
  it('fib: on the real clock, the lines add up to the total and the recursive line stays under it', async () => {
    const run = await runBothWays(src`
      ${BUSY_WAIT_SOURCE}
      // @profile
      function fib(n) {
        if (n < 2) {
          busyWait(0.2);
          return n;
        }
        return fib(n - 1) + fib(n - 2);
      }
      return fib(9);
    `);
    expectSame(run);
    // fib(9) makes 109 calls, 55 of them leaves.
    expect(run.hits).toEqual({ fib: { 4: 109, 5: 55, 6: 55, 8: 54 } });
    expectSameHitsAndTotals(run, ['fib']);
    const fib = functionNamed(run, 'fib');
    expectLinesAddUp(fib);
    const time = Object.fromEntries(fib.lines.map(([line, , t]) => [line, t]));
    // The leaves' waits are most of the time; the recursive line only adds its own calls.
    expect(time[5]).toBeGreaterThan(time[8]!);
    // Inclusive, line 8 holds every leaf below each inner call again: above 100 %.
    const inclusive = functionNamed({ functions: run.inclusive }, 'fib');
    expect(inclusive.lines.find(([line]) => line === 8)![2]).toBeGreaterThan(inclusive.totalTime);
  });

  it('mutual recursion: isEven/isOdd each charge their own lines once', async () => {
    const run = await runBothWays(
      src`
        // @profile
        function isEven(n) {
          busyWait(1);
          if (n === 0) return true;
          return isOdd(n - 1);
        }
        // @profile
        function isOdd(n) {
          busyWait(2);
          return n === 0 ? false : isEven(n - 1);
        }
        return isEven(4);
      `,
      createVirtualTime(),
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: true });
    // isEven(4), isEven(2), isEven(0); isOdd(3), isOdd(1).
    expect(run.hits).toEqual({ isEven: { 3: 3, 4: 3, 5: 2 }, isOdd: { 9: 2, 10: 2 } });
    expectSameHitsAndTotals(run, ['isEven', 'isOdd']);
    // isEven's line 5 keeps the time of its isOdd callee's own lines (2 ms in each), not
    // that of the isEven activations nested in it; isOdd's line 10 likewise.
    expect(lineTimes(run.functions, 'isEven')).toEqual([
      [3, 3],
      [4, 0],
      [5, 4],
    ]);
    expect(lineTimes(run.functions, 'isOdd')).toEqual([
      [9, 4],
      [10, 2],
    ]);
    expect(functionNamed(run, 'isEven').totalTime).toBe(7e6);
    expect(functionNamed(run, 'isOdd').totalTime).toBe(6e6);
    expectLinesAddUp(functionNamed(run, 'isEven'));
    expectLinesAddUp(functionNamed(run, 'isOdd'));
    // Inclusive: isEven(4)'s line 5 holds all 6 ms below it, isEven(2)'s 3 ms.
    expect(lineTimes(run.inclusive, 'isEven')).toEqual([
      [3, 3],
      [4, 0],
      [5, 9],
    ]);
    expect(lineTimes(run.inclusive, 'isOdd')).toEqual([
      [9, 4],
      [10, 5],
    ]);
  });

  it('a tree walk: the line calling a non-recursive helper keeps its time, the recursive line none', async () => {
    const run = await runBothWays(
      src`
        // @profile
        function weigh(node) {
          busyWait(node.cost);
          return node.cost;
        }
        // @profile
        function walk(node) {
          let sum = weigh(node);
          for (const child of node.children) {
            sum += walk(child);
          }
          return sum;
        }
        const leaf = (cost) => ({ cost, children: [] });
        return walk({ cost: 1, children: [{ cost: 2, children: [leaf(4)] }, leaf(3)] });
      `,
      createVirtualTime(),
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 10 });
    expect(run.hits).toEqual({ weigh: { 3: 4, 4: 4 }, walk: { 8: 4, 9: 3 + 2 + 1 + 1, 10: 3, 12: 4 } });
    expectSameHitsAndTotals(run, ['weigh', 'walk']);
    expect(lineTimes(run.functions, 'walk')).toEqual([
      [8, 10],
      [9, 0],
      [10, 0],
      [12, 0],
    ]);
    expect(functionNamed(run, 'walk').totalTime).toBe(10e6);
    expectLinesAddUp(functionNamed(run, 'walk'));
    expectLinesAddUp(functionNamed(run, 'weigh'));
    // Inclusive: line 10 holds each node's subtree again (2 + 4 + 3, and 4 under the 2).
    expect(lineTimes(run.inclusive, 'walk')).toEqual([
      [8, 10],
      [9, 0],
      [10, 13],
      [12, 0],
    ]);
  });

  it('exits through exceptions: a throw at the bottom, caught and rethrown on the way up', async () => {
    const run = await runBothWays(
      src`
        // @profile
        function dive(n) {
          busyWait(1);
          if (n === 0) throw new Error('bottom');
          try {
            dive(n - 1);
          } catch (error) {
            busyWait(2);
            if (n < 2) throw error;
          }
          return n;
        }
        return dive(3);
      `,
      createVirtualTime(),
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 3 });
    expect(run.hits).toEqual({ dive: { 3: 4, 4: 4, 5: 3, 6: 3, 8: 2, 9: 2, 11: 2 } });
    expectSameHitsAndTotals(run, ['dive']);
    const dive = functionNamed(run, 'dive');
    expect(dive.totalTime).toBe(8e6);
    expect(lineTimes(run.functions, 'dive')).toEqual([
      [3, 4],
      [4, 0],
      [5, 0],
      [6, 0],
      [8, 4],
      [9, 0],
      [11, 0],
    ]);
    expectLinesAddUp(dive);
    // Inclusive: line 6 holds dive(2) (7 ms), dive(1) (4 ms) and dive(0) (1 ms).
    expect(lineTimes(run.inclusive, 'dive').find(([line]) => line === 6)).toEqual([6, 12]);
  });

  it('an async function awaiting itself, with and without await time', async () => {
    for (const awaitTime of [true, false]) {
      const run = await runBothWays(
        src`
          // @profile
          async function countdown(n) {
            await sleep(1);
            busyWait(2);
            if (n > 0) await countdown(n - 1);
            return n;
          }
          return countdown(2);
        `,
        { ...createVirtualTime(), awaitTime },
      );
      expectSame(run);
      expect(run.original).toEqual({ threw: false, value: 2 });
      expect(run.hits).toEqual({ countdown: { 3: 3, 4: 3, 5: 3, 6: 3 } });
      expectSameHitsAndTotals(run, ['countdown']);
      const fn = functionNamed(run, 'countdown');
      // With await time, each activation's sleep is on its await line once; line 5
      // waits for the nested activations, whose time is on their own lines.
      expect(fn.totalTime).toBe(awaitTime ? 9e6 : 6e6);
      expect(lineTimes(run.functions, 'countdown')).toEqual([
        [3, awaitTime ? 3 : 0],
        [4, 6],
        [5, 0],
        [6, 0],
      ]);
      expectLinesAddUp(fn);
      // Inclusive, with await time line 5 holds countdown(1) (6 ms) and countdown(0)
      // (3 ms); without, a suspended activation is charged nothing.
      expect(lineTimes(run.inclusive, 'countdown').find(([line]) => line === 5)).toEqual([5, awaitTime ? 9 : 0]);
    }
  });

  it('a recursive generator consumed by its caller with for…of', async () => {
    const run = await runBothWays(
      src`
        // @profile
        function* ids(node) {
          busyWait(node.cost);
          yield node.id;
          for (const child of node.children) {
            for (const id of ids(child)) {
              yield id;
            }
          }
        }
        const leaf = (id, cost) => ({ id, cost, children: [] });
        return [...ids({ id: 1, cost: 1, children: [{ id: 2, cost: 2, children: [leaf(4, 4)] }, leaf(3, 3)] })];
      `,
      createVirtualTime(),
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [1, 2, 4, 3] });
    // Line 6's test runs once per id of the child's subtree and once at its end.
    expect(run.hits).toEqual({ ids: { 3: 4, 4: 4, 5: 3 + 2 + 1 + 1, 6: 3 + 2 + 2, 7: 2 + 1 + 1 } });
    expectSameHitsAndTotals(run, ['ids']);
    const fn = functionNamed(run, 'ids');
    expect(fn.totalTime).toBe(10e6);
    expect(lineTimes(run.functions, 'ids')).toEqual([
      [3, 10],
      [4, 0],
      [5, 0],
      [6, 0],
      [7, 0],
    ]);
    expectLinesAddUp(fn);
    // Inclusive: the child's segments run inside line 6 of its parent, and count there again.
    expect(lineTimes(run.inclusive, 'ids').find(([line]) => line === 6)).toEqual([6, 13]);
  });

  it('a derived constructor building its children after super()', async () => {
    const run = await runBothWays(
      src`
        class Base {}
        class Tree extends Base {
          // @profile
          constructor(depth) {
            busyWait(1);
            super();
            this.kids = depth > 0 ? [new Tree(depth - 1), new Tree(depth - 1)] : [];
          }
        }
        return new Tree(2).kids.length;
      `,
      createVirtualTime(),
    );
    expectSame(run);
    expect(run.hits).toEqual({ 'Tree.constructor': { 5: 7, 6: 7, 7: 7 } });
    expectSameHitsAndTotals(run, ['Tree.constructor']);
    const fn = functionNamed(run, 'Tree.constructor');
    expect(fn.totalTime).toBe(7e6);
    expect(lineTimes(run.functions, 'Tree.constructor')).toEqual([
      [5, 7],
      [6, 0],
      [7, 0],
    ]);
    expectLinesAddUp(fn);
    // Inclusive: line 7 holds the two 3 ms subtrees of the root and the four leaves again.
    expect(lineTimes(run.inclusive, 'Tree.constructor').find(([line]) => line === 7)).toEqual([7, 10]);
  });
});
