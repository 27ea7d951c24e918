/**
 * Fixture programs (STYLE.md: "Fixtures in folders"): each folder of
 * test/fixtures/instrumenter holds `input.{js,ts,…}` and `expected.json` with the value
 * the program exports as `result`, the exact hits per function written by hand, and
 * optional `instrument()` options. The program runs both ways and must agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBothWays, type LineHits, type RunOptions } from '../helpers/run-instrumented.js';

interface Expected {
  value: unknown;
  hits: Record<string, LineHits>;
  options?: Pick<RunOptions, 'awaitTime' | 'all'>;
}

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/instrumenter');

/** Plain instrumenting (the CLI), and the build plugins' switchable code with profiling on and off. */
const MODES = [
  { mode: 'instrumented', switchable: false, runtime: true },
  { mode: 'switchable, profiling on', switchable: true, runtime: true },
  { mode: 'switchable, profiling off', switchable: true, runtime: false },
];

describe.each(MODES)('fixture programs, $mode', ({ switchable, runtime }) => {
  for (const name of readdirSync(FIXTURES)) {
    it(name, async () => {
      const dir = path.join(FIXTURES, name);
      const input = readdirSync(dir).find((file) => file.startsWith('input.'))!;
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
      const run = await runBothWays(readFileSync(path.join(dir, input), 'utf8'), {
        ...expected.options,
        filename: path.join(dir, input),
        switchable,
        runtime,
      });
      expect(run.original).toEqual({ threw: false, value: expected.value });
      expect(run.instrumented).toEqual(run.original);
      expect(run.hits).toEqual(runtime ? expected.hits : {});
    });
  }
});
