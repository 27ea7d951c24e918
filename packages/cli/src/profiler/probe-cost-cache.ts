import { createRequire } from 'node:module';
import type * as Os from 'node:os';
import { fileURLToPath } from 'node:url';
import { PROBE_COST_MAX_AGE_MS } from '../constants.js';
import { cacheKey, createTransformCache } from '../hooks/transform-cache.js';
import { PACKAGE_DIR } from '../paths.js';

/** One cached measurement. */
interface CachedCost {
  probeCostNs: number;
  measuredAt: number;
}

function isFresh(value: unknown, now: number): value is CachedCost {
  const entry = value as Partial<CachedCost> | null;
  return (
    typeof entry?.probeCostNs === 'number' &&
    Number.isFinite(entry.probeCostNs) &&
    typeof entry.measuredAt === 'number' &&
    now - entry.measuredAt >= 0 &&
    now - entry.measuredAt < PROBE_COST_MAX_AGE_MS
  );
}

function parse(text: string | null | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The probe cost of this machine: measured by `measure` (~60 ms) once, then read from
 * the cache directory by every thread of later runs (issue #12) until it is
 * {@link PROBE_COST_MAX_AGE_MS} old. The key holds what the cost depends on: the Node
 * version and architecture, the CPU model and count, and this linecount build (the bundle
 * that holds the probe code). Without a cache directory (`--no-cache`), or when the cache
 * cannot be read or written, it measures, as before.
 * @param cacheDir The session's cache directory, if any.
 * @param measure Measures the cost, ns per probe.
 */
export function cachedProbeCost(cacheDir: string | undefined, measure: () => number): number {
  if (cacheDir === undefined) return measure();
  const cache = createTransformCache(cacheDir, PACKAGE_DIR, fileURLToPath(import.meta.url), '.probe-cost.json');
  // Required here: a process that never saves need not load it (issue #12).
  const cpu = (createRequire(import.meta.url)('node:os') as typeof Os).cpus();
  const key = cacheKey(['probe-cost', cache.build, process.version, process.arch, cpu[0]?.model ?? '', String(cpu.length)]);
  const now = Date.now();
  const cached = parse(cache.get(key));
  if (isFresh(cached, now)) return cached.probeCostNs;
  const probeCostNs = measure();
  cache.set(key, JSON.stringify({ probeCostNs, measuredAt: now } satisfies CachedCost));
  return probeCostNs;
}
