/**
 * `pnpm bench` (second part): start-up costs (SPEC §3 "Transparency", §7; issue #12).
 *  1. `@linecount/profiler/register` with LINE_PROFILE unset: a hello-world started as plain
 *     `node hello.js`, with `--import`/`--require @linecount/profiler/register`, and with an
 *     installed package of empty modules preloaded the same two ways (what Node itself
 *     charges for a preload). Budget: `--import @linecount/profiler/register` under
 *     {@link PRELOAD_BUDGET} % more than plain `node`.
 *  2. A child process that profiles nothing: a program starts `node -e 0` 20 times and
 *     reports the mean start of one child, run plainly and under `linecount -- node`.
 *     Budget: {@link CHILD_BUDGET} × the plain figure.
 *     2b. The same in CPU time (user + system of each child, start to exit), which a busy
 *     machine disturbs less than wall time; with the children preloading an empty file,
 *     Node's own cost of a `--require` preload: the floor. Same budget.
 *  3. `linecount hello.ts` (one `// @profile` function, warm cache) against
 *     `node --import tsx hello.ts`. Budget: {@link TS_BUDGET} ×.
 *     3b. The same in CPU time (user + system of every process of each command, the
 *     `linecount` CLI and the script's child together; bash's `times`).
 * Variants run in rotating order over many rounds after a warm-up; the figures are
 * medians, relative to the first variant of each part. Always exits 0 when the
 * measurements ran: it is a report.
 *
 * Usage: node bench/startup.mjs [--rounds 60] [--child-rounds 10] [--ts-rounds 20] [--cli DIR] [--parts 1,2,2b,3,3b]
 * (`--cli`: another build of the `linecount` package, e.g. main's, for before/after figures;
 * `--parts`: which parts to run; run it with another Node binary for that Node's figures)
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable, formatTime } from './lib/format.mjs';
import { CHILDREN, createProject, measure } from './lib/startup-project.mjs';

/** Budget of the extra start-up time of `--import @linecount/profiler/register`, profiling off, in percent. */
const PRELOAD_BUDGET = 5;
/** Budget of a child process that profiles nothing under `linecount --`, × plain. */
const CHILD_BUDGET = 1.1;
/** Budget of `linecount hello.ts`, × `node --import tsx hello.ts`. */
const TS_BUDGET = 1.2;
const WARM_UP_ROUNDS = 5;
const SLOW_WARM_UP_ROUNDS = 2;

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** @param {number[]} values */
function interquartileRange(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.75)] - sorted[Math.floor(sorted.length * 0.25)];
}

/**
 * Prints one part's table: median, ratio to the first variant, IQR.
 * @param {string} title
 * @param {import('./lib/startup-project.mjs').Variant[]} variants
 * @param {number[][]} times
 * @param {number} rounds
 */
function report(title, variants, times, rounds) {
  const base = median(times[0]);
  console.log(`\n${title}\n${rounds} alternating rounds; medians\n`);
  const rows = variants.map(({ name }, i) => [name, formatTime(median(times[i])), `${(median(times[i]) / base).toFixed(3)}×`, formatTime(interquartileRange(times[i]))]);
  console.log(formatTable(['command', 'median', 'ratio', 'IQR'], rows));
}

/** @param {number} ratio @param {number} budget */
const verdict = (ratio, budget) => `${ratio.toFixed(3)}× (budget ${budget}×) ${ratio <= budget ? 'OK' : 'OVER'}`;

function preloadsOff(cwd, rounds) {
  const hello = { stdout: 'hello\n' };
  const variants = [
    { name: 'node hello.js', args: ['hello.js'] },
    { name: 'node --import @linecount/profiler/register hello.js', args: ['--import', '@linecount/profiler/register', 'hello.js'] },
    { name: 'node --import empty-preload hello.js', args: ['--import', 'empty-preload', 'hello.js'] },
    { name: 'node --require @linecount/profiler/register hello.js', args: ['--require', '@linecount/profiler/register', 'hello.js'] },
    { name: 'node --require empty-preload hello.js', args: ['--require', 'empty-preload', 'hello.js'] },
  ].map((variant) => ({ ...variant, ...hello }));
  const times = measure(variants, { rounds, warmUp: WARM_UP_ROUNDS, cwd });
  report('1. @linecount/profiler/register with LINE_PROFILE unset', variants, times, rounds);
  const plain = median(times[0]);
  const extra = ((median(times[1]) - plain) / plain) * 100;
  const nodeOwn = ((median(times[2]) - plain) / plain) * 100;
  console.log(`\nNode's own cost of --import of a package (empty): ${nodeOwn.toFixed(1)}%; linecount's part: ${(extra - nodeOwn).toFixed(1)}%`);
  console.log(`extra start-up time of --import @linecount/profiler/register, profiling off: ${extra.toFixed(1)}% (budget ${PRELOAD_BUDGET}%) ${extra < PRELOAD_BUDGET ? 'OK' : 'OVER'}`);
}

function childProcesses(cwd, bin, rounds) {
  const variants = [
    { name: `node -e 0, started ${CHILDREN}× by a plain program`, args: ['spawn-children.cjs'] },
    { name: `node -e 0, started ${CHILDREN}× by a program under linecount -- node`, args: [bin, '-q', '--', process.execPath, 'spawn-children.cjs'] },
  ].map((variant) => ({ ...variant, stdout: '', reported: true }));
  const times = measure(variants, { rounds, warmUp: SLOW_WARM_UP_ROUNDS, cwd });
  report('2. start of a child process that profiles nothing (mean of one child)', variants, times, rounds);
  console.log(`\nchild process under linecount --: ${verdict(median(times[1]) / median(times[0]), CHILD_BUDGET)}`);
}

function childCpu(cwd, bin, rounds) {
  const variants = [
    { name: `node -e, started ${CHILDREN}× by a plain program`, args: ['spawn-children-cpu.cjs'] },
    { name: `the same, children preloading an empty file`, args: ['spawn-children-cpu.cjs', path.join(cwd, 'node_modules', 'empty-preload', 'index.cjs')] },
    { name: `node -e, started ${CHILDREN}× by a program under linecount -- node`, args: [bin, '-q', '--', process.execPath, 'spawn-children-cpu.cjs'] },
  ].map((variant) => ({ ...variant, stdout: '', reported: true }));
  const times = measure(variants, { rounds, warmUp: SLOW_WARM_UP_ROUNDS, cwd });
  report('2b. CPU time (user + system) of a child process that profiles nothing (mean of one child)', variants, times, rounds);
  console.log(`\nNode's own cost of a --require preload (empty file): ${verdict(median(times[1]) / median(times[0]), CHILD_BUDGET)}`);
  console.log(`child process under linecount --, CPU time: ${verdict(median(times[2]) / median(times[0]), CHILD_BUDGET)}`);
}

function typescriptScript(cwd, bin, rounds) {
  const variants = [
    { name: 'node --import tsx hello.ts', args: ['--import', 'tsx', 'hello.ts'] },
    { name: 'linecount -q hello.ts (warm cache)', args: [bin, '-q', 'hello.ts'] },
  ].map((variant) => ({ ...variant, stdout: 'hello ts\n' }));
  const times = measure(variants, { rounds, warmUp: SLOW_WARM_UP_ROUNDS, cwd });
  report('3. a TypeScript script with one profiled function', variants, times, rounds);
  console.log(`\nlinecount hello.ts: ${verdict(median(times[1]) / median(times[0]), TS_BUDGET)}`);
}

function typescriptScriptCpu(cwd, bin, rounds) {
  const variants = [
    { name: 'node --import tsx hello.ts', args: ['--import', 'tsx', 'hello.ts'] },
    { name: 'linecount -q hello.ts (warm cache; CLI + child)', args: [bin, '-q', 'hello.ts'] },
  ].map((variant) => ({ ...variant, stdout: 'hello ts\n', cpu: true }));
  const times = measure(variants, { rounds, warmUp: SLOW_WARM_UP_ROUNDS, cwd });
  report('3b. CPU time (user + system, all processes) of a TypeScript script with one profiled function', variants, times, rounds);
  console.log(`\nlinecount hello.ts, CPU time: ${verdict(median(times[1]) / median(times[0]), TS_BUDGET)}`);
}

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '60' },
    'child-rounds': { type: 'string', default: '10' },
    'ts-rounds': { type: 'string', default: '20' },
    cli: { type: 'string', default: fileURLToPath(new URL('../packages/cli', import.meta.url)) },
    parts: { type: 'string', default: '1,2,2b,3,3b' },
  },
});
const rounds = [values.rounds, values['child-rounds'], values['ts-rounds']].map(Number);
if (!rounds.every((n) => Number.isInteger(n) && n >= 3)) throw new Error('--rounds, --child-rounds and --ts-rounds need integers ≥ 3');
const cli = path.resolve(values.cli);
const bin = path.join(cli, 'bin', 'linecount.js');
const cwd = createProject(cli);
try {
  console.log(`\nlinecount start-up benchmark: ${cli}\nnode ${process.version}, ${process.platform} ${process.arch}`);
  const parts = new Set(values.parts.split(','));
  if (parts.has('1')) preloadsOff(cwd, rounds[0]);
  if (parts.has('2')) childProcesses(cwd, bin, rounds[1]);
  if (parts.has('2b')) childCpu(cwd, bin, rounds[1]);
  if (parts.has('3')) typescriptScript(cwd, bin, rounds[2]);
  if (parts.has('3b')) typescriptScriptCpu(cwd, bin, rounds[2]);
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
