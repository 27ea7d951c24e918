/**
 * Interleaved timing of several subjects in one process. Only ratios between subjects
 * of the same run mean anything on a noisy machine; absolute times are shown for context.
 */

/**
 * @typedef {object} Subject
 * @property {string} name
 * @property {(reps: number) => unknown} drive Does `reps` units of work.
 */

/**
 * @typedef {object} Timing
 * @property {number} median Nanoseconds per unit of work, median over the rounds.
 * @property {number} min Nanoseconds per unit, fastest round.
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
 * Times the subjects interleaved: after warm-up, each round runs every subject once,
 * starting from a different one each round so that no subject always runs first.
 * @param {Subject[]} subjects
 * @param {object} [options]
 * @param {number} [options.rounds=15] Timed rounds.
 * @param {number} [options.warmupRounds=3] Untimed rounds after sizing.
 * @param {number} [options.roundMs=20] Target duration of one subject's round.
 * @returns {Map<string, Timing>}
 */
export function timeInterleaved(subjects, { rounds = 15, warmupRounds = 3, roundMs = 20 } = {}) {
  const reps = subjects.map((subject) => chooseReps(subject, roundMs * 1e6));
  const samples = subjects.map(() => []);
  for (let round = -warmupRounds; round < rounds; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const i = (k + Math.max(round, 0)) % subjects.length;
      const ns = timeOnce(subjects[i], reps[i]);
      if (round >= 0) samples[i].push(ns);
    }
  }
  return new Map(
    subjects.map((subject, i) => {
      const sorted = samples[i].sort((a, b) => a - b);
      const median = quantile(sorted, 0.5);
      const spread = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / median;
      return [subject.name, { median, min: sorted[0], spread }];
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
