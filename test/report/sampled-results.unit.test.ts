/** Results files of sampled mode (SPEC §3 `--sample`, §6): version 2 rows, version 1 still read, merging with exact files. */
import { describe, expect, it } from 'vitest';
import { mergeResults, parseResults, type ResultsFile } from '../../packages/runtime/src/index.js';
import { formatTimerLines } from '../../packages/cli/src/report/kernprof-text.js';
import { createSampledCounters } from '../../packages/runtime/src/sampled-probe.js';
import { collectSampledFunction } from '../../packages/runtime/src/sampled-results.js';
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

/**
 * A sampled file of one function with one line (slot 1, line 2): 100 hits, its first 32
 * timed (16 windows of 1 ms, 16 of 3 ms), one sampled window of 2 ms.
 */
function oneSampledWindow() {
  const counters = createSampledCounters(2, new Float64Array([0, 100]), new Float64Array(8), new Int32Array(4));
  counters.samples.set([0, 32, 0, 1]);
  counters.time.set([0, 64, 0, 2]);
  counters.squares.set([0, 16 * 1 + 16 * 9, 0, 4]);
  counters.onceSquares.set(counters.squares);
  return { table: { file: 'a.js', functions: [['f', 1, 3, [2]]] }, firstSlots: [1], sampled: { ...counters, slots: 2, rate: 64 } };
}

describe('sampled results', () => {
  it('reports the variance of an estimate made from one sampled window from all the line\'s windows, not as none', () => {
    const { lines } = collectSampledFunction(oneSampledWindow() as never, 0, { nested: 1, costs: { countNs: 0, windowNs: 0 } });
    // 64 ms exact + 2 ms × 68 later hits; 33 windows of mean 2 ms and variance 1 ms².
    expect(lines).toEqual([[2, 100, 200e6, 33, Math.round(68 * 68 * 1e12 * (1 - 1 / 68))]]);
  });

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
