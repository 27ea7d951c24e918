import { threadId } from 'node:worker_threads';
import { DEFAULT_RECURSION_VIEW, collectResults, measureProbeCost, type ResultsFile, type Runtime } from '@linecount/runtime';
import type { ThreadId } from '../parts.js';
import type { Session } from '../session.js';

/** The probe cost of this thread, measured once (~60 ms), at its first save. */
let probeCostNs: number | undefined;

/** This thread, as the parts directory names it. */
export function currentThread(): ThreadId {
  return { pid: process.pid, threadId, startedAt: performance.timeOrigin };
}

/**
 * The results of this thread's counters so far, with file names relative to the
 * session's cwd (so that the parts of processes with other cwds merge), or undefined
 * when no instrumented file was loaded here.
 */
export function collectThreadResults(runtime: Runtime, session: Session): ResultsFile | undefined {
  if (runtime.files.length === 0) return undefined;
  return collectResults(runtime, {
    probeCostNs: (probeCostNs ??= measureProbeCost()),
    compensate: session.compensate,
    recursion: session.recursion ?? DEFAULT_RECURSION_VIEW,
    meta: {
      argv: [...process.argv],
      cwd: session.cwd,
      node: process.version,
      startedAt: new Date(performance.timeOrigin).toISOString(),
      pid: process.pid,
    },
  });
}
