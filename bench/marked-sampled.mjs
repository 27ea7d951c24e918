/**
 * Sampled mode's end-to-end figure (issue 14): `linecount -p marked` rendering this
 * repository's README and docs (the program of test/cli/prof-mod-package.e2e.test.ts),
 * whole-process time with `--sample` against the same run in exact mode. Runs alternate
 * (exact, sampled, exact, …) after a warm-up that fills the transform cache; the figure
 * is the ratio of the medians (issue 14's budget: {@link BUDGET}). Two floors run beside
 * them: plain `node`, and `linecount` profiling nothing (no `-p`; the same command, hooks and
 * transform-cache lookups, marked's files scanned but not instrumented), which no profiling
 * mode can beat: the floor's ratio to exact mode is the least the sampled ratio can be.
 * A report, not a test: always exits 0 when the runs succeeded.
 *
 * Usage: node bench/marked-sampled.mjs [--rounds 10] [--sample K] [--repeat N]
 * (`--repeat`: the program renders the documents N times, for a longer run than one render)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { integerOption } from './lib/child.mjs';
import { formatTable } from './lib/format.mjs';
import { median } from './lib/timing.mjs';

/** Budget of sampled / exact whole-process time (issue 14). */
const BUDGET = 0.5;
const WARM_UP_ROUNDS = 2;
/** What `linecount` prints when no function was profiled (the floor's run). */
const NOTHING_PROFILED = 'linecount: no functions were profiled (add // @profile or use -p)\n';
const REPO = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = path.join(REPO, 'packages/cli/bin/linecount.js');
const DOCUMENTS = ['README.md', 'docs/lcprof-format.md', 'docs/accuracy.md'];

/**
 * The render program of the end-to-end test, rendering `repeat` times.
 * @param {number} repeat
 */
function renderProgram(repeat) {
  return `import { readFileSync } from 'node:fs';
import { marked } from 'marked';
const doc = readFileSync(new URL('./doc.md', import.meta.url), 'utf8');
let html = '';
for (let i = 0; i < ${repeat}; i++) html = marked.parse(doc);
process.stdout.write(html);
`;
}

/**
 * A temporary project with marked installed (linked) and the program.
 * @param {number} repeat
 */
function createProject(repeat) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'linecount-marked-'));
  writeFileSync(path.join(cwd, 'render.mjs'), renderProgram(repeat));
  writeFileSync(path.join(cwd, 'doc.md'), DOCUMENTS.map((name) => readFileSync(path.join(REPO, name), 'utf8')).join('\n'));
  mkdirSync(path.join(cwd, 'node_modules'));
  symlinkSync(path.join(REPO, 'node_modules/marked'), path.join(cwd, 'node_modules/marked'), 'dir');
  return cwd;
}

/**
 * One whole-process run of `variant`, in ms.
 * @param {string} cwd
 * @param {{ name: string, command: string[], stderr: string }} variant
 */
function timeRun(cwd, variant) {
  const start = performance.now();
  const child = spawnSync(process.execPath, variant.command, { cwd, encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (child.status !== 0 || child.stderr !== variant.stderr) throw new Error(`${variant.name} failed: ${child.stderr}`);
  return elapsed;
}

/**
 * A variant run by `linecount` with `args` before the script, printing `stderr`.
 * @param {string} name
 * @param {string[]} args
 * @param {string} [stderr]
 */
function linecountVariant(name, args, stderr = '') {
  return { name, command: [BIN, '-q', '-o', 'out.lcprof', ...args, 'render.mjs'], stderr, times: [] };
}

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '10' }, sample: { type: 'string' }, repeat: { type: 'string', default: '1' } },
});
const rounds = integerOption('rounds', values.rounds, 1);
const repeat = integerOption('repeat', values.repeat, 1);
const sampleArgs = values.sample === undefined ? ['--sample'] : ['--sample', String(integerOption('sample', values.sample, 1))];
const variants = [
  linecountVariant('exact', ['-p', 'marked']),
  linecountVariant(`sampled (${sampleArgs.join(' ')})`, ['-p', 'marked', ...sampleArgs]),
  linecountVariant('floor: linecount profiling nothing', [], NOTHING_PROFILED),
  { name: 'plain node', command: ['render.mjs'], stderr: '', times: [] },
];
const cwd = createProject(repeat);
try {
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    for (const variant of round % 2 ? [...variants].reverse() : variants) {
      const time = timeRun(cwd, variant);
      if (round >= WARM_UP_ROUNDS) variant.times.push(time);
    }
  }
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
const [exact, sampled, floor] = variants.map((variant) => median(variant.times));
console.log(`linecount -p marked rendering ${DOCUMENTS.join(', ')} ${repeat} time(s); ${rounds} alternating rounds, medians`);
console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}\n`);
console.log(formatTable(['mode', 'median', 'runs'], variants.map((v) => [v.name, `${median(v.times).toFixed(0)} ms`, v.times.map((t) => t.toFixed(0)).join(' ')])));
const ratio = sampled / exact;
console.log(`\nsampled / exact whole-process time: ${ratio.toFixed(2)} (budget ${BUDGET}) ${ratio <= BUDGET ? 'OK' : 'OVER'}`);
console.log(`floor (profiling nothing) / exact: ${(floor / exact).toFixed(2)}: no profiling mode can go below it`);
