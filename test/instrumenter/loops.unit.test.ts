/**
 * Loop hits (SPEC §3): a loop header counts one hit per evaluation of its test (n+1 for
 * n iterations); `do` counts once per entry and `while (test)` once per test; `break`,
 * `continue` and labels keep the counts exact.
 */
import { describe, expect, it } from 'vitest';
import { runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

function expectSame(run: BothWays): void {
  expect(run.original.threw).toBe(false);
  expect(run.instrumented).toEqual(run.original);
}

describe('loops', () => {
  it('for, for…of, for…in and while headers count n+1', async () => {
    const run = await runBothWays(src`
      // @profile
      function loops(xs, obj) {
        let out = 0;
        for (const x of xs) {
          out += x;
        }
        for (const k in obj) {
          out += obj[k];
        }
        let i = 0;
        while (i < 4) {
          i++;
        }
        for (;;) {
          if (++i > 6) break;
        }
        return out + i;
      }
      return [loops([1, 2, 3], { a: 10, b: 20 }), loops([], {})];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [43, 7] });
    expect(run.hits).toEqual({
      loops: { 3: 2, 4: 3 + 1 + 1, 5: 3, 7: 2 + 1 + 1, 8: 2, 10: 2, 11: 2 * 5, 12: 8, 14: 2 * 3, 15: 6, 17: 2 },
    });
  });

  it('do…while: the do line once per entry, the while line once per test', async () => {
    const run = await runBothWays(src`
      // @profile
      function countdown(n) {
        const seen = [];
        do {
          seen.push(n);
          n--;
        } while (n > 0);
        do n++; while (n < 3);
        return seen;
      }
      return [countdown(3), countdown(0)];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [[3, 2, 1], [0]] });
    expect(run.hits).toEqual({
      countdown: { 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 8: 2 + 3 + 4, 9: 2 },
    });
  });

  it('single-line loops and several statements on one line: one hit per pass', async () => {
    const run = await runBothWays(src`
      // @profile
      function oneLiners(n) {
        let a = 0, b = 0; a++; b++;
        for (let i = 0; i < n; i++) a += i;
        while (b < n) { b++; a++; }
        return a + b;
      }
      return oneLiners(5);
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 20 });
    expect(run.hits).toEqual({ oneLiners: { 3: 1, 4: 6, 5: 5, 6: 1 } });
  });

  it('loops with empty bodies', async () => {
    const run = await runBothWays(src`
      // @profile
      function spin(obj) {
        let i = 0;
        while (i++ < 5);
        for (const k in obj);
        for (let j = 0; j < 3; j++) {}
        return i;
      }
      return spin({ a: 1, b: 2 });
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 6 });
    expect(run.hits).toEqual({ spin: { 3: 1, 4: 6, 5: 3, 6: 4, 7: 1 } });
  });

  it('continue and break, with the header still counted on every test', async () => {
    const run = await runBothWays(src`
      // @profile
      function evens(n) {
        const out = [];
        for (let i = 0; i < n; i++) {
          if (i % 2) continue;
          if (i > 6) break;
          out.push(i);
        }
        let j = 0;
        while (j < n) {
          j++;
          if (j < 3) {
            continue;
          }
          out.push(-j);
        }
        return out;
      }
      return evens(10);
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [0, 2, 4, 6, -3, -4, -5, -6, -7, -8, -9, -10] });
    expect(run.hits).toEqual({
      evens: { 3: 1, 4: 9, 5: 9, 6: 5, 7: 4, 9: 1, 10: 11, 11: 10, 12: 10, 13: 2, 15: 8, 17: 1 },
    });
  });

  it('labeled continue to an outer loop and labeled break', async () => {
    const run = await runBothWays(src`
      // @profile
      function pairs(n) {
        const out = [];
        outer: for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (j > i) continue outer;
            if (i + j > 4) break outer;
            out.push(i * 10 + j);
          }
        }
        return out;
      }
      return pairs(4);
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [0, 10, 11, 20, 21, 22, 30, 31] });
    // i=0: j=0 push, j=1 continue outer. i=1: j=0,1 push, j=2 continue. i=2: j=0,1,2 push, j=3 continue.
    // i=3: j=0,1 push, j=2 break outer. The inner header is tested 2+3+4+3 times, never to false.
    expect(run.hits).toEqual({ pairs: { 3: 1, 4: 4, 5: 2 + 3 + 4 + 3, 6: 12, 7: 1 + 2 + 3 + 3, 8: 8, 11: 1 } });
  });

  it('a label on its own line above a loop, and a labeled block', async () => {
    const run = await runBothWays(src`
      // @profile
      function find(grid, target) {
        let found = null;
        search:
        for (let r = 0; r < grid.length; r++) {
          for (let c = 0; c < grid[r].length; c++) {
            if (grid[r][c] !== target) continue;
            found = [r, c];
            break search;
          }
        }
        block: {
          if (found) break block;
          found = 'none';
        }
        return found;
      }
      return [find([[1, 2], [3, 4]], 3), find([[1]], 9)];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [[1, 0], 'none'] });
    expect(run.hits).toEqual({
      find: { 3: 2, 4: 2, 5: 2 + 1 + 1, 6: 3 + 1 + 2, 7: 3 + 1, 8: 1, 9: 1, 12: 2, 13: 2, 14: 1, 16: 2 },
    });
  });

  it('continue inside a switch inside a loop, and break out of the switch only', async () => {
    const run = await runBothWays(src`
      // @profile
      function classify(xs) {
        const out = [];
        for (const x of xs) {
          switch (typeof x) {
            case 'number':
              if (x < 0) continue;
              out.push('n');
              break;
            case 'string':
              out.push('s');
              continue;
            default:
              out.push('?');
          }
          out.push('.');
        }
        return out.join('');
      }
      return classify([1, -1, 'a', null, 2]);
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 'n.s?.n.' });
    expect(run.hits).toEqual({
      classify: { 3: 1, 4: 6, 5: 5, 7: 3, 8: 2, 9: 2, 11: 1, 12: 1, 14: 1, 16: 3, 18: 1 },
    });
  });

  it('for…in over inherited keys and mutation during iteration behave the same', async () => {
    const run = await runBothWays(src`
      // @profile
      function keys(obj) {
        const out = [];
        for (var k in obj) {
          delete obj.c;
          out.push(k);
        }
        return [out, k];
      }
      const proto = { p: 1 };
      const o = Object.create(proto);
      o.a = 1; o.c = 2;
      return keys(o);
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [['a', 'p'], 'p'] });
    expect(run.hits).toEqual({ keys: { 3: 1, 4: 3, 5: 2, 6: 2, 8: 1 } });
  });

  it('closures capture a fresh loop binding per iteration', async () => {
    const run = await runBothWays(src`
      // @profile
      function makers(n) {
        const fns = [];
        for (let i = 0; i < n; i++) {
          if (i === 1) continue;
          fns.push(() => i);
        }
        return fns.map((f) => f());
      }
      return makers(4);
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [0, 2, 3] });
    expect(run.hits).toEqual({ makers: { 3: 1, 4: 5, 5: 4, 6: 3, 8: 1 } });
  });
});
