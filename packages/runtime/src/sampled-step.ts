/**
 * The step function S of sampled mode (`--sample`, SPEC §3, issue 14; the probe code is in
 * sampled-probe.ts). S keeps the open windows itself, as records: an activation holds
 * only a number, its due count `c` when no window is open, `-1 - r` while record `r` is
 * open (so the probe's `++n >= c` calls S at the activation's next probe and S finds the
 * record). A record holds its target (`slot` for the exact phase, `slot + slots` for the
 * sampled phase, or the enclosing line for a nested activation's record), the clock time
 * and the realm's probe and step-call counts when it opened, and the activation's due
 * count while it is open. Records come from a free list, so windows of activations that
 * interleave (awaits, generators) never share one.
 */
import {
  SAMPLE_ALWAYS_TIMED_MS,
  SAMPLE_EXACT_HITS,
  SAMPLE_HITS_SHIFT,
  SAMPLE_OUTLIER_FACTOR,
  SAMPLE_OUTLIER_FLOOR_MS,
  SAMPLED_CHAINS_START,
  SAMPLED_REALM_SLOTS,
} from './constants.js';
import type { SampledCounters } from './sampled-probe.js';

/**
 * The step function of a sampled file: `(code, slot, fn, probes, other?) => code`. `slot`
 * > 0: a probe; otherwise one of the {@link SampledStepMode}s.
 */
export type SampledStep = (code: number, slot: number, fn: number, probes: number, other?: number | boolean) => number;

/** What S does when its `slot` argument is not a line's slot (see sampled-probe.ts). */
export const SampledStepMode = {
  /** End of an activation: close the window `code` and the nested record `other`; returns the due count. */
  end: 0,
  /** A 'segmented' suspension: charge the window's segment and keep it (paused), close the nested record `other`. */
  park: -1,
  /** Resumption: restart a paused window, publish its target in `O[fn]`. */
  resume: -2,
  /** Start of a nested activation's record on target `code` (the enclosing line); returns its code. */
  nest: -3,
  /** Re-open a window on target `other` since clock time `code` (after `super(…)`), due count in `G[4]`. */
  reopen: -4,
} as const;

/** Records a file's S starts with (they grow by doubling). */
const INITIAL_RECORDS = 16;

/** A draw of the gap to the next sampled execution: geometric with mean `rate` (1: every one). */
function createGapDraw(rate: number): () => number {
  if (rate <= 1) return () => 1;
  const scale = 1 / Math.log(1 - 1 / rate);
  return () => 1 + Math.floor(Math.log(1 - Math.random()) * scale);
}

/**
 * Gives every countdown chain of the realm a first gap, once (the first S of the realm): a
 * chain never taken holds 0, a taken one what is left of its gap (1 or more). Left at 0,
 * the first activation on each chain sampled its first probe, so a function's first line
 * had one sample more per chain than 1 in K of its executions, and the earliest
 * ones, in code V8 had not optimized yet: its time came out several times too high.
 */
function seedChains(realm: Float64Array, drawGap: () => number): void {
  if (realm[SAMPLED_CHAINS_START] !== 0) return;
  for (let chain = SAMPLED_CHAINS_START; chain < SAMPLED_REALM_SLOTS; chain++) realm[chain] = drawGap();
}

/** The open windows of one file's S (see the file's comment). */
class Records {
  target = new Int32Array(INITIAL_RECORDS);
  since = new Float64Array(INITIAL_RECORDS);
  probesAt = new Float64Array(INITIAL_RECORDS);
  callsAt = new Float64Array(INITIAL_RECORDS);
  due = new Float64Array(INITIAL_RECORDS);
  nestedAt = new Float64Array(INITIAL_RECORDS);
  /** What the window's earlier segments (before a suspension) were charged, and in the once view. */
  charged = new Float64Array(INITIAL_RECORDS);
  onceCharged = new Float64Array(INITIAL_RECORDS);
  paused = new Uint8Array(INITIAL_RECORDS);
  private free = new Int32Array(INITIAL_RECORDS);
  private freeCount = 0;
  private used = 0;

  /** A record opened now on `target` (its nested time `nestedAt` so far): its code (`-1 - index`). */
  open(target: number, since: number, probesAt: number, callsAt: number, due: number, nestedAt: number): number {
    const r = this.freeCount > 0 ? this.free[--this.freeCount]! : this.used++;
    if (r === this.target.length) this.grow();
    this.target[r] = target;
    this.since[r] = since;
    this.probesAt[r] = probesAt;
    this.callsAt[r] = callsAt;
    this.due[r] = due;
    this.nestedAt[r] = nestedAt;
    this.charged[r] = 0;
    this.onceCharged[r] = 0;
    this.paused[r] = 0;
    return -1 - r;
  }

  release(r: number): void {
    if (this.freeCount === this.free.length) this.free = grown(this.free, Int32Array);
    this.free[this.freeCount++] = r;
  }

  private grow(): void {
    this.target = grown(this.target, Int32Array);
    this.since = grown(this.since, Float64Array);
    this.probesAt = grown(this.probesAt, Float64Array);
    this.callsAt = grown(this.callsAt, Float64Array);
    this.due = grown(this.due, Float64Array);
    this.nestedAt = grown(this.nestedAt, Float64Array);
    this.charged = grown(this.charged, Float64Array);
    this.onceCharged = grown(this.onceCharged, Float64Array);
    this.paused = grown(this.paused, Uint8Array);
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, Type: new (length: number) => T): T {
  const bigger = new Type(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Creates the step function of a sampled file with `slots` slots, sampling 1 in `rate`
 * executions after the first hits. Every S of a realm is a closure of this function.
 */
export function createSampledStep(clock: { now(): number }, c: SampledCounters, slots: number, rate: number): SampledStep {
  const drawGap = createGapDraw(rate);
  const { hits, shift, time, excess, squares, onceSquares, counts, calls, samples, nested, nestedCounts, nestedCalls, realm, open } = c;
  seedChains(realm, drawGap);
  const records = new Records();
  /** Per target: its windows' time, each counted at most at the outlier cap (the cap's reference). */
  const typical = new Float64Array(2 * slots);

  /**
   * A long window (over the floor). Sampled and over the outlier cap (a multiple of the
   * line's usual window so far: its windows each counted at most at the cap, so that a
   * pause in one exact window does not raise the cap of all sampled ones), it is a pause of
   * the process in a window of the usual length: it counts as one of that length, scaled
   * as a sample, and the rest is charged once, to `excess`, as exact mode charges a pause
   * (counted at the cap, a pause in a 2 µs line was scaled to 128 × 0.46 ms). The line is
   * timed at every later execution once its first hits are timed and its mean window
   * without nested activations of its function is long.
   */
  function longWindow(target: number, spent: number): number {
    const exact = target < slots ? target : target - slots;
    const windows = samples[exact]! + samples[exact + slots]!;
    const mean = (time[exact]! + time[exact + slots]!) / windows;
    const usual = (typical[exact]! + typical[exact + slots]!) / windows;
    const cap = Math.max(SAMPLE_OUTLIER_FLOOR_MS, SAMPLE_OUTLIER_FACTOR * usual);
    typical[target]! += Math.min(spent, cap);
    // Long by its own time, nested activations of its function left out (a recursive call's line is not).
    const own = mean - (nested[exact]! + nested[exact + slots]!) / windows;
    if (own >= SAMPLE_ALWAYS_TIMED_MS && shift[exact] === 0 && samples[exact]! >= SAMPLE_EXACT_HITS) {
      shift[exact] = SAMPLE_HITS_SHIFT;
      hits[exact]! -= SAMPLE_HITS_SHIFT;
    }
    if (target < slots || spent <= cap) return spent;
    excess[target]! += spent - usual;
    return usual;
  }

  /**
   * Charges record `r`'s window (or segment) up to `now` to its target. The squares are of
   * whole windows: a segment adds what its window's square grew by ((a + b)² − a²), so a
   * window that a suspension split counts once in the variance (as its segments' squares,
   * the yield line of a generator reported a variance of 0).
   */
  function charge(r: number, now: number, made: number): void {
    const target = records.target[r]!;
    let spent = now - records.since[r]!;
    // Windows under the floor (nearly all) skip the long windows' arithmetic.
    if (spent > SAMPLE_OUTLIER_FLOOR_MS) spent = longWindow(target, spent);
    else typical[target]! += spent;
    time[target]! += spent;
    const before = records.charged[r]!;
    squares[target]! += spent * (2 * before + spent);
    records.charged[r] = before + spent;
    const once = Math.max(0, spent - (nested[target]! - records.nestedAt[r]!));
    const onceBefore = records.onceCharged[r]!;
    onceSquares[target]! += once * (2 * onceBefore + once);
    records.onceCharged[r] = onceBefore + once;
    counts[target]! += realm[0]! - records.probesAt[r]!;
    calls[target]! += made - records.callsAt[r]!;
  }

  /** Closes window `code` (if open, not paused) and nested record `other` (if any); returns the due count. */
  function close(code: number, own: number, now: number, made: number, other: number | boolean | undefined): number {
    let due = code;
    realm[5] = 0;
    if (code < 0) {
      const r = -1 - code;
      due = records.due[r]!;
      if (records.paused[r] === 0) charge(r, now, made);
      realm[5] = records.target[r]!;
      records.release(r);
    }
    if ((other as number) < 0) closeNested(-1 - (other as number), own, now, made);
    return due;
  }

  function closeNested(r: number, own: number, now: number, made: number): void {
    const target = records.target[r]!;
    nested[target]! += now - records.since[r]!;
    nestedCounts[target]! += realm[0]! + own - records.probesAt[r]!;
    nestedCalls[target]! += made - records.callsAt[r]!;
    records.release(r);
  }

  /**
   * A probe's step, `now` the clock read as S began if a window closes here: `step` reads
   * it first to close a window and last to open one, outside this function, so that a
   * window holds as little of S as can be (until V8 optimizes S, its calls and returns are
   * slower than the calibration saw, docs/accuracy.md). Returns the due count, or the
   * code of the record it opened.
   */
  function probe(code: number, slot: number, fn: number, own: number, made: number, now: number): number {
    let due = code < 0 ? close(code, own, now, made, 0) : code;
    let next = hits[slot]! <= SAMPLE_EXACT_HITS ? slot : 0;
    if (own >= due) {
      due = own + drawGap();
      next ||= slot + slots;
    }
    open[fn] = next;
    if (next === 0) return due;
    samples[next]!++;
    return records.open(next, 0, realm[0]!, made + 1, due, nested[next]!);
  }

  return function step(code, slot, fn, own, other) {
    // First thing when it closes a window, last when it opens one (see probe).
    const now = code < 0 || slot <= 0 ? clock.now() : 0;
    const made = realm[2]!;
    realm[2] = made + 1;
    if (slot > 0) {
      const opened = probe(code, slot, fn, own, made, now);
      if (opened < 0) records.since[-1 - opened] = clock.now();
      return opened;
    }
    if (slot === SampledStepMode.end) {
      realm[3] = now;
      return close(code, own, now, made, other);
    }
    if (slot === SampledStepMode.nest) return records.open(code, now, realm[0]! - own, made + 1, 0, 0);
    if (slot === SampledStepMode.reopen) {
      open[fn] = other as number;
      return records.open(other as number, code, realm[0]!, made + 1, realm[4]!, nested[other as number]!);
    }
    const r = -1 - code;
    if (slot === SampledStepMode.park) {
      if (code < 0) {
        charge(r, now, made);
        records.paused[r] = 1;
      }
      if ((other as number) < 0) closeNested(-1 - (other as number), own, now, made);
    } else if (code < 0) {
      if (records.paused[r] === 1) {
        records.since[r] = now;
        records.probesAt[r] = realm[0]!;
        records.callsAt[r] = made + 1;
        records.nestedAt[r] = nested[records.target[r]!]!;
        records.paused[r] = 0;
      }
      open[fn] = records.target[r]!;
    }
    return code;
  };
}
