/**
 * `// linecount-ignore-next` and `// linecount-ignore-file` (SPEC §2) exclude functions
 * from profiling, with or without `all` (`-p`), and the code still runs the same.
 */
import { describe, expect, it } from 'vitest';
import { instrument } from '../../packages/instrumenter/src/index.js';
import { runBothWays, src } from '../helpers/run-instrumented.js';

describe('ignore pragmas', () => {
  it('linecount-ignore-next excludes a function under all, and the functions inside it', async () => {
    const run = await runBothWays(
      src`
        function kept(x) {
          return x + 1;
        }
        // linecount-ignore-next
        function skipped(x) {
          const inner = (y) => y * 2;
          return inner(x);
        }
        const obj = {
          // linecount-ignore-next
          method(x) {
            return x - 1;
          },
          other(x) {
            return x;
          },
        };
        return [kept(1), skipped(2), obj.method(3), obj.other(4)];
      `,
      { all: true },
    );
    expect(run.instrumented).toEqual(run.original);
    expect(run.original).toEqual({ threw: false, value: [2, 4, 2, 4] });
    expect(Object.keys(run.hits).sort()).toEqual(['kept', 'obj.other']);
  });

  it('linecount-ignore-next wins over @profile, and on a class excludes its methods', async () => {
    const run = await runBothWays(src`
      // linecount-ignore-next
      // @profile
      function a() {
        return 1;
      }
      /* linecount-ignore-next */
      class K {
        m() {
          return 2;
        }
      }
      // @profile
      const b = () => 3;
      return [a(), new K().m(), b()];
    `);
    expect(run.instrumented).toEqual(run.original);
    expect(run.hits).toEqual({ b: { 13: 1 } });
  });

  it('linecount-ignore-file leaves the whole file untouched', () => {
    const code = '// linecount-ignore-file\n// @profile\nfunction f() {\n  return 1;\n}\n';
    const result = instrument(code, { filename: '/virtual/a.js', all: true });
    expect(result.functions).toEqual([]);
    expect(result.code).toBe(code);
    const later = instrument('function f() {\n  return 1; // linecount-ignore-file\n}\n', { filename: '/virtual/b.js', all: true });
    expect(later.functions).toEqual([]);
  });
});
