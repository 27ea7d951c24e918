import type { FunctionResult, ResultsFile } from '@linecount/runtime';
import { NOISE_PROBE_SHARE } from '../../session/constants.js';
import { collectLineStats, listingRange, totalHits } from '../../report/listing.js';
import { createSourceCache, type SourceReader } from '../../report/source-text.js';
import { alignLines, type AlignedPair } from './align-lines.js';
import { pairFunctions } from './pair-functions.js';
import { createRunTimes, runsOverlap, type RunTimes } from './run-spread.js';

/** One side of a comparison: the results files given for it and their merge. */
export interface RunSide {
  files: string[];
  /** Each file's results, and their merge. */
  runs: ResultsFile[];
  results: ResultsFile;
  /** Reads a source file that `results.sources` lacks (from disk, relative to the run's cwd). */
  readSource: SourceReader;
}

/** What the header says about one side. */
export interface SideSummary {
  files: string[];
  /** Results files merged into this side (a `linecount merge` output counts as one). */
  runs: number;
  probeCostNs: number;
  compensated: boolean;
  /** The clock's step in ns: the browser's coarse clock, else 0 (Node's clock steps by ns). */
  resolutionNs: number;
}

/** Hits and time (ns) of a line or a function on one side. */
export interface Measure {
  hits: number;
  time: number;
}

/** How a time changed from before to after. */
export interface Change {
  /** after − before, ns. */
  delta: number;
  /** after / before; null when before is 0. */
  ratio: number | null;
  /** Within the noise floor of both sides: no confident direction (README, Compare two runs). */
  noise: boolean;
}

/** One row of a function's comparison: a line of both versions, or of one only. */
export interface DiffRow {
  kind: 'same' | 'removed' | 'added';
  /** The line's contents ('' when the source could not be read). */
  text: string;
  lineBefore?: number;
  lineAfter?: number;
  /** Measurements of the line that ran on that side. */
  before?: Measure;
  after?: Measure;
  /** On `same` rows where either side ran. */
  change?: Change;
}

/** One function of either run, with the other run's match if any. */
export interface DiffFunction {
  name: string;
  fileBefore?: string;
  fileAfter?: string;
  lineBefore?: number;
  lineAfter?: number;
  /** Total time and hits of the function on that side; absent: not in that run. */
  before?: Measure;
  after?: Measure;
  change?: Change;
  /** False when a side's source could not be read: its lines were matched by position. */
  sourceBefore: boolean;
  sourceAfter: boolean;
  rows: DiffRow[];
}

/** `linecount diff`'s answer, printed by `--json` (times in ns). */
export interface RunsComparison {
  unit: number;
  before: SideSummary;
  after: SideSummary;
  functions: DiffFunction[];
}

/** What comparing each function needs of both sides. */
interface Context {
  sides: [SideSummary, SideSummary];
  sources: [(file: string) => string[] | undefined, (file: string) => string[] | undefined];
  runTimes: [RunTimes, RunTimes];
}

/** A side's listing of one function: line numbers, their text if known, their measures. */
interface Listing {
  fn: FunctionResult;
  first: number;
  /** The listed lines' contents; '' each when the source could not be read. */
  texts: string[];
  stats: Map<number, Measure>;
}

function summarize(side: RunSide): SideSummary {
  const { results } = side;
  return {
    files: side.files,
    runs: side.runs.length,
    probeCostNs: results.probeCostNs,
    compensated: results.compensated,
    resolutionNs: results.coarseClock?.resolutionNs ?? 0,
  };
}

/**
 * The noise floor of a time measured over `hits` hits: the compensation may be off by
 * {@link NOISE_PROBE_SHARE} of the probe cost per hit, and a coarse clock by a step per
 * √hits (quantisation errors add up as random ones).
 */
function noiseFloor(side: SideSummary, hits: number): number {
  return NOISE_PROBE_SHARE * side.probeCostNs * hits + side.resolutionNs * Math.sqrt(hits);
}

/**
 * The change from `before` to `after`: noise when both floors together cover it, or when
 * each side has several runs and the ranges of their times overlap.
 * @param spread The times of each run of each side, when known.
 */
export function compareMeasures(before: Measure, after: Measure, sides: [SideSummary, SideSummary], spread?: [number[], number[]]): Change {
  const delta = after.time - before.time;
  const floor = noiseFloor(sides[0], before.hits) + noiseFloor(sides[1], after.hits);
  const noise = Math.abs(delta) <= floor || (spread !== undefined && runsOverlap(...spread));
  return { delta, ratio: before.time > 0 ? after.time / before.time : null, noise };
}

function statsOf(fn: FunctionResult): Map<number, Measure> {
  const stats = new Map<number, Measure>();
  for (const [line, { hits, time }] of collectLineStats(fn)) if (hits !== 0 || time !== 0) stats.set(line, { hits, time });
  return stats;
}

/** The text report's listing range (the function's lines, widened to every measured line) and its text. */
function listingOf(fn: FunctionResult | undefined, source: string[] | undefined): Listing | undefined {
  if (!fn) return undefined;
  const [first, last] = listingRange(fn);
  const count = last - first + 1;
  const texts = Array.from({ length: count }, (_, i) => source?.[first - 1 + i] ?? '');
  return { fn, first, texts, stats: statsOf(fn) };
}

/** Rows by content when both texts are known, else by position from the listings' first lines. */
function alignListings(before: Listing | undefined, after: Listing | undefined, byContent: boolean): AlignedPair[] {
  const b = before?.texts ?? [];
  const a = after?.texts ?? [];
  if (byContent) return alignLines(b, a);
  return Array.from({ length: Math.max(b.length, a.length) }, (_, i): AlignedPair => [i < b.length ? i : undefined, i < a.length ? i : undefined]);
}

function buildRow(pair: AlignedPair, before: Listing | undefined, after: Listing | undefined, context: Context): DiffRow {
  const [bi, ai] = pair;
  const kind = bi === undefined ? 'added' : ai === undefined ? 'removed' : 'same';
  const row: DiffRow = { kind, text: (ai === undefined ? before?.texts[bi!] : after?.texts[ai]) ?? '' };
  if (bi !== undefined && before) {
    row.lineBefore = before.first + bi;
    row.before = before.stats.get(row.lineBefore);
  }
  if (ai !== undefined && after) {
    row.lineAfter = after.first + ai;
    row.after = after.stats.get(row.lineAfter);
  }
  if (kind === 'same' && (row.before || row.after)) {
    const spread: [number[], number[]] = [context.runTimes[0](before!.fn, row.lineBefore), context.runTimes[1](after!.fn, row.lineAfter)];
    row.change = compareMeasures(row.before ?? { hits: 0, time: 0 }, row.after ?? { hits: 0, time: 0 }, context.sides, spread);
  }
  if (!row.before) delete row.before;
  if (!row.after) delete row.after;
  return row;
}

function totalOf(fn: FunctionResult): Measure {
  return { hits: totalHits(fn), time: fn.totalTime };
}

function compareFunction(pair: [FunctionResult | undefined, FunctionResult | undefined], context: Context): DiffFunction {
  const [b, a] = pair;
  const sourceB = b && context.sources[0](b.file);
  const sourceA = a && context.sources[1](a.file);
  const before = listingOf(b, sourceB);
  const after = listingOf(a, sourceA);
  const fn: DiffFunction = {
    name: (a ?? b)!.name,
    ...(b && { fileBefore: b.file, lineBefore: b.line, before: totalOf(b) }),
    ...(a && { fileAfter: a.file, lineAfter: a.line, after: totalOf(a) }),
    sourceBefore: !b || sourceB !== undefined,
    sourceAfter: !a || sourceA !== undefined,
    rows: [],
  };
  if (b && a) fn.change = compareMeasures(fn.before!, fn.after!, context.sides, [context.runTimes[0](b), context.runTimes[1](a)]);
  const byContent = fn.sourceBefore && fn.sourceAfter;
  fn.rows = alignListings(before, after, byContent).map((p) => buildRow(p, before, after, context));
  return fn;
}

/**
 * Compares two runs (issue 17): every function of either run, matched by file and name
 * (by name alone when a file was renamed and the name is unambiguous), its lines aligned
 * by their recorded contents, each line's and function's change marked as noise when
 * the compensation and the clock cannot tell it apart, or the runs of each side differ
 * as much.
 * @param before The first run (its files merged).
 * @param after The second run.
 * @returns The comparison, functions in the order of the second run, then those only in the first.
 */
export function compareRuns(before: RunSide, after: RunSide): RunsComparison {
  const context: Context = {
    sides: [summarize(before), summarize(after)],
    sources: [createSourceCache(before.results, before.readSource), createSourceCache(after.results, after.readSource)],
    runTimes: [createRunTimes(before.runs), createRunTimes(after.runs)],
  };
  const pairs = pairFunctions(before.results.functions, after.results.functions);
  return {
    unit: after.results.unit,
    before: context.sides[0],
    after: context.sides[1],
    functions: pairs.map((pair) => compareFunction(pair, context)),
  };
}
