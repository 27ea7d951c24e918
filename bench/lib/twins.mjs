/**
 * Loads the two twins of a benchmark workload from ONE source text: a copy instrumented
 * by `instrument()` and a plain copy, both evaluated the same way (imported as a
 * `data:` URL module, so a workload cannot import other files).
 */
import { readFile } from 'node:fs/promises';
import { instrument } from '../../packages/instrumenter/dist/index.js';
import { installRuntime } from '../../packages/runtime/dist/index.js';

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
 * Imports source text as an ES module.
 * @param {string} code
 * @returns {Promise<Workload>}
 */
function importSource(code) {
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/**
 * Loads both twins of the workload in `file`.
 * @param {string} file Absolute path of a workload with a `// @profile` function and a `drive` export.
 * @param {object} [options]
 * @param {(code: string) => string} [options.transform] Applied to the instrumented code only
 *   (probe-shape experiments); identity by default.
 * @returns {Promise<Twins>}
 */
export async function loadTwins(file, { transform = (code) => code } = {}) {
  const source = await readFile(file, 'utf8');
  const runtime = installRuntime();
  const result = instrument(source, { filename: file });
  if (result.functions.length === 0) throw new Error(`${file}: no // @profile function to instrument`);
  const plain = await importSource(source);
  const before = runtime.files.length;
  const profiled = await importSource(transform(result.code));
  const counters = runtime.files[before];
  if (!counters) throw new Error(`${file}: the instrumented twin did not register with the runtime`);
  return { plain, profiled, counters };
}

/**
 * Executed lines (probe hits) of one `drive(1)` of the profiled twin.
 * @param {Twins} twins
 * @returns {number}
 */
export function countLinesPerCall({ profiled, counters }) {
  counters.hits.fill(0);
  profiled.drive(1);
  return counters.hits.reduce((sum, hits) => sum + hits, 0);
}
