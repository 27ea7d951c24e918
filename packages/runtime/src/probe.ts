/**
 * The probe code that the instrumenter emits, as source text, kept here so that the
 * runtime's calibration measures exactly the sequence the instrumenter emits (SPEC §3).
 *
 * Per file (module scope): H hits, T times, D depths, F totals, C probe counts per
 * slot, Q probe counts per function total, O open slot per function, X/Y time and
 * probe counts per slot spent in nested activations (typed arrays of the file's
 * `FileCounters`), G the realm-wide count of clock reads (shared by every file), S the
 * file's step function ({@link createStep}), which makes every clock read of the file.
 * Per activation (locals of the instrumented function): t time of the previous probe,
 * l slot of the previous probe, k value of G at the previous clock read, t0/g0 time and
 * G at the start of the activation (or of the running segment, for 'segmented'
 * suspensions), o "outermost activation (segment)", s "suspended, not holding a depth
 * count", v operand of await/yield, u the slot its enclosing activation of the same
 * function had open when it (or its running segment) started, x the value of O to
 * restore when its running segment ends.
 *
 * Functions are numbered from 1 in the probe code (D, F, Q, O), like slots: 0 is no
 * function, and S calls that publish no line pass it.
 *
 * Recursion (SPEC §3): every probe publishes its slot in O[fn] (in S: one typed-array
 * store per probe), and every running segment of an activation restores O[fn] when it
 * ends (segments of a realm nest like calls), so O[fn] is the open line of the innermost
 * running activation of the function, or 0. A nested activation reads it as `u` and,
 * when it (or its segment) ends, adds its wall time and clock reads to X[u] and Y[u]
 * instead of the total: results subtract them from the enclosing line (or not, for the
 * inclusive view). Outermost activations have `u` 0, the discard slot.
 *
 * Every clock read adds 1 to G, and each interval charged to a slot (or a total) also
 * adds how many clock reads it contained to C (or Q): the probes of profiled callees
 * included. Compensation subtracts that count × the probe cost (SPEC §3), so a line
 * calling a profiled function is not inflated by the callee's probes.
 *
 * A probe is a call of S, not the same work inline: S is one function for the whole
 * realm (every file's S is a closure of the same code), hot from the first
 * milliseconds and optimized early, so a probe costs about the same in functions that
 * V8 has not optimized yet as in optimized ones (issue 7: inline, it cost twice as
 * much there, which one calibrated cost cannot compensate).
 */
export interface ProbeNames {
  H: string;
  T: string;
  D: string;
  F: string;
  C: string;
  Q: string;
  O: string;
  X: string;
  Y: string;
  G: string;
  S: string;
  t: string;
  l: string;
  k: string;
  t0: string;
  g0: string;
  o: string;
  s: string;
  v: string;
  u: string;
  x: string;
  /** Sampled mode only (sampled-probe.ts): step calls at the open window, at the activation's start, parked window. */
  j: string;
  w: string;
  q: string;
  /** Sampled mode only: probes of the activation, and the count at which its next sampled execution is due. */
  n: string;
  c: string;
  /** Sampled mode only: the activation's countdown chain (see sampled-probe.ts). */
  z: string;
}

/** How an activation treats its suspensions (SPEC §3, await / yield). */
export type SuspendStyle = 'none' | 'charged' | 'segmented';

/** The step function of a file: one clock read and the counters it updates. */
export type Step = (since: number, readsBefore: number, previous: number, slot: number, fn: number) => number;

/**
 * Creates a file's step function (S): reads the clock, charges the interval since
 * `since` and its clock reads since `readsBefore` to slot `previous`, counts a hit of
 * `slot`, publishes `slot` as the open line of function `fn` (0: none) and returns the
 * time read. Every S of a realm is a closure of this one function, so V8 optimizes it
 * once, early, for all of them. `S(0, 0, 0, slot, fn)` starts a clock without charging a
 * line: what it adds goes to slot 0, which no function reports.
 */
export function createStep(
  clock: { now(): number },
  hits: Float64Array,
  time: Float64Array,
  counts: Float64Array,
  reads: Float64Array,
  open: Int32Array,
): Step {
  return function step(since, readsBefore, previous, slot, fn) {
    const now = clock.now();
    time[previous]! += now - since;
    counts[previous]! += ++reads[0]! - readsBefore;
    hits[slot]!++;
    open[fn] = slot;
    return now;
  };
}

/** One clock read: charge the time since the previous probe to its slot, then count `slot` and publish it. */
export function probeCode(k: ProbeNames, fn: string, slot: string): string {
  return `${k.t} = ${k.S}(${k.t}, ${k.k}, ${k.l}, ${k.l} = ${slot}, ${fn}), ${k.k} = ${k.G}[0]`;
}

/** Start of an activation: the clock read here is also the probe of the first statement. */
export function prologueCode(k: ProbeNames, fn: string, slot: string, style: SuspendStyle): string {
  const extra = style === 'none' ? '' : `, ${k.x} = ${k.u}, ${k.s} = 0, ${k.v}`;
  return (
    `var ${k.o} = ${k.D}[${fn}]++ === 0, ${k.u} = ${k.O}[${fn}], ${k.t0} = ${k.S}(0, 0, 0, ${slot}, ${fn}), ` +
    `${k.t} = ${k.t0}, ${k.l} = ${slot}, ${k.k} = ${k.G}[0], ${k.g0} = ${k.k}${extra};`
  );
}

/**
 * The wall time and clock reads of the running segment (`t - t0`, `k - g0`), as an
 * expression: to the function's total when it is outermost, and to the enclosing line
 * `u` as time spent in a nested activation (see the file's comment); an outermost one's
 * `u` is the discard slot 0. No branch either way (the total's share is multiplied by the
 * boolean `o`): V8 reports the right side of `&&` to c8 as a branch of the user's code
 * (issue 12, item 4).
 */
function closeSegmentCode(k: ProbeNames, fn: string): string {
  return (
    `${k.F}[${fn}] += (${k.t} - ${k.t0}) * ${k.o}, ${k.Q}[${fn}] += (${k.k} - ${k.g0}) * ${k.o}, ` +
    `${k.X}[${k.u}] += ${k.t} - ${k.t0}, ${k.Y}[${k.u}] += ${k.k} - ${k.g0}`
  );
}

/** End of an activation (a `finally`): close the last line and the running segment, release the activation. */
export function epilogueCode(k: ProbeNames, fn: string, style: SuspendStyle): string {
  // A generator resumed by return()/throw() while suspended never re-armed: its
  // last segment is unknown and it holds no depth count. A rejected 'charged' await
  // (the clock was not parked, `l` is not the discard slot) leaves the segment running.
  const close = closeSegmentCode(k, fn);
  const counted = style === 'segmented' ? `if (!${k.s} || ${k.l}) { ${close}; }` : `${close};`;
  const release =
    style === 'none'
      ? `${k.D}[${fn}]--; ${k.O}[${fn}] = ${k.u};`
      : style === 'charged'
        ? `${k.s} || (${k.D}[${fn}]--, ${k.O}[${fn}] = ${k.x});`
        : `if (!${k.s}) { ${k.D}[${fn}]--; ${k.O}[${fn}] = ${k.x}; }`;
  return `${k.t} = ${k.S}(${k.t}, ${k.k}, ${k.l}, 0, 0); ${k.k} = ${k.G}[0]; ${counted} ${release}`;
}

/**
 * Releases an activation about to suspend (an await/yield, or a `for await` asking for
 * its next value), as an expression.
 * 'charged': only release the depth count and the open line, the suspended time stays on the line.
 * 'segmented': close the line and the running segment, park the clock on the discard slot.
 */
export function parkCode(k: ProbeNames, fn: string, style: Exclude<SuspendStyle, 'none'>): string {
  const release = `${k.D}[${fn}]--, ${k.O}[${fn}] = ${k.x}`;
  if (style === 'charged') return `${k.s} || (${release}), ${k.s} = 1`;
  return (
    `${k.t} = ${k.S}(${k.t}, ${k.k}, ${k.l}, ${k.l} = 0, 0), ${k.k} = ${k.G}[0], ` +
    `${k.s} || (${release}, ${closeSegmentCode(k, fn)}), ${k.s} = 1`
  );
}

/**
 * Takes back an activation released by {@link parkCode}; 'segmented' re-arms the clock on
 * `slot` and starts a new running segment, outermost when no other activation of the
 * function is running: an inner recursive activation resumed after its caller parked
 * is counted in the total, once. A 'charged' activation keeps the enclosing line it
 * started in (`u`): its whole wall time, suspensions included, is nested there.
 */
export function resumeCode(k: ProbeNames, fn: string, slot: string, style: Exclude<SuspendStyle, 'none'>): string {
  if (style === 'charged') return `${k.s} = 0, ${k.D}[${fn}]++, ${k.x} = ${k.O}[${fn}], ${k.O}[${fn}] = ${k.l}`;
  return (
    `${k.t0} = ${k.t} = ${k.S}(0, 0, 0, 0, 0), ${k.g0} = ${k.k} = ${k.G}[0], ${k.s} = 0, ` +
    `${k.o} = ${k.D}[${fn}]++ === 0, ${k.u} = ${k.x} = ${k.O}[${fn}], ${k.O}[${fn}] = ${k.l} = ${slot}`
  );
}

/**
 * Takes back an activation that an epilogue closed before a call it cannot wrap in a
 * `try` (`super(…)` in a derived class's constructor, see the instrumenter's
 * `instrument-constructor.ts`): charges the call to the line that made it, `l`, whose
 * clock read before it was `t`, and goes on with a segment that starts there.
 */
export function resumeAfterCallCode(k: ProbeNames, fn: string): string {
  return (
    `${k.t0} = ${k.t}, ${k.g0} = ${k.k}, ${k.t} = ${k.S}(${k.t}, ${k.k}, ${k.l}, 0, 0), ${k.k} = ${k.G}[0], ` +
    `${k.o} = ${k.D}[${fn}]++ === 0, ${k.u} = ${k.O}[${fn}], ${k.O}[${fn}] = ${k.l}`
  );
}

/**
 * Start of a `catch` or `finally` in a function that suspends: an exception (a rejected
 * await, a generator's throw()) or a generator's return() may come out of a suspension
 * and leave the activation parked. Take it back; a clock parked on the discard slot
 * (`l` 0, 'segmented') is re-armed, a 'charged' one keeps running.
 */
export function resumeAfterThrowCode(k: ProbeNames, fn: string): string {
  return (
    `if (${k.s}) { ${k.l} || (${k.t0} = ${k.t} = ${k.S}(0, 0, 0, 0, 0), ${k.g0} = ${k.k} = ${k.G}[0], ` +
    `${k.o} = ${k.D}[${fn}] === 0, ${k.u} = ${k.O}[${fn}]), ${k.s} = 0, ${k.D}[${fn}]++, ` +
    `${k.x} = ${k.O}[${fn}], ${k.O}[${fn}] = ${k.l}; }`
  );
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
    C: `${prefix}C`,
    Q: `${prefix}Q`,
    O: `${prefix}O`,
    X: `${prefix}X`,
    Y: `${prefix}Y`,
    G: `${prefix}G`,
    S: `${prefix}S`,
    t: `${prefix}t`,
    l: `${prefix}l`,
    k: `${prefix}k`,
    t0: `${prefix}t0`,
    g0: `${prefix}g0`,
    o: `${prefix}o`,
    s: `${prefix}s`,
    v: `${prefix}v`,
    u: `${prefix}u`,
    x: `${prefix}x`,
    j: `${prefix}j`,
    w: `${prefix}w`,
    q: `${prefix}q`,
    n: `${prefix}n`,
    c: `${prefix}c`,
    z: `${prefix}z`,
  };
}
