/**
 * What one probe costs in V8's tiers (issue 7; not part of `pnpm bench`): the probe the
 * instrumenter emits, a call of the file's step function, against the same work written
 * inline at the probe (linecount's probe before issue 7) and a bare `performance.now()`,
 * each in a loop of 8 probes that V8 never optimizes (`%NeverOptimizeFunction`: Ignition
 * and Sparkplug, as a function runs before V8 optimizes it) and in the same loop
 * optimized. Figures: ns per probe, 20th percentile of 21 rounds of 40 000 probes.
 *
 * Usage: node bench/probe-tiers.mjs (it restarts itself with --allow-natives-syntax)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createProbeNames, createStep, probeCode } from '../packages/runtime/dist/probe.js';
import { formatTable } from './lib/format.mjs';
import { inlineProbe } from './lib/shapes.mjs';

const NATIVES = '--allow-natives-syntax';
const PROBES_PER_ITERATION = 8;
const ITERATIONS = 5000;
const ROUNDS = 21;
const WARM_UP_ROUNDS = 10;

const k = createProbeNames('p_');

/** @type {Record<string, (slot: string) => string>} */
const SHAPES = {
  'step (today)': (slot) => probeCode(k, '1', slot),
  'inline (before)': (slot) => inlineProbe(slot, k, 'p_n', 'clock'),
  'performance.now()': () => 'x += clock.now()',
};

if (!process.execArgv.includes(NATIVES)) {
  const child = spawnSync(process.execPath, [...process.execArgv, NATIVES, fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

/** Calls V8's `%Name(f)` (the syntax is only valid under --allow-natives-syntax). */
const natives = Object.fromEntries(
  ['NeverOptimizeFunction', 'PrepareFunctionForOptimization', 'OptimizeFunctionOnNextCall'].map((name) => [
    name,
    /** @type {(f: unknown) => void} */ (new Function('f', `%${name}(f)`)),
  ]),
);

/**
 * A loop of probes of `shape` with its own counters and step function.
 * @param {string} shape
 * @param {string} tier Makes each source unique: V8 caches `new Function` code by source.
 * @returns {(iterations: number) => number}
 */
function build(shape, tier) {
  const probes = Array.from({ length: PROBES_PER_ITERATION }, (_, i) => `${SHAPES[shape](String(1 + (i % 2)))};`);
  const source =
    `return function probes(iterations) { // ${shape}, ${tier}\n` +
    `var ${k.t} = clock.now(), ${k.l} = 1, ${k.k} = 0, p_n, x = 0; ` +
    `for (var i = 0; i < iterations; i++) { ${probes.join(' ')} } return x + ${k.t}; };`;
  const [hits, time, counts, reads] = [new Float64Array(3), new Float64Array(3), new Float64Array(3), new Float64Array(1)];
  const step = createStep(performance, hits, time, counts, reads, new Int32Array(2));
  return new Function(k.H, k.T, k.C, k.G, 'clock', k.S, source)(hits, time, counts, reads, performance, step);
}

/**
 * ns per probe of `shape` in `tier`.
 * @param {string} shape
 * @param {'unoptimized' | 'optimized'} tier
 */
function measure(shape, tier) {
  const loop = build(shape, tier);
  if (tier === 'unoptimized') natives.NeverOptimizeFunction(loop);
  else {
    natives.PrepareFunctionForOptimization(loop);
    loop(10);
    natives.OptimizeFunctionOnNextCall(loop);
  }
  const costs = [];
  for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
    const start = performance.now();
    loop(ITERATIONS);
    if (round >= WARM_UP_ROUNDS) costs.push(((performance.now() - start) * 1e6) / (ITERATIONS * PROBES_PER_ITERATION));
  }
  return costs.sort((a, b) => a - b)[Math.floor(0.2 * ROUNDS)];
}

const rows = Object.keys(SHAPES).map((shape) => {
  const [unoptimized, optimized] = [measure(shape, 'unoptimized'), measure(shape, 'optimized')];
  return [shape, unoptimized.toFixed(1), optimized.toFixed(1), `${(unoptimized / optimized).toFixed(2)}x`];
});
console.log(`cost of one probe in V8's tiers, ns; node ${process.version} (V8 ${process.versions.v8})\n`);
console.log(formatTable(['probe', 'unoptimized', 'optimized', 'ratio'], rows));
