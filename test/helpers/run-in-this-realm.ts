/**
 * Runs instrumented code in THIS realm with a fresh runtime, for tests that compare
 * times. `run-instrumented.ts` evaluates in a new `node:vm` context, where every probe's
 * clock read and typed-array write crosses realms and costs about ten times more than
 * in a profiled program, which would drown the relations these tests check.
 */
import vm from 'node:vm';
import { instrument } from '../../packages/instrumenter/src/index.js';
import {
  GLOBAL_NAME,
  collectResults,
  createRuntime,
  type ResultsFile,
  type Runtime,
} from '../../packages/runtime/src/index.js';

/** Options of {@link runInThisRealm}. */
export interface RealmRunOptions {
  /** Passed to `instrument()`. @default true */
  awaitTime?: boolean;
}

/** What {@link runInThisRealm} returns. */
export interface RealmRun {
  /** What the source's top-level `return` gave. */
  value: unknown;
  /** The runtime the instrumented code registered with; its counters hold the run. */
  runtime: Runtime;
}

/**
 * Instruments a script body (plain JavaScript; a top-level `return` gives its value) and
 * runs it synchronously in this realm. The runtime is visible as the global only while
 * the body runs: instrumented files register when they load, then keep their counters.
 */
export function runInThisRealm(source: string, options: RealmRunOptions = {}): RealmRun {
  const filename = '/virtual/timed.js';
  const { code } = instrument(source, { filename, awaitTime: options.awaitTime ?? true });
  const holder = globalThis as Record<string, unknown>;
  const previous = holder[GLOBAL_NAME];
  const runtime = createRuntime();
  holder[GLOBAL_NAME] = runtime;
  try {
    // The wrapper keeps every line where it was.
    const body = vm.runInThisContext(`(function () {${code}\n})`, { filename }) as () => unknown;
    return { value: body(), runtime };
  } finally {
    if (previous === undefined) delete holder[GLOBAL_NAME];
    else holder[GLOBAL_NAME] = previous;
  }
}

/**
 * Zeroes the counters of every file of `runtime`, so that what ran before (a warm-up:
 * lazy compilation, unoptimized code) is left out of the results. Call it only while no
 * profiled activation is running.
 */
export function resetCounters(runtime: Runtime): void {
  for (const file of runtime.files) {
    for (const counter of [file.hits, file.time, file.total, file.counts, file.totalCounts]) counter.fill(0);
  }
}

/** Collects a run's results the way the CLI does, with the given probe cost. */
export function collect(runtime: Runtime, probeCostNs: number, compensate = true): ResultsFile {
  const meta = { argv: [], cwd: '/', node: process.version, startedAt: '', pid: 0 };
  return collectResults(runtime, { meta, probeCostNs, compensate });
}
