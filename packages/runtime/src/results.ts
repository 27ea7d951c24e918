import {
  DEFAULT_RECURSION_VIEW,
  FIRST_FUNCTION,
  READABLE_RESULTS_VERSIONS,
  RECURSION_VIEWS,
  RESULTS_FORMAT,
  RESULTS_UNIT,
  RESULTS_VERSION,
  UNRECORDED_RECURSION_VIEW,
} from './constants.js';
import { measureSampledCosts, type SampledCosts } from './calibrate-sampled.js';
import { collectSampledFunction, sampleSettings } from './sampled-results.js';
import type { Runtime } from './runtime.js';
import type { CoarseClock, FunctionResult, LineRow, RecursionView, ResultsFile, ResultsMeta } from './types.js';

/** Clock units (milliseconds) to result units (nanoseconds). */
const CLOCK_TO_UNIT = 1e6;

/** Options of {@link collectResults}. */
export interface CollectOptions {
  meta: ResultsMeta;
  /** Measured cost of one probe, ns. */
  probeCostNs: number;
  /** Subtract `probeCostNs` per hit (SPEC §3). @default true */
  compensate?: boolean;
  /** How line times treat recursion (SPEC §3). @default 'once' */
  recursion?: RecursionView;
  sources?: Record<string, string>;
  /** The clock's step when coarser than 1 µs (browsers), recorded as `coarseClock`. */
  coarseClock?: CoarseClock;
  /** Costs of sampled mode's probes (`measureSampledCosts`), measured here when a file was sampled and this is absent. */
  sampledCosts?: SampledCosts;
}

function displayPath(file: string, cwd: string): string {
  const base = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return file.startsWith(base) ? file.slice(base.length) : file;
}

function functionKey(fn: Pick<FunctionResult, 'file' | 'line' | 'name'>): string {
  return `${fn.file}\0${fn.line}\0${fn.name}`;
}

/**
 * Adds the counts of `added` into `row`. A sampled row (5 elements) meets an exact one
 * as one timed at every hit with no variance: samples add up, variances of independent
 * runs add up.
 */
function addRow(row: LineRow, added: LineRow): void {
  if (row.length > 3 || added.length > 3) {
    row[3] = (row[3] ?? row[1]) + (added[3] ?? added[1]);
    row[4] = (row[4] ?? 0) + (added[4] ?? 0);
  }
  row[1] += added[1];
  row[2] += added[2];
}

/** Adds `fn` into `into` by line: the merge rule of SPEC §6. */
function addFunction(into: Map<string, FunctionResult>, fn: FunctionResult): void {
  const key = functionKey(fn);
  const existing = into.get(key);
  if (!existing) {
    into.set(key, { ...fn, lines: fn.lines.map((row): LineRow => [...row]) });
    return;
  }
  existing.totalTime += fn.totalTime;
  existing.endLine = Math.max(existing.endLine, fn.endLine);
  const rows = new Map(existing.lines.map((row) => [row[0], row]));
  for (const added of fn.lines) {
    const row = rows.get(added[0]);
    if (row) addRow(row, added);
    else rows.set(added[0], [...added]);
  }
  existing.lines = [...rows.values()].sort((a, b) => a[0] - b[0]);
}

/** Reads the counters of every registered file into a results file (SPEC §6). */
export function collectResults(runtime: Runtime, options: CollectOptions): ResultsFile {
  const { meta, probeCostNs, compensate = true, recursion = DEFAULT_RECURSION_VIEW } = options;
  const cost = compensate ? probeCostNs : 0;
  // The once view takes from each line the time (and clock reads) of the nested activations it led to.
  const nested = recursion === 'once' ? 1 : 0;
  const functions = new Map<string, FunctionResult>();
  const sources: Record<string, string> = { ...options.sources };
  let sampledCosts: SampledCosts | undefined;
  let sampleRate: number | undefined;
  for (const file of runtime.files) {
    if (file.table.source !== undefined) sources[displayPath(file.table.file, meta.cwd)] = file.table.source;
    for (const [other, text] of Object.entries(file.table.sources ?? {})) sources[displayPath(other, meta.cwd)] = text;
    file.table.functions.forEach(([name, line, endLine, slotLines, origin = file.table.file], index) => {
      const where = { file: displayPath(origin, meta.cwd), name, line, endLine };
      if (file.sampled) {
        sampledCosts ??= options.sampledCosts ?? measureSampledCosts();
        sampleRate ??= file.sampled.rate;
        const costs = compensate ? sampledCosts : { countNs: 0, windowNs: 0 };
        addFunction(functions, { ...where, ...collectSampledFunction(file, index, { nested, costs }) });
        return;
      }
      const first = file.firstSlots[index]!;
      const lines: LineRow[] = [];
      slotLines.forEach((slotLine, offset) => {
        const slot = first + offset;
        const hits = file.hits[slot]!;
        const time = (file.time[slot]! - nested * file.nested[slot]!) * CLOCK_TO_UNIT;
        if (hits === 0 && time === 0) return;
        const reads = file.counts[slot]! - nested * file.nestedCounts[slot]!;
        lines.push([slotLine, hits, Math.round(Math.max(0, time - reads * cost))]);
      });
      lines.sort((a, b) => a[0] - b[0]);
      const fn = FIRST_FUNCTION + index;
      const total = Math.max(0, file.total[fn]! * CLOCK_TO_UNIT - file.totalCounts[fn]! * cost);
      addFunction(functions, { ...where, totalTime: Math.round(total), lines });
    });
  }
  const results: ResultsFile = {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    unit: RESULTS_UNIT,
    probeCostNs: Math.round(probeCostNs * 100) / 100,
    compensated: compensate,
    recursion,
    meta,
    functions: [...functions.values()],
  };
  if (Object.keys(sources).length > 0) results.sources = sources;
  if (options.coarseClock) results.coarseClock = options.coarseClock;
  if (sampleRate !== undefined) results.sample = sampleSettings(sampleRate, sampledCosts!);
  return results;
}

/** Thrown by {@link parseResults} with the reason a text is not a results file. */
export class ResultsFormatError extends Error {
  readonly code = 'LINECOUNT_BAD_RESULTS';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFunction(fn: unknown, index: number): void {
  const where = `functions[${index}]`;
  if (!isObject(fn)) throw new ResultsFormatError(`${where} is not an object`);
  if (typeof fn.file !== 'string' || typeof fn.name !== 'string') {
    throw new ResultsFormatError(`${where} lacks "file" or "name"`);
  }
  for (const key of ['line', 'endLine', 'totalTime'] as const) {
    if (typeof fn[key] !== 'number' || !Number.isFinite(fn[key])) {
      throw new ResultsFormatError(`${where}.${key} is not a number`);
    }
  }
  if (!Array.isArray(fn.lines)) throw new ResultsFormatError(`${where}.lines is not an array`);
  for (const row of fn.lines) {
    if (!Array.isArray(row) || (row.length !== 3 && row.length !== 5) || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new ResultsFormatError(`${where}.lines has a row that is not [line, hits, time] or [line, hits, time, samples, variance]`);
    }
  }
}

/** Parses and validates the text of a results file; throws {@link ResultsFormatError}. */
export function parseResults(text: string): ResultsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ResultsFormatError(`invalid JSON: ${(error as Error).message}`);
  }
  if (!isObject(data)) throw new ResultsFormatError('not a JSON object');
  if (data.format !== RESULTS_FORMAT) throw new ResultsFormatError(`"format" is not "${RESULTS_FORMAT}"`);
  if (!(READABLE_RESULTS_VERSIONS as readonly unknown[]).includes(data.version)) {
    throw new ResultsFormatError(`unsupported version ${JSON.stringify(data.version)}, expected ${READABLE_RESULTS_VERSIONS.join(' or ')}`);
  }
  if (data.unit !== RESULTS_UNIT) throw new ResultsFormatError(`"unit" is not ${RESULTS_UNIT}`);
  if (!Array.isArray(data.functions)) throw new ResultsFormatError('"functions" is not an array');
  data.functions.forEach(checkFunction);
  if (data.recursion === undefined) data.recursion = UNRECORDED_RECURSION_VIEW;
  else if (!(RECURSION_VIEWS as readonly unknown[]).includes(data.recursion)) {
    throw new ResultsFormatError(`"recursion" is not one of ${RECURSION_VIEWS.map((view) => `"${view}"`).join(', ')}`);
  }
  if (data.coarseClock !== undefined && !(isObject(data.coarseClock) && typeof data.coarseClock.resolutionNs === 'number')) {
    throw new ResultsFormatError('"coarseClock" has no "resolutionNs" number');
  }
  return data as unknown as ResultsFile;
}

/** Thrown by {@link checkSameRecursionView} (and so {@link mergeResults}) for results of different recursion views. */
export class RecursionViewError extends Error {
  readonly code = 'LINECOUNT_MIXED_RECURSION';
  /** Index in the checked list of the first file whose view differs from the first file's. */
  readonly index: number;

  constructor(first: RecursionView, other: RecursionView, index: number) {
    super(
      `cannot combine results of different recursion views: "${first}" and "${other}" ` +
        '(profile them again with the same --recursion)',
    );
    this.index = index;
  }
}

/**
 * The recursion view that all `files` share; throws {@link RecursionViewError} when they
 * differ, since their line times do not add up (SPEC §3). `view`, `merge` and `diff` call it.
 */
export function checkSameRecursionView(files: readonly Pick<ResultsFile, 'recursion'>[]): RecursionView {
  const first = files[0]?.recursion ?? DEFAULT_RECURSION_VIEW;
  files.forEach((file, index) => {
    if (file.recursion !== first) throw new RecursionViewError(first, file.recursion, index);
  });
  return first;
}

/**
 * Merges results files: hits and times of the same (file, line, name) function add up
 * (SPEC §6). Metadata comes from the first file; the probe cost is the mean. Files of
 * different recursion views are refused ({@link checkSameRecursionView}).
 */
export function mergeResults(files: readonly ResultsFile[]): ResultsFile {
  const [first] = files;
  if (!first) throw new RangeError('mergeResults needs at least one results file');
  checkSameRecursionView(files);
  const functions = new Map<string, FunctionResult>();
  for (const file of files) for (const fn of file.functions) addFunction(functions, fn);
  const sources = Object.assign({}, ...files.map((file) => file.sources ?? {})) as Record<string, string>;
  const merged: ResultsFile = {
    ...first,
    probeCostNs: files.reduce((sum, file) => sum + file.probeCostNs, 0) / files.length,
    compensated: files.every((file) => file.compensated),
    functions: [...functions.values()],
  };
  if (Object.keys(sources).length > 0) merged.sources = sources;
  else delete merged.sources;
  const sample = files.find((file) => file.sample)?.sample;
  if (sample) merged.sample = sample;
  else delete merged.sample;
  merged.version = RESULTS_VERSION;
  const coarseClock = mergeCoarseClocks(files);
  if (coarseClock) merged.coarseClock = coarseClock;
  else delete merged.coarseClock;
  return merged;
}

/** The coarsest clock of the files, isolated only if all were: their times are no finer. */
function mergeCoarseClocks(files: readonly ResultsFile[]): CoarseClock | undefined {
  const clocks = files.flatMap((file) => (file.coarseClock ? [file.coarseClock] : []));
  if (clocks.length === 0) return undefined;
  return {
    resolutionNs: Math.max(...clocks.map((clock) => clock.resolutionNs)),
    crossOriginIsolated: clocks.every((clock) => clock.crossOriginIsolated),
  };
}
