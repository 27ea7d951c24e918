/**
 * The probe code that the instrumenter emits, as source text, kept here so that the
 * runtime's calibration measures exactly the sequence the instrumenter emits (SPEC §3).
 *
 * Per file (module scope): H hits, T times, D depths, F totals (typed arrays of the
 * file's `FileCounters`), P the clock (`performance`).
 * Per activation (locals of the instrumented function): t time of the previous probe,
 * l slot of the previous probe, n scratch, t0 start of the activation (or of the
 * running segment, for 'segmented' suspensions), o "outermost activation (segment)",
 * s "suspended, not holding a depth count", v operand of await/yield.
 */
export interface ProbeNames {
  H: string;
  T: string;
  D: string;
  F: string;
  P: string;
  t: string;
  l: string;
  n: string;
  t0: string;
  o: string;
  s: string;
  v: string;
}

/** How an activation treats its suspensions (SPEC §3, await / yield). */
export type SuspendStyle = 'none' | 'charged' | 'segmented';

/** One clock read: charge the time since the previous probe to its slot, then count `slot`. */
export function probeCode(k: ProbeNames, slot: string): string {
  return `${k.n} = ${k.P}.now(), ${k.T}[${k.l}] += ${k.n} - ${k.t}, ${k.t} = ${k.n}, ${k.H}[${k.l} = ${slot}]++`;
}

/** Start of an activation: the clock read here is also the probe of the first statement. */
export function prologueCode(k: ProbeNames, fn: string, slot: string, style: SuspendStyle): string {
  const extra = style === 'none' ? '' : `, ${k.s} = 0, ${k.v}`;
  return (
    `var ${k.o} = ${k.D}[${fn}]++ === 0, ${k.t0} = ${k.P}.now(), ${k.t} = ${k.t0}, ${k.l} = ${slot}, ${k.n}${extra}; ` +
    `${k.H}[${slot}]++;`
  );
}

/** End of an activation (a `finally`): close the last line, add the total of an outermost activation. */
export function epilogueCode(k: ProbeNames, fn: string, style: SuspendStyle): string {
  const close = `${k.n} = ${k.P}.now(); ${k.T}[${k.l}] += ${k.n} - ${k.t}; `;
  const total = `if (${k.o}) ${k.F}[${fn}] += ${k.n} - ${k.t0};`;
  if (style === 'none') return `${close}${k.D}[${fn}]--; ${total}`;
  if (style === 'charged') return `${close}${k.s} || ${k.D}[${fn}]--; ${total}`;
  // A generator resumed by return()/throw() while suspended never re-armed: its
  // last segment is unknown and it holds no depth count. A rejected 'charged' await
  // (the clock was not parked, `l` is not the discard slot) leaves the segment running.
  return `${close}if (!${k.s}) ${k.D}[${fn}]--; if (${k.o} && (!${k.s} || ${k.l})) ${k.F}[${fn}] += ${k.n} - ${k.t0};`;
}

/**
 * Releases an activation about to suspend (an await/yield, or a `for await` asking for
 * its next value), as an expression.
 * 'charged': only release the depth count, the suspended time stays on the line.
 * 'segmented': close the line and the running segment, park the clock on the discard slot.
 */
export function parkCode(k: ProbeNames, fn: string, style: Exclude<SuspendStyle, 'none'>): string {
  if (style === 'charged') return `${k.s} || ${k.D}[${fn}]--, ${k.s} = 1`;
  return (
    `${k.n} = ${k.P}.now(), ${k.T}[${k.l}] += ${k.n} - ${k.t}, ` +
    `${k.s} || (${k.D}[${fn}]--, ${k.o} && (${k.F}[${fn}] += ${k.n} - ${k.t0})), ${k.s} = 1, ${k.l} = 0`
  );
}

/**
 * Takes back an activation released by {@link parkCode}; 'segmented' re-arms the clock on
 * `slot` and starts a new running segment, outermost when no other activation of the
 * function is running: an inner recursive activation resumed after its caller parked
 * is counted in the total, once.
 */
export function resumeCode(k: ProbeNames, fn: string, slot: string, style: Exclude<SuspendStyle, 'none'>): string {
  if (style === 'charged') return `${k.s} = 0, ${k.D}[${fn}]++`;
  return `${k.t0} = ${k.t} = ${k.P}.now(), ${k.s} = 0, ${k.o} = ${k.D}[${fn}]++ === 0, ${k.l} = ${slot}`;
}

/**
 * Start of a `catch` or `finally` in a function that suspends: an exception (a rejected
 * await, a generator's throw()) or a generator's return() may come out of a suspension
 * and leave the activation parked. Take it back; a clock parked on the discard slot
 * (`l` 0, 'segmented') is re-armed, a 'charged' one keeps running.
 */
export function resumeAfterThrowCode(k: ProbeNames, fn: string): string {
  return `if (${k.s}) { ${k.l} || (${k.t0} = ${k.t} = ${k.P}.now(), ${k.o} = ${k.D}[${fn}] === 0), ${k.s} = 0, ${k.D}[${fn}]++; }`;
}

/**
 * A suspension as an expression: `operand` is evaluated into `v`, the activation is
 * parked, `suspension` (`await v`, `yield v` or `yield* v`) runs, and the activation
 * resumes on `slot` (see {@link parkCode}).
 */
export function suspendCode(
  k: ProbeNames,
  fn: string,
  slot: string,
  style: Exclude<SuspendStyle, 'none'>,
  suspension: string,
  operand: string,
): string {
  return (
    `(${k.v} = ${operand}, ${parkCode(k, fn, style)}, ${k.v} = ${suspension}, ` +
    `${resumeCode(k, fn, slot, style)}, ${k.v})`
  );
}

/** Names that the runtime uses when it builds probe code itself (calibration). */
export function createProbeNames(prefix: string): ProbeNames {
  return {
    H: `${prefix}H`,
    T: `${prefix}T`,
    D: `${prefix}D`,
    F: `${prefix}F`,
    P: `${prefix}P`,
    t: `${prefix}t`,
    l: `${prefix}l`,
    n: `${prefix}n`,
    t0: `${prefix}t0`,
    o: `${prefix}o`,
    s: `${prefix}s`,
    v: `${prefix}v`,
  };
}
