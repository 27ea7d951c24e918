/**
 * Rendering alone, without start-up (issue 14's `-p marked` figure, taken apart): CPU time
 * of `marked.parse` of this repository's README and docs in fresh processes, marked's
 * CommonJS build run as is, instrumented in exact mode and in sampled mode (every function
 * profiled, as `-p marked` does), and, to see the floor of the sampled probe, sampled with a
 * rate so low that nothing is sampled after the first hits. Variants alternate; figures are
 * medians and their ratio to exact mode. A report, not a test.
 *
 * Usage: node bench/marked-render.mjs [--rounds 5] [--repeat 1] [--sample K]
 * (`--repeat`: renders per process; 1 is a cold render, mostly lines in their first hits)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { integerOption, runChild } from './lib/child.mjs';
import { formatTable } from './lib/format.mjs';
import { median } from './lib/timing.mjs';

const REPO = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const MARKED = path.join(REPO, 'node_modules/marked/lib/marked.cjs');
const DOCUMENTS = ['README.md', 'docs/lcprof-format.md', 'docs/accuracy.md'];

/** A rate no run reaches: only the first hits of each line are timed. */
const NEVER = 2 ** 30;

/**
 * Child: instruments marked as `mode` says (`plain`, `exact` or a rate), renders `repeat`
 * times and writes the CPU time of the renders, ms.
 * @param {string} mode
 * @param {number} repeat
 */
async function child(mode, repeat) {
  const require = createRequire(import.meta.url);
  const doc = DOCUMENTS.map((name) => readFileSync(path.join(REPO, name), 'utf8')).join('\n');
  let file = MARKED;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linecount-marked-render-'));
  try {
    if (mode !== 'plain') {
      const { instrument } = await import('../packages/instrumenter/dist/index.js');
      const { installRuntime } = await import('../packages/runtime/dist/index.js');
      const sample = mode === 'exact' ? undefined : Number(mode);
      file = path.join(dir, 'marked.cjs');
      writeFileSync(file, instrument(readFileSync(MARKED, 'utf8'), { filename: MARKED, all: true, sample }).code);
      installRuntime();
    }
    const { marked } = require(file);
    const before = process.cpuUsage();
    for (let i = 0; i < repeat; i++) marked.parse(doc);
    const used = process.cpuUsage(before);
    process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    repeat: { type: 'string', default: '1' },
    sample: { type: 'string', default: '128' },
    child: { type: 'string' },
  },
});
const repeat = integerOption('repeat', values.repeat, 1);
if (values.child !== undefined) {
  await child(values.child, repeat);
} else {
  const rounds = integerOption('rounds', values.rounds, 1);
  const rate = integerOption('sample', values.sample, 1);
  const variants = [
    { name: 'plain', mode: 'plain', times: [] },
    { name: 'exact', mode: 'exact', times: [] },
    { name: `sampled (--sample ${rate})`, mode: String(rate), times: [] },
    { name: 'sampled, first hits only', mode: String(NEVER), times: [] },
  ];
  for (let round = 0; round < rounds; round++) {
    for (const variant of round % 2 ? [...variants].reverse() : variants) {
      variant.times.push(runChild(import.meta.url, ['--child', variant.mode, '--repeat', String(repeat)]).cpuMs);
    }
  }
  const exact = median(variants[1].times);
  console.log(`marked.parse of ${DOCUMENTS.join(', ')} ${repeat} time(s) per process; ${rounds} alternating rounds, CPU time, medians`);
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}\n`);
  const rows = variants.map((v) => [v.name, `${median(v.times).toFixed(0)} ms`, (median(v.times) / exact).toFixed(2), v.times.map((t) => t.toFixed(0)).join(' ')]);
  console.log(formatTable(['variant', 'median', '÷ exact', 'runs'], rows));
}
