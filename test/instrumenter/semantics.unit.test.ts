/**
 * Instrumenting never changes what a function does (SPEC §9): parameters, directives
 * and strictness, hoisting, scopes, `this`, `arguments`, and user code that uses our
 * identifier names (STYLE.md: "a test declares the same names").
 */
import { describe, expect, it } from 'vitest';
import { runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

function expectSame(run: BothWays): void {
  expect(run.original.threw).toBe(false);
  expect(run.instrumented).toEqual(run.original);
}

describe('parameters', () => {
  it('default, rest and destructured parameters, fn.length', async () => {
    const run = await runBothWays(src`
      let sideEffects = 0;
      // @profile
      function params(a, b = a * 2, { c, d: [e = 5] = [] } = {}, ...rest) {
        const total = a + b + (c ?? 0) + e;
        return [total, rest.length, arguments.length];
      }
      // @profile
      const arrow = ([x, , y] = [1, 2, 3], z = sideEffects++) => x + y + z;
      return [params(1), params(1, 1, { c: 1, d: [2] }, 'r1', 'r2'), params.length, arrow(), arrow([4, 5, 6]),
        arrow.length, sideEffects];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [[8, 0, 1], [5, 2, 5], 1, 4, 11, 0, 2] });
    expect(run.hits).toEqual({ params: { 4: 2, 5: 2 }, arrow: { 8: 2 } });
  });

  it('a default parameter that throws propagates the same error', async () => {
    const run = await runBothWays(src`
      // @profile
      function needs(x = missing()) {
        return x;
      }
      function missing() { throw new TypeError('x is required'); }
      return [needs(1), needs()];
    `);
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toEqual({
      threw: true,
      error: { constructor: 'TypeError', name: 'TypeError', message: 'x is required' },
    });
    expect(run.hits).toEqual({ needs: { 3: 1 } });
  });
});

describe('directives and strictness', () => {
  it("'use strict' and other directives stay in place", async () => {
    const run = await runBothWays(src`
      // @profile
      function strict() {
        'use strict';
        'custom directive';
        const inner = (function () { return this; })();
        return [inner, typeof this];
      }
      // @profile
      function sloppy() {
        'custom directive';
        const inner = (function () { return this; })();
        return [inner === globalThis, typeof this];
      }
      return [strict(), sloppy(), strict.toString().includes("'use strict'")];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [[undefined, 'undefined'], [true, 'object'], true] });
    expect(run.hits).toEqual({ strict: { 5: 1, 6: 1 }, sloppy: { 11: 1, 12: 1 } });
    expect(run.result.code).toMatch(/function strict\(\) \{\s*'use strict';\s*'custom directive';/);
  });

  it('strict-mode errors still throw: assignment to an undeclared name', async () => {
    const run = await runBothWays(src`
      'use strict';
      // @profile
      function leak() {
        undeclared = 1;
      }
      leak();
    `);
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toMatchObject({ threw: true, error: { constructor: 'ReferenceError' } });
  });
});

describe('hoisting and scopes', () => {
  it('calls a function declared later, sees var before its declaration', async () => {
    const run = await runBothWays(src`
      // @profile
      function hoist() {
        const before = [typeof later, v, typeof helper];
        var v = later();
        return [before, v, helper(), typeof inner];
        function later() { return 'later'; }
        function helper() {
          return v + '!';
        }
        {
          function inner() {}
        }
      }
      return hoist();
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [['function', undefined, 'function'], 'later', 'later!', 'undefined'] });
    expect(run.hits).toEqual({ hoist: { 3: 1, 4: 1, 5: 1 } });
  });

  it('hoisted functions close over the block-scoped bindings of the body', async () => {
    const run = await runBothWays(src`
      // @profile
      function counter(start) {
        let count = start;
        const step = 2;
        class Box { get value() { return count; } }
        return { next, box: new Box() };
        function next() {
          count += step;
          return count;
        }
      }
      const c = counter(1);
      c.next();
      return [c.next(), c.box.value];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [5, 5] });
    expect(run.hits).toEqual({ counter: { 3: 1, 4: 1, 5: 1, 6: 1 } });
  });

  it('temporal dead zone and block shadowing are preserved', async () => {
    const run = await runBothWays(src`
      // @profile
      function tdz(flag) {
        if (flag) return early();
        let value = 'outer';
        {
          let value = 'inner';
          if (value !== 'inner') return 'broken';
        }
        return value;
        function early() { return value; }
      }
      const out = [tdz(false)];
      try { tdz(true); } catch (e) { out.push(e.constructor.name); }
      return out;
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: ['outer', 'ReferenceError'] });
    expect(run.hits).toEqual({ tdz: { 3: 2, 4: 1, 6: 1, 7: 1, 9: 1 } });
  });

  it('a var and a function of the same name, and duplicate function declarations', async () => {
    const run = await runBothWays(src`
      // @profile
      function legacy() {
        'use strict';
        const before = typeof helper;
        var helper = 1;
        function helper() { return 'fn'; }
        function dup() { return 1; }
        function dup() { return 2; }
        return [before, typeof helper, dup()];
      }
      return legacy();
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: ['function', 'number', 2] });
    expect(run.hits).toEqual({ legacy: { 4: 1, 5: 1, 9: 1 } });
  });

  it('a function declaration with the name of a parameter', async () => {
    const run = await runBothWays(src`
      // @profile
      function shadow(g) {
        return typeof g;
        function g() {}
      }
      return shadow(1);
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: 'function' });
  });
});

describe('this and arguments', () => {
  it('this, arguments identity and mapped arguments in sloppy mode', async () => {
    const run = await runBothWays(src`
      // @profile
      function mapped(a, b) {
        const same = arguments === arguments;
        arguments[0] = 'changed';
        b = 'b2';
        const arrow = () => arguments;
        return [a, arguments[1], same, arrow() === arguments, arguments.length, this === globalThis,
          Object.prototype.toString.call(arguments), typeof arguments.callee];
      }
      // @profile
      function unmapped(a) {
        'use strict';
        arguments[0] = 'changed';
        return [a, this];
      }
      const receiver = { m: mapped };
      return [mapped(1, 2), unmapped(1), receiver.m(1)[5], mapped.call(7, 1)[5], unmapped.call(7, 1)[1]];
    `);
    expectSame(run);
    expect(run.original).toEqual({
      threw: false,
      value: [['changed', 'b2', true, true, 2, true, '[object Arguments]', 'function'], [1, undefined], false, false, 7],
    });
  });
});

describe('user code using the instrumenter identifiers', () => {
  it('declaring __lc_t, __lc_H and friends does not shadow the probes', async () => {
    const run = await runBothWays(src`
      var __lc_H = 'user H', __lc_T = 'user T', __lc_P = { now: () => 0 };
      // @profile
      function busy(n) {
        let __lc_t = 0, __lc_l = 'line', __lc_n = n, __lc_o = 'o', __lc_s = 's', __lc_v = 'v', __lc_t0 = 't0';
        for (let __lc_c0 = 0; __lc_c0 < n; __lc_c0++) {
          if (__lc_c0 === 1) continue;
          __lc_t += __lc_c0;
        }
        const __lc_r = [__lc_t, __lc_l, __lc_n, __lc_o, __lc_s, __lc_v, __lc_t0, __lc_H, __lc_T];
        return __lc_r;
      }
      return busy(4);
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [5, 'line', 4, 'o', 's', 'v', 't0', 'user H', 'user T'] });
    expect(run.hits).toEqual({ busy: { 4: 1, 5: 5, 6: 4, 7: 3, 9: 1, 10: 1 } });
  });
});
