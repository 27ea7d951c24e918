/**
 * The probe code of sampled mode (`--sample`, SPEC §3, issue 14), as source text: exact
 * hits, and line times measured on a random subset of executions.
 *
 * A probe costs one hit count (`++H[slot]`) and one count in a local (`++n`; a realm-wide
 * counter in memory cost 3 ns a line, a chain of store-load latencies) and calls the step
 * function S only when a timing window is open in the activation (`l`, 0 when none), when
 * the line's hit count is at most {@link SAMPLE_EXACT_HITS} (timed exactly), or when the
 * activation's count reached the next sampled execution (`c`, drawn by S as a geometric
 * gap of mean K: a Bernoulli choice per execution, never a period that could alias with a
 * loop). An activation takes the next of {@link SAMPLED_CHAINS} countdowns in turn (`z`;
 * one shared realm-wide countdown was restored stale by every caller after its callees,
 * and the deep lines of a recursion were almost never sampled), counts down on it and
 * gives back what is left at its end, with its probe count into `G[0]`. Each chain is a
 * renewal process of geometric gaps over the probes of the activations that take it, so
 * every execution is sampled with probability 1/K. S closes the open window
 * (its time, the probes of ended activations and step calls inside it), opens one on the
 * line when chosen, and returns the window's target: `slot` for the exact phase,
 * `slot + slots` for the sampled phase, 0 for none. The clock time it read is left in
 * `G[3]`, the next due count in `G[4]`, the counts in `G[0]`/`G[2]`.
 *
 * Per activation: `l` target of the open window, `t`/`k`/`j` clock time, probe count and
 * step calls when it opened; `u` the target open in the enclosing activation of the same
 * function when this one (or its segment) started, and `t0`/`g0`/`w` the clock and counts
 * then, read only when `u` is not 0: S adds the nested activation's time to `u` as exact
 * mode does (results subtract it in the once view). `O[fn]` holds the target open in the
 * innermost running activation (S writes it), `x` the value to restore at a suspension,
 * `q` a window parked at a 'segmented' suspension, re-opened at the resumption.
 *
 * No function total is measured: results add up the lines' estimates (SPEC §3).
 */
import { SAMPLE_EXACT_HITS, SAMPLE_OUTLIER_FACTOR, SAMPLE_OUTLIER_FLOOR_MS, SAMPLED_CHAINS, SAMPLED_CHAINS_START } from './constants.js';
import type { ProbeNames, SuspendStyle } from './probe.js';

/**
 * The step function of a sampled file: `(since, probesAt, callsAt, target, slot, fn,
 * probes, due, nestedIn?, nestedSince?, nestedProbesAt?, nestedCallsAt?) => next target`.
 */
export type SampledStep = (
  since: number,
  probesAt: number,
  callsAt: number,
  target: number,
  slot: number,
  fn: number,
  own: number,
  due: number,
  nestedIn?: number,
  nestedSince?: number,
  nestedProbesAt?: number,
  nestedCallsAt?: number,
) => number;

/** The counters a sampled step writes, per target (2 × slots) unless noted. */
export interface SampledCounters {
  /** Hits per slot. */
  hits: Float64Array;
  time: Float64Array;
  /**
   * Time of sampled windows beyond the outlier cap (see `SAMPLE_OUTLIER_FACTOR`): a
   * pause of the process (garbage collection, compilation, the OS) is charged once,
   * as exact mode charges it, not scaled by the sampling rate.
   */
  excess: Float64Array;
  /** Time squared per window, for the variance of the estimate. */
  squares: Float64Array;
  /** Counting probes inside the windows. */
  counts: Float64Array;
  /** Step calls inside the windows. */
  calls: Float64Array;
  /** Windows opened. */
  samples: Float64Array;
  nested: Float64Array;
  nestedCounts: Float64Array;
  nestedCalls: Float64Array;
  /** The realm's `G` (see `SAMPLED_REALM_SLOTS`). */
  realm: Float64Array;
  open: Int32Array;
}

/** A draw of the gap to the next sampled execution: geometric with mean `rate` (1: every one). */
function createGapDraw(rate: number): () => number {
  if (rate <= 1) return () => 1;
  const scale = 1 / Math.log(1 - 1 / rate);
  return () => 1 + Math.floor(Math.log(1 - Math.random()) * scale);
}

/**
 * Creates the step function of a sampled file with `slots` slots, sampling 1 in `rate`
 * executions after the first hits. Every S of a realm is a closure of this function.
 */
export function createSampledStep(clock: { now(): number }, c: SampledCounters, slots: number, rate: number): SampledStep {
  const drawGap = createGapDraw(rate);
  const { hits, time, excess, squares, counts, calls, samples, realm, open } = c;
  return function step(since, probesAt, callsAt, target, slot, fn, own, due, nestedIn, nestedSince, nestedProbesAt, nestedCallsAt) {
    const now = clock.now();
    const probes = realm[0]!;
    const made = realm[2]!;
    realm[2] = made + 1;
    realm[3] = now;
    if (target !== 0) {
      let spent = now - since;
      // The cap is never below the floor: windows under it (nearly all) skip its arithmetic.
      if (spent > SAMPLE_OUTLIER_FLOOR_MS && target >= slots) {
        const exact = target - slots;
        const cap = Math.max(SAMPLE_OUTLIER_FLOOR_MS, (SAMPLE_OUTLIER_FACTOR * (time[target]! + time[exact]!)) / (samples[target]! + samples[exact]!));
        if (spent > cap) {
          excess[target]! += spent - cap;
          spent = cap;
        }
      }
      time[target]! += spent;
      squares[target]! += spent * spent;
      counts[target]! += probes - probesAt;
      calls[target]! += made - callsAt;
    }
    if (nestedIn) {
      c.nested[nestedIn]! += now - nestedSince!;
      c.nestedCounts[nestedIn]! += probes + own - nestedProbesAt!;
      c.nestedCalls[nestedIn]! += made - nestedCallsAt!;
    }
    if (slot === 0) return 0;
    let next = hits[slot]! <= SAMPLE_EXACT_HITS ? slot : 0;
    if (own >= due) {
      realm[4] = own + drawGap();
      next ||= slot + slots;
    } else realm[4] = due;
    if (next !== 0) samples[next]!++;
    open[fn] = next;
    return next;
  };
}

/** The probe of a line, as a statement. */
export function sampledProbeCode(k: ProbeNames, fn: string, slot: string): string {
  return (
    `if (++${k.H}[${slot}] <= ${SAMPLE_EXACT_HITS} | ++${k.n} >= ${k.c} | ${k.l}) ` +
    `${k.l} = ${k.S}(${k.t}, ${k.k}, ${k.j}, ${k.l}, ${slot}, ${fn}, ${k.n}, ${k.c}), ` +
    `${k.t} = ${k.G}[3], ${k.k} = ${k.G}[0], ${k.j} = ${k.G}[2], ${k.c} = ${k.G}[4];`
  );
}

/**
 * Starts a running segment: reads `u` and, when a window of the enclosing activation is
 * open, the clock (`t0`, read only then). A logical operator, not `?:`: istanbul's hint
 * hides a logical expression inside a suspension's wrapper, not a conditional one.
 */
function startSegmentCode(k: ProbeNames, fn: string): string {
  return (
    `${k.u} = ${k.O}[${fn}], ${k.u} > 0 && (${k.S}(0, 0, 0, 0, 0, 0, 0, 0), ${k.t0} = ${k.G}[3], ` +
    `${k.g0} = ${k.G}[0], ${k.w} = ${k.G}[2])`
  );
}

/** Closes the open window and the running segment's nested time, when there is one of either. */
function closeCode(k: ProbeNames): string {
  return (
    `(${k.l} > 0 | ${k.u} > 0) && (${k.S}(${k.t}, ${k.k}, ${k.j}, ${k.l}, 0, 0, ${k.n}, 0, ${k.u}, ${k.t0}, ${k.g0}, ${k.w}), ` +
    `${k.t} = ${k.G}[3], ${k.k} = ${k.G}[0], ${k.j} = ${k.G}[2])`
  );
}

/** Start of an activation, then the probe of its first statement. */
export function sampledPrologueCode(k: ProbeNames, fn: string, slot: string, style: SuspendStyle): string {
  const extra = style === 'none' ? '' : `, ${k.x} = ${k.u}, ${k.s} = 0, ${k.v}, ${k.q} = 0`;
  return (
    `var ${k.u}, ${k.t0}, ${k.g0}, ${k.w}, ${k.l} = 0, ${k.t} = 0, ${k.k} = 0, ${k.j} = 0, ${k.n} = 0, ${k.z} = ${k.G}[1] = (${k.G}[1] + 1) & ${SAMPLED_CHAINS - 1}, ${k.c} = ${k.G}[${SAMPLED_CHAINS_START} + ${k.z}]; ${startSegmentCode(k, fn)}${extra ? `; var ${extra.slice(2)}` : ''}; ` +
    sampledProbeCode(k, fn, slot)
  );
}

/**
 * End of an activation (a `finally`): close the window and the segment, give back the
 * probes left before the next sample and add the activation's probes to the realm's count,
 * restore the open target.
 */
export function sampledEpilogueCode(k: ProbeNames, fn: string, style: SuspendStyle): string {
  const give = `${k.G}[0] += ${k.n}; ${k.G}[${SAMPLED_CHAINS_START} + ${k.z}] = ${k.c} - ${k.n};`;
  if (style === 'none') return `${closeCode(k)}; ${give} ${k.O}[${fn}] = ${k.u};`;
  if (style === 'charged') return `${closeCode(k)}; ${give} ${k.s} || (${k.O}[${fn}] = ${k.x});`;
  return `if (!${k.s}) { ${closeCode(k)}; ${k.O}[${fn}] = ${k.x}; } ${give}`;
}

/** Releases an activation about to suspend (see `parkCode`), as an expression. */
export function sampledParkCode(k: ProbeNames, fn: string, style: Exclude<SuspendStyle, 'none'>): string {
  if (style === 'charged') return `${k.s} || (${k.O}[${fn}] = ${k.x}), ${k.s} = 1`;
  return `${k.s} || (${closeCode(k)}, ${k.q} = ${k.l}, ${k.l} = 0, ${k.O}[${fn}] = ${k.x}), ${k.s} = 1`;
}

/** Takes back an activation released by {@link sampledParkCode}; 'segmented' re-opens a parked window. */
export function sampledResumeCode(k: ProbeNames, fn: string, style: Exclude<SuspendStyle, 'none'>): string {
  if (style === 'charged') return `${k.s} = 0, ${k.x} = ${k.O}[${fn}], ${k.O}[${fn}] = ${k.l}`;
  return (
    `${k.s} = 0, ${startSegmentCode(k, fn)}, ${k.x} = ${k.u}, ` +
    `${k.q} > 0 && (${k.S}(0, 0, 0, 0, 0, 0, 0, 0), ${k.t} = ${k.G}[3], ${k.k} = ${k.G}[0], ${k.j} = ${k.G}[2]), ` +
    `${k.O}[${fn}] = ${k.l} = ${k.q}, ${k.q} = 0`
  );
}

/** Takes back an activation that the epilogue closed before `super(…)` (see `resumeAfterCallCode`): the window goes on. */
export function sampledResumeAfterCallCode(k: ProbeNames, fn: string): string {
  return `${startSegmentCode(k, fn)}, ${k.O}[${fn}] = ${k.l}`;
}

/** Start of a `catch`/`finally` in a function that suspends (see `resumeAfterThrowCode`). */
export function sampledResumeAfterThrowCode(k: ProbeNames, fn: string): string {
  return (
    `if (${k.s}) { ${k.l} > 0 || ${k.q} > 0 ? (${k.s} = 0, ${k.x} = ${k.O}[${fn}], ${k.O}[${fn}] = ${k.l}) : ` +
    `(${sampledResumeCode(k, fn, 'segmented')}); }`
  );
}

/** A suspension as an expression (see `suspendCode`). */
export function sampledSuspendCode(
  k: ProbeNames,
  fn: string,
  style: Exclude<SuspendStyle, 'none'>,
  suspension: string,
  operand: string,
): string {
  return `(${k.v} = ${operand}, ${sampledParkCode(k, fn, style)}, ${k.v} = ${suspension}, ${sampledResumeCode(k, fn, style)}, ${k.v})`;
}

/** The counters of a sampled file of `slots` slots (see sampled-probe.ts). */
export function createSampledCounters(slots: number, hits: Float64Array, realm: Float64Array, open: Int32Array): SampledCounters {
  const targets = () => new Float64Array(2 * slots);
  return {
    hits,
    time: targets(),
    excess: targets(),
    squares: targets(),
    counts: targets(),
    calls: targets(),
    samples: targets(),
    nested: targets(),
    nestedCounts: targets(),
    nestedCalls: targets(),
    realm,
    open,
  };
}
