import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { collectResults, installRuntime, measureProbeCost, type ResultsFile, type Runtime } from '@linecount/runtime';
import { readChildOptions, type ChildOptions } from './child-options.js';
import { EVAL_NAME, OWNER_PID_ENV } from './constants.js';
import { installCjsHook } from './hooks/cjs-hook.js';
import { createSyncLoad, type LoadHookSync } from './hooks/sync-hooks.js';
import type { TransformOptions } from './hooks/transform.js';
import { writeResultsFile } from './results-io.js';

/**
 * Entry of a profiled process (`node --import linecount/dist/register.js`): installs the
 * runtime, tsx and the instrumenting hooks, and writes the results however the process
 * ends (SPEC §4).
 */
const options = readChildOptions();
if (options) await setUp(options);

async function setUp(child: ChildOptions): Promise<void> {
  const startedAt = new Date().toISOString();
  const cwd = process.cwd();
  const runtime = installRuntime();
  await installHooks({ awaitTime: child.awaitTime });

  const owner = isMainThread && (process.env[OWNER_PID_ENV] ?? String(process.pid)) === String(process.pid);
  if (!owner) return;
  process.env[OWNER_PID_ENV] = String(process.pid);
  let written = false;
  const write = (): void => {
    if (written || runtime.files.length === 0) return;
    written = true;
    try {
      writeResultsFile(child.outfile, renameEval(child, collect(child, runtime, { startedAt, cwd })));
    } catch (error) {
      // Never change how the program ends (SPEC §9): report and go on.
      process.stderr.write(`linecount: cannot write ${child.outfile}: ${(error as Error).message}\n`);
    }
  };
  process.on('exit', write);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      // The program's own handlers decide what a signal does; alone, we keep Node's default.
      if (process.listenerCount(signal) > 1) return;
      write();
      process.off(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/**
 * tsx first, then ours, so that ours run first and tsx compiles what we leave alone.
 * `module.registerHooks` where Node has it (≥ 22.15), else `module.register`; and a
 * `Module._extensions` hook for `require`. Instrumenting twice is a no-op.
 */
async function installHooks(options: TransformOptions): Promise<void> {
  (await import('tsx/esm/api')).register();
  (await import('tsx/cjs/api')).register();
  const { registerHooks } = Module as { registerHooks?: (hooks: { load: LoadHookSync }) => unknown };
  if (typeof registerHooks === 'function') registerHooks({ load: createSyncLoad(options) });
  else Module.register(new URL('./hooks/esm-hooks.js', import.meta.url), { data: options });
  // tsx's require hook reads files itself, past the load hooks: wrap it too.
  installCjsHook(options);
}

function collect(child: ChildOptions, runtime: Runtime, start: { startedAt: string; cwd: string }): ResultsFile {
  return collectResults(runtime, {
    probeCostNs: measureProbeCost(),
    compensate: child.compensate,
    meta: { argv: child.argv, cwd: start.cwd, node: process.version, startedAt: start.startedAt, pid: process.pid },
  });
}

/** `-e` code lives in a temporary file: report it as `[eval]` and keep its text. */
function renameEval(child: ChildOptions, results: ResultsFile): ResultsFile {
  const { evalFile } = child;
  if (!evalFile) return results;
  const rename = (file: string): string => (file === evalFile ? EVAL_NAME : file);
  return {
    ...results,
    functions: results.functions.map((fn) => ({ ...fn, file: rename(fn.file) })),
    sources: { [EVAL_NAME]: readFileSync(evalFile, 'utf8') },
  };
}
