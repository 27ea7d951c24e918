/**
 * Instrumentation throughput (issue #4), in MB/s of source, on one file of 1 MB or more
 * made of real code (copies of marked's CommonJS build, each wrapped in a function), in
 * this one process, medians over rounds:
 *  - cold: linecount's load-hook transform (`transformIfMarked` with every function
 *    profiled, as `-p` does) on a miss: Babel instrument + generate, then the cache write;
 *  - cached: the same call on a hit (hash of the source, one file read);
 *  - istanbul: istanbul-lib-instrument's `instrumentSync` on the same file.
 * `node bench/throughput.mjs [--rounds 5]`. A report, not a test: nothing is asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { transformIfMarked } from '../packages/cli/dist/node/hooks/load-transform.js';
import { createSettings } from '../packages/cli/dist/session/create-settings.js';

const require = createRequire(import.meta.url);
const { createInstrumenter } = require('istanbul-lib-instrument');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);

const marked = readFileSync(require.resolve('marked'), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
let source = '';
for (let copy = 0; source.length < 1_100_000; copy++) source += `function markedCopy${copy}(exports, module, require) {\n${marked}\n}\n`;
const megabytes = Buffer.byteLength(source) / 1e6;
const work = mkdtempSync(path.join(tmpdir(), 'linecount-bench-'));
const filename = path.join(work, 'big.cjs');
const settings = createSettings({ flags: { cache: false } });
const options = (cacheDir) => ({ settings: { ...settings, cacheDir }, targets: { files: [filename], dirs: [], modules: [] }, jsx: false });

function time(task) {
  const start = performance.now();
  const result = task();
  return [performance.now() - start, result];
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

// Warm up: load the transform bundle and istanbul, let V8 compile them.
transformIfMarked(marked, path.join(work, 'warm.cjs'), 'commonjs', { ...options(undefined), targets: { files: [path.join(work, 'warm.cjs')], dirs: [], modules: [] } });
createInstrumenter({ esModules: false }).instrumentSync(marked, path.join(work, 'warm.cjs'));

const cold = [];
const cached = [];
const istanbul = [];
for (let round = 0; round < rounds; round++) {
  const cacheDir = path.join(work, `cache-${round}`);
  const [coldMs, coldCode] = time(() => transformIfMarked(source, filename, 'commonjs', options(cacheDir)));
  const [cachedMs, cachedCode] = time(() => transformIfMarked(source, filename, 'commonjs', options(cacheDir)));
  if (coldCode !== cachedCode || !coldCode) throw new Error('the cached output differs from the cold one');
  const instrumenter = createInstrumenter({ esModules: false, produceSourceMap: true });
  const [istanbulMs] = time(() => instrumenter.instrumentSync(source, filename));
  cold.push(coldMs);
  cached.push(cachedMs);
  istanbul.push(istanbulMs);
}
rmSync(work, { recursive: true, force: true });

const rate = (ms) => (megabytes / (ms / 1000)).toFixed(1);
console.log(`instrumentation throughput, ${megabytes.toFixed(2)} MB file, Node ${process.version}, median of ${rounds}:`);
console.log(`  linecount cold     ${median(cold).toFixed(0).padStart(6)} ms  ${rate(median(cold)).padStart(7)} MB/s`);
console.log(`  linecount cached   ${median(cached).toFixed(0).padStart(6)} ms  ${rate(median(cached)).padStart(7)} MB/s`);
console.log(`  istanbul           ${median(istanbul).toFixed(0).padStart(6)} ms  ${rate(median(istanbul)).padStart(7)} MB/s`);
console.log(`  cold ÷ istanbul time ${(median(cold) / median(istanbul)).toFixed(2)}; cached speed-up over cold ${(median(cold) / median(cached)).toFixed(0)}x`);
