/**
 * The probe code of sampled mode (`--sample`, SPEC §3, issue 14), as source text: exact
 * hits, and line times measured on a random subset of executions.
 *
 * A probe costs one hit count (`++H[slot]`) and one count in a local (`++n`; a realm-wide
 * counter in memory cost 3 ns a line, a chain of store-load latencies) and calls the step
 * function S (sampled-step.ts) only when the line's hit count is at most
 * {@link SAMPLE_EXACT_HITS} (timed exactly), or when the activation's count reached `c`:
 * the next sampled execution (drawn by S as a geometric gap of mean K: a Bernoulli choice
 * per execution, never a period that could alias with a loop), or a negative `c` while a
 * window is open (S keeps the window's record; `c` names it). The probe is
 * `if (++H[s] <= M | ++n >= c) c = S(c, s, fn, n)`: small, because V8 optimizes a function
 * after a number of ticks that grows with its bytecode length (docs/accuracy.md). An
 * activation takes the next of {@link SAMPLED_CHAINS} countdowns in turn (`z`; one shared
 * realm-wide countdown was restored stale by every caller after its callees, and the deep
 * lines of a recursion were almost never sampled), counts down on it and gives back what
 * is left at its end, with its probe count into `G[0]`. Each chain is a renewal process of
 * geometric gaps over the probes of the activations that take it, so every execution is
 * sampled with probability 1/K.
 *
 * Per activation: `c` due count or open window, `n` probes, `z` chain; `u` the target
 * open in the enclosing activation of the same function when this one (or its segment)
 * started and `w` S's record of the time spent nested in it (a code below 0, or false):
 * S adds the nested activation's time to `u` as exact mode does (results subtract it in
 * the once view). `O[fn]` holds the target open in the innermost running activation (S
 * writes it), `x` the value to restore at a suspension. `l`/`t`: the target and clock
 * time of the window an epilogue closed, for the window that goes on after `super(…)`.
 *
 * No function total is measured: results add up the lines' estimates (SPEC §3).
 */
import { SAMPLE_EXACT_HITS, SAMPLED_CHAINS, SAMPLED_CHAINS_START } from './constants.js';
import type { ProbeNames, SuspendStyle } from './probe.js';
import { SampledStepMode as Mode } from './sampled-step.js';

/** The counters a sampled step writes, per target (2 × slots) unless noted. */
export interface SampledCounters {
  /** Hits per slot, less `shift`. */
  hits: Float64Array;
  /** Per slot: what was taken off `hits` when the line became timed at every execution (`SAMPLE_HITS_SHIFT`, or 0). */
  shift: Float64Array;
  time: Float64Array;
  /**
   * Time of sampled windows beyond the outlier cap (see `SAMPLE_OUTLIER_FACTOR`): a
   * pause of the process (garbage collection, compilation, the OS) is charged once,
   * as exact mode charges it, not scaled by the sampling rate.
   */
  excess: Float64Array;
  /** Time squared per window, for the variance of the estimate. */
  squares: Float64Array;
  /** The same without the time nested activations of the function spent in the window (the once view's). */
  onceSquares: Float64Array;
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

/** The probe of a line, as a statement. */
export function sampledProbeCode(k: ProbeNames, fn: string, slot: string): string {
  return `if (++${k.H}[${slot}] <= ${SAMPLE_EXACT_HITS} | ++${k.n} >= ${k.c}) ${k.c} = ${k.S}(${k.c}, ${slot}, ${fn}, ${k.n});`;
}

/**
 * Starts a running segment: reads `u` and, when a window of the enclosing activation is
 * open, starts the record of the time nested in it. A logical operator, not `?:`:
 * istanbul's hint hides a logical expression inside a suspension's wrapper, not a
 * conditional one.
 */
function startSegmentCode(k: ProbeNames, fn: string, u: string): string {
  return `${k.w} = ${u} > 0 && ${k.S}(${k.u}, ${Mode.nest}, ${fn}, ${k.n})`;
}

/** Closes the open window and the running segment's nested time, when there is one of either. */
function closeCode(k: ProbeNames, fn: string): string {
  return `(${k.c} < 0 | ${k.w} < 0) && (${k.c} = ${k.S}(${k.c}, ${Mode.end}, ${fn}, ${k.n}, ${k.w}), ${k.l} = ${k.G}[5], ${k.t} = ${k.G}[3])`;
}

/**
 * Start of an activation without a probe: the prologue of a body that runs no line (`() => {}`).
 * A probe there would count a probe of no line: its slot, 0, is S's `end`, which returns
 * the due count unchanged, so the epilogue gave the chain back one less than it took, and
 * every empty activation on a chain lowered it until it read as an open window's code
 * (below 0): a later activation then closed a record another activation still held.
 */
export function sampledStartCode(k: ProbeNames, fn: string, style: SuspendStyle): string {
  const extra = style === 'none' ? '' : `, ${k.x} = ${k.u}, ${k.s} = 0, ${k.v}`;
  return (
    `var ${k.n} = 0, ${k.u} = ${k.O}[${fn}], ${startSegmentCode(k, fn, `(${k.u})`)}, ${k.l}, ${k.t}, ` +
    `${k.z} = ${k.G}[1] = (${k.G}[1] + 1) & ${SAMPLED_CHAINS - 1}, ${k.c} = ${k.G}[${SAMPLED_CHAINS_START} + ${k.z}]${extra};`
  );
}

/** Start of an activation, then the probe of its first statement. */
export function sampledPrologueCode(k: ProbeNames, fn: string, slot: string, style: SuspendStyle): string {
  return `${sampledStartCode(k, fn, style)} ${sampledProbeCode(k, fn, slot)}`;
}

/**
 * End of an activation (a `finally`): close the window and the segment (a window parked
 * at a suspension is dropped), give back the probes left before the next sample and add
 * the activation's probes to the realm's count, restore the open target.
 */
export function sampledEpilogueCode(k: ProbeNames, fn: string, style: SuspendStyle): string {
  const give = `${k.G}[0] += ${k.n}; ${k.G}[${SAMPLED_CHAINS_START} + ${k.z}] = ${k.c} - ${k.n};`;
  if (style === 'none') return `${closeCode(k, fn)}; ${give} ${k.O}[${fn}] = ${k.u};`;
  return `${closeCode(k, fn)}; ${give} ${k.s} || (${k.O}[${fn}] = ${k.x});`;
}

/** Releases an activation about to suspend (see `parkCode`), as an expression. */
export function sampledParkCode(k: ProbeNames, fn: string, style: Exclude<SuspendStyle, 'none'>): string {
  if (style === 'charged') return `${k.s} || (${k.O}[${fn}] = ${k.x}), ${k.s} = 1`;
  return (
    `${k.s} || ((${k.c} < 0 | ${k.w} < 0) && ${k.S}(${k.c}, ${Mode.park}, ${fn}, ${k.n}, ${k.w}), ` +
    `${k.w} = 0, ${k.O}[${fn}] = ${k.x}), ${k.s} = 1`
  );
}

/** Publishes the activation's open window in `O[fn]` (S restarts it when it was parked). */
function publishCode(k: ProbeNames, fn: string): string {
  return `${k.O}[${fn}] = 0, ${k.c} < 0 && ${k.S}(${k.c}, ${Mode.resume}, ${fn}, ${k.n})`;
}

/** Takes back an activation released by {@link sampledParkCode}; 'segmented' restarts a parked window. */
export function sampledResumeCode(k: ProbeNames, fn: string, style: Exclude<SuspendStyle, 'none'>): string {
  if (style === 'charged') return `${k.s} = 0, ${k.x} = ${k.O}[${fn}], ${publishCode(k, fn)}`;
  return `${k.s} = 0, ${startSegmentCode(k, fn, `(${k.u} = ${k.x} = ${k.O}[${fn}])`)}, ${publishCode(k, fn)}`;
}

/** Takes back an activation that the epilogue closed before `super(…)` (see `resumeAfterCallCode`): the window goes on. */
export function sampledResumeAfterCallCode(k: ProbeNames, fn: string): string {
  return (
    `${startSegmentCode(k, fn, `(${k.u} = ${k.O}[${fn}])`)}, ${k.O}[${fn}] = 0, ` +
    `${k.l} > 0 && (${k.G}[4] = ${k.c}, ${k.c} = ${k.S}(${k.t}, ${Mode.reopen}, ${fn}, ${k.n}, ${k.l}))`
  );
}

/**
 * Start of a `catch`/`finally` in a function that suspends: takes the activation back, a
 * new segment when it holds no nested record (a 'charged' one keeps its own).
 */
export function sampledResumeAfterThrowCode(k: ProbeNames, fn: string): string {
  return (
    `if (${k.s}) { ${k.s} = 0, ${k.x} = ${k.O}[${fn}], ${k.w} < 0 || (${startSegmentCode(k, fn, `(${k.u} = ${k.x})`)}), ` +
    `${publishCode(k, fn)}; }`
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
    shift: new Float64Array(slots),
    time: targets(),
    excess: targets(),
    squares: targets(),
    onceSquares: targets(),
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
