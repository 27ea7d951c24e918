/**
 * Constructors of derived classes (issue 12, item 3): their `super(…)` stays a statement
 * of the constructor's body, where lowerings of class fields put the initialisers
 * (TypeScript and Oxc only look there); the code before and after it is profiled with
 * exact hits, exceptions (from `super()` too) close the activation, and the program
 * behaves as written.
 */
import vm from 'node:vm';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { instrument, parseSource } from '../../packages/instrumenter/src/index.js';
import { createRuntime } from '../../packages/runtime/src/index.js';
import { BUSY_WAIT_SOURCE, functionNamed, lineTime, resultsOf, runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

function expectSame(run: BothWays): void {
  expect(run.instrumented).toEqual(run.original);
}

const FIELDS = src`
  class Base {
    constructor(...args) { this.args = args; }
  }
  class Derived extends Base {
    issues = [];
    constructor(issues, scale) {
      const doubled = issues.map((n) => n * scale);
      super(doubled.length);
      this.issues = doubled;
    }
  }
  globalThis.result = [0, 1, 2].map((scale) => { const d = new Derived([1, 2], scale); return [d.args, d.issues]; });
`;
const FIELDS_VALUE = [0, 1, 2].map((scale) => [[2], [scale, 2 * scale]]);

/** A node of the parsed output, as far as these tests look. */
interface Node {
  type: string;
  [key: string]: unknown;
}

/** How many statements of `Derived`'s constructor in `code` are a `super(…)` call. */
function superStatements(code: string): number {
  const program = parseSource(code, '/virtual/fields.js').program as unknown as { body: Node[] };
  const derived = program.body.find((s) => s.type === 'ClassDeclaration' && (s.id as Node).name === 'Derived')!;
  const members = (derived.body as { body: Node[] }).body;
  const ctor = members.find((m) => m.type === 'ClassMethod' && m.kind === 'constructor')!;
  const statements = (ctor.body as { body: Node[] }).body;
  return statements.filter((s) => s.type === 'ExpressionStatement' && ((s.expression as Node).callee as Node | undefined)?.type === 'Super').length;
}

/** Lowerings of class fields that only find a `super()` at the top of the constructor's body. */
const LOWERINGS: Record<string, (code: string, useDefineForClassFields: boolean) => string> = {
  tsc: (code, useDefineForClassFields) =>
    ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2020, useDefineForClassFields } }).outputText,
  esbuild: (code, useDefineForClassFields) =>
    transformSync(code, { loader: 'ts', target: 'es2020', tsconfigRaw: { compilerOptions: { useDefineForClassFields } } }).code,
};

describe('constructors of derived classes', () => {
  describe.each([false, true])('switchable: %s', (switchable) => {
    it('keep super(…) a statement of the constructor body', () => {
      const { code } = instrument(FIELDS, { filename: '/virtual/fields.js', all: true, switchable });
      expect(superStatements(code)).toBe(1);
    });

    it.each(Object.keys(LOWERINGS))('run with fields lowered by %s, profiled and not', (tool) => {
      const { code } = instrument(FIELDS, { filename: '/virtual/fields.ts', all: true, switchable });
      for (const useDefine of [false, true]) {
        const lowered = LOWERINGS[tool]!(code, useDefine);
        const runtime = createRuntime();
        const on: { result?: unknown } = { __linecount__: runtime } as never;
        vm.runInNewContext(lowered, on);
        expect(on.result).toEqual(FIELDS_VALUE);
        const hits = resultsOf(runtime).find((fn) => fn.name === 'Derived.constructor')!.lines.map(([line, count]) => [line, count]);
        expect(hits).toEqual([[7, 3], [8, 3], [9, 3]]);
        if (!switchable) continue;
        const off: { result?: unknown } = {};
        vm.runInNewContext(lowered, off);
        expect(off.result).toEqual(FIELDS_VALUE);
      }
    });
  });

  it('a super() that throws closes the activation: later calls count in the total', async () => {
    const run = await runBothWays(src`
      ${BUSY_WAIT_SOURCE}
      class Base { constructor(fail) { if (fail) throw new RangeError('refused'); } }
      class Derived extends Base {
        ok = true;
        // @profile
        constructor(fail) {
          const before = fail ? 'failing' : 'fine';
          super(fail);
          busyWait(2);
          this.before = before;
        }
      }
      return [true, false, true, false].map((fail) => { try { return new Derived(fail); } catch (e) { return e.message; } });
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: ['refused', { ok: true, before: 'fine' }, 'refused', { ok: true, before: 'fine' }] });
    expect(run.hits).toEqual({ 'Derived.constructor': { 7: 4, 8: 4, 9: 2, 10: 2 } });
    expect(functionNamed(run, 'Derived.constructor').totalTime).toBeGreaterThanOrEqual(lineTime(run, 'Derived.constructor', 9));
    expect(lineTime(run, 'Derived.constructor', 9)).toBeGreaterThanOrEqual(4e6);
  });

  it('exceptions before super(), `this` before super() included, throw as written and close the activation', async () => {
    const run = await runBothWays(src`
      ${BUSY_WAIT_SOURCE}
      class Base {}
      class Derived extends Base {
        // @profile
        constructor(kind) {
          if (kind === 'this') this.early = 1;
          const checked = kind === 'throw' ? JSON.parse('{') : kind;
          super();
          busyWait(1);
          this.kind = checked;
        }
      }
      return ['this', 'throw', 'ok', 'ok'].map((kind) => { try { return new Derived(kind).kind; } catch (e) { return e.constructor.name; } });
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: ['ReferenceError', 'SyntaxError', 'ok', 'ok'] });
    expect(run.hits).toEqual({ 'Derived.constructor': { 6: 4, 7: 3, 8: 2, 9: 2, 10: 2 } });
    expect(functionNamed(run, 'Derived.constructor').totalTime).toBeGreaterThanOrEqual(lineTime(run, 'Derived.constructor', 9));
  });

  it('declarations, closures, inferred names, a return and functions around super() behave as written', async () => {
    const run = await runBothWays(src`
      class Base { constructor(...args) { this.args = args; } }
      class Derived extends Base {
        tag = 'derived';
        // @profile
        constructor(a, b) {
          const sum = a + b;
          let label = 'n' + sum, named = () => 1;
          const { x = helper(a) } = {};
          if (a < 0) return { early: true };
          super(sum, label, named.name, x);
          const after = label + '!';
          this.read = () => sum + after + late();
          function helper(v) { return v * 10; }
          function late() { return after.length; }
        }
      }
      const d = new Derived(1, 2);
      return [d.args, d.tag, d.read(), new Derived(-1, 0)];
    `);
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [[3, 'n3', 'named', 10], 'derived', '3n3!3', { early: true }] });
    expect(run.hits).toEqual({ 'Derived.constructor': { 6: 2, 7: 2, 8: 2, 9: 2, 10: 1, 11: 1, 12: 1 } });
  });

  it('the line of super() carries the parent constructor', async () => {
    const run = await runBothWays(src`
      ${BUSY_WAIT_SOURCE}
      class Base { constructor() { busyWait(3); } }
      class Derived extends Base {
        // @profile
        constructor() {
          super();
          this.done = true;
        }
      }
      for (let i = 0; i < 2; i++) new Derived();
    `);
    const superTime = lineTime(run, 'Derived.constructor', 6);
    expect(run.hits).toEqual({ 'Derived.constructor': { 6: 2, 7: 2 } });
    expect(superTime).toBeGreaterThanOrEqual(6e6);
    expect(superTime).toBeGreaterThan(lineTime(run, 'Derived.constructor', 7));
    expect(functionNamed(run, 'Derived.constructor').totalTime).toBeGreaterThanOrEqual(superTime);
  });
});
