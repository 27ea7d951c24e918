/**
 * Issue 12, item 4: code compiled before it is instrumented (TypeScript under nyc) has
 * lost its comments; the marks, names and listing lines are read in the original
 * (`functionSpans`) and handed to the instrumenter by position (`select`).
 */
import { describe, expect, it } from 'vitest';
import { functionSpans, instrument } from '../../packages/instrumenter/src/index.js';

const TS = `// @profile
export function marked(n: number): number {
  const inner = (x: number): number => x + 1;
  return inner(n);
}
function plain(): void {}
class K {
  // @profile
  m(): number { return 1; }
}
// linecount-ignore-next
function ignored(): void {}
`;

describe('functionSpans', () => {
  it('lists every function in source order, the profiled ones with the name and listing line instrument() reports', () => {
    const spans = functionSpans(TS, 'lib.ts', false);
    expect(spans.map((span) => [span.start.line, span.start.column, span.end.line, span.listed])).toEqual([
      [2, 7, 5, { name: 'marked', line: 1 }],
      [3, 16, 3, undefined],
      [6, 0, 6, undefined],
      [9, 2, 9, { name: 'K.m', line: 8 }],
      [12, 0, 12, undefined],
    ]);
    const direct = instrument(TS, { filename: 'lib.ts' }).functions.map(({ name, line }) => ({ name, line }));
    expect(spans.flatMap((span) => (span.listed ? [span.listed] : []))).toEqual(direct);
  });

  it('with all: every function but the ignored one', () => {
    expect(functionSpans(TS, 'lib.ts', true).map((span) => span.listed?.name)).toEqual(['marked', 'inner', 'plain', 'K.m', undefined]);
  });

  it('none in a file with linecount-ignore-file', () => {
    expect(functionSpans(`// linecount-ignore-file\n${TS}`, 'lib.ts', true).every((span) => span.listed === undefined)).toBe(true);
  });
});

describe('select', () => {
  it('profiles the functions it names, with its name and listing line, whatever the comments say', () => {
    const code = 'function a() { return 1; }\n// @profile\nfunction b() { return 2; }\n';
    const result = instrument(code, { filename: 'out.js', select: ({ line }) => (line === 1 ? { name: 'original', line: 7 } : undefined) });
    expect(result.functions.map(({ name, line }) => ({ name, line }))).toEqual([{ name: 'original', line: 7 }]);
  });
});
