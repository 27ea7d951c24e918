/**
 * Probe-shape experiments (not part of `pnpm bench`): rewrites a COPY of the instrumented
 * code of a workload into an equivalent probe shape and times it against the shape that
 * packages/runtime/src/probe.ts emits today, in the same process, with the plain twin and
 * a `performance.now()` loop. Each shape runs in its own child processes.
 *
 * Usage: node [V8 flags] bench/probe-shapes.mjs [--workload lines] [--processes 3] [--rounds 11] [--shape NAME]…
 * V8 flags pass on to the child processes: `--max-inlined-bytecode-size-cumulative=20000`
 * lets TurboFan inline every clock read, which isolates the cost of the probe's own
 * arithmetic from V8's inlining decisions (see bench/README.md).
 */
import { parseArgs } from 'node:util';
import { integerOption, runChild } from './lib/child.mjs';
import { formatTable } from './lib/format.mjs';
import { SHAPES, ShapeMismatchError } from './lib/shapes.mjs';
import { createNowSubject, median, timeInterleaved } from './lib/timing.mjs';
import { countLinesPerCall, loadTwins, workloadFile } from './lib/twins.mjs';

/**
 * Sum of a typed array.
 * @param {ArrayLike<number>} values
 * @returns {number}
 */
function sum(values) {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/**
 * Checks that a shape computes the same result, counts the same hits as the current
 * probes, and charges at least the function total to its lines.
 * @param {import('./lib/twins.mjs').Twins} current
 * @param {import('./lib/twins.mjs').Twins} shaped
 * @param {string} name
 */
function checkEquivalent(current, shaped, name) {
  const hits = shaped.profiled.shapeHits ?? shaped.counters.hits;
  for (const array of [current.counters.hits, hits, shaped.counters.time, shaped.counters.total]) array.fill(0);
  current.profiled.drive(1);
  if (shaped.profiled.drive(1) !== current.plain.drive(1)) throw new Error(`${name}: wrong result`);
  if (!current.counters.hits.every((count, slot) => count === hits[slot])) throw new Error(`${name}: hits differ from the current probes`);
  const charged = sum(shaped.counters.time) - shaped.counters.time[0];
  const total = sum(shaped.counters.total);
  // Line times are inclusive, so under recursion they add up to more than the total.
  if (total <= 0 || charged < total * (1 - 1e-9)) throw new Error(`${name}: lines hold ${charged} ms of a ${total} ms total`);
}

/**
 * Measures one shape against the current probes, in this process.
 * @param {string} workload
 * @param {string} name
 * @param {number} rounds
 */
async function measureShape(workload, name, rounds) {
  const file = workloadFile(workload);
  const current = await loadTwins(file);
  // The trailing comment makes the module URL differ from the current twin's, even for the control shape.
  const transform = (code) => `${SHAPES[name].transform(code)}\n// probe shape: ${name}\n`;
  let shaped;
  try {
    shaped = await loadTwins(file, { transform });
  } catch (error) {
    if (error instanceof ShapeMismatchError) return { mismatch: error.message };
    throw error;
  }
  checkEquivalent(current, shaped, name);
  const lines = countLinesPerCall(current);
  const timings = timeInterleaved(
    [
      { name: 'plain', drive: current.plain.drive },
      { name: 'current', drive: current.profiled.drive },
      { name: 'shaped', drive: shaped.profiled.drive },
      createNowSubject(),
    ],
    { rounds },
  );
  const now = timings.get('performance.now()').median;
  const ratio = (subject) => (timings.get(subject).median - timings.get('plain').median) / lines / now;
  return { current: ratio('current'), shaped: ratio('shaped'), now };
}

/**
 * Runs one shape in `processes` fresh child processes and prints one row.
 * @param {object} options
 * @param {string} options.workload
 * @param {string} options.name
 * @param {number} options.processes
 * @param {number} options.rounds
 * @returns {string[]}
 */
function runShape({ workload, name, processes, rounds }) {
  const args = ['--child', name, '--workload', workload, '--rounds', String(rounds)];
  const first = runChild(import.meta.url, args);
  if (first.mismatch) return [name, 'n/a', 'n/a', '', `does not apply to today's output: ${first.mismatch}`];
  const runs = [first, ...Array.from({ length: processes - 1 }, () => runChild(import.meta.url, args))];
  const current = median(runs.map((run) => run.current));
  const shaped = median(runs.map((run) => run.shaped));
  const each = runs.map((run) => `${run.current.toFixed(2)}→${run.shaped.toFixed(2)}`).join(' ');
  return [name, current.toFixed(2), shaped.toFixed(2), `${((shaped / current - 1) * 100).toFixed(0)}%`, each];
}

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    shape: { type: 'string', multiple: true },
    workload: { type: 'string', default: 'lines' },
    processes: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '11' },
  },
});
const rounds = integerOption('rounds', values.rounds, 3);
if (values.child !== undefined) {
  process.stdout.write(JSON.stringify(await measureShape(values.workload, values.child, rounds)));
} else {
  const names = values.shape ?? Object.keys(SHAPES);
  for (const name of names) if (!(name in SHAPES)) throw new Error(`unknown shape ${name}; one of ${Object.keys(SHAPES).join(', ')}`);
  console.log(`probe shapes on the ${values.workload} workload, node ${process.version}; overhead/line ÷ performance.now(), median of ${values.processes} process(es)\n`);
  const processes = integerOption('processes', values.processes, 1);
  const rows = names.map((name) => runShape({ workload: values.workload, name, processes, rounds }));
  console.log(formatTable(['shape', 'current', 'shape', 'change', 'per process (current→shape)'], rows));
  console.log('');
  for (const name of names) console.log(`${name}: ${SHAPES[name].description}`);
}
