/**
 * Issue 13, cause 1: code outside profiled functions reaches Node byte for byte as
 * written (the printed functions are spliced into the original text), and
 * `Function.prototype.toString()` of profiled functions, and of the code around them,
 * answers the original text (SPEC §3 "Transparency").
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { instrument } from '../../packages/instrumenter/src/index.js';
import { SOURCE_KEY_PREFIX, SOURCE_TEXTS_GLOBAL, createRuntime, registerSourceTexts } from '../../packages/runtime/src/index.js';
import { runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

const switchable = process.env.LINECOUNT_TEST_SWITCHABLE === '1';

function expectSame(run: BothWays): void {
  expect(run.original.threw).toBe(false);
  expect(run.instrumented).toEqual(run.original);
}

/** Code outside the profiled functions, written as no printer would write it. */
const UNPROFILED = [
  'function plain(a,b){return a+b}',
  "var   weird = { 'q' : [1,2 ,3], f: function(){ return 'x' } } ; // a comment\n/* block */ let t = `a${1}b`",
  'class  Kept { m(){ return 1 } }',
];

const SPLICED = `${UNPROFILED[0]}
// @profile
function profiled(x) {
  const y = x * 2;
  return plain(y, 1);
}
${UNPROFILED[1]}
// @profile
const arrow = (a) => a + 1;
${UNPROFILED[2]}
module.exports = [profiled(1), arrow(1), weird.q, t, new Kept().m()];
`;

describe('code outside profiled functions', () => {
  it('is kept byte for byte, on its lines', () => {
    const { code } = instrument(SPLICED, { filename: '/virtual/spliced.js', switchable });
    const lines = code.split('\n');
    for (const text of UNPROFILED) {
      const at = SPLICED.indexOf(text);
      const line = SPLICED.slice(0, at).split('\n').length - 1;
      const column = at - SPLICED.lastIndexOf('\n', at - 1) - 1;
      const first = text.split('\n')[0]!;
      // The first unprofiled statement follows the preamble on line 1.
      const found = line === 0 ? lines[0]!.lastIndexOf(first) : column;
      expect(lines[line]!.slice(found, found + first.length)).toBe(first);
      expect(lines.slice(line, line + text.split('\n').length).join('\n').slice(found)).toMatch(new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    const tail = SPLICED.slice(SPLICED.indexOf('module.exports'));
    expect(code.includes(tail.trimEnd())).toBe(true);
  });

  it('keeps the keys computed from function texts (the test262 repro)', async () => {
    const source = src`
      // @profile
      function marked() { return 1; }
      var C = class { [() => {}]() { return 1; } };
      return [marked(), typeof new C()[String(() => {})], String(function plain(a,b){return a+b})];
    `;
    for (const all of [false, true]) {
      const run = await runBothWays(source, { all });
      expectSame(run);
      expect(run.original).toEqual({ threw: false, value: [1, 'function', 'function plain(a,b){return a+b}'] });
    }
  });

  it('throws from the columns it was written at: stack frames match the plain run', () => {
    const source = `// @profile
function profiled(f) {
  return f();
}
function thrower() {  return   null.x; }
try { profiled(thrower); } catch (error) { result = error.stack.split('\\n').slice(1, 3).join('\\n'); }
`;
    const plain = vm.runInNewContext(`${source};result`, {}, { filename: '/virtual/throw.js' }) as string;
    const { code } = instrument(source, { filename: '/virtual/throw.js', switchable });
    const context = vm.createContext({ __linecount__: createRuntime() });
    const instrumented = vm.runInContext(`${code};result`, context, { filename: '/virtual/throw.js' }) as string;
    expect(plain).toMatch(/at thrower \(\/virtual\/throw\.js:5:37\)/);
    // The frame of the unprofiled function (a profiled one's column is the printed code's).
    expect(instrumented.split('\n')[0]).toBe(plain.split('\n')[0]);
  });
});

describe('Function.prototype.toString of profiled functions', () => {
  it('answers the original text of every kind of function, and of the code around them', async () => {
    const run = await runBothWays(
      src`
        function declared(a,  b) { return a + b; }
        const expression = function named(x) {
          return x * 2;
        };
        const arrow = (x) => x+1;
        const block = async (x) => { await null; return x; };
        class Base { constructor(n) { this.n = n; } }
        class Derived extends Base {
          field = 1;
          constructor(n) { const twice = n * 2; super(twice); }
          get value() { return this.n; }
          set value(v) { this.n = v; }
          static make() { return new Derived(1); }
          *gen() { yield 1; }
          async *agen() { yield 2; }
        }
        const object = { method(a) { return () => a; }, [String(() => {})]: 1 };
        function outer() {
          function inner(a) { return a; }
          return inner;
        }
        const described = Object.getOwnPropertyDescriptor(Derived.prototype, 'value');
        const texts = [declared, expression, arrow, block, Base, Derived, Derived.make, Derived.prototype.gen,
          Derived.prototype.agen, described.get, described.set, object.method, object.method(1), outer, outer()].map(String);
        return [texts, Object.keys(object), declared(1, 2), new Derived(2).n];
      `,
      { all: true },
    );
    expectSame(run);
  });

  it('answers the original text of an unprofiled function around a profiled one, and of one inside it', async () => {
    const run = await runBothWays(src`
      function around(a,b) {
        // @profile
        function marked(x) { return function (y) { return x+y; }; }
        return marked;
      }
      class Holder {
        // @profile
        method() { return 1; }
      }
      return [String(around), String(around()), String(around()(1)), String(Holder), new Holder().method()];
    `);
    expectSame(run);
  });

  it('looks native: its own text, name, length, no prototype, the same TypeError', async () => {
    const run = await runBothWays(src`
      // @profile
      function marked() { return 1; }
      const toString = Function.prototype.toString;
      const descriptor = Object.getOwnPropertyDescriptor(Function.prototype, 'toString');
      let error;
      try { toString.call({}); } catch (caught) { error = [caught instanceof TypeError, caught.message]; }
      return [marked(), toString.toString(), toString.call(toString), toString.name, toString.length, 'prototype' in toString,
        descriptor.writable, descriptor.enumerable, descriptor.configurable, Object.getPrototypeOf(toString) === Function.prototype,
        toString.call(Math.max), toString.call(marked.bind(null)), toString.call(class A { m() {} }), error];
    `);
    expectSame(run);
  });
});

describe('Function.prototype.toString of code compiled again (TypeScript, by esbuild)', () => {
  it('answers a profiled function its original text, and a class around it its compiled text', async () => {
    const run = await runBothWays(
      src`
        class Box {
          // @profile
          size(n: number): number { return n * 2; }
        }
        return [String(Box.prototype.size), String(Box).startsWith('class Box {'), String(Box).includes('__linecount'), new Box().size(2)];
      `,
      { filename: '/virtual/case.ts' },
    );
    expect(run.instrumented).toEqual({ threw: false, value: ['size(n: number): number { return n * 2; }', true, true, 4] });
  });
});

describe('Function.prototype.toString of switchable code with profiling off', () => {
  it('answers the original texts through the global the plugins’ runtime entry installs when off', async () => {
    const source = src`
      // @profile
      function marked(a,  b) { return a + b; }
      class Around { m() { return marked(1, 2); } }
      return [String(marked), String(Around), new Around().m()];
    `;
    const off = await runBothWays(source, { switchable: true, runtime: false, globals: { [SOURCE_TEXTS_GLOBAL]: registerSourceTexts } });
    expectSame(off);
    expect(off.original).toEqual({ threw: false, value: ['function marked(a,  b) { return a + b; }', 'class Around { m() { return marked(1, 2); } }', 3] });
    // Without the global (a realm the runtime entry did not start in), the instrumented text shows.
    const bare = await runBothWays(source, { switchable: true, runtime: false });
    expect(bare.instrumented.threw).toBe(false);
    expect(JSON.stringify(bare.instrumented)).toContain(SOURCE_KEY_PREFIX);
  });
});
