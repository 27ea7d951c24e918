/**
 * `pnpm bench`, fourth part: the speed of code built with a linecount bundler plugin when
 * profiling is off (SPEC §3 "off means off": one flag check per call of a profiled
 * function; issue #5's goal: at least 0.95 of an uninstrumented build's speed).
 *
 * Each workload is bundled twice by esbuild from the same sources, with `@linecount/profiler/esbuild`
 * and without: the four of bench/workloads (their `// @profile` functions), and marked
 * rendering this repository's README with every function of marked profiled (`all: true`).
 * In each of several fresh processes, with LINE_PROFILE unset,
 * both bundles are imported and timed interleaved (lib/timing.mjs); the figure is the
 * plain bundle's time over the plugin's, i.e. the plugin's relative speed, median over
 * the processes. Always exits 0 when the measurements ran: it is a report.
 *
 * Usage: node bench/plugin-off.mjs [--processes 3] [--rounds 15]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import linecount from '@linecount/profiler/esbuild';
import { integerOption, runChild } from './lib/child.mjs';
import { formatTable, formatTime } from './lib/format.mjs';
import { median, timeInterleaved } from './lib/timing.mjs';
import { workloadFile } from './lib/twins.mjs';

const GOAL = 0.95;
const REPO = fileURLToPath(new URL('..', import.meta.url));

/** marked rendering README.md: what `drive(reps)` does `reps` times. */
const MARKED_ENTRY = `import { marked } from 'marked';
const text = ${JSON.stringify(readFileSync(path.join(REPO, 'README.md'), 'utf8'))};
export function drive(reps) {
  let length = 0;
  for (let i = 0; i < reps; i++) length += marked.parse(text).length;
  return length;
}
`;

/** Workloads: name, esbuild entry options, and the plugin's options. */
const WORKLOADS = [
  ...['lines', 'numeric', 'recursive', 'strings'].map((name) => [name, { entryPoints: [workloadFile(name)] }, {}]),
  [
    'marked (all: true)',
    { stdin: { contents: MARKED_ENTRY, resolveDir: REPO, sourcefile: 'marked-entry.mjs' } },
    { all: true, include: /[\\/]marked[\\/].*\.js$/, exclude: [] },
  ],
];

/**
 * Bundles one workload, with the plugin unless `pluginOptions` is undefined.
 * @returns {Promise<string>} The bundle's path.
 */
async function bundle(entry, outfile, pluginOptions) {
  await build({
    ...entry,
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    plugins: pluginOptions ? [linecount(pluginOptions)] : [],
  });
  return outfile;
}

/** In a child process: times the two bundles interleaved and prints their medians as JSON. */
async function child(plainFile, pluginFile, rounds) {
  const [plain, plugin] = await Promise.all([import(pathToFileURL(plainFile).href), import(pathToFileURL(pluginFile).href)]);
  if (plain.drive(1) !== plugin.drive(1)) throw new Error('the two bundles compute different results');
  const timings = timeInterleaved(
    [
      { name: 'plain', drive: plain.drive },
      { name: 'plugin', drive: plugin.drive },
    ],
    { rounds },
  );
  process.stdout.write(JSON.stringify({ plain: timings.get('plain').median, plugin: timings.get('plugin').median }));
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { child: { type: 'boolean' }, processes: { type: 'string', default: '3' }, rounds: { type: 'string', default: '15' } },
  });
  const rounds = integerOption('rounds', values.rounds, 3);
  if (values.child) return child(positionals[0], positionals[1], rounds);
  const processes = integerOption('processes', values.processes, 1);
  if (process.env.LINE_PROFILE) throw new Error('unset LINE_PROFILE: this measures built code with profiling off');
  const work = mkdtempSync(path.join(os.tmpdir(), 'linecount-plugin-off-'));
  const rows = [];
  try {
    for (const [index, [name, entry, pluginOptions]] of WORKLOADS.entries()) {
      const plainFile = await bundle(entry, path.join(work, `${index}-plain.mjs`));
      const pluginFile = await bundle(entry, path.join(work, `${index}-plugin.mjs`), pluginOptions);
      const runs = Array.from({ length: processes }, () => runChild(import.meta.url, ['--child', plainFile, pluginFile, '--rounds', `${rounds}`]));
      const speed = runs.map((run) => run.plain / run.plugin);
      rows.push([
        name,
        formatTime(median(runs.map((run) => run.plain))),
        formatTime(median(runs.map((run) => run.plugin))),
        median(speed).toFixed(3),
        speed.map((s) => s.toFixed(3)).join(' '),
      ]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`Built with @linecount/profiler/esbuild, LINE_PROFILE unset, vs plain esbuild (Node ${process.version}, ${processes} processes × ${rounds} rounds)`);
  console.log(formatTable(['workload', 'plain', 'plugin, off', `speed (goal ≥ ${GOAL})`, 'per process'], rows));
}

await main();
