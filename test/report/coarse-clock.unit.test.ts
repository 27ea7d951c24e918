/**
 * Results timed with a browser's coarsened clock (issue 5): the report says so under the
 * `Timer unit:` line, and merging, parsing and the LINE_PROFILE-style summary keep it.
 */
import { describe, expect, it } from 'vitest';
import { formatKernprofText } from '../../packages/cli/src/report/kernprof-text.js';
import { formatTextReport } from '../../packages/cli/src/report/text-report.js';
import { mergeResults, parseResults, type ResultsFile } from '../../packages/runtime/src/index.js';

const SOURCE = '// @profile\nfunction f() {\n  return 1;\n}\n';

function results(extra: Partial<ResultsFile> = {}): ResultsFile {
  return {
    format: 'linecount',
    version: 1,
    unit: 1e-9,
    probeCostNs: 0,
    compensated: false,
    recursion: 'once',
    meta: { argv: ['http://localhost/'], cwd: '/app', node: 'HeadlessChrome', startedAt: '', pid: 0 },
    functions: [{ file: 'src/f.ts', name: 'f', line: 1, endLine: 4, totalTime: 200_000, lines: [[3, 2, 200_000]] }],
    sources: { 'src/f.ts': SOURCE },
    ...extra,
  };
}

describe('coarseClock', () => {
  it('adds one line under the timer unit, with the reason when the page was not isolated', () => {
    const plain = formatKernprofText(results());
    const coarse = formatKernprofText(results({ coarseClock: { resolutionNs: 100_000, crossOriginIsolated: false } }));
    const isolated = formatKernprofText(results({ coarseClock: { resolutionNs: 5_000, crossOriginIsolated: true } }));
    const note = 'Timer resolution: 0.0001 s (coarsened by the browser: the page is not cross-origin isolated)\n';
    expect(coarse).toBe(plain.replace('Timer unit: 1e-06 s\n', `Timer unit: 1e-06 s\n${note}`));
    expect(isolated.split('\n')[1]).toBe('Timer resolution: 5e-06 s (coarsened by the browser)');
    expect(plain.startsWith('Timer unit: 1e-06 s\n\nTotal time: 0.0002 s\n')).toBe(true);
  });

  it('formatKernprofText reads no file: without embedded sources, the listing has no contents', () => {
    const report = formatKernprofText(results({ sources: {}, meta: { ...results().meta, cwd: process.cwd() } }));
    expect(report).toContain('Could not find file src/f.ts');
    expect(formatTextReport(results())).toBe(formatKernprofText(results()));
  });

  it('merging keeps the coarsest clock, isolated only if every file was', () => {
    const a = results({ coarseClock: { resolutionNs: 5_000, crossOriginIsolated: true } });
    const b = results({ coarseClock: { resolutionNs: 100_000, crossOriginIsolated: false } });
    expect(mergeResults([a, b]).coarseClock).toEqual({ resolutionNs: 100_000, crossOriginIsolated: false });
    expect(mergeResults([results(), a]).coarseClock).toEqual(a.coarseClock);
    expect(mergeResults([results(), results()])).not.toHaveProperty('coarseClock');
  });

  it('survives a round trip through the file; a damaged one is refused', () => {
    const file = results({ coarseClock: { resolutionNs: 100_000, crossOriginIsolated: false } });
    expect(parseResults(JSON.stringify(file))).toEqual(file);
    expect(() => parseResults(JSON.stringify({ ...file, coarseClock: { crossOriginIsolated: false } }))).toThrow(
      '"coarseClock" has no "resolutionNs" number',
    );
  });
});
