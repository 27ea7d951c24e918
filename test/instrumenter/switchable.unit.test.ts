/**
 * Switchable code (build plugins, SPEC §3 "off means off"): without a runtime every
 * profiled function runs its original code and nothing registers; with one, the same
 * exact hits as plain instrumenting. The whole instrumenter suite also runs on
 * switchable code with profiling on (the `switchable` project of vitest.config.ts).
 * Also the plugins' other options: the runtime import, embedded sources, the map of
 * one step, and already instrumented bundles left alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { instrument } from '../../packages/instrumenter/src/index.js';
import { collectResults, createRuntime } from '../../packages/runtime/src/index.js';
import { runBothWays, src } from '../helpers/run-instrumented.js';

const SEMANTICS = src`
  'use strict';
  const log = [];
  // @profile
  function hoisting(n) {
    log.push(typeof later, typeof inner);
    var later = 1;
    function inner() { return n * 2; }
    return inner() + later;
  }
  // @profile
  function* counter(limit) {
    for (let i = 0; i < limit; i++) yield i * arguments.length;
  }
  class Box {
    // @profile
    get doubled() { return this.value * 2; }
    constructor(value) { this.value = value; }
  }
  // @profile
  async function later2(x) {
    await null;
    if (x < 0) throw new RangeError('negative ' + x);
    return x + 1;
  }
  // @profile
  const arrow = (a, b = 3) => a * b;
  const rejected = await later2(-1).catch((error) => [error.constructor.name, error.message]);
  return [hoisting(4), [...counter(3)], new Box(21).doubled, await later2(1), rejected, arrow(2), arrow.length,
    hoisting.name, later2.length, log];
`;

describe('switchable code', () => {
  it('without a runtime runs the original code and registers nothing', async () => {
    const run = await runBothWays(SEMANTICS, { switchable: true, runtime: false });
    expect(run.original).toEqual({
      threw: false,
      value: [9, [0, 1, 2], 42, 2, ['RangeError', 'negative -1'], 6, 1, 'hoisting', 1, ['undefined', 'function']],
    });
    expect(run.instrumented).toEqual(run.original);
    expect(run.functions).toEqual([]);
  });

  it('with a runtime counts the same hits as plain instrumenting', async () => {
    const plain = await runBothWays(SEMANTICS, { switchable: false });
    const switchable = await runBothWays(SEMANTICS, { switchable: true });
    expect(switchable.instrumented).toEqual(plain.original);
    expect(switchable.hits).toEqual(plain.hits);
    expect(switchable.hits.hoisting).toEqual({ 5: 1, 6: 1, 8: 1 });
  });

  it('a function called before its module ran (an import cycle) runs its original code', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linecount-cycle-'));
    const a = src`
      import { early } from './b.mjs';
      // @profile
      export function tenfold(x) {
        return x * 10;
      }
      export const all = [...early, tenfold(3)];
    `;
    writeFileSync(path.join(dir, 'a.mjs'), instrument(a, { filename: path.join(dir, 'a.mjs'), switchable: true }).code);
    writeFileSync(path.join(dir, 'b.mjs'), "import { tenfold } from './a.mjs';\nexport const early = [tenfold(1), tenfold(2)];\n");
    const runtimeUrl = pathToFileURL(path.resolve(import.meta.dirname, '../../packages/runtime/dist/index.js')).href;
    const main = `const { installRuntime } = await import(${JSON.stringify(runtimeUrl)});
      const runtime = installRuntime();
      const { all } = await import('./a.mjs');
      console.log(JSON.stringify([all, Array.from(runtime.files[0].hits.subarray(1))]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', main], { cwd: dir, encoding: 'utf8' });
    // Slot 1 (after slot 0, which discards) is line 4 of `tenfold`: only the call after the module ran counts.
    expect(JSON.parse(out)).toEqual([[10, 20, 30], [1]]);
  });

  const SUM = src`
    // @profile
    function sum(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += i;
      return s;
    }
    // @profile
    function scaled(n) {
      return this.factor * n;
    }
    // @profile
    function count() {
      return arguments.length;
    }
  `;

  it('hands calls to a twin declaration when it can: the original stays as written, on its lines', () => {
    const lines = instrument(SUM, { filename: '/virtual/sum.js', switchable: true }).code.split('\n');
    // A script's prefix carries a hash of its file (two scripts may share a realm), and the
    // function the key of its original text first (see source-keys.ts).
    expect(lines[1]).toMatch(/;function sum\(n\) \{"__linecount:\w+:12-94";if \(__lc\w*_E\) return __lc\w*_twin0\(n\);$/);
    expect(lines.slice(2, 6).map((line) => line.trim())).toEqual(['let s = 0;', 'for (let i = 0; i < n; i++) s += i;', 'return s;', '}']);
    expect(lines.length).toBe(SUM.split('\n').length);
    // The closing brace indented for c8 (see closing-braces.ts), the twins on one line after it.
    expect(lines.at(-2)).toMatch(/^ {2}\};function __lc\w*_twin0\(n\)\{"__linecount:\w+:~__lc\w*_twin0";\/\* istanbul ignore next \*\/var __lc\w*_o/);
  });

  it('passes this to the twin', () => {
    const lines = instrument(SUM, { filename: '/virtual/sum.js', switchable: true }).code.split('\n');
    expect(lines[7]).toMatch(/^function scaled\(n\) \{"__linecount:\w+:\d+-\d+";if \((__lc\w*_)E\) return \1twin1\.call\(this, n\);$/);
  });

  it('keeps both bodies in the function when it uses arguments, super, new.target or eval', () => {
    const lines = instrument(SUM, { filename: '/virtual/sum.js', switchable: true }).code.split('\n');
    expect(lines[11]).toMatch(/^function count\(\) \{"__linecount:\w+:\d+-\d+";if \(!__lc\w*_E\) \{$/);
    expect(lines[12]!.trim()).toMatch(/^return arguments\.length;\} else \{\/\* istanbul ignore next \*\/var __lc\w*_o/);
  });
});

describe('twins of class members and arrows', () => {
  const CLASSES = src`
    const Named = class Inner {
      // @profile
      make(n) {
        return n > 0 ? new Inner().make(n - 1) : 'made';
      }
    };
    class Counter {
      #count = 0;
      static created = 0;
      // @profile
      constructor(start) {
        this.start = start;
        Counter.created++;
      }
      // @profile
      add(n) {
        this.start += n;
        return this;
      }
      // @profile
      bump() {
        return ++this.#count;
      }
      // @profile
      get doubled() {
        return this.start * 2;
      }
      // @profile
      static describe(c) {
        return 'Counter(' + c.start + ')';
      }
      // @profile
      strictness() {
        return (function () { return this; })() === undefined;
      }
    }
    // @profile
    const twice = (f, x) => f(f(x));
    const c = new Counter(1).add(2);
    return [twice((x) => x + 1, c.doubled), Counter.describe(c), c.bump(), c.bump(), Counter.created, c.strictness(),
      new Named().make(2)];
  `;

  it('run the same with profiling on and off, with the hits of plain instrumenting', async () => {
    const plain = await runBothWays(CLASSES, { switchable: false });
    expect(plain.original).toEqual({ threw: false, value: [8, 'Counter(3)', 1, 2, 1, true, 'made'] });
    for (const runtime of [true, false]) {
      const switchable = await runBothWays(CLASSES, { switchable: true, runtime });
      expect(switchable.instrumented).toEqual(plain.original);
      expect(switchable.hits).toEqual(runtime ? plain.hits : {});
    }
    const { code } = plain.result;
    expect(code).not.toContain('twin');
    // A module (the `__lc_` prefix), after the preamble, whose register call carries the printed texts too.
    const output = instrument(CLASSES, { filename: '/virtual/classes.mjs', switchable: true }).code;
    const lines = output.slice(output.indexOf('const __lc_E')).split('\n');
    const calls = lines.flatMap((line) => /if \(__lc_E\) return (__lc_twin\d+(?:\.call)?\([^)]*\))/.exec(line)?.[1] ?? []);
    // add, doubled, describe, strictness and the arrow have twins; the constructor, the
    // method using a private name and the one naming its class expression do not.
    expect(calls).toEqual([
      '__lc_twin2.call(this, n)',
      '__lc_twin4.call(this)',
      '__lc_twin5(c)',
      '__lc_twin6()',
      '__lc_twin7(f, x)',
    ]);
  });
});

describe('runtime import', () => {
  const marked = '// @profile\nfunction f() { return 1; }\n';
  it('is an import in an ES module and in a file with neither imports nor require', () => {
    for (const code of [`import x from 'x';\n${marked}export { f, x };\n`, marked]) {
      const out = instrument(code, { filename: '/virtual/m.js', switchable: true, runtimeImport: 'virtual:@linecount/profiler/runtime' });
      expect(out.code).toMatch(/^(\/\/ @profile\n)?import "virtual:@linecount\/profiler\/runtime";/);
    }
  });

  it('is a require in a CommonJS file', () => {
    const out = instrument(`${marked}module.exports = f;\n`, { filename: '/virtual/c.js', runtimeImport: '@linecount/profiler/runtime' });
    expect(out.code).toMatch(/^\/\/ @profile\nrequire\("@linecount\/profiler\/runtime"\);/);
  });

  it('comes after the leading comments, where compilers read pragmas', () => {
    const code = `/** @jsx h */\n${marked}`;
    const out = instrument(code, { filename: '/virtual/v.jsx', switchable: true, runtimeImport: '@linecount/profiler/runtime' });
    expect(out.code.startsWith('/** @jsx h */\n// @profile\nimport "@linecount/profiler/runtime";')).toBe(true);
  });

  it('is not added where nothing is profiled', () => {
    const code = 'export const x = 1;\n';
    expect(instrument(code, { filename: '/virtual/n.js', runtimeImport: '@linecount/profiler/runtime' }).code).toBe(code);
  });
});

describe('embedded sources', () => {
  it('carries the profiled lines into the results, other lines empty', () => {
    const code = src`
      const unrelated = 'secret';
      // @profile
      function f(x) {
        return x + 1;
      }
      module.exports = f(1);
    `;
    const { code: out } = instrument(code, { filename: '/app/src/f.js', switchable: true, embedSource: true });
    const runtime = createRuntime();
    vm.runInNewContext(out, { module: { exports: 0 }, __linecount__: runtime });
    const meta = { argv: [], cwd: '/app', node: process.version, startedAt: '', pid: 0 };
    const results = collectResults(runtime, { meta, probeCostNs: 0 });
    expect(results.sources).toEqual({ 'src/f.js': "\n// @profile\nfunction f(x) {\n  return x + 1;\n}" });
    expect(results.functions.map((fn) => [fn.file, fn.name, fn.lines.map((row) => row.slice(0, 2))])).toEqual([
      ['src/f.js', 'f', [[4, 1]]],
    ]);
  });
});

describe('source maps of one step', () => {
  const ts = src`
    interface Point { x: number; y: number }

    export function norm(p: Point): number {
      const squared = p.x * p.x + p.y * p.y;
      return Math.sqrt(squared);
    }
  `;
  const compiled = transformSync(ts, { loader: 'ts', sourcemap: 'external', sourcefile: '/app/norm.ts' });
  const inputSourceMap = compiled.map;

  it('reports original lines through the input map but returns only its own map', () => {
    const own = instrument(compiled.code, { filename: '/app/norm.js', inputSourceMap, all: true, composeInputMap: false });
    const composed = instrument(compiled.code, { filename: '/app/norm.js', inputSourceMap, all: true });
    expect(own.functions).toEqual(composed.functions);
    expect(own.functions[0]).toMatchObject({ name: 'norm', line: 3, lines: [4, 5] });
    expect(own.map!.sources).toEqual(['norm.js']);
    expect(composed.map!.sources.map((s) => s.split('/').pop())).toEqual(['norm.ts']);
    const lines = own.code.split('\n');
    const returnLine = lines.findIndex((line) => line.includes('return Math.sqrt'));
    const entry = new SourceMap(own.map as ConstructorParameters<typeof SourceMap>[0]).findEntry(returnLine, lines[returnLine]!.indexOf('return'));
    expect('originalLine' in entry && compiled.code.split('\n')[entry.originalLine]).toContain('return Math.sqrt');
  });
});

describe('already instrumented code', () => {
  it('is left alone even after a bundler dropped the marker comment', () => {
    const once = instrument('// @profile\nfunction f() { return 1; }\nf();\n', { filename: '/virtual/a.js', switchable: true });
    const bundled = transformSync(once.code, { minifyWhitespace: true, legalComments: 'none' }).code;
    expect(bundled).not.toContain('linecount:instrumented');
    const again = instrument(bundled, { filename: '/virtual/bundle.js', all: true });
    expect(again.functions).toEqual([]);
    expect(again.code).toBe(bundled);
  });
});
