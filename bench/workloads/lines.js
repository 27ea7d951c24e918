/**
 * Per-line overhead workload: a loop whose body is nothing but simple statements, so
 * almost all of the profiled twin's extra time is probes (one per executed line).
 */

const ITERATIONS = 1000;

// @profile
export function addLines(n) {
  let k = 0;
  for (let i = 0; i < n; i++) {
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
    k += i;
  }
  return k;
}

/** Calls the workload `reps` times; not profiled, identical in both twins. */
export function drive(reps) {
  let sink = 0;
  for (let r = 0; r < reps; r++) sink += addLines(ITERATIONS);
  return sink;
}
