/**
 * The probe costs kept in the cache directory (issue #12): a calibration that did not
 * settle (a loaded machine, V8 not done optimizing it) is this run's only, never kept for
 * the day that every later run would read it (issue 14: a window cost cached at 122 ns,
 * twice its settled cost, zeroed every cheap line of sampled runs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedProbeCost, cachedSampledCosts } from '../../packages/cli/src/node/profiler/probe-cost-cache.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cacheDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linecount-cost-cache-'));
  dirs.push(dir);
  return dir;
}

describe('cachedProbeCost', () => {
  it('keeps a settled cost and measures again after an unsettled one', () => {
    const dir = cacheDir();
    expect(cachedProbeCost(dir, () => ({ costNs: 90, settled: false }))).toBe(90);
    expect(cachedProbeCost(dir, () => ({ costNs: 41, settled: true }))).toBe(41);
    expect(cachedProbeCost(dir, () => ({ costNs: 77, settled: true }))).toBe(41);
  });
});

describe('cachedSampledCosts', () => {
  it('keeps settled costs and measures again after unsettled ones', () => {
    const dir = cacheDir();
    expect(cachedSampledCosts(dir, () => ({ countNs: 40, windowNs: 122, settled: false }))).toEqual({ countNs: 40, windowNs: 122 });
    expect(cachedSampledCosts(dir, () => ({ countNs: 1.5, windowNs: 55, settled: true }))).toEqual({ countNs: 1.5, windowNs: 55 });
    expect(cachedSampledCosts(dir, () => ({ countNs: 2, windowNs: 60, settled: true }))).toEqual({ countNs: 1.5, windowNs: 55 });
  });
});
