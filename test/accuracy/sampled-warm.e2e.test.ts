/**
 * Sampled mode's warm-up (packages/runtime/src/sampled-warm.ts, issue 14): the first sampled
 * file of a realm runs its S on slots of its own until V8 marks S's code for optimization,
 * so the program's sampled windows do not hold S's unoptimized work (which the calibrated
 * window cost does not cover), and leaves no count behind. V8 says when it marks a
 * function (`--trace-opt`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime, SAMPLED_CHAINS_START, SAMPLED_REALM_SLOTS } from '../../packages/runtime/src/index.js';

const RUNTIME = pathToFileURL(path.resolve('packages/runtime/dist/index.js')).href;

/** V8's trace of a process that registers a file of `sample` (undefined: exact mode), up to the registration. */
function traceUntilRegistered(sample: number | undefined): string {
  const script =
    `import { createRuntime } from ${JSON.stringify(RUNTIME)};\n` +
    `createRuntime().register({ file: 'a.js', functions: [['f', 1, 3, [2]]], sample: ${sample} });\n` +
    `console.log('REGISTERED');\n`;
  const child = spawnSync(process.execPath, ['--trace-opt', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.status).toBe(0);
  expect(child.stdout).toContain('REGISTERED');
  return child.stdout.slice(0, child.stdout.indexOf('REGISTERED'));
}

/**
 * Whether `trace` marks one of S's functions for optimization (which ones depends on the
 * order V8's background compilations finish in: one optimized with another inlined stops
 * counting the other's calls).
 */
const marksStep = (trace: string) => /marking .*<JSFunction (probe|close|charge|step|release|open|drawGap) /.test(trace);

describe('sampled mode', () => {
  it("has V8 optimize S's code before the first sampled file's functions run", () => {
    expect(marksStep(traceUntilRegistered(128))).toBe(true);
  });

  it('does not run the warm-up in exact mode', () => {
    expect(marksStep(traceUntilRegistered(undefined))).toBe(false);
  });

  it('leaves no count behind: the counters of the file are zeros, its lines never ran', () => {
    const runtime = createRuntime();
    const file = runtime.register({ file: 'a.js', functions: [['f', 1, 3, [2, 3]]], sample: 128 });
    const sampled = file.sampled!;
    const arrays = [file.hits, file.open, sampled.shift, sampled.time, sampled.excess, sampled.squares, sampled.onceSquares];
    arrays.push(sampled.counts, sampled.calls, sampled.samples, sampled.nested, sampled.nestedCounts, sampled.nestedCalls);
    for (const array of arrays) expect([...array].every((value) => value === 0)).toBe(true);
    expect(file.probes[0]).toBe(0);
    // Every chain holds its first gap (1 or more), none taken.
    expect(file.probes.slice(SAMPLED_CHAINS_START, SAMPLED_REALM_SLOTS).every((gap) => gap >= 1)).toBe(true);
  });
});
