/**
 * `pnpm conformance <test262 checkout>`: runs test262's language, Annex B language and
 * function-related built-ins tests plain and instrumented (`instrument(code, { all: true })`,
 * harness included, each run in a fresh realm) in each mode of modes.ts, on a pool of
 * workers, and prints per directory and mode: passing plain, still passing, newly failing,
 * instrumenter throws.
 *
 * Options: `--filter TEXT` (repeatable: files whose path contains one of them),
 * `--modes exact,switchable-off`, `--list` (each failure with the first line of its
 * error), `--jobs N` (default: the number of cores), `--every N` (every Nth file of the
 * sorted list: a sample that is the same on every run).
 */
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { selectModes } from './modes.js';
import { runPool } from './pool.js';
import { addResult, createTally, formatTally } from './report.js';

/** The directories of test262 the run covers, those present in the checkout. */
const DIRECTORIES = [
  'test/language',
  'test/annexB/language',
  ...['Function', 'GeneratorPrototype', 'AsyncGeneratorPrototype', 'Promise', 'AsyncFunction', 'GeneratorFunction', 'AsyncGeneratorFunction'].map((name) => `test/built-ins/${name}`),
];

/** Test files under `dir` (relative to `root`), fixtures (imported by module tests) left out. */
function testFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js') && !name.includes('_FIXTURE'))
    .map((name) => path.join(dir, name));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      filter: { type: 'string', multiple: true },
      modes: { type: 'string' },
      list: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      every: { type: 'string', default: '1' },
    },
  });
  const root = positionals[0];
  if (!root || !existsSync(path.join(root, 'harness'))) {
    console.error('usage: pnpm conformance <test262 checkout> [--filter TEXT]… [--modes a,b] [--list] [--jobs N] [--every N]');
    process.exitCode = 2;
    return;
  }
  const modes = selectModes(values.modes).map((mode) => mode.name);
  const filters = values.filter ?? [];
  const files = DIRECTORIES.flatMap((dir) => testFiles(root, dir))
    .filter((file) => filters.length === 0 || filters.some((text) => file.includes(text)))
    .sort()
    .filter((_, i) => i % Number(values.every) === 0);
  const jobs = Number(values.jobs ?? os.availableParallelism());
  const tally = createTally();
  let done = 0;
  const started = Date.now();
  await runPool(files, jobs, { root: path.resolve(root), modes: modes.join(',') }, (result, timedOut) => {
    addResult(tally, result, modes, timedOut);
    if (++done % 1000 === 0) console.error(`${done}/${files.length} files, ${Math.round((Date.now() - started) / 1000)} s`);
  });
  console.log(`${files.length} files, ${Math.round((Date.now() - started) / 1000)} s\n`);
  console.log(formatTally(tally, modes, values.list));
}

await main();
