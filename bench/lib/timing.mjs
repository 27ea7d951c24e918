/**
 * Interleaved timing of several subjects in one process. Only ratios between subjects
 * of the same run mean anything on a noisy machine; absolute times are shown for context.
 */

/** Warm-up ends after this many rounds in a row without a new best time… */
const STABLE_ROUNDS = 4;
/** …where a new best is this much faster than the previous one. */
const IMPROVEMENT = 0.03;

/**
 * @typedef {object} Subject
 * @property {string} name
 * @property {(reps: number) => unknown} drive Does `reps` units of work.
 */

/**
 * @typedef {object} Timing
 * @property {number} median Nanoseconds per unit of work, median over the rounds.
 * @property {number} low The rounds' 10 % quantile: on a shared machine, the figure least disturbed by other processes.
 * @property {number} spread Interquartile range over the median.
 */

/**
 * Nanoseconds per unit of one `drive(reps)`.
 * @param {Subject} subject
 * @param {number} reps
 * @returns {number}
 */
function timeOnce(subject, reps) {
  const start = process.hrtime.bigint();
  subject.drive(reps);
  return Number(process.hrtime.bigint() - start) / reps;
}

/**
 * Doubles `reps` until one round lasts `roundNs`; doubles as the first warm-up.
 * @param {Subject} subject
 * @param {number} roundNs
 * @returns {number} Units of work per round.
 */
function chooseReps(subject, roundNs) {
  let reps = 1;
  while (timeOnce(subject, reps) * reps < roundNs / 2) reps *= 2;
  return reps * 2;
}

/**
 * The median of numbers.
 * @param {number[]} values
 * @returns {number}
 */
export function median(values) {
  return quantile(values.toSorted((a, b) => a - b), 0.5);
}

/**
 * The `q` quantile of sorted values.
 * @param {number[]} sorted
 * @param {number} q
 * @returns {number}
 */
function quantile(sorted, q) {
  const index = (sorted.length - 1) * q;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
}

/**
 * Runs the subjects interleaved until none has become faster for {@link STABLE_ROUNDS}
 * rounds: tiering up (Sparkplug, Maglev, TurboFan, OSR) can take many rounds, and timing
 * a subject still in a lower tier would compare tiers, not code.
 * @param {Subject[]} subjects
 * @param {number} roundNs
 * @param {number} maxNs Give up waiting after this long.
 */
function warmUp(subjects, roundNs, maxNs) {
  const reps = subjects.map((subject) => chooseReps(subject, roundNs));
  const best = subjects.map(() => Infinity);
  const start = process.hrtime.bigint();
  for (let stable = 0; stable < STABLE_ROUNDS && Number(process.hrtime.bigint() - start) < maxNs; ) {
    let improved = false;
    subjects.forEach((subject, i) => {
      const ns = timeOnce(subject, reps[i]);
      if (ns < best[i] * (1 - IMPROVEMENT)) improved = true;
      best[i] = Math.min(best[i], ns);
    });
    stable = improved ? 0 : stable + 1;
  }
}

/**
 * Times the subjects interleaved: after warm-up, each round runs every subject once,
 * starting from a different one each round so that no subject always runs first.
 * @param {Subject[]} subjects
 * @param {object} [options]
 * @param {number} [options.rounds=15] Timed rounds.
 * @param {number} [options.roundMs=20] Target duration of one subject's round.
 * @param {number} [options.maxWarmupMs=4000] Longest warm-up.
 * @returns {Map<string, Timing>}
 */
export function timeInterleaved(subjects, { rounds = 15, roundMs = 20, maxWarmupMs = 4000 } = {}) {
  warmUp(subjects, roundMs * 1e6, maxWarmupMs * 1e6);
  // Sized again once warm: a subject sized in a lower tier would make rounds too short.
  const reps = subjects.map((subject) => chooseReps(subject, roundMs * 1e6));
  const samples = subjects.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const i = (k + round) % subjects.length;
      samples[i].push(timeOnce(subjects[i], reps[i]));
    }
  }
  return new Map(
    subjects.map((subject, i) => {
      const sorted = samples[i].toSorted((a, b) => a - b);
      const middle = quantile(sorted, 0.5);
      const spread = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / middle;
      return [subject.name, { median: middle, low: quantile(sorted, 0.1), spread }];
    }),
  );
}

/**
 * A subject whose unit of work is one `performance.now()` call, through a local
 * reference as the probes hold it.
 * @param {{ now(): number }} [clock=performance]
 * @returns {Subject}
 */
export function createNowSubject(clock = performance) {
  return {
    name: 'performance.now()',
    drive(reps) {
      let sink = 0;
      for (let i = 0; i < reps; i++) sink += clock.now();
      return sink;
    },
  };
}
