import { createRequire } from 'node:module';
import type * as Os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Calibration, SampledCalibration, SampledCosts } from '@linecount/runtime';
import { PROBE_COST_MAX_AGE_MS } from '../../session/constants.js';
import { cacheKey, createTransformCache } from '../hooks/transform-cache.js';
import { PACKAGE_DIR } from '../../bundle-paths.js';

/** One cached measurement: its numbers and when it was taken. */
type Cached<T> = T & { measuredAt: number };

/** Whether every field of `value` named in `fields` is a finite number. */
function hasFiniteNumbers(value: unknown, fields: readonly string[]): boolean {
  const entry = value as Record<string, unknown> | null;
  return typeof entry === 'object' && entry !== null && fields.every((field) => Number.isFinite(entry[field]));
}

function isFresh<T>(value: unknown, fields: readonly (keyof T & string)[], now: number): value is Cached<T> {
  if (!hasFiniteNumbers(value, [...fields, 'measuredAt'])) return false;
  const age = now - (value as Cached<T>).measuredAt;
  return age >= 0 && age < PROBE_COST_MAX_AGE_MS;
}

function parse(text: string | null | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A measurement of this machine kept in the cache directory under `suffix` (see
 * {@link cachedProbeCost}), in files named `*.<name>.json`: read when fresh, else measured,
 * and saved when it settled (one that did not is this run's only: measured again next time).
 */
function cachedMeasurement<T extends object>(
  cacheDir: string | undefined,
  name: string,
  fields: readonly (keyof T & string)[],
  measure: () => T & { settled: boolean },
): T {
  const pick = (value: T): T => Object.fromEntries(fields.map((field) => [field, value[field]])) as T;
  if (cacheDir === undefined) return pick(measure());
  const cache = createTransformCache(cacheDir, PACKAGE_DIR, fileURLToPath(import.meta.url), `.${name}.json`);
  // Required here: a process that never saves need not load it (issue #12).
  const cpu = (createRequire(import.meta.url)('node:os') as typeof Os).cpus();
  const key = cacheKey([name, cache.build, process.version, process.arch, cpu[0]?.model ?? '', String(cpu.length)]);
  const now = Date.now();
  const cached = parse(cache.get(key));
  if (isFresh<T>(cached, fields, now)) return pick(cached);
  const measured = measure();
  const value = pick(measured);
  if (measured.settled) cache.set(key, JSON.stringify({ ...value, measuredAt: now }));
  return value;
}

/**
 * The probe cost of this machine: measured by `measure` (~60 ms) once, then read from
 * the cache directory by every thread of later runs (issue #12) until it is
 * {@link PROBE_COST_MAX_AGE_MS} old. The key holds what the cost depends on: the Node
 * version and architecture, the CPU model and count, and this linecount build (the bundle
 * that holds the probe code). Without a cache directory (`--no-cache`), or when the cache
 * cannot be read or written, it measures, as before. A measurement that did not settle
 * (a loaded machine: V8 had not optimized the calibration by its time limit) is not kept.
 * @param cacheDir The session's cache directory, if any.
 * @param measure Measures the cost (`calibrateProbe`).
 */
export function cachedProbeCost(cacheDir: string | undefined, measure: () => Calibration): number {
  const calibrate = (): { probeCostNs: number; settled: boolean } => {
    const { costNs, settled } = measure();
    return { probeCostNs: costNs, settled };
  };
  return cachedMeasurement(cacheDir, 'probe-cost', ['probeCostNs'], calibrate).probeCostNs;
}

/**
 * The costs of sampled mode's probes on this machine (`--sample`, issue 14), cached as
 * {@link cachedProbeCost} caches the exact probe's (their measurement takes ~90 ms).
 * @param cacheDir The session's cache directory, if any.
 * @param measure Measures the costs (`measureSampledCosts`).
 */
export function cachedSampledCosts(cacheDir: string | undefined, measure: () => SampledCalibration): SampledCosts {
  return cachedMeasurement(cacheDir, 'sampled-costs', ['countNs', 'windowNs'], measure);
}
