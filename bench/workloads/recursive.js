/** Recursive workload: naive Fibonacci, where each line runs once per short activation. */

const N = 20;

// @profile
export function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

/** Calls the workload `reps` times; not profiled, identical in both twins. */
export function drive(reps) {
  let sink = 0;
  for (let r = 0; r < reps; r++) sink += fib(N);
  return sink;
}
