/** Results files of sampled mode (SPEC §3 `--sample`, §6): version 2 rows, version 1 still read, merging with exact files. */
import { describe, expect, it } from 'vitest';
import { mergeResults, parseResults, type ResultsFile } from '../../packages/runtime/src/index.js';
import { formatTimerLines } from '../../packages/cli/src/report/kernprof-text.js';
import { formatSampleDiagnostics } from '../../packages/cli/src/report/sample-diagnostics.js';

const META = { argv: [], cwd: '/p', node: 'v20', startedAt: '2026-01-01T00:00:00.000Z', pid: 1 };
const SAMPLE = { rate: 64, exactHits: 32, countCostNs: 0.5, windowCostNs: 60 };

function file(version: 1 | 2, lines: ResultsFile['functions'][number]['lines'], sample?: ResultsFile['sample']): ResultsFile {
  return {
    format: 'linecount',
    version,
    unit: 1e-9,
    probeCostNs: 40,
    compensated: true,
    recursion: 'once',
    meta: META,
    functions: [{ file: 'a.js', name: 'f', line: 1, endLine: 5, totalTime: 1000, lines }],
    ...(sample && { sample }),
  };
}

describe('sampled results', () => {
  it('reads a version 1 file', () => {
    const v1 = parseResults(JSON.stringify(file(1, [[2, 3, 300]])));
    expect(v1.functions[0]!.lines).toEqual([[2, 3, 300]]);
  });

  it('merges an exact row as timed at every hit, with no variance', () => {
    const exact = file(1, [[2, 10, 100]]);
    const sampled = file(2, [[2, 1000, 9000, 80, 40000]], SAMPLE);
    const merged = mergeResults([exact, parseResults(JSON.stringify(sampled))]);
    expect(merged.version).toBe(2);
    expect(merged.sample).toEqual(SAMPLE);
    expect(merged.functions[0]!.lines).toEqual([[2, 1010, 9100, 90, 40000]]);
  });

  it('says in the header how time was measured, and -vv gives samples and RSE', () => {
    const sampled = file(2, [[2, 1000, 9000, 40, 810000]], SAMPLE);
    expect(formatTimerLines(sampled, 1e-6)).toBe('Timer unit: 1e-06 s\nTime sampled: 1 in 64 executions after the first 32 hits of each line\n\n');
    expect(formatSampleDiagnostics(sampled)).toContain('a.js:2 f: 40 of 1000 hits timed, RSE 10.0% (few samples)');
    expect(formatSampleDiagnostics(file(1, [[2, 3, 300]]))).toBe('');
  });
});
