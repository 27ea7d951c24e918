/**
 * The differences that test262 found between plain and instrumented code (issue 13,
 * causes 2 to 8), each as its minimal repro, run plain and instrumented with every
 * function profiled, in each mode of `pnpm conformance`: exact, exact with the top
 * level, switchable with profiling on and with profiling off.
 */
import vm from 'node:vm';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instrument, parseSource } from '../../packages/instrumenter/src/index.js';
import { createRuntime } from '../../packages/runtime/src/index.js';
import { resultsOf, runBothWays, src } from '../helpers/run-instrumented.js';

/** The modes of scripts/conformance/modes.ts. */
const MODES = [
  { name: 'exact', topLevel: false, switchable: false, runtime: true },
  { name: 'exact + top level', topLevel: true, switchable: false, runtime: true },
  { name: 'switchable, on', topLevel: false, switchable: true, runtime: true },
  { name: 'switchable, off', topLevel: false, switchable: true, runtime: false },
] as const;

/** Runs `source` (a function body) plain and instrumented in each mode: same outcome, and the plain one is `expected`. */
async function expectSameInEveryMode(source: string, expected: unknown): Promise<void> {
  for (const mode of MODES) {
    const run = await runBothWays(source, { all: true, ...mode });
    expect(run.original, mode.name).toEqual({ threw: false, value: expected });
    expect(run.instrumented, mode.name).toEqual(run.original);
  }
}

/**
 * Runs classic scripts one after another in one realm, plain and instrumented in `mode`,
 * and returns the realm's `result` of each run with the instrumented run's results.
 */
function runScripts(scripts: Record<string, string>, mode: (typeof MODES)[number]): { plain: unknown; instrumented: unknown; results: ReturnType<typeof resultsOf> } {
  const runtime = createRuntime();
  const plain = vm.createContext({});
  const instrumented = vm.createContext(mode.runtime ? { __linecount__: runtime } : {});
  for (const [filename, code] of Object.entries(scripts)) {
    vm.runInContext(code, plain, { filename });
    const out = instrument(code, { filename, all: true, topLevel: mode.topLevel, switchable: mode.switchable });
    vm.runInContext(out.code, instrumented, { filename });
  }
  const resultOf = (context: vm.Context): unknown => vm.runInContext('result', context);
  return { plain: resultOf(plain), instrumented: resultOf(instrumented), results: resultsOf(runtime) };
}

describe('cause 2: the body’s function declarations keep their function-level semantics', () => {
  it('Annex B: a block function of the same name replaces the top-level one when its block runs', async () => {
    await expectSameInEveryMode('function g() { function f() { return 1; } { function f() { return 2; } } return f(); }\nreturn g();', 2);
  });

  it('a direct eval declares a var of a top-level function’s name', async () => {
    await expectSameInEveryMode('function g() { function f() {} eval("var f = 2"); return f; }\nreturn g();', 2);
  });

  it('a function named as a parameter replaces its value', async () => {
    await expectSameInEveryMode('function g(f) { function f() {} return typeof arguments[0]; }\nreturn g(1);', 'function');
  });

  it('a function named as a parameter still sees the body’s constants', async () => {
    await expectSameInEveryMode('function g(f) { const k = 3; function f() { return k; } return [f(), typeof arguments[0]]; }\nreturn g(1);', [3, 'function']);
  });
});

describe('cause 3: probe code is never looked up through a `with` object', () => {
  it('a sandbox proxy that has every name', async () => {
    await expectSameInEveryMode(
      src`
        function f() {
          with (new Proxy({ Math }, { has: () => true })) {
            var m = Math.max(1, 2);
            return m;
          }
        }
        return f();
      `,
      2,
    );
  });

  it('the `has` trap sees the same names, functions declared inside included', async () => {
    await expectSameInEveryMode(
      src`
        const seen = [];
        const env = new Proxy({ x: 1 }, { has(target, key) { seen.push(key); return key in target; } });
        function f() {
          with (env) {
            var read = function () { return x; };
            x;
          }
          return read();
        }
        f();
        return seen;
      `,
      ['read', 'x', 'x'],
    );
  });
});

describe('cause 4: the switchable twin looks inside nested functions and classes', () => {
  it('a private name used in a nested function', async () => {
    await expectSameInEveryMode('class A { #x = 1; f() { return function (o) { return o.#x; }; } }\nreturn new A().f()(new A());', 1);
  });

  it('a named function expression referred to from a nested function', async () => {
    await expectSameInEveryMode('var f = function g() { return function () { return g; }; };\nreturn f()() === f;', true);
  });

  it('`this` in the computed key of a nested method', async () => {
    await expectSameInEveryMode("var o = { k: 'hello', m() { return { [this.k]() {} }; } };\nreturn Object.keys(o.m());", ['hello']);
  });

  it('`arguments` in the computed key of a nested method', async () => {
    await expectSameInEveryMode('function m(a) { return { [arguments.length]() {} }; }\nreturn Object.keys(m(1, 2));', ['2']);
  });
});

describe('cause 5: a function in a non-block statement keeps its scope', () => {
  it('a function expression inside `with`', async () => {
    await expectSameInEveryMode("var x = 'global', f;\nwith ({ x: 'with' }) f = function () { return x; };\nreturn f();", 'with');
  });

  it('a function declaration as the body of an `if` (Annex B)', async () => {
    await expectSameInEveryMode("if (true) function f() { f = 123; return 'decl'; }\nf();\nreturn typeof f;", 'function');
  });
});

describe('cause 6: two classic scripts in one realm', () => {
  const scripts = {
    '/virtual/first.js': 'function one() { return 1; }\nvar result = [one()];',
    '/virtual/second.js': 'function two() {\n  return 2;\n}\nresult.push(two());',
  };

  for (const mode of MODES) {
    it(`both run, each file’s probes in its own counters (${mode.name})`, () => {
      const run = runScripts(scripts, mode);
      expect(run.plain).toEqual([1, 2]);
      expect(run.instrumented).toEqual(run.plain);
      const hits = run.results.filter((fn) => fn.name !== '<module>').map((fn) => [fn.file, fn.name, fn.lines.map(([line, count]) => [line, count])]);
      expect(hits).toEqual(mode.runtime ? [['virtual/first.js', 'one', [[1, 1]]], ['virtual/second.js', 'two', [[2, 1]]]] : []);
    });
  }
});

describe('causes 7 and 8: each file is parsed with the goal Node gives it', () => {
  for (const mode of MODES) {
    it(`an HTML-like comment in a script (${mode.name})`, () => {
      const run = runScripts({ '/virtual/html.js': 'function f() { return 1; }\nvar y = 5;\nvar result = f() <!-- y\n;' }, mode);
      expect(run.plain).toBe(1);
      expect(run.instrumented).toBe(1);
    });

    it(`\`await\` as an identifier and a label in a script (${mode.name})`, () => {
      const run = runScripts({ '/virtual/await.js': 'var await = 1;\nfunction f() { return await; }\nawait: for (;;) break await;\nvar result = f();' }, mode);
      expect(run.plain).toBe(1);
      expect(run.instrumented).toBe(1);
    });
  }

  it('a `.js` file is a module where its package says so, a script elsewhere, a module by its syntax', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linecount-goal-'));
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
    const html = 'var y = 5;\nvar result = 1 <!-- y\n;';
    expect(parseSource(html, path.join(dir, 'm.js')).program.sourceType).toBe('module');
    expect(parseSource(html, '/virtual/s.js').program.sourceType).toBe('script');
    expect(parseSource('export const a = 1;', '/virtual/e.js').program.sourceType).toBe('module');
    expect(parseSource('await Promise.resolve(1);', '/virtual/tla.js').program.sourceType).toBe('module');
    expect(parseSource(html, '/virtual/s.mjs').program.sourceType).toBe('module');
  });
});
