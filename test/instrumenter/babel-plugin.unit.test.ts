import vm from 'node:vm';
import { transformSync } from '@babel/core';
import { createRuntime } from '../../packages/runtime/src/index.js';
import { describe, expect, it } from 'vitest';
import linecount from '../../packages/instrumenter/src/babel-plugin.js';
import { instrument } from '../../packages/instrumenter/src/index.js';
import { resultsOf, src } from '../helpers/run-instrumented.js';

const SOURCE = src`
  // @profile
  function sum(xs) {
    let total = 0;
    for (const x of xs) total += x;
    return total;
  }
  module.exports = sum([1, 2, 3, 4]);
`;

function run(code: string): { value: unknown; hits: Record<string, Record<number, number>> } {
  const runtime = createRuntime();
  const module = { exports: undefined as unknown };
  vm.runInNewContext(code, { __linecount__: runtime, performance, module });
  const hits = Object.fromEntries(resultsOf(runtime).map((fn) => [fn.name, Object.fromEntries(fn.lines.map(([l, h]) => [l, h]))]));
  return { value: module.exports, hits };
}

describe('@linecount/profiler/babel', () => {
  it('instruments through @babel/core like instrument() does', () => {
    const output = transformSync(SOURCE, {
      filename: '/project/sum.js',
      babelrc: false,
      configFile: false,
      plugins: [[linecount, {}]],
    });
    const { value, hits } = run(output!.code!);
    expect(value).toBe(10);
    expect(hits).toEqual({ sum: { 3: 1, 4: 5, 5: 1 } });
    const metadata = (output!.metadata as unknown as { linecount: { file: string; functions: { name: string; lines: number[] }[] } }).linecount;
    expect(metadata.file).toBe('/project/sum.js');
    expect(metadata.functions.map((fn) => [fn.name, fn.lines])).toEqual([['sum', [3, 4, 5]]]);
  });

  it('honours `all` and leaves code instrumented by instrument() alone', () => {
    const plain = 'function f(a) {\n  return a + 1;\n}\nmodule.exports = f(1);\n';
    const all = transformSync(plain, { filename: 'f.js', babelrc: false, configFile: false, plugins: [[linecount, { all: true }]] });
    expect(run(all!.code!).hits).toEqual({ f: { 2: 1 } });
    const once = instrument(SOURCE, { filename: 'sum.js' }).code;
    const twice = transformSync(once, { filename: 'sum.js', babelrc: false, configFile: false, plugins: [linecount], retainLines: true });
    expect((twice!.metadata as unknown as { linecount: { functions: unknown[] } }).linecount.functions).toEqual([]);
    expect(run(twice!.code!).hits).toEqual({ sum: { 3: 1, 4: 5, 5: 1 } });
  });
});
