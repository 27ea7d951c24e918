/**
 * Async functions (SPEC §3, await / yield): per-activation state keeps interleaved calls
 * exact; the time suspended at an `await` is charged to its line by default and
 * excluded with `awaitTime: false`. Real times are only bounded from below by the waits
 * they contain (a busy machine only adds time); what must be left out is asserted in
 * virtual time, exactly (issue #12, item 8).
 */
import { describe, expect, it } from 'vitest';
import { BUSY_WAIT_SOURCE, createVirtualTime, functionNamed, lineTime, runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

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
        // @profile
        async function waits() {
          busyWait(2);
          const value = await sleep(30, 1);
          busyWait(3);
          return value + 1;
        }
        const pending = waits();
        busyWait(20);
        return pending;
      `,
      { ...createVirtualTime(), awaitTime: false },
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 2 });
    expect(run.hits).toEqual({ waits: { 3: 1, 4: 1, 5: 1, 6: 1 } });
    // Only the two running segments: neither the 30 ms asleep nor the caller's 20 ms meanwhile.
    expect(functionNamed(run, 'waits').lines.map(([line, , time]) => [line, time])).toEqual([
      [3, 2e6],
      [4, 0],
      [5, 3e6],
      [6, 0],
    ]);
    expect(functionNamed(run, 'waits').totalTime).toBe(5e6);
  });

  it('a for await waiting for its next value is an await: charged by default, excluded with awaitTime: false', async () => {
    const source = src`
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
    const charged = await runBothWays(source, { ...createVirtualTime(), awaitTime: true });
    const excluded = await runBothWays(source, { ...createVirtualTime(), awaitTime: false });
    for (const run of [charged, excluded]) {
      expectSame(run);
      expect(run.original).toEqual({ threw: false, value: [0, 1, 0] });
      expect(run.hits).toEqual({ consume: { 6: 1, 7: 3, 8: 2, 9: 2, 11: 2, 12: 1 } });
    }
    // Waiting for the first loop's values: its two sleeps and the caller's 10 ms meanwhile;
    // for the second loop's: one sleep. Nothing else takes time.
    expect(lineTime(charged, 'consume', 7)).toBe((15 + 10 + 15) * 1e6);
    expect(lineTime(charged, 'consume', 11)).toBe(15e6);
    expect(functionNamed(charged, 'consume').totalTime).toBe(55e6);
    expect(lineTime(excluded, 'consume', 7) + lineTime(excluded, 'consume', 11)).toBe(0);
    expect(functionNamed(excluded, 'consume').totalTime).toBe(0);
  });

  it('with awaitTime: false a caught rejection re-arms the activation: the catch counts in the total', async () => {
    const run = await runBothWays(
      src`
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
      { ...createVirtualTime(), awaitTime: false },
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 'late' });
    expect(run.hits).toEqual({ retry: { 3: 1, 4: 1, 6: 1, 7: 1 } });
    // The catch's 5 ms, and not the 20 ms asleep before the rejection.
    expect(lineTime(run, 'retry', 6)).toBe(5e6);
    expect(functionNamed(run, 'retry').totalTime).toBe(5e6);
  });

  it('async recursion: every running segment counted once in the total, with or without await time', async () => {
    for (const awaitTime of [true, false]) {
      const run = await runBothWays(
        src`
          // @profile
          async function depth(n) {
            if (n === 0) return 0;
            await sleep(5);
            busyWait(3);
            return 1 + (await depth(n - 1));
          }
          return depth(3);
        `,
        { ...createVirtualTime(), awaitTime },
      );
      expectSame(run);
      expect(run.original).toEqual({ threw: false, value: 3 });
      expect(run.hits).toEqual({ depth: { 3: 4, 4: 3, 5: 3, 6: 3 } });
      const fn = functionNamed(run, 'depth');
      // Three sleeps of 5 ms and three waits of 3 ms, each counted once although three
      // activations are running or suspended at once; without await time, only the 9 ms
      // of waits. Line 6 waits for the nested activations, whose time is on their lines.
      expect(fn.totalTime).toBe(awaitTime ? 24e6 : 9e6);
      expect(lineTime(run, 'depth', 4)).toBe(awaitTime ? 15e6 : 0);
      expect(lineTime(run, 'depth', 5)).toBe(9e6);
      expect(lineTime(run, 'depth', 6)).toBe(0);
      // The inclusive view counts the nested activations again on line 6.
      const inclusive = { functions: run.inclusive };
      expect(functionNamed(inclusive, 'depth').totalTime).toBe(fn.totalTime);
      expect(lineTime(inclusive, 'depth', 5)).toBe(9e6);
      expect(lineTime(inclusive, 'depth', 6)).toBe(awaitTime ? (16 + 8) * 1e6 : 0);
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
