import {
  collectResults,
  calibrateProbe,
  measureSampledCosts,
  type ResultsFile,
  type Runtime,
  type SampledCosts,
} from '@linecount/runtime';
import type { Session } from '../../session/session.js';
import { cachedProbeCost, cachedSampledCosts } from './probe-cost-cache.js';

/** The probe cost of this thread, read or measured once (~60 ms) at its first save. */
let probeCostNs: number | undefined;

/** The costs of sampled probes (`--sample`), read or measured once at the first save of a thread that ran sampled code. */
let sampledCosts: SampledCosts | undefined;

/** What runs this thread, for the results' `meta.node`: Node's version, or Bun's or Deno's (issue 19). */
export function runtimeVersion(): string {
  const { bun, deno } = process.versions as { bun?: string; deno?: string };
  if (bun) return `bun ${bun}`;
  return deno ? `deno ${deno}` : process.version;
}

/**
 * The results of this thread's counters so far, with file names relative to the
 * session's cwd (so that the parts of processes with other cwds merge), or undefined
 * when no instrumented file was loaded here.
 */
export function collectThreadResults(runtime: Runtime, session: Session): ResultsFile | undefined {
  if (runtime.files.length === 0) return undefined;
  return collectResults(runtime, {
    probeCostNs: (probeCostNs ??= cachedProbeCost(session.settings.cacheDir, () => calibrateProbe())),
    ...(runtime.files.some((file) => file.sampled) && {
      sampledCosts: (sampledCosts ??= cachedSampledCosts(session.settings.cacheDir, () => measureSampledCosts())),
    }),
    compensate: session.settings.compensate,
    recursion: session.settings.recursion,
    meta: {
      argv: [...process.argv],
      cwd: session.cwd,
      node: runtimeVersion(),
      startedAt: new Date(performance.timeOrigin).toISOString(),
      pid: process.pid,
    },
  });
}
