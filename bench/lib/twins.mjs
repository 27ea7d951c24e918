/**
 * Loads the twins of a benchmark workload from ONE source text: a copy instrumented by
 * `instrument()` and a plain copy, both evaluated the same way (imported as a `data:` URL
 * module, so a workload cannot import other files).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { instrument } from '../../packages/instrumenter/dist/index.js';
import { GLOBAL_NAME, createRuntime, installRuntime } from '../../packages/runtime/dist/index.js';

/**
 * @typedef {object} Workload
 * @property {(reps: number) => unknown} drive Calls the profiled function `reps` times.
 */

/**
 * @typedef {object} Twins
 * @property {Workload} plain The source as written.
 * @property {Workload} profiled The instrumented source.
 * @property {import('../../packages/runtime/dist/index.js').RegisteredFile} counters
 *   The profiled twin's counters.
 */

/**
 * Path of a workload of bench/workloads.
 * @param {string} name File name without `.js`.
 * @returns {string}
 */
export function workloadFile(name) {
  return fileURLToPath(new URL(`../workloads/${name}.js`, import.meta.url));
}

/**
 * Imports source text as an ES module. Identical texts share one module instance.
 * @param {string} code
 * @returns {Promise<Workload>}
 */
function importSource(code) {
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/**
 * Reads a workload and instruments it.
 * @param {string} file
 * @param {number} [sample] Sampled mode's rate K (`--sample K`); exact mode without it.
 * @returns {Promise<{ source: string, instrumented: string }>}
 */
async function instrumentFile(file, sample) {
  const source = await readFile(file, 'utf8');
  const result = instrument(source, { filename: file, ...(sample !== undefined && { sample }) });
  if (result.functions.length === 0) throw new Error(`${file}: no // @profile function to instrument`);
  return { source, instrumented: result.code };
}

/**
 * Loads both twins of the workload in `file`.
 * @param {string} file Absolute path of a workload with a `// @profile` function and a `drive` export.
 * @param {object} [options]
 * @param {(code: string) => string} [options.transform] Applied to the instrumented code only
 *   (probe-shape experiments); identity by default.
 * @param {number} [options.sample] Instrument in sampled mode with this rate K.
 * @returns {Promise<Twins>}
 */
export async function loadTwins(file, { transform = (code) => code, sample } = {}) {
  const { source, instrumented } = await instrumentFile(file, sample);
  const runtime = installRuntime();
  const plain = await importSource(source);
  const before = runtime.files.length;
  const profiled = await importSource(transform(instrumented));
  const counters = runtime.files[before];
  if (!counters) throw new Error(`${file}: the instrumented twin did not register with the runtime`);
  return { plain, profiled, counters };
}

/**
 * Executed lines (probe hits) of one `drive(1)` of the profiled twin. Slot 0, which no
 * function reports, counts the epilogues' clock reads, not lines.
 * @param {Twins} twins
 * @returns {number}
 */
export function countLinesPerCall({ profiled, counters }) {
  counters.hits.fill(0);
  profiled.drive(1);
  return counters.hits.subarray(1).reduce((sum, hits) => sum + hits, 0);
}

/**
 * Clock reads of one `drive(1)` of an instrumented copy that registers with a runtime whose
 * clock counts its calls (prologues, probes and epilogues all read it).
 * @param {string} file
 * @param {number} [sample] Sampled mode's rate K.
 * @returns {Promise<number>}
 */
export async function countClockReadsPerCall(file, sample) {
  const { instrumented } = await instrumentFile(file, sample);
  let reads = 0;
  const holder = /** @type {Record<string, unknown>} */ (globalThis);
  const installed = holder[GLOBAL_NAME];
  holder[GLOBAL_NAME] = createRuntime({
    now() {
      reads += 1;
      return performance.now();
    },
  });
  let counting;
  try {
    // The comment keeps this copy from sharing the module instance of the profiled twin.
    counting = await importSource(`${instrumented}\n// clock-read counting copy\n`);
  } finally {
    holder[GLOBAL_NAME] = installed;
  }
  reads = 0;
  counting.drive(1);
  return reads;
}
