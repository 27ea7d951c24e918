/**
 * Ground-truth workloads of `pnpm bench:accuracy` (issue 7): profiled functions whose
 * lines take known amounts of wall time, and for each scenario what a correct profile
 * reports, line by line (SPEC §3).
 *
 * The module is self-contained (no imports): the bench imports a copy instrumented by
 * `instrument()` as a `data:` URL module, and V8's sampler runs this file as written.
 * Expected lines are named by their text, which is unique within each function.
 */

/** Time unit of the busy-wait workloads, ms. */
const UNIT = 0.1;

/** Sizes of the scenarios: each runs for about a quarter of a second. */
const RATIO_REPS = 300;
const CHEAP_REPS = 40_000;
const CALLER_REPS = 150;
const CALLEE_ITERATIONS = 100;
const AWAIT_REPS = 20;
const ITEMS = 500;
const DESCENTS = 500;
const DEPTH = 3;

/**
 * The known durations: wall time (ms) that the busy-waits and timers of the workload
 * took, each timed by itself (not profiled), summed by nominal duration. Busy-waits
 * overshoot a little and timers run late, so the truth uses what they really took.
 */
const spun = new Map();
const slept = new Map();
const called = new Map();

/** Adds `ms` to `ledger` under `key`. */
function record(ledger, key, ms) {
  ledger.set(key, (ledger.get(key) ?? 0) + ms);
}

/** Wall time (ms) that `ledger` recorded under `key`. */
function timeOf(ledger, key) {
  return ledger.get(key) ?? 0;
}

/**
 * Busy-waits `ms` milliseconds of wall time: a line that costs a known duration. The
 * duration is recorded under `key`, `ms` by default.
 */
function spin(ms, key = ms) {
  const start = performance.now();
  let now = start;
  while (now - start < ms) now = performance.now();
  record(spun, key, now - start);
}

/** Resolves after `ms` milliseconds; records the wait and the cost of the call itself. */
function sleep(ms) {
  const start = performance.now();
  const timer = new Promise((resolve) => {
    setTimeout(() => {
      record(slept, ms, performance.now() - start);
      resolve();
    }, ms);
  });
  record(called, ms, performance.now() - start);
  return timer;
}

// @profile
function ratios(reps) {
  for (let i = 0; i < reps; i++) {
    spin(4 * UNIT);
    spin(2 * UNIT);
    spin(UNIT);
  }
}

// @profile
function cheapNextToExpensive(reps) {
  let k = 0;
  for (let i = 0; i < reps; i++) {
    k += i;
    k ^= k >>> 3;
    spin(0.002);
  }
  return k;
}

// @profile
function callee(iterations) {
  let k = 0;
  for (let i = 0; i < iterations; i++) {
    k += i;
    k ^= k >>> 3;
    k &= 0xffff;
    spin(UNIT / 10);
  }
  return k;
}

// @profile
function caller(reps) {
  let sum = 0;
  for (let i = 0; i < reps; i++) {
    sum += callee(CALLEE_ITERATIONS);
    spin(10 * UNIT);
  }
  return sum;
}

// @profile
async function awaits(reps) {
  for (let i = 0; i < reps; i++) {
    spin(20 * UNIT);
    await sleep(8);
    await sleep(4);
  }
}

// @profile
function* produce(count) {
  for (let i = 0; i < count; i++) {
    spin(UNIT);
    yield i;
  }
}

// @profile
function consume(count) {
  let sum = 0;
  for (const value of produce(count)) {
    spin(4 * UNIT);
    sum += value;
  }
  return sum;
}

// @profile
function descend(depth) {
  spin(UNIT, depth);
  if (depth > 0) descend(depth - 1);
}

/**
 * What a correct profile of one function shows.
 * @typedef {object} FunctionTruth
 * @property {[text: string, hits: number, ms: number][]} lines Every line that runs: its
 *   trimmed text, exact hits, and the wall time it truly takes (ms; 0 for cheap lines).
 * @property {number} [totalMs] The function's true total; the sum of `lines` by default.
 * @property {string} [note]
 */

/**
 * @typedef {object} Scenario
 * @property {() => unknown} run Runs the profiled functions (returns a promise when async).
 * @property {(options: { awaitTime: boolean }) => Record<string, FunctionTruth>} truth
 *   By function name; called after `run()`.
 */

/** @type {Record<string, Scenario>} */
export const scenarios = {
  ratios: {
    run: () => ratios(RATIO_REPS),
    truth: () => ({
      ratios: {
        lines: [
          ['for (let i = 0; i < reps; i++) {', RATIO_REPS + 1, 0],
          ['spin(4 * UNIT);', RATIO_REPS, timeOf(spun, 4 * UNIT)],
          ['spin(2 * UNIT);', RATIO_REPS, timeOf(spun, 2 * UNIT)],
          ['spin(UNIT);', RATIO_REPS, timeOf(spun, UNIT)],
        ],
      },
    }),
  },
  cheap: {
    run: () => cheapNextToExpensive(CHEAP_REPS),
    truth: () => ({
      cheapNextToExpensive: {
        lines: [
          ['let k = 0;', 1, 0],
          ['for (let i = 0; i < reps; i++) {', CHEAP_REPS + 1, 0],
          ['k += i;', CHEAP_REPS, 0],
          ['k ^= k >>> 3;', CHEAP_REPS, 0],
          ['spin(0.002);', CHEAP_REPS, timeOf(spun, 0.002)],
          ['return k;', 1, 0],
        ],
      },
    }),
  },
  callee: {
    run: () => caller(CALLER_REPS),
    truth: () => {
      const calls = CALLER_REPS * CALLEE_ITERATIONS;
      return {
        caller: {
          lines: [
            ['let sum = 0;', 1, 0],
            ['for (let i = 0; i < reps; i++) {', CALLER_REPS + 1, 0],
            ['sum += callee(CALLEE_ITERATIONS);', CALLER_REPS, timeOf(spun, UNIT / 10)],
            ['spin(10 * UNIT);', CALLER_REPS, timeOf(spun, 10 * UNIT)],
            ['return sum;', 1, 0],
          ],
          note: 'the callee line includes the callee, not its probes',
        },
        callee: {
          lines: [
            ['let k = 0;', CALLER_REPS, 0],
            ['for (let i = 0; i < iterations; i++) {', calls + CALLER_REPS, 0],
            ['k += i;', calls, 0],
            ['k ^= k >>> 3;', calls, 0],
            ['k &= 0xffff;', calls, 0],
            ['spin(UNIT / 10);', calls, timeOf(spun, UNIT / 10)],
            ['return k;', CALLER_REPS, 0],
          ],
        },
      };
    },
  },
  awaits: {
    run: () => awaits(AWAIT_REPS),
    // Without await time an await line only costs the call that starts the timer.
    truth: ({ awaitTime }) => ({
      awaits: {
        lines: [
          ['for (let i = 0; i < reps; i++) {', AWAIT_REPS + 1, 0],
          ['spin(20 * UNIT);', AWAIT_REPS, timeOf(spun, 20 * UNIT)],
          ['await sleep(8);', AWAIT_REPS, timeOf(awaitTime ? slept : called, 8)],
          ['await sleep(4);', AWAIT_REPS, timeOf(awaitTime ? slept : called, 4)],
        ],
        note: awaitTime ? 'suspended time charged' : 'suspended time excluded',
      },
    }),
  },
  generator: {
    run: () => consume(ITEMS),
    truth: () => ({
      consume: {
        lines: [
          ['let sum = 0;', 1, 0],
          ['for (const value of produce(count)) {', ITEMS + 1, timeOf(spun, UNIT)],
          ['spin(4 * UNIT);', ITEMS, timeOf(spun, 4 * UNIT)],
          ['sum += value;', ITEMS, 0],
          ['return sum;', 1, 0],
        ],
      },
      produce: {
        lines: [
          ['for (let i = 0; i < count; i++) {', ITEMS + 1, 0],
          ['spin(UNIT);', ITEMS, timeOf(spun, UNIT)],
          ['yield i;', ITEMS, 0],
        ],
        note: "the consumer's work is not the generator's",
      },
    }),
  },
  recursion: {
    run: () => {
      for (let i = 0; i < DESCENTS; i++) descend(DEPTH);
    },
    // Recursion counted once (SPEC §3, the default view): the time of a nested
    // activation is on its own lines only, so the call line keeps nothing but the call,
    // and the spins of every depth are on the spin line, once, as in the total.
    truth: () => {
      const total = Array.from({ length: DEPTH + 1 }, (_, depth) => timeOf(spun, depth)).reduce((sum, ms) => sum + ms, 0);
      return {
        descend: {
          lines: [
            ['spin(UNIT, depth);', DESCENTS * (DEPTH + 1), total],
            ['if (depth > 0) descend(depth - 1);', DESCENTS * (DEPTH + 1), 0],
          ],
          totalMs: total,
          note: 'recursion counted once: nested activations on their own lines',
        },
      };
    },
  },
};
