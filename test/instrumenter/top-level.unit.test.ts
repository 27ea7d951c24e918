/**
 * `-p` on the script profiles its top-level code as `<module>` (SPEC §2): probes between
 * statements only, so hoisting, top-level `var`s, imports/exports and top-level `await`
 * keep their meaning, and hits are exact.
 */
import { describe, expect, it } from 'vitest';
import { instrument } from '../../packages/instrumenter/src/index.js';
import { functionNamed, runBothWays, src } from '../helpers/run-instrumented.js';

describe('module top-level code', () => {
  it('counts top-level lines, loops with continue, and keeps hoisting', async () => {
    const run = await runBothWays(
      src`
        const early = hoisted(2);
        var total = 0;
        for (let i = 0; i < 4; i++) {
          if (i === 1) continue;
          total += i;
        }
        function hoisted(x) {
          return x * 10 + (typeof total);
        }
        if (total > 100) {
          total = -1;
        }
        module.exports = { early, total, late: hoisted(1) };
      `,
      { topLevel: true },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toEqual({ threw: false, value: { early: '20undefined', total: 5, late: '10number' } });
    expect(run.hits).toEqual({ '<module>': { 1: 1, 2: 1, 3: 5, 4: 4, 5: 3, 10: 1, 13: 1 } });
    const fn = functionNamed(run, '<module>');
    expect(fn).toMatchObject({ line: 1, endLine: 13 });
    expect(fn.totalTime).toBeGreaterThan(0);
  });

  it('profiles the functions too with all, module first', async () => {
    const run = await runBothWays(
      src`
        function twice(x) {
          return 2 * x;
        }
        const a = twice(1);
        module.exports = twice(a);
      `,
      { topLevel: true, all: true },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.functions.map((f) => f.name)).toEqual(['<module>', 'twice']);
    expect(run.hits).toEqual({ '<module>': { 4: 1, 5: 1 }, twice: { 2: 2 } });
  });

  it('ES module: imports and exports stay declarations', async () => {
    const run = await runBothWays(
      src`
        import { join } from 'node:path';
        export const base = join('a', 'b');
        export function f() {
          return 1;
        }
        const later = base + f();
        export { later };
        export const result = later;
      `,
      { topLevel: true, filename: '/virtual/case.mjs', globals: { require } },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toEqual({ threw: false, value: 'a/b1' });
    expect(run.hits).toEqual({ '<module>': { 2: 1, 6: 1, 8: 1 } });
  });

  it('top-level await: the waiting time stays on the await line', async () => {
    const run = await runBothWays(
      src`
        const a = 1;
        const b = await new Promise((resolve) => setTimeout(() => resolve(a + 1), 30));
        return b;
      `,
      { topLevel: true },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toEqual({ threw: false, value: 2 });
    expect(run.hits).toEqual({ '<module>': { 1: 1, 2: 1, 3: 1 } });
    expect(functionNamed(run, '<module>').lines.find(([line]) => line === 2)![2]).toBeGreaterThan(20e6);
  });

  it('leaves a file without top-level code untouched apart from the module function', () => {
    const result = instrument('function f() {\n  return 1;\n}\n', { filename: '/virtual/a.js', topLevel: true });
    expect(result.functions).toEqual([{ name: '<module>', line: 1, endLine: 3, lines: [] }]);
    const twice = instrument(result.code, { filename: '/virtual/a.js', topLevel: true });
    expect(twice.functions).toEqual([]);
  });
});
