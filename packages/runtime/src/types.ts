import type { Step } from './probe.js';
import type { SampledStep } from './sampled-step.js';

/**
 * One row of a function's results: `[lineNumber, hits, time]`, time in the file's `unit`;
 * a sampled line (SPEC §3 `--sample`) adds how many of its executions were timed and the
 * variance of its estimated time, in `unit`² (a row without them was timed at every hit).
 */
export type LineRow = [line: number, hits: number, time: number, samples?: number, variance?: number];

/** How sampled line times were measured (`--sample`, SPEC §3). */
export interface SampleSettings {
  /** Mean rate: 1 in `rate` executions timed after the first `exactHits` hits of a line. */
  rate: number;
  /** Executions of each line timed exactly before sampling starts (M). */
  exactHits: number;
  /** Measured cost of a counting probe that opened no window, ns. */
  countCostNs: number;
  /** Measured cost of a probe that closes or opens a window, ns. */
  windowCostNs: number;
}

/** How line times treat recursion: see `RECURSION_VIEWS`. */
export type RecursionView = 'once' | 'inclusive';

/** Results of one profiled function (SPEC §6). */
export interface FunctionResult {
  /** Source file, relative to `meta.cwd` when inside it, else absolute. */
  file: string;
  /** Qualified name: `isPrime`, `Parser.parse`, `<anonymous>`. */
  name: string;
  /** First line of the listing: the pragma comment, decorator or function line. */
  line: number;
  /** Last line of the function. */
  endLine: number;
  /** Wall time of the outermost activations, in `unit`s. */
  totalTime: number;
  /** Lines that ran, ascending. */
  lines: LineRow[];
}

/** Facts about the profiled process. */
export interface ResultsMeta {
  argv: string[];
  cwd: string;
  node: string;
  startedAt: string;
  pid: number;
}

/** The `.lcprof` results file (SPEC §6), documented in docs/lcprof-format.md. */
export interface ResultsFile {
  format: 'linecount';
  version: 1 | 2;
  /** Seconds per stored time unit: always 1e-9. */
  unit: number;
  /** Measured cost of one probe, in nanoseconds. */
  probeCostNs: number;
  /** Whether `probeCostNs` was subtracted per hit from the stored times. */
  compensated: boolean;
  /** How line times treat recursion (SPEC §3); files without it are `inclusive`. */
  recursion: RecursionView;
  meta: ResultsMeta;
  functions: FunctionResult[];
  /** Present when some line times were sampled (`--sample`, SPEC §3). */
  sample?: SampleSettings;
  /** Source texts of files that exist nowhere on disk (`-e` code), keyed by `file`. */
  sources?: Record<string, string>;
  /** Present when the clock was coarser than 1 µs: a browser's `performance.now()`. */
  coarseClock?: CoarseClock;
}

/** A clock too coarse to time short lines (a browser's coarsened `performance.now()`). */
export interface CoarseClock {
  /** Smallest step of the clock, measured at the start, in nanoseconds. */
  resolutionNs: number;
  /** Whether the page was cross-origin isolated (without it, Chromium steps by 100 µs). */
  crossOriginIsolated: boolean;
}

/**
 * Static description of one instrumented function, produced by the instrumenter and
 * passed to `register()`: `[name, listingLine, endLine, slotLines, file?]`, `file` (absolute)
 * when it is not the table's (a bundle mapped back to its sources). Slot numbers are
 * implicit: the functions of a file own consecutive slots starting at 1, in order.
 */
export type FunctionTable = [name: string, line: number, endLine: number, slotLines: number[], file?: string];

/** Options the instrumented code passes to `register()`. */
export interface FileTable {
  /** Absolute path of the original source file. */
  file: string;
  functions: FunctionTable[];
  /** Sampled mode (`--sample`): the mean rate K; absent in exact mode. */
  sample?: number;
  /** The lines of the profiled functions (others empty), where the file may not be readable at report time (build plugins). */
  source?: string;
  /** The same for the other files of the functions, keyed by absolute path (the texts a source map carries). */
  sources?: Record<string, string>;
}

/**
 * The original texts of a file's printed functions (issue 13, cause 1): each printed
 * function carries the directive `"__linecount:<key>:<start>-<end>"` (its range in the
 * instrumented file's input), so that `Function.prototype.toString()` can answer its
 * original text (see source-texts.ts).
 */
export interface SourceTexts {
  /** Identifies the file in the directives. */
  key: string;
  /**
   * `[start, original, key, offset, length, hash]`: the original text of each outermost
   * printed function at offset `start`, and where known (the output is not compiled
   * again) its printed text: its quoted key directive, the key's offset in it, its length
   * and its `hashText`. Start -1: code the instrumenter added (a twin), original `''`.
   */
  texts: [start: number, original: string, key?: string, offset?: number, length?: number, hash?: number][];
}

/** Counters of one loaded instrumented file; the instrumented code writes them directly. */
export interface FileCounters {
  /** Hits per slot. */
  readonly hits: Float64Array;
  /** Time per slot, in clock units (milliseconds of `performance.now()`). */
  readonly time: Float64Array;
  /** Activations of each function currently running (recursion detection); per-function arrays are indexed from `FIRST_FUNCTION`. */
  readonly depth: Int32Array;
  /** Outermost-activation wall time per function, in clock units. */
  readonly total: Float64Array;
  /** Clock reads (own and callees') inside the intervals charged to each slot. */
  readonly counts: Float64Array;
  /** Clock reads inside each function's outermost activations. */
  readonly totalCounts: Float64Array;
  /** Slot of the line open in the innermost running activation of each function, 0 when none runs. */
  readonly open: Int32Array;
  /** Time per slot spent in nested activations of the same function (recursion), in clock units. */
  readonly nested: Float64Array;
  /** Clock reads inside the time of {@link nested}, per slot. */
  readonly nestedCounts: Float64Array;
  /** Count of every clock read of the realm (element 0), shared by all files; sampled mode uses all of it (`SAMPLED_REALM_SLOTS`). */
  readonly probes: Float64Array;
  /** The probes' step function, bound to these counters (see `createStep`, `createSampledStep`). */
  readonly step: Step | SampledStep;
}
