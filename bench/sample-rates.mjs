/**
 * Sampled mode's rate K by measurement (issue 14; a report, not a test): in ONE process per
 * workload, a plain twin, a sampled twin for each K and a `performance.now()` loop are
 * timed interleaved, so every figure is a ratio between subjects that shared the machine's
 * state. K = 1e9 (nothing sampled after the first hits) is the counting probes' own cost;
 * the rest of each K's overhead is its timed windows (two clock reads and two step calls
 * per sample), which falls as 1/K while the relative standard error of a line's estimate
 * grows as √K (see docs/accuracy.md). Figures: medians of the rounds, and their 10 %
 * quantile (`low`), which preemption by other processes disturbs least.
 *
 * Usage: node bench/sample-rates.mjs [--rates 32,64,128,256] [--rounds 21] [--workload NAME]…
 */
import { parseArgs } from 'node:util';
import { integerOption } from './lib/child.mjs';
import { formatTable } from './lib/format.mjs';
import { createNowSubject, timeInterleaved } from './lib/timing.mjs';
import { countLinesPerCall, loadTwins, workloadFile } from './lib/twins.mjs';

/** A rate so large that only the exact phase is timed: the counting probes alone. */
const COUNT_ONLY = 1e9;

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '32,64,128,256' },
    rounds: { type: 'string', default: '21' },
    workload: { type: 'string', multiple: true, default: ['lines', 'numeric', 'strings'] },
  },
});
const rounds = integerOption('rounds', values.rounds, 3);
const rates = [...values.rates.split(',').map((rate) => integerOption('rates', rate, 1)), COUNT_ONLY];

for (const name of values.workload) {
  const file = workloadFile(name);
  const plain = await loadTwins(file);
  const sampled = await Promise.all(rates.map((sample) => loadTwins(file, { sample })));
  const expected = plain.plain.drive(1);
  sampled.forEach((twins) => {
    if (twins.profiled.drive(1) !== expected) throw new Error(`${name}: a sampled twin returned another result`);
  });
  const lines = countLinesPerCall(sampled[0]);
  const now = createNowSubject();
  const subjects = [
    { name: 'plain', drive: plain.plain.drive },
    ...sampled.map((twins, i) => ({ name: `K=${rates[i]}`, drive: twins.profiled.drive })),
    now,
  ];
  const timings = timeInterleaved(subjects, { rounds });
  const base = timings.get('plain');
  const clock = timings.get(now.name);
  const rows = rates.map((rate) => {
    const t = timings.get(`K=${rate}`);
    const ratio = (pick) => ((pick(t) - pick(base)) / lines / pick(clock)).toFixed(3);
    return [
      rate === COUNT_ONLY ? 'count only' : String(rate),
      `${(t.median / base.median).toFixed(1)}x`,
      `${(t.low / base.low).toFixed(1)}x`,
      ratio((x) => x.median),
      ratio((x) => x.low),
      `${(t.spread * 100).toFixed(0)}%`,
    ];
  });
  console.log(`${name}: ${lines} lines/call; performance.now() ${clock.median.toFixed(1)} ns (low ${clock.low.toFixed(1)} ns)`);
  console.log(formatTable(['K', 'slowdown', 'low', 'overhead/line ÷ now()', 'low', 'noise'], rows));
  console.log('');
}
