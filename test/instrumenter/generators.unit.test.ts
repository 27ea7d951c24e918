/**
 * Generators and async generators (SPEC §3): same values, return() and throw() behave
 * the same, hits are exact, and the time a generator spends suspended at `yield` is
 * never charged to it.
 */
import { describe, expect, it } from 'vitest';
import { BUSY_WAIT_SOURCE, createVirtualTime, functionNamed, lineTime, runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

function expectSame(run: BothWays): void {
  expect(run.original.threw).toBe(false);
  expect(run.instrumented).toEqual(run.original);
}

describe('generators', () => {
  it('values, yield results, return value and exact hits', async () => {
    const run = await runBothWays(src`
      // @profile
      function* counter(limit) {
        let total = 0;
        for (let i = 0; i < limit; i++) {
          const sent = yield i;
          total += sent ?? 0;
        }
        return total;
      }
      const g = counter(3);
      const steps = [g.next('ignored'), g.next(10), g.next(20), g.next(30), g.next()];
      return [steps, [...counter(2)], counter.length, Object.getPrototypeOf(counter) === Object.getPrototypeOf(function* () {})];
    `);
    expectSame(run);
    expect(run.original).toEqual({
      threw: false,
      value: [
        [
          { value: 0, done: false },
          { value: 1, done: false },
          { value: 2, done: false },
          { value: 60, done: true },
          { value: undefined, done: true },
        ],
        [0, 1],
        1,
        true,
      ],
    });
    expect(run.hits).toEqual({ counter: { 3: 2, 4: 4 + 3, 5: 5, 6: 5, 8: 2 } });
  });

  it('return() and throw() while suspended run finally blocks and catch the same way', async () => {
    const run = await runBothWays(src`
      const log = [];
      // @profile
      function* guarded() {
        try {
          yield 1;
          yield 2;
        } catch (e) {
          log.push('caught ' + e);
          yield 'recovered';
        } finally {
          log.push('finally');
        }
        yield 'after';
      }
      const a = guarded();
      const fromReturn = [a.next(), a.return('early'), a.next()];
      const b = guarded();
      const fromThrow = [b.next(), b.throw('boom'), b.next(), b.next()];
      const c = guarded();
      let thrown;
      try { c.throw(new Error('unstarted')); } catch (e) { thrown = e.message; }
      return [fromReturn, fromThrow, c.next(), thrown, log];
    `);
    expectSame(run);
    expect(run.original).toEqual({
      threw: false,
      value: [
        [{ value: 1, done: false }, { value: 'early', done: true }, { value: undefined, done: true }],
        [{ value: 1, done: false }, { value: 'recovered', done: false }, { value: 'after', done: false }, { value: undefined, done: true }],
        { value: undefined, done: true },
        'unstarted',
        ['finally', 'caught boom', 'finally'],
      ],
    });
    expect(run.hits).toEqual({ guarded: { 4: 2, 5: 2, 8: 1, 9: 1, 11: 2, 13: 1 } });
  });

  it('yield* delegation and generator methods', async () => {
    const run = await runBothWays(src`
      const tree = {
        value: 1,
        children: [{ value: 2, children: [] }, { value: 3, children: [{ value: 4, children: [] }] }],
        // @profile
        *[Symbol.iterator]() {
          yield this.value;
          for (const child of this.children) {
            yield* Object.assign(child, { [Symbol.iterator]: tree[Symbol.iterator] });
          }
        },
      };
      // @profile
      function* delegate() {
        const result = yield* [10, 20];
        return result;
      }
      return [[...tree], [...delegate()]];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [[1, 2, 3, 4], [10, 20]] });
    expect(run.hits).toEqual({
      'tree.[computed]': { 6: 4, 7: 4 + 3, 8: 3 },
      delegate: { 14: 1, 15: 1 },
    });
  });

  it('suspension at yield is not charged while the consumer busy-waits', async () => {
    const run = await runBothWays(
      src`
        // @profile
        function* lazy() {
          yield 1;
          yield 2;
          busyWait(5);
          yield 3;
        }
        const seen = [];
        for (const x of lazy()) {
          seen.push(x);
          busyWait(20);
        }
        return seen;
      `,
      createVirtualTime(),
    );
    expectSame(run);
    expect(run.hits).toEqual({ lazy: { 3: 1, 4: 1, 5: 1, 6: 1 } });
    // The consumer busy-waited 60 ms between next() calls: none of it is the generator's.
    expect(functionNamed(run, 'lazy').lines.map(([line, , time]) => [line, time])).toEqual([
      [3, 0],
      [4, 0],
      [5, 5e6],
      [6, 0],
    ]);
    expect(functionNamed(run, 'lazy').totalTime).toBe(5e6);
  });

  it('catch after throw() and finally after return() count in the total, the suspension does not', async () => {
    const run = await runBothWays(
      src`
        // @profile
        function* worker() {
          try {
            yield 1;
          } catch (e) {
            busyWait(5);
          }
          try {
            yield 2;
          } finally {
            busyWait(5);
          }
        }
        const g = worker();
        g.next();
        busyWait(20);
        const afterThrow = g.throw('stop');
        busyWait(20);
        return [afterThrow, g.return('done')];
      `,
      createVirtualTime(),
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [{ value: 2, done: false }, { value: 'done', done: true }] });
    expect(run.hits).toEqual({ worker: { 3: 1, 4: 1, 6: 1, 8: 1, 9: 1, 11: 1 } });
    expect(lineTime(run, 'worker', 6)).toBe(5e6);
    expect(lineTime(run, 'worker', 11)).toBe(5e6);
    // The catch's and the finally's 5 ms, not the caller's 40 ms while suspended.
    expect(functionNamed(run, 'worker').totalTime).toBe(10e6);
  });
});

describe('async generators', () => {
  it('values, awaits, return(), throw() and exact hits', async () => {
    const run = await runBothWays(src`
      // @profile
      async function* pages(n) {
        try {
          for (let i = 1; i <= n; i++) {
            const page = await Promise.resolve('page' + i);
            yield page;
          }
        } finally {
          await null;
        }
      }
      const all = [];
      for await (const p of pages(3)) all.push(p);
      const g = pages(5);
      const early = [await g.next(), await g.return('stop'), await g.next()];
      const h = pages(5);
      await h.next();
      let thrown;
      try { await h.throw(new RangeError('cancelled')); } catch (e) { thrown = e.constructor.name + ' ' + e.message; }
      return [all, early, thrown];
    `);
    expectSame(run);
    expect(run.original).toEqual({
      threw: false,
      value: [
        ['page1', 'page2', 'page3'],
        [{ value: 'page1', done: false }, { value: 'stop', done: true }, { value: undefined, done: true }],
        'RangeError cancelled',
      ],
    });
    expect(run.hits).toEqual({ pages: { 3: 3, 4: 4 + 1 + 1, 5: 5, 6: 5, 9: 3 } });
  });

  it('a rejected await propagating out still closes the running segment', async () => {
    for (const awaitTime of [true, false]) {
      const run = await runBothWays(
        src`
          ${BUSY_WAIT_SOURCE}
          // @profile
          async function* failing() {
            yield 1;
            busyWait(5);
            await Promise.reject(new RangeError('gone'));
          }
          const seen = [];
          try {
            for await (const x of failing()) seen.push(x);
          } catch (e) {
            seen.push(e.message);
          }
          return seen;
        `,
        { awaitTime },
      );
      expectSame(run);
      expect(run.original).toEqual({ threw: false, value: [1, 'gone'] });
      expect(run.hits).toEqual({ failing: { 4: 1, 5: 1, 6: 1 } });
      expect(functionNamed(run, 'failing').totalTime).toBeGreaterThan(4e6);
    }
  });

  it('suspension at yield is not charged, with or without await time', async () => {
    for (const awaitTime of [true, false]) {
      const run = await runBothWays(
        src`
          // @profile
          async function* ticks() {
            yield 'a';
            await null;
            yield 'b';
          }
          const seen = [];
          for await (const x of ticks()) {
            seen.push(x);
            busyWait(20);
          }
          return seen;
        `,
        { ...createVirtualTime(), awaitTime },
      );
      expectSame(run);
      expect(run.original).toEqual({ threw: false, value: ['a', 'b'] });
      expect(run.hits).toEqual({ ticks: { 3: 1, 4: 1, 5: 1 } });
      // The consumer's 40 ms are the only time that passes: none of it is charged.
      expect(functionNamed(run, 'ticks').totalTime).toBe(0);
    }
  });
});
