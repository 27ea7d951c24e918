/**
 * Real ES modules in a child Node process (the vm harness runs CommonJS): a marked
 * function called through an import cycle before its module has evaluated must work
 * and count (SPEC §9: nothing the profiler does may change what the program does).
 * Uses the built runtime (packages/runtime/dist), like the CLI tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { instrument } from '../../packages/instrumenter/src/index.js';
import { src } from '../helpers/run-instrumented.js';

const RUNTIME_URL = pathToFileURL(path.resolve(import.meta.dirname, '../../packages/runtime/dist/index.js')).href;
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (instrumenting those in `instrumented`), imports `entry` and returns what it printed. */
function runModules(files: Record<string, string>, instrumented: string[], entry: string): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), 'linecount-modules-'));
  dirs.push(dir);
  for (const [name, code] of Object.entries(files)) {
    const filename = path.join(dir, name);
    writeFileSync(filename, instrumented.includes(name) ? instrument(code, { filename }).code : code);
  }
  writeFileSync(
    path.join(dir, 'runner.mjs'),
    src`
      import { collectResults, createRuntime } from '${RUNTIME_URL}';
      const runtime = (globalThis.__linecount__ = createRuntime());
      const { result } = await import('./${entry}');
      const meta = { argv: [], cwd: '/', node: '', startedAt: '', pid: 0 };
      const hits = Object.fromEntries(collectResults(runtime, { meta, probeCostNs: 0 }).functions
        .map((fn) => [fn.name, Object.fromEntries(fn.lines.map(([line, count]) => [line, count]))]));
      console.log(JSON.stringify({ result, hits, registered: runtime.files.length }));
    `,
  );
  return JSON.parse(execFileSync(process.execPath, [path.join(dir, 'runner.mjs')], { encoding: 'utf8' }));
}

describe('ES modules', () => {
  it('an import cycle calls marked functions before their module has evaluated', () => {
    const files = {
      'a.mjs': src`
        import { early } from './b.mjs';
        // @profile
        export function double(x) {
          return x * 2;
        }
        export default function outer(x) {
          // @profile
          function inner(y) {
            return y + 1;
          }
          return inner(x);
        }
        export const result = [early, double(1)];
      `,
      'b.mjs': src`
        import outer, { double } from './a.mjs';
        export const early = [double(21), outer(1)];
      `,
    };
    const original = runModules(files, [], 'a.mjs');
    const instrumented = runModules(files, ['a.mjs'], 'a.mjs');
    expect(original).toEqual({ result: [[42, 2], 2], hits: {}, registered: 0 });
    expect(instrumented).toEqual({ result: [[42, 2], 2], hits: { double: { 4: 2 }, inner: { 9: 1 } }, registered: 1 });
  });
});
