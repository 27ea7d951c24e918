/** Tight numeric loop: a dot product over two typed arrays. */

const SIZE = 4096;
const A = Float64Array.from({ length: SIZE }, (_, i) => (i % 17) / 7);
const B = Float64Array.from({ length: SIZE }, (_, i) => (i % 13) / 5);

// @profile
export function dot(a, b) {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    sum += a[i] * b[i];
  }
  return sum;
}

/** Calls the workload `reps` times; not profiled, identical in both twins. */
export function drive(reps) {
  let sink = 0;
  for (let r = 0; r < reps; r++) sink += dot(A, B);
  return sink;
}
