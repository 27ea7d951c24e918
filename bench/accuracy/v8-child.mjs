/**
 * Child process of `pnpm bench:accuracy`, started under `node --cpu-prof`: runs one
 * scenario of workloads.mjs as written (not instrumented) so that V8's sampler profiles
 * it, and writes the scenario's truth as JSON to stdout.
 *
 * Usage: node --cpu-prof … bench/accuracy/v8-child.mjs <scenario> [--no-await-time]
 */
import { parseArgs } from 'node:util';
import { scenarios } from './workloads.mjs';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'no-await-time': { type: 'boolean' } } });
const [name] = positionals;
const scenario = scenarios[name];
if (!scenario) throw new Error(`unknown scenario ${name}; one of ${Object.keys(scenarios).join(', ')}`);
await scenario.run();
process.stdout.write(JSON.stringify({ truth: scenario.truth({ awaitTime: !values['no-await-time'] }) }));
