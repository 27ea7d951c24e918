/**
 * Async functions (SPEC §3, await / yield): per-activation state keeps interleaved calls
 * exact; the time suspended at an `await` is charged to its line by default and
 * excluded with `awaitTime: false`. Times are only compared by relation, never bounded
 * tightly.
 */
import { describe, expect, it } from 'vitest';
import { BUSY_WAIT_SOURCE, functionNamed, lineTime, runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

function expectSame(run: BothWays): void {
  expect(run.original.threw).toBe(false);
  expect(run.instrumented).toEqual(run.original);
}

const SLEEP_SOURCE = 'const sleep = (ms, v) => new Promise((resolve) => setTimeout(resolve, ms, v));';

describe('async functions', () => {
  it('interleaved calls keep their order and exact hits', async () => {
    const run = await runBothWays(src`
      const log = [];
      // @profile
      async function worker(name, steps) {
        log.push(name + ' start');
        for (let i = 0; i < steps; i++) {
          await null;
          log.push(name + i);
        }
        const v = await Promise.resolve(name.length);
        return v + steps;
      }
      // @profile
      const viaArrow = async (x) => (await x) * 2;
      const results = await Promise.all([worker('a', 3), worker('bb', 1), viaArrow(Promise.resolve(21))]);
      return [results, log];
    `);
    expectSame(run);
    expect(run.original).toEqual({
      threw: false,
      value: [[4, 3, 42], ['a start', 'bb start', 'a0', 'bb0', 'a1', 'a2']],
    });
    expect(run.hits).toEqual({
      worker: { 4: 2, 5: 3 + 1 + (1 + 1), 6: 4, 7: 4, 9: 2, 10: 2 },
      viaArrow: { 13: 1 },
    });
  });

  it('async methods, rejections and try/catch around await', async () => {
    const run = await runBothWays(src`
      class Client {
        constructor() { this.calls = 0; }
        // @profile
        async fetch(ok) {
          this.calls++;
          try {
            return await (ok ? Promise.resolve('data') : Promise.reject(new RangeError('offline')));
          } catch (error) {
            return 'fallback: ' + error.message;
          } finally {
            this.calls += 10;
          }
        }
        // @profile
        async fail() {
          await null;
          throw new TypeError('nope');
        }
      }
      const c = new Client();
      const out = [await c.fetch(true), await c.fetch(false), c.calls];
      try { await c.fail(); } catch (e) { out.push(e.constructor.name + ': ' + e.message); }
      return out;
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: ['data', 'fallback: offline', 22, 'TypeError: nope'] });
    expect(run.hits).toEqual({
      'Client.fetch': { 5: 2, 6: 2, 7: 2, 9: 1, 11: 2 },
      'Client.fail': { 16: 1, 17: 1 },
    });
  });

  it('for await over an async generator and an array of promises', async () => {
    const run = await runBothWays(src`
      async function* produce(n) {
        for (let i = 0; i < n; i++) yield i;
      }
      // @profile
      async function consume() {
        const seen = [];
        for await (const x of produce(3)) {
          seen.push(x);
        }
        for await (const y of [Promise.resolve('p'), 'q']) seen.push(y);
        return seen;
      }
      return consume();
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [0, 1, 2, 'p', 'q'] });
    expect(run.hits).toEqual({ consume: { 6: 1, 7: 4, 8: 3, 10: 3, 11: 1 } });
  });

  it('by default the time suspended at await is charged to the await line', async () => {
    const run = await runBothWays(src`
      ${SLEEP_SOURCE}
      // @profile
      async function waits() {
        const before = 1;
        const value = await sleep(30, before);
        return value + 1;
      }
      return waits();
    `);
    expectSame(run);
    expect(run.hits).toEqual({ waits: { 4: 1, 5: 1, 6: 1 } });
    expect(lineTime(run, 'waits', 5)).toBeGreaterThan(20e6);
    expect(functionNamed(run, 'waits').totalTime).toBeGreaterThan(20e6);
  });

  it('with awaitTime: false the suspension is excluded, and so is code running meanwhile', async () => {
    const run = await runBothWays(
      src`
        ${SLEEP_SOURCE}
        ${BUSY_WAIT_SOURCE}
        // @profile
        async function waits() {
          const before = 1;
          const value = await sleep(30, before);
          return value + 1;
        }
        const pending = waits();
        busyWait(20);
        return pending;
      `,
      { awaitTime: false },
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 2 });
    expect(run.hits).toEqual({ waits: { 5: 1, 6: 1, 7: 1 } });
    expect(lineTime(run, 'waits', 6)).toBeLessThan(5e6);
    expect(functionNamed(run, 'waits').totalTime).toBeLessThan(5e6);
  });

  it('a for await waiting for its next value is an await: charged by default, excluded with awaitTime: false', async () => {
    const source = src`
      ${SLEEP_SOURCE}
      ${BUSY_WAIT_SOURCE}
      async function* produce(n) {
        for (let i = 0; i < n; i++) yield sleep(15, i);
      }
      // @profile
      async function consume() {
        const seen = [];
        for await (const x of produce(2)) {
          seen.push(x);
          if (x > 5) break;
        }
        for await (const y of produce(1)) seen.push(y);
        return seen;
      }
      const pending = consume();
      busyWait(10);
      return pending;
    `;
    const charged = await runBothWays(source, { awaitTime: true });
    const excluded = await runBothWays(source, { awaitTime: false });
    for (const run of [charged, excluded]) {
      expectSame(run);
      expect(run.original).toEqual({ threw: false, value: [0, 1, 0] });
      expect(run.hits).toEqual({ consume: { 8: 1, 9: 3, 10: 2, 11: 2, 13: 2, 14: 1 } });
    }
    expect(lineTime(charged, 'consume', 9) + lineTime(charged, 'consume', 13)).toBeGreaterThan(40e6);
    expect(functionNamed(charged, 'consume').totalTime).toBeGreaterThan(40e6);
    expect(lineTime(excluded, 'consume', 9) + lineTime(excluded, 'consume', 13)).toBeLessThan(5e6);
    expect(functionNamed(excluded, 'consume').totalTime).toBeLessThan(5e6);
  });

  it('with awaitTime: false a caught rejection re-arms the activation: the catch counts in the total', async () => {
    const run = await runBothWays(
      src`
        ${SLEEP_SOURCE}
        ${BUSY_WAIT_SOURCE}
        // @profile
        async function retry() {
          try {
            await sleep(20).then(() => { throw new Error('late'); });
          } catch (error) {
            busyWait(5);
            return error.message;
          }
        }
        return retry();
      `,
      { awaitTime: false },
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 'late' });
    expect(run.hits).toEqual({ retry: { 5: 1, 6: 1, 8: 1, 9: 1 } });
    const total = functionNamed(run, 'retry').totalTime;
    expect(lineTime(run, 'retry', 8)).toBeGreaterThan(4e6);
    expect(total).toBeGreaterThan(4e6);
    expect(total).toBeLessThan(15e6);
  });

  it('async recursion: every running segment counted once in the total, with or without await time', async () => {
    for (const awaitTime of [true, false]) {
      const run = await runBothWays(
        src`
          ${SLEEP_SOURCE}
          ${BUSY_WAIT_SOURCE}
          // @profile
          async function depth(n) {
            if (n === 0) return 0;
            await sleep(5);
            busyWait(3);
            return 1 + (await depth(n - 1));
          }
          return depth(3);
        `,
        { awaitTime },
      );
      expectSame(run);
      expect(run.original).toEqual({ threw: false, value: 3 });
      expect(run.hits).toEqual({ depth: { 5: 4, 6: 3, 7: 3, 8: 3 } });
      const fn = functionNamed(run, 'depth');
      const lineSum = fn.lines.reduce((sum, [, , time]) => sum + time, 0);
      expect(fn.totalTime).toBeGreaterThan(8.5e6);
      expect(fn.totalTime).toBeLessThanOrEqual(lineSum + fn.lines.length);
      if (!awaitTime) expect(fn.totalTime).toBeLessThan(20e6);
    }
  });

  it('interleaved activations of one function are both counted in the total', async () => {
    const run = await runBothWays(src`
      ${SLEEP_SOURCE}
      ${BUSY_WAIT_SOURCE}
      // @profile
      async function job(ms) {
        busyWait(ms);
        await sleep(1);
        busyWait(ms);
      }
      await Promise.all([job(10), job(10)]);
    `);
    expect(run.instrumented).toEqual(run.original);
    expect(run.hits).toEqual({ job: { 5: 2, 6: 2, 7: 2 } });
    // Each activation is outermost: together they busy-wait 40 ms.
    expect(functionNamed(run, 'job').totalTime).toBeGreaterThan(38e6);
    expect(lineTime(run, 'job', 5) + lineTime(run, 'job', 7)).toBeGreaterThan(38e6);
  });

  it('an await in a parameter default and nested awaits on one line', async () => {
    const run = await runBothWays(src`
      // @profile
      async function nested(x = 1) {
        const sum = (await x) + (await Promise.resolve(await 2));
        return sum;
      }
      return Promise.all([nested(), nested(Promise.resolve(10))]);
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [3, 12] });
    expect(run.hits).toEqual({ nested: { 3: 2, 4: 2 } });
  });
});
