import { NOISE_PROBE_SHARE } from '../../session/constants.js';
import { formatFixed, formatG } from '../../report/format-number.js';
import type { Change, DiffFunction, SideSummary } from './compare-runs.js';

/** What `-z`, `-t` and `--top N` ask of a comparison (issue 17). */
export interface DiffSelection {
  skipZero?: boolean;
  sort?: boolean;
  top?: number | undefined;
}

/** after − before of a function's total time, a missing side counting as 0. */
export function totalDelta(fn: DiffFunction): number {
  return (fn.after?.time ?? 0) - (fn.before?.time ?? 0);
}

/**
 * The functions to show: `-z` drops those with no hits in either run, `--top N` keeps
 * the N with the biggest absolute change of total time, `-t` orders by it, biggest last.
 * @param functions The comparison's functions, in its order.
 * @param options `skipZero`, `sort`, `top`.
 */
export function selectDiffFunctions(functions: readonly DiffFunction[], options: DiffSelection): DiffFunction[] {
  const size = (fn: DiffFunction): number => Math.abs(totalDelta(fn));
  let kept = options.skipZero ? functions.filter((fn) => (fn.before?.hits ?? 0) + (fn.after?.hits ?? 0) > 0) : [...functions];
  if (options.top !== undefined && kept.length > options.top) {
    // Array#sort is stable: ties keep the earlier function.
    const biggest = new Set([...kept].sort((a, b) => size(b) - size(a)).slice(0, options.top));
    kept = kept.filter((fn) => biggest.has(fn));
  }
  return options.sort ? kept.sort((a, b) => size(a) - size(b)) : kept;
}

/**
 * A change as the tables show it: `noise` within the noise floor, `new` from nothing,
 * `×2.5` from twice as much up, else a signed percentage (`-37.0%`).
 * @param change The change, or undefined (an empty cell).
 */
export function formatChange(change: Change | undefined): string {
  if (!change || (change.ratio === null && change.delta === 0)) return '';
  if (change.noise) return 'noise';
  if (change.ratio === null) return 'new';
  if (change.ratio >= 2) return `×${formatFixed(change.ratio, 1)}`;
  const percent = 100 * (change.ratio - 1);
  return `${percent > 0 ? '+' : ''}${formatFixed(percent, 1)}%`;
}

/** A function's ratio after/before for its heading: `×0.493`, `noise`, or ''. */
export function formatRatio(change: Change | undefined): string {
  if (!change || (change.ratio === null && change.delta === 0)) return '';
  if (change.noise) return 'noise';
  return change.ratio === null ? 'new' : `×${formatG(change.ratio, 3)}`;
}

/** A side's line of the header: its files, how many runs, its probe cost. */
export function describeSide(side: SideSummary): string {
  const runs = `${side.runs} run${side.runs === 1 ? '' : 's'}`;
  const compensation = side.compensated ? `probe cost ${formatFixed(side.probeCostNs, 1)} ns` : 'not compensated';
  return `${side.files.join(', ')} (${runs}, ${compensation})`;
}

/**
 * Notes on whether the two sides can be compared as they are: the same number of runs,
 * enough runs to know their spread, both compensated or neither.
 */
export function describeComparability(before: SideSummary, after: SideSummary): string[] {
  const notes =
    before.runs === after.runs
      ? [`Same number of runs on each side (${before.runs}).`]
      : [`Runs differ: ${before.runs} before, ${after.runs} after; hits and times are sums over the runs.`];
  if (Math.min(before.runs, after.runs) < 2) {
    notes.push('One run a side: how much runs differ (a busy machine, the JIT) is not known; give several a side (b1 b2 -- a1 a2) to have it marked.');
  }
  if (before.compensated !== after.compensated) notes.push('Only one side is compensated (--no-compensate): its times include the probes.');
  return notes;
}

/** The legend of the Change column. */
export const CHANGE_LEGEND =
  `Change: time after vs before; "noise": within the noise floor (${NOISE_PROBE_SHARE} × probe cost per hit, plus a clock step per √hits, on both sides; with several runs a side, also when the runs' times of the two sides overlap).`;
