/**
 * TypeScript sources: instrumented as TS, types stripped by esbuild afterwards (as the
 * CLI does), every reported line an original TS line (SPEC §1, §5); and JS compiled by
 * `tsc` instrumented with its `inputSourceMap` reports the TS file and lines (SPEC §8).
 */
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { functionNamed, runBothWays, src, type BothWays } from '../helpers/run-instrumented.js';

function expectSame(run: BothWays): void {
  expect(run.original.threw).toBe(false);
  expect(run.instrumented).toEqual(run.original);
}

const TS_FILE = '/virtual/case.ts';

describe('TypeScript-only constructs', () => {
  it('interfaces, type aliases, declare and enums between statements keep TS line numbers', async () => {
    const run = await runBothWays(
      src`
        interface Shape {
          kind: 'circle' | 'square';
          size: number;
        }
        type Area = number;
        enum Unit { Px = 'px', Em = 'em' }
        declare const DEBUG: boolean;

        // @profile
        function area(shapes: Shape[], unit: Unit = Unit.Px): string {
          let total: Area = 0;
          interface Local { n: number }
          type Pair = [number, number];
          enum Local2 { A = 2 }
          for (const shape of shapes as readonly Shape[]) {
            const factor: number = shape.kind === 'circle' ? Math.PI : 1;
            total += factor * shape.size ** 2 * Local2.A;
          }
          const pair: Pair = [total, 0] satisfies Pair;
          const local: Local = { n: pair[0]! };
          return local.n.toFixed(1) + unit;
        }
        return area([{ kind: 'square', size: 2 }, { kind: 'circle', size: 1 }], Unit.Em);
      `,
      { filename: TS_FILE },
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: '14.3em' });
    expect(run.hits).toEqual({ area: { 11: 1, 14: 1, 15: 3, 16: 2, 17: 2, 19: 1, 20: 1, 21: 1 } });
    expect(functionNamed(run, 'area')).toMatchObject({ line: 9, endLine: 22, file: 'virtual/case.ts' });
  });

  it('overloads: the pragma above the first signature marks the implementation', async () => {
    const run = await runBothWays(
      src`
        // @profile
        function parse(x: string): number;
        function parse(x: number): string;
        function parse(x: string | number): string | number {
          if (typeof x === 'string') return Number(x);
          return String(x);
        }
        class Box {
          // @profile
          get(key: 'a'): number;
          get(key: string): unknown;
          get(key: string): unknown {
            return key === 'a' ? 1 : key;
          }
          readonly size: number;
          /* @profile */
          constructor();
          constructor(size: number);
          constructor(size?: number) {
            this.size = size ?? 0;
          }
        }
        return [parse('4'), parse(5), new Box().get('a'), new Box(3).get('z'), new Box(2).size];
      `,
      { filename: TS_FILE },
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [4, '5', 1, 'z', 2] });
    expect(run.hits).toEqual({ parse: { 5: 2, 6: 1 }, 'Box.get': { 13: 2 }, 'Box.constructor': { 20: 3 } });
    expect(functionNamed(run, 'parse')).toMatchObject({ line: 1, endLine: 7 });
    expect(functionNamed(run, 'Box.get')).toMatchObject({ line: 9, endLine: 14 });
    expect(functionNamed(run, 'Box.constructor')).toMatchObject({ line: 16, endLine: 21 });
  });

  it('parameter properties in a derived class, abstract and declared members', async () => {
    const run = await runBothWays(
      src`
        abstract class Animal {
          declare readonly tag: string;
          abstract speak(): string;
          constructor(public name: string) {}
        }
        class Dog extends Animal {
          private sound = 'woof';
          // @profile
          constructor(name: string, private readonly volume: number, protected owner?: string) {
            const upper: string = name.toUpperCase();
            super(upper);
            this.sound = this.sound.repeat(volume);
          }
          // @profile
          speak(this: Dog): string {
            return \`\${this.name} (\${this.owner ?? 'nobody'}) says \${this.sound} at \${this.volume}\`;
          }
        }
        const d = new Dog('rex', 2, 'ann');
        return [d.speak(), Object.keys(d)];
      `,
      { filename: TS_FILE },
    );
    expectSame(run);
    expect(run.original).toEqual({
      threw: false,
      value: ['REX (ann) says woofwoof at 2', ['name', 'volume', 'owner', 'sound']],
    });
    expect(run.hits).toEqual({ 'Dog.constructor': { 10: 1, 11: 1, 12: 1 }, 'Dog.speak': { 16: 1 } });
  });

  it('generics, non-null assertions, casts and arrow functions with type parameters', async () => {
    const run = await runBothWays(
      src`
        // @profile
        const first = <T,>(xs: readonly T[], fallback?: T): T => xs[0] ?? fallback!;
        // @profile
        export function pluck<T, K extends keyof T>(
          items: T[],
          key: K,
        ): Array<T[K]> {
          const out = [] as Array<T[K]>;
          for (const item of items) out.push(<T[K]>item[key]);
          return out;
        }
        export const result = [first([3, 4]), first<number>([], 9), pluck([{ a: 1 }, { a: 2 }], 'a')];
      `,
      { filename: '/virtual/case.mts' },
    );
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [3, 9, [1, 2]] });
    expect(run.hits).toEqual({ first: { 2: 2 }, pluck: { 8: 1, 9: 3, 10: 1 } });
    expect(functionNamed(run, 'pluck')).toMatchObject({ line: 3, endLine: 11 });
  });
});

describe('JSX', () => {
  it('a TSX component keeps its lines through esbuild', async () => {
    const React = { createElement: (type: unknown, props: unknown, ...children: unknown[]) => ({ type, props, children }) };
    const run = await runBothWays(
      src`
        type Props = { items: string[]; title?: string };
        // @profile
        function List({ items, title = 'List' }: Props) {
          const visible = items.filter(Boolean);
          return (
            <section>
              <h1>{title}</h1>
              {visible.map((item) => <p key={item}>{item}</p>)}
            </section>
          );
        }
        return List({ items: ['a', '', 'b'] });
      `,
      { filename: '/virtual/list.tsx', globals: { React } },
    );
    expectSame(run);
    expect(run.original).toMatchObject({ threw: false, value: { type: 'section' } });
    expect(run.hits).toEqual({ List: { 4: 1, 5: 1 } });
    expect(functionNamed(run, 'List')).toMatchObject({ line: 2, endLine: 11 });
  });
});

describe('inputSourceMap', () => {
  it('JS compiled by tsc reports the TS file and lines', async () => {
    const tsSource = src`
      type Point = { x: number; y: number };

      interface Options {
        scale: number;
      }

      // @profile
      export function scaled(points: Point[], { scale }: Options): number[] {
        const out: number[] = [];
        for (const p of points) {
          out.push((p.x + p.y) * scale);
        }
        return out;
      }
    `;
    const compiled = ts.transpileModule(tsSource, {
      fileName: '/virtual/src/points.ts',
      compilerOptions: { sourceMap: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    });
    const js = compiled.outputText.replace(/\/\/# sourceMappingURL=.*$/m, '') + 'return scaled([{ x: 1, y: 2 }, { x: 3, y: 4 }], { scale: 2 });\n';
    const map = JSON.parse(compiled.sourceMapText!) as { sources: string[] };
    map.sources = ['/virtual/src/points.ts'];
    const run = await runBothWays(js, { filename: '/virtual/dist/points.js', inputSourceMap: map as never });
    expectSame(run);
    expect(run.original).toEqual({ threw: false, value: [6, 14] });
    expect(run.result.file).toBe('/virtual/src/points.ts');
    expect(run.hits).toEqual({ scaled: { 9: 1, 10: 3, 11: 2, 13: 1 } });
    expect(functionNamed(run, 'scaled')).toMatchObject({ file: 'virtual/src/points.ts', line: 7, endLine: 14 });
    // The map of this step still leads to the TS source.
    expect(run.result.map?.sources).toContain('/virtual/src/points.ts');
  });

  it('a minified line: each statement is counted on its own original line, the functions named as in the map (issue #12)', async () => {
    const source = src`
      module.exports = { result: (() => {
        function countEven(values) {
          let even = 0;
          for (const value of values) {
            if (value % 2 === 0) {
              even++;
            }
          }
          return even;
        }
        return countEven([1, 2, 3, 4, 6]);
      })() };
    `;
    const minified = transformSync(source, { minifyWhitespace: true, minifyIdentifiers: true, sourcemap: 'external', sourcefile: '/virtual/src/even.js' });
    expect(minified.code.trim().split('\n')).toHaveLength(1);
    expect(minified.code).not.toContain('countEven');
    const run = await runBothWays(minified.code, { filename: '/virtual/dist/even.min.js', all: true, inputSourceMap: JSON.parse(minified.map) as never });
    expect(run.original).toEqual({ threw: false, value: 3 });
    expectSame(run);
    expect(run.hits).toEqual({ '<anonymous>': { 11: 1 }, countEven: { 3: 1, 4: 6, 5: 5, 6: 3, 9: 1 } });
    expect(functionNamed(run, 'countEven')).toMatchObject({ file: 'virtual/src/even.js', line: 2, endLine: 10 });
  });
});
