import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionResult, ResultsFile } from '../packages/runtime/src/index.js';
import {
  formatExponential,
  formatFixed,
  formatG,
  formatInteger,
} from '../packages/cli/src/report/format-number.js';
import { splitSourceLines } from '../packages/cli/src/report/source-text.js';
import { formatSummary, formatTextReport } from '../packages/cli/src/report/text-report.js';
import { maskReport } from './helpers/mask.js';

/** A results file around the given functions; sources are injected per test. */
function makeResults(functions: FunctionResult[], extra: Partial<ResultsFile> = {}): ResultsFile {
  return {
    format: 'linecount',
    version: 1,
    unit: 1e-9,
    probeCostNs: 50,
    compensated: true,
    recursion: 'once',
    meta: { argv: ['node', 'x.js'], cwd: '/nowhere', node: 'v20.20.2', startedAt: '', pid: 1 },
    functions,
    ...extra,
  };
}

/** A reader over an in-memory file system. */
function readFrom(files: Record<string, string>): (file: string) => string | undefined {
  return (file) => files[file];
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

// Every expected value below is what CPython 3.11 prints for the same format.
describe('formatG (%g)', () => {
  it.each([
    [1e-6, '1e-06'],
    [0.165121, '0.165121'],
    [123456789, '1.23457e+08'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [100, '100'],
    [100000, '100000'],
    [999999, '999999'],
    [999999.5, '1e+06'],
    [1000000, '1e+06'],
    [1.5e7, '1.5e+07'],
    [2.5e-7, '2.5e-07'],
    [0.001, '0.001'],
    [1e-9 / 1e-6, '0.001'],
    [0.1 + 0.2, '0.3'],
    [-1234.5678, '-1234.57'],
    [1e100, '1e+100'],
    [5e-324, '4.94066e-324'],
    [Number.NaN, 'nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('%%g of %s is %s', (value, expected) => {
    expect(formatG(value)).toBe(expected);
  });

  it.each([
    [1234567, 3, 5, '1.23e+06'],
    [0.5, 3, 5, '  0.5'],
    [123456789012, 3, 5, '1.23e+11'],
    [-123456789, 3, 5, '-1.23e+08'],
    [9.995, 3, 0, '9.99'], // the double is 9.99499999…
    [2.5, 1, 0, '2'], // exact tie: half to even
    [3.5, 1, 0, '4'],
    [0.25, 1, 0, '0.2'],
    [12345, 0, 0, '1e+04'], // precision 0 means 1
    [0.1, 17, 0, '0.10000000000000001'],
  ])('%%%s.%sg with width %s', (value, precision, width, expected) => {
    expect(formatG(value, precision, width)).toBe(expected);
  });
});

describe('formatFixed (%f)', () => {
  it.each([
    [3.25, 1, 5, '  3.2'], // exact tie: half to even (toFixed says 3.3)
    [3.35, 1, 5, '  3.4'], // the double is 3.35000000000000008882
    [0.25, 1, 0, '0.2'],
    [0.35, 1, 0, '0.3'], // the double is 0.34999999999999997780
    [2.5, 0, 0, '2'],
    [1.5, 0, 0, '2'],
    [0.05, 1, 5, '  0.1'],
    [3321, 1, 5, '3321.0'],
    [57555.8, 1, 5, '57555.8'],
    [-0.04, 1, 5, ' -0.0'],
    [-0, 2, 6, ' -0.00'],
    [0.165121, 2, 6, '  0.17'],
    [2.675, 2, 6, '  2.67'],
    [1e22, 1, 0, '10000000000000000000000.0'],
    [1.5e15, 1, 0, '1500000000000000.0'],
    [Infinity, 1, 5, '  inf'],
    [Number.NaN, 2, 6, '   nan'],
  ])('%%%s.%sf of %s', (value, digits, width, expected) => {
    expect(formatFixed(value, digits, width)).toBe(expected);
  });
});

describe('formatExponential (%e) and formatInteger (%d)', () => {
  it('matches Python', () => {
    expect(formatExponential(1.5e7)).toBe('1.500000e+07');
    expect(formatExponential(0, 2)).toBe('0.00e+00');
    expect(formatExponential(9.995e-10, 2)).toBe('9.99e-10');
    expect(formatExponential(9.9996e-10, 3, 12)).toBe('   1.000e-09');
    expect(formatInteger(19998)).toBe('19998');
    expect(formatInteger(1e22)).toBe('10000000000000000000000');
    expect(formatInteger(-0.5)).toBe('0');
    expect(formatInteger(7, 4)).toBe('   7');
  });
});

describe('splitSourceLines', () => {
  it('splits on every JavaScript line terminator and drops a BOM', () => {
    expect(splitSourceLines('\uFEFFa\r\nb\rc\nd\u2028e\u2029\tf')).toEqual(['a', 'b', 'c', 'd', 'e', '\tf']);
  });
});

const PRIMES_SOURCE = [
  "import { x } from './y';",
  '',
  '// @profile',
  'function isPrime(n: number): boolean {',
  '  if (n < 2) return false;',
  '  let i = 2;',
  '\twhile (i * i <= n) {',
  '    if (n % i === 0) return false;',
  '    i++;',
  '  }',
  '  return true;',
  '}',
  'function unused() {',
  '  return 1;',
  '}',
  '',
].join('\r\n');

const IS_PRIME: FunctionResult = {
  file: 'src/primes.ts',
  name: 'isPrime',
  line: 3,
  endLine: 12,
  totalTime: 165121000,
  lines: [
    [5, 19998, 3321000],
    [6, 19996, 1000000],
    [7, 301275, 57555800],
    [8, 281279, 50000000],
    [9, 281277, 45000000],
    [11, 17000, 8244200],
  ],
};

const UNUSED: FunctionResult = {
  file: 'src/primes.ts',
  name: 'unused',
  line: 13,
  endLine: 15,
  totalTime: 0,
  lines: [],
};

const PRIMES_REPORT = lines(
  'Timer unit: 1e-06 s',
  '',
  'Total time: 0.165121 s',
  'File: src/primes.ts',
  'Function: isPrime at line 3',
  '',
  'Line #      Hits         Time  Per Hit   % Time  Line Contents',
  '==============================================================',
  '     3                                           // @profile',
  '     4                                           function isPrime(n: number): boolean {',
  '     5     19998       3321.0      0.2      2.0    if (n < 2) return false;',
  '     6     19996       1000.0      0.1      0.6    let i = 2;',
  '     7    301275      57555.8      0.2     34.9  \twhile (i * i <= n) {',
  '     8    281279      50000.0      0.2     30.3      if (n % i === 0) return false;',
  '     9    281277      45000.0      0.2     27.3      i++;',
  '    10                                             }',
  '    11     17000       8244.2      0.5      5.0    return true;',
  '    12                                           }',
  '',
  'Total time: 0 s',
  'File: src/primes.ts',
  'Function: unused at line 13',
  '',
  'Line #      Hits         Time  Per Hit   % Time  Line Contents',
  '==============================================================',
  '    13                                           function unused() {',
  '    14                                             return 1;',
  '    15                                           }',
  '',
);

const readSource = readFrom({ 'src/primes.ts': PRIMES_SOURCE });
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('formatTextReport', () => {
  it("prints kernprof's show_text layout byte for byte, never-run functions included", () => {
    const report = formatTextReport(makeResults([IS_PRIME, UNUSED]), { readSource });
    expect(report).toBe(PRIMES_REPORT);
  });

  it('prints only the timer unit when nothing was profiled', () => {
    expect(formatTextReport(makeResults([]))).toBe('Timer unit: 1e-06 s\n\n');
  });

  it('grows the Hits and Per Hit columns and falls back to %5.3g past the default widths', () => {
    const hot: FunctionResult = {
      file: 'big.ts',
      name: 'hot',
      line: 1,
      endLine: 4,
      totalTime: 1.5e18,
      lines: [
        [2, 12345678901, 1.5e18],
        [3, 1, -123456789012], // over-compensated: negative time
        [4, 3, 0],
      ],
    };
    const source = 'function hot() {\n  a();\n  b();\n}';
    const report = formatTextReport(makeResults([hot]), { readSource: readFrom({ 'big.ts': source }) });
    expect(report).toBe(
      lines(
        'Timer unit: 1e-06 s',
        '',
        'Total time: 1.5e+09 s',
        'File: big.ts',
        'Function: hot at line 1',
        '',
        'Line #        Hits         Time   Per Hit   % Time  Line Contents',
        '=================================================================',
        '     1                                              function hot() {',
        '     2 12345678901      1.5e+15  121500.0    100.0    a();',
        '     3           1 -123456789.0 -1.23e+08     -0.0    b();',
        '     4           3          0.0       0.0      0.0  }',
        '',
      ),
    );
  });

  it("prints line_profiler's notice and empty contents when the source cannot be read", () => {
    const parse: FunctionResult = {
      file: 'gone/deep.ts',
      name: 'Parser.parse',
      line: 999998,
      endLine: 1000001,
      totalTime: 2000,
      lines: [
        [999999, 2, 1500],
        [1000000, 1, 500],
      ],
    };
    const report = formatTextReport(makeResults([parse]), { readSource: () => undefined });
    expect(report).toBe(
      lines(
        'Timer unit: 1e-06 s',
        '',
        'Total time: 2e-06 s',
        '',
        'Could not find file gone/deep.ts',
        'Are you sure you are running this program from the same directory',
        'that you ran the profiler from?',
        "Continuing without the function's contents.",
        '',
        ' Line #      Hits         Time  Per Hit   % Time  Line Contents',
        '===============================================================',
        ' 999998                                           ',
        ' 999999         2          1.5      0.8     75.0  ',
        '1000000         1          0.5      0.5     25.0  ',
        '1000001                                           ',
        '',
      ),
    );
  });

  it('sorts by total time (stable), skips hit-less functions and summarizes', () => {
    const fn = (name: string, line: number, totalTime: number, rows: FunctionResult['lines']): FunctionResult => ({
      file: 'a.ts',
      name,
      line,
      endLine: line + 1,
      totalTime,
      lines: rows,
    });
    const results = makeResults([
      fn('slow', 1, 2.5e9, [[2, 1, 2.5e9]]),
      fn('never', 3, 0, []),
      fn('fast', 5, 1000, [[6, 1, 1000]]),
      fn('<anonymous>', 7, 0, [[8, 4, 0]]),
      fn('alsoFast', 9, 1000, [[10, 2, 1000]]),
    ]);
    const source = [
      'function slow() {',
      '  s();',
      'function never() {',
      '  n();',
      'function fast() {',
      '  f();',
      'const g = () =>',
      '  0;',
      'function alsoFast() {',
      '  f();',
    ].join('\n');
    const options = { sort: true, skipZero: true, summarize: true, unit: 1e-3, readSource: readFrom({ 'a.ts': source }) };
    expect(formatTextReport(results, options)).toBe(
      lines(
        'Timer unit: 0.001 s',
        '',
        'Total time: 0 s',
        'File: a.ts',
        'Function: <anonymous> at line 7',
        '',
        'Line #      Hits         Time  Per Hit   % Time  Line Contents',
        '==============================================================',
        '     7                                           const g = () =>',
        '     8         4          0.0      0.0             0;', // zero total: no % Time
        '',
        'Total time: 1e-06 s',
        'File: a.ts',
        'Function: fast at line 5',
        '',
        'Line #      Hits         Time  Per Hit   % Time  Line Contents',
        '==============================================================',
        '     5                                           function fast() {',
        '     6         1          0.0      0.0    100.0    f();',
        '',
        'Total time: 1e-06 s',
        'File: a.ts',
        'Function: alsoFast at line 9',
        '',
        'Line #      Hits         Time  Per Hit   % Time  Line Contents',
        '==============================================================',
        '     9                                           function alsoFast() {',
        '    10         2          0.0      0.0    100.0    f();',
        '',
        'Total time: 2.5 s',
        'File: a.ts',
        'Function: slow at line 1',
        '',
        'Line #      Hits         Time  Per Hit   % Time  Line Contents',
        '==============================================================',
        '     1                                           function slow() {',
        '     2         1       2500.0   2500.0    100.0    s();',
        '',
        '  0.00 seconds - a.ts:5 - fast',
        '  0.00 seconds - a.ts:9 - alsoFast',
        '  2.50 seconds - a.ts:1 - slow',
      ),
    );
    expect(formatSummary(results)).toBe(
      lines(
        '  2.50 seconds - a.ts:1 - slow',
        '  0.00 seconds - a.ts:3 - never',
        '  0.00 seconds - a.ts:5 - fast',
        '  0.00 seconds - a.ts:7 - <anonymous>',
        '  0.00 seconds - a.ts:9 - alsoFast',
      ),
    );
  });

  it('keeps registration order without -t and lists never-run functions without -z', () => {
    const report = formatTextReport(makeResults([UNUSED, IS_PRIME]), { readSource });
    expect(report.indexOf('Function: unused')).toBeLessThan(report.indexOf('Function: isPrime'));
    const skipped = formatTextReport(makeResults([UNUSED, IS_PRIME]), { readSource, skipZero: true });
    expect(skipped).not.toContain('unused');
    expect(skipped).toContain('Function: isPrime');
  });

  it('prefers embedded sources, then reads from disk relative to meta.cwd', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linecount-report-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'disk.ts'), '// from disk\nrun();\n');
    const onDisk: FunctionResult = { file: 'disk.ts', name: 'run', line: 1, endLine: 2, totalTime: 1000, lines: [[2, 1, 1000]] };
    const embedded: FunctionResult = { ...onDisk, file: '[eval]' };
    const results = makeResults([onDisk, embedded], {
      meta: { argv: [], cwd: dir, node: 'v20', startedAt: '', pid: 1 },
      sources: { '[eval]': '// embedded\nrun();' },
    });
    const report = formatTextReport(results);
    expect(report).toContain('     1                                           // from disk\n');
    expect(report).toContain('     1                                           // embedded\n');
    expect(report).not.toContain('Could not find file');
  });

  it('lists a measured line that falls outside the function range rather than hide it', () => {
    const odd: FunctionResult = { ...IS_PRIME, lines: [[14, 1, 1000]], totalTime: 1000 };
    const report = formatTextReport(makeResults([odd]), { readSource });
    expect(report).toContain('    14         1          1.0      1.0    100.0    return 1;\n');
  });
});

describe('maskReport', () => {
  it('masks times, keeps line numbers, hits, contents and layout', () => {
    const report = formatTextReport(makeResults([IS_PRIME, UNUSED]), { readSource, summarize: true });
    const masked = maskReport(report).split('\n');
    expect(masked.slice(2, 11)).toEqual([
      'Total time: # s',
      'File: src/primes.ts',
      'Function: isPrime at line 3',
      '',
      'Line #      Hits         Time  Per Hit   % Time  Line Contents',
      '==============================================================',
      '     3                                           // @profile',
      '     4                                           function isPrime(n: number): boolean {',
      '     5     19998 ############ ######## ########    if (n < 2) return false;',
    ]);
    expect(masked).toContain('    10                                             }');
    expect(masked).toContain('###### seconds - src/primes.ts:13 - unused');
  });

  it('gives the same text for runs that differ only in timings', () => {
    const slower: FunctionResult = {
      ...IS_PRIME,
      totalTime: 9e9,
      lines: IS_PRIME.lines.map(([line, hits, time]) => [line, hits, time * 37.3]),
    };
    const a = formatTextReport(makeResults([IS_PRIME]), { readSource });
    const b = formatTextReport(makeResults([slower]), { readSource });
    expect(a).not.toBe(b);
    expect(maskReport(a)).toBe(maskReport(b));
  });
});
