/**
 * Every kind of function SPEC §2 lets a pragma mark runs the same instrumented, and
 * reports exact hits (SPEC §3).
 */
import { describe, expect, it } from 'vitest';
import { functionNamed, runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

function expectSame(run: BothWays): void {
  expect(run.original.threw).toBe(false);
  expect(run.instrumented).toEqual(run.original);
}

describe('function kinds', () => {
  it('function declaration: exact hits, header n+1', async () => {
    const run = await runBothWays(src`
      // @profile
      function sum(n) {
        let s = 0;
        for (let i = 0; i < n; i++) {
          s += i;
        }

        return s;
      }
      return [sum(10), sum(0)];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [45, 0] });
    expect(run.hits).toEqual({ sum: { 3: 2, 4: 12, 5: 10, 8: 2 } });
    expect(functionNamed(run, 'sum')).toMatchObject({ line: 1, endLine: 9 });
  });

  it('function expression, named and anonymous', async () => {
    const run = await runBothWays(src`
      const double = /* @profile */ function (x) {
        return x * 2;
      };
      const fact = /* @profile */ function f(n) {
        return n <= 1 ? 1 : n * f(n - 1);
      };
      return [double(4), fact(5), double.name, fact.name, fact.length];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [8, 120, 'double', 'f', 1] });
    expect(run.hits).toEqual({ double: { 2: 1 }, f: { 5: 5 } });
  });

  it('arrows with block and expression bodies, marked above the declaration', async () => {
    const run = await runBothWays(src`
      // @profile
      const square = (x) => x * x;
      // @profile
      const clamp = (x, lo = 0, hi = 10) => {
        if (x < lo) return lo;
        if (x > hi) return hi;
        return x;
      };
      const obj = () => ({ a: 1 });
      return [square(3), clamp(-1), clamp(5), clamp(50), clamp(3, 4), obj(), square.name, clamp.length];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [9, 0, 5, 10, 4, { a: 1 }, 'square', 1] });
    expect(run.hits).toEqual({ square: { 2: 1 }, clamp: { 5: 4, 6: 2, 7: 1 } });
  });

  it('object methods, getters and setters', async () => {
    const run = await runBothWays(src`
      const counter = {
        n: 0,
        // @profile
        inc(by = 1) {
          this.n += by;
          return this;
        },
        /* @profile */
        get double() {
          return this.n * 2;
        },
        // @profile
        set value(v) {
          this.n = v;
        },
      };
      counter.inc().inc(3);
      counter.value = 10;
      const d = Object.getOwnPropertyDescriptor(counter, 'double');
      return [counter.n, counter.double, typeof d.get, d.enumerable, d.configurable, counter.inc.name, d.get.name];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [10, 20, 'function', true, true, 'inc', 'get double'] });
    expect(run.hits).toEqual({ 'counter.inc': { 5: 2, 6: 2 }, 'counter.double': { 10: 1 }, 'counter.value': { 14: 1 } });
  });

  it('class methods, static methods, accessors and constructors', async () => {
    const run = await runBothWays(src`
      class Point {
        // @profile
        constructor(x, y) {
          this.x = x;
          this.y = y;
        }
        // @profile
        norm1() { return Math.abs(this.x) + Math.abs(this.y); }
        // @profile
        static origin() {
          return new Point(0, 0);
        }
        // @profile
        get sum() { return this.x + this.y; }
        // @profile
        set sum(v) { this.x = v - this.y; }
      }
      const p = new Point(3, -4);
      p.sum = 10;
      const d = Object.getOwnPropertyDescriptor(Point.prototype, 'sum');
      return [p.norm1(), Point.origin().norm1(), p.sum, p.x, Point.name, Point.length, d.enumerable,
        Object.keys(Point.prototype), Point.prototype.norm1.name, p instanceof Point];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [18, 0, 10, 14, 'Point', 2, false, [], 'norm1', true] });
    expect(run.hits).toEqual({
      'Point.constructor': { 4: 2, 5: 2 },
      'Point.norm1': { 8: 2 },
      'Point.origin': { 11: 1 },
      'Point.sum': { 14: 1 },
      'Point.sum:15': { 16: 1 },
    });
  });

  it('derived class constructors calling super, new.target', async () => {
    const run = await runBothWays(src`
      class Base {
        constructor(name) { this.name = name; this.kind = new.target.name; }
      }
      class Derived extends Base {
        // @profile
        constructor(name, extra) {
          const upper = name.toUpperCase();
          super(upper);
          this.extra = extra;
          this.target = new.target === Derived;
        }
      }
      class Leaf extends Derived {}
      const d = new Derived('a', 1);
      const l = new Leaf('b', 2);
      let error;
      try { Derived('c'); } catch (e) { error = e.constructor.name; }
      return [d, l.kind, l.target, Object.getPrototypeOf(l) === Leaf.prototype, error];
    `);
    expectSame(run);
    expect(run.original).toEqual({
      threw: false,
      value: [{ name: 'A', kind: 'Derived', extra: 1, target: true }, 'Leaf', false, true, 'TypeError'],
    });
    expect(run.hits).toEqual({ 'Derived.constructor': { 7: 2, 8: 2, 9: 2, 10: 2 } });
  });

  it('a marked class profiles every method, private ones included', async () => {
    const run = await runBothWays(src`
      // @profile
      class Stack {
        #items = [];
        static created = 0;
        constructor() { Stack.created++; }
        push(x) { this.#items.push(x); return this; }
        #top() { return this.#items[this.#items.length - 1]; }
        peek() {
          return this.#top();
        }
        static #secret() { return 42; }
        static reveal() { return Stack.#secret(); }
        get size() { return this.#items.length; }
      }
      const s = new Stack().push(1).push(2);
      return [s.peek(), s.size, Stack.reveal(), Stack.created, Object.keys(s)];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [2, 2, 42, 1, []] });
    expect(run.hits).toEqual({
      'Stack.constructor': { 5: 1 },
      'Stack.push': { 6: 2 },
      'Stack.#top': { 7: 1 },
      'Stack.peek': { 9: 1 },
      'Stack.#secret': { 11: 1 },
      'Stack.reveal': { 12: 1 },
      'Stack.size': { 13: 1 },
    });
    expect(functionNamed(run, 'Stack.push').line).toBe(6);
  });

  it('class fields holding marked arrows, and private methods marked one by one', async () => {
    const run = await runBothWays(src`
      class Button {
        clicks = 0;
        #label;
        constructor(label) { this.#label = label; }
        // @profile
        onClick = () => {
          this.clicks++;
          return this.#render();
        };
        // @profile
        #render() {
          return this.#label + ':' + this.#format(this.clicks);
        }
        // @profile
        #format = (n) => String(n).padStart(2, '0');
      }
      const b = new Button('ok');
      const handler = b.onClick;
      handler();
      return [handler(), b.clicks, Object.keys(b), handler.name];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: ['ok:02', 2, ['clicks', 'onClick'], 'onClick'] });
    expect(run.hits).toEqual({ 'Button.onClick': { 7: 2, 8: 2 }, 'Button.#render': { 12: 2 }, 'Button.#format': { 15: 2 } });
  });

  it('export function and export default function', async () => {
    const run = await runBothWays(src`
      // @profile
      export function add(a, b) {
        return a + b;
      }
      // @profile
      export default function twice(x) {
        return add(x, x);
      }
      export const result = [add(1, 2), twice(5), add.name, twice.name, twice.length];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [3, 10, 'add', 'twice', 1] });
    expect(run.hits).toEqual({ add: { 3: 2 }, twice: { 7: 1 } });
  });

  it('empty bodies and expression bodies returning object literals', async () => {
    const run = await runBothWays(src`
      // @profile
      function noop() {}
      // @profile
      const pair = (a, b) =>
        ({ a, b });
      noop(); noop();
      return [noop(), pair(1, 2)];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [undefined, { a: 1, b: 2 }] });
    expect(run.hits).toEqual({ noop: {}, pair: { 5: 1 } });
    expect(functionNamed(run, 'noop').totalTime).toBeGreaterThanOrEqual(0);
  });

  it('only marked functions are profiled, nested ones included only when marked', async () => {
    const run = await runBothWays(src`
      // @profile
      function outer(xs) {
        const inner = (x) => x + 1;
        // @profile
        const marked = (x) => {
          return x * 2;
        };
        return xs.map(inner).map(marked);
      }
      function unmarked() { return 1; }
      return [outer([1, 2, 3]), unmarked()];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [[4, 6, 8], 1] });
    expect(run.hits).toEqual({ outer: { 3: 1, 5: 1, 8: 1 }, marked: { 6: 3 } });
  });
});
