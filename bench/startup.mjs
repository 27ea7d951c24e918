/**
 * `pnpm bench` (second part): the start-up cost of `linecount/register` when profiling
 * is off (SPEC §7: "otherwise it does nothing at all"). A hello-world is started as
 * plain `node hello.js`, with `--import linecount/register` and `--require
 * linecount/register` (LINE_PROFILE unset), and with an installed package of empty
 * modules preloaded the same two ways: what Node itself charges for a preload (for an
 * `--import`, Node 20 and 22 start the ES module loader). The variants run in rotating order
 * over many rounds after a warm-up; the figures are median wall times, relative to plain
 * `node`. Budget: `--import linecount/register` under {@link BUDGET} % more than plain
 * `node`. Always exits 0 when the measurements ran: it is a report.
 *
 * Usage: node bench/startup.mjs [--rounds N]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable, formatTime } from './lib/format.mjs';

/** Budget of the extra start-up time with profiling off, in percent of plain `node`. */
const BUDGET = 5;
const WARM_UP_ROUNDS = 5;
const CLI_PACKAGE = fileURLToPath(new URL('../packages/cli', import.meta.url));

/** A temporary project with hello.js and `linecount` installed (a link to the workspace package). */
function createProject() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linecount-startup-'));
  writeFileSync(path.join(dir, 'hello.js'), "console.log('hello');\n");
  // An installed package with empty entries: what any `--import <package>` costs.
  const empty = path.join(dir, 'node_modules', 'empty-preload');
  mkdirSync(empty, { recursive: true });
  writeFileSync(path.join(empty, 'package.json'), JSON.stringify({ name: 'empty-preload', exports: { import: './index.mjs', require: './index.cjs' } }));
  writeFileSync(path.join(empty, 'index.mjs'), '');
  writeFileSync(path.join(empty, 'index.cjs'), '');
  symlinkSync(CLI_PACKAGE, path.join(dir, 'node_modules', 'linecount'), 'dir');
  return dir;
}

/** Variants timed: name and node arguments. */
const VARIANTS = [
  ['node hello.js', ['hello.js']],
  ['node --import linecount/register hello.js', ['--import', 'linecount/register', 'hello.js']],
  ['node --import empty-preload hello.js', ['--import', 'empty-preload', 'hello.js']],
  ['node --require linecount/register hello.js', ['--require', 'linecount/register', 'hello.js']],
  ['node --require empty-preload hello.js', ['--require', 'empty-preload', 'hello.js']],
];
/** Index of the budgeted variant in {@link VARIANTS}. */
const BUDGETED = 1;

/**
 * Wall time of one start, in ns.
 * @param {string[]} args
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 */
function timeOnce(args, cwd, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - start);
  if (result.status !== 0 || result.stdout.toString() !== 'hello\n' || result.stderr.length > 0) {
    throw new Error(`${args.join(' ')} failed or printed something else: ${result.stdout}${result.stderr}`);
  }
  return elapsed;
}

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
 * Times every variant `rounds` times, rotating which goes first in each round.
 * @param {number} rounds
 * @param {string} cwd
 */
function measure(rounds, cwd) {
  const env = { ...process.env };
  for (const name of ['LINE_PROFILE', 'LINECOUNT_SESSION', 'NODE_OPTIONS']) delete env[name];
  const times = VARIANTS.map(() => []);
  for (let round = -WARM_UP_ROUNDS; round < rounds; round++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const index = (Math.abs(round) + k) % VARIANTS.length;
      const elapsed = timeOnce(VARIANTS[index][1], cwd, env);
      if (round >= 0) times[index].push(elapsed);
    }
  }
  return times;
}

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '60' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 5) throw new Error(`--rounds needs an integer ≥ 5, got ${values.rounds}`);
const cwd = createProject();
try {
  const times = measure(rounds, cwd);
  const plain = median(times[0]);
  console.log('\nlinecount start-up benchmark: linecount/register with LINE_PROFILE unset');
  console.log(`node ${process.version}, ${process.platform} ${process.arch}; ${rounds} alternating rounds after ${WARM_UP_ROUNDS} warm-up; medians\n`);
  const rows = VARIANTS.map(([name], i) => {
    const m = median(times[i]);
    const extra = i === 0 ? '' : `${(((m - plain) / plain) * 100).toFixed(1)}%`;
    return [name, formatTime(m), extra, formatTime(interquartileRange(times[i]))];
  });
  console.log(formatTable(['command', 'median', 'extra', 'IQR'], rows));
  const extra = ((median(times[BUDGETED]) - plain) / plain) * 100;
  const nodeOwn = ((median(times[2]) - plain) / plain) * 100;
  console.log(`\nNode's own cost of --import of a package (empty): ${nodeOwn.toFixed(1)}%; linecount's part: ${(extra - nodeOwn).toFixed(1)}%`);
  console.log(`extra start-up time of --import linecount/register, profiling off: ${extra.toFixed(1)}% (budget ${BUDGET}%) ${extra < BUDGET ? 'OK' : 'OVER'}`);
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
