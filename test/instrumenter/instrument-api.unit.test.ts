/**
 * The contract of `instrument()` itself: idempotence, untouched unmarked files, typed
 * syntax errors, deterministic output, selection (SPEC §2) and the probe budget of one
 * clock read per executed statement (SPEC §3).
 */
import { describe, expect, it } from 'vitest';
import { InstrumentError, instrument } from '../../packages/instrumenter/src/index.js';
import { functionNamed, runBothWays, src } from '../helpers/run-instrumented.js';

const SAMPLE = src`
  'use strict';
  // @profile
  export function loop(n) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (i % 3 === 0) continue;
      s += i;
    }
    return s;
  }
`;

describe('instrument()', () => {
  it('is a no-op on its own output', () => {
    const once = instrument(SAMPLE, { filename: '/virtual/sample.js' });
    expect(once.code).not.toBe(SAMPLE);
    const twice = instrument(once.code, { filename: '/virtual/sample.js' });
    expect(twice.code).toBe(once.code);
    expect(twice.functions).toEqual([]);
    expect(twice.map).toBeNull();
  });

  it('is deterministic', () => {
    const a = instrument(SAMPLE, { filename: '/virtual/sample.js' });
    const b = instrument(SAMPLE, { filename: '/virtual/sample.js' });
    expect(b.code).toBe(a.code);
    expect(b.functions).toEqual(a.functions);
  });

  it('returns a file without marks unchanged', () => {
    const code = 'export function plain(a) {\n  return a + 1;\n}\n// not a @profile pragma: it is not leading\n';
    const result = instrument(code, { filename: '/virtual/plain.js' });
    expect(result).toEqual({ code, map: null, file: '/virtual/plain.js', functions: [] });
  });

  it('throws InstrumentError with line and column on a syntax error', () => {
    const code = 'const ok = 1;\n// @profile\nfunction broken(a {\n  return a;\n}\n';
    let error: unknown;
    try {
      instrument(code, { filename: '/virtual/broken.js' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InstrumentError);
    expect(error).toMatchObject({ code: 'LINECOUNT_SYNTAX_ERROR', filename: '/virtual/broken.js', line: 3, column: 19 });
    expect((error as Error).message).not.toMatch(/\(\d+:\d+\)$/);
  });

  it('keeps every original line where it was (retainLines)', () => {
    const result = instrument(SAMPLE, { filename: '/virtual/sample.js' });
    const lines = result.code.split('\n');
    for (const [index, line] of SAMPLE.split('\n').entries()) {
      const text = line.trim().replace(/;$/, '');
      if (text && !text.startsWith('//') && text !== '}') expect(lines[index]).toContain(text.split(' ')[0]);
    }
    expect(result.functions).toEqual([{ name: 'loop', line: 2, endLine: 10, lines: [4, 5, 6, 7, 9] }]);
  });
});

it.each([
  ['functions spliced in', {}],
  ['the whole file printed (top-level code profiled)', { topLevel: true }],
])('detachTail: the preamble function is left out of the code and returned apart, on one line (%s)', (_name, extra) => {
  const attached = instrument(SAMPLE, { filename: '/virtual/sample.ts', compiledAfter: true, ...extra });
  const detached = instrument(SAMPLE, { filename: '/virtual/sample.ts', compiledAfter: true, detachTail: true, ...extra });
  expect(attached.tail).toBeUndefined();
  expect(detached.tail).toMatch(/^function __lc\w*_i\(\)\{/);
  expect(detached.tail).not.toContain('\n');
  expect(detached.code).not.toContain(detached.tail!.slice(0, detached.tail!.indexOf('{')));
  expect(attached.code).toContain(detached.tail!.slice(0, detached.tail!.indexOf('{')));
  expect(detached.functions).toEqual(attached.functions);
});

describe('selection (SPEC §2)', () => {
  it('block comments, JSDoc pragmas, object properties and class expressions', async () => {
    const run = await runBothWays(src`
      /**
       * Doubles.
       * @profile
       */
      function documented(x) { return x * 2; }
      const api = {
        // @profile
        arrow: (x) => x + 1,
        /* @profile */ classic: function (x) { return x - 1; },
      };
      // @profile
      const Shape = class {
        area() { return 4; }
        static of() { return new Shape(); }
      };
      let assigned;
      // @profile
      assigned = function () { return 'assigned'; };
      // @profileX is not the pragma
      function notMarked() { return 0; }
      return [documented(2), api.arrow(1), api.classic(1), Shape.of().area(), assigned(), notMarked()];
    `);
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toEqual({ threw: false, value: [4, 2, 0, 4, 'assigned', 0] });
    expect(run.hits).toEqual({
      documented: { 5: 1 },
      'api.arrow': { 8: 1 },
      'api.classic': { 9: 1 },
      'Shape.area': { 13: 1 },
      'Shape.of': { 14: 1 },
      assigned: { 18: 1 },
    });
    expect(functionNamed(run, 'documented')).toMatchObject({ line: 1, endLine: 5 });
  });

  it('all: true profiles every function, nested and anonymous ones included', async () => {
    const run = await runBothWays(
      src`
        function outer(xs) {
          const inc = (x) => x + 1;
          return xs.map(inc).filter(function (x) { return x > 2; });
        }
        return outer([1, 2, 3]);
      `,
      { all: true },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.hits).toEqual({ outer: { 2: 1, 3: 1 }, inc: { 2: 3 }, '<anonymous>': { 3: 3 } });
  });
});

describe('probe budget (SPEC §3)', () => {
  // Sampled mode (the `sampled` project): every execution here is among a line's first M,
  // so each is a window, two clock reads (S reads the clock last when it opens one).
  it('reads the clock once per executed statement, plus once per exit (sampled: twice per timed statement)', async () => {
    let reads = 0;
    const clock = { now: () => (reads++, performance.now()) };
    // The program's reads: from its first statement on, not sampled mode's warm-up as its file registers.
    const fromHere = () => (reads = 0);
    const run = await runBothWays(
      src`
        fromHere();
        // @profile
        function work(n) {
          let s = 0; s++;
          for (let i = 0; i < n; i++) {
            if (i === 1) continue;
            s += i;
          }
          switch (s) {
            case 0: s = -1;
            default: s *= 2;
          }
          try { if (n > 2) throw new Error('x'); } catch { s = 0; }
          return s;
        }
        return [work(0), work(2), work(4)];
      `,
      { clock, globals: { fromHere } },
    );
    expect(run.instrumented).toEqual(run.original);
    const hits = Object.values(run.hits.work!).reduce((sum, h) => sum + h, 0);
    expect(reads).toBe(process.env.LINECOUNT_TEST_SAMPLE ? 2 * hits : hits + 3);
  });
});
