import { rmSync } from 'node:fs';
import { installRuntime, type ResultsFile, type Runtime } from '@linecount/runtime';
import { LINE_PROFILE_FLAG } from '../../session/constants.js';
import { mergeSession } from '../../session/parts.js';
import { REGISTER_CJS_PATH } from '../../bundle-paths.js';
import { sessionTargets } from '../../session/prof-targets.js';
import { writeResultsFile } from '../../session/results-io.js';
import { createSession, sessionEnv, type Session } from '../../session/session.js';
import { complain } from '../../session/diagnostics.js';
import { settleChildProcesses, waitForChildProcessesSync } from './child-processes.js';
import { installHooks } from './install-hooks.js';
import { lineProfileResultsFile, writeLineProfileOutput, type LineProfileOutput } from './line-profile-output.js';
import { readOwnerSettings } from './owner-config.js';
import { onThreadEnd } from './process-end.js';
import { collectThreadResults, runtimeVersion } from './thread-results.js';
import { flushBeforeTerminate, flushWorkersSync } from './worker-flush.js';

/**
 * LINE_PROFILE mode in the main thread of the first process (SPEC §7): starts a
 * session that its worker threads and child processes join (through the environment
 * and NODE_OPTIONS), and at its exit adds up everyone's results and writes the files.
 * The configuration's `profMod`, `profImports` and cache settings travel in the session,
 * so that every process and thread instruments the same files the same way.
 * @param hooks Install the load hooks here and in the processes that join (`Session.hooks`).
 */
export function startOwnSession(hooks: boolean): void {
  const cwd = process.cwd();
  const settings = readOwnerSettings(cwd);
  // Without hooks (code a build plugin instrumented) the session instruments nothing: no targets, no output cache.
  const targets = hooks ? sessionTargets(settings, cwd, process.argv[1], 'profMod') : undefined;
  const session = createSession(hooks ? settings : { ...settings, cacheDir: undefined }, { ownerPid: process.pid, cwd, hooks, ...(targets && { targets }) });
  Object.assign(process.env, sessionEnv(session, process.env, REGISTER_CJS_PATH));
  removeLineProfileFlag(process.argv);
  const runtime = installRuntime();
  if (hooks) installHooks(session);
  const output: LineProfileOutput = { settings, cwd };
  const startedAt = new Date().toISOString();
  const collect = (): ResultsFile | undefined => collectSession(runtime, session, startedAt);
  onThreadEnd(() => finish(session, collect, output), () => settleChildProcesses(session.partsDir));
  flushBeforeTerminate(session.partsDir);
  if (settings.outputInterval > 0) {
    const [, file] = lineProfileResultsFile(output);
    const save = (): void => guard('cannot write intermediate results', () => {
      const results = collect();
      if (results) writeResultsFile(file, results);
    });
    setInterval(save, settings.outputInterval * 1000).unref();
  }
}

/** The program should not see the switch meant for us (SPEC §7); every copy is removed. */
function removeLineProfileFlag(argv: string[]): void {
  for (let i = argv.length - 1; i >= 2; i--) if (argv[i] === LINE_PROFILE_FLAG) argv.splice(i, 1);
}

/** This thread's results and every part written so far, added up. */
function collectSession(runtime: Runtime, session: Session, startedAt: string): ResultsFile | undefined {
  const own = collectThreadResults(runtime, session);
  return mergeSession(session.partsDir, own, () => ({ argv: [...process.argv], cwd: session.cwd, node: runtimeVersion(), startedAt, pid: process.pid }));
}

/**
 * At exit: lets this process's workers save, waits a little for child processes still
 * running, writes the files and removes the parts directory.
 */
function finish(session: Session, collect: () => ResultsFile | undefined, output: LineProfileOutput): void {
  guard('cannot write the results', () => {
    flushWorkersSync(session.partsDir);
    waitForChildProcessesSync(session.partsDir);
    writeLineProfileOutput(collect(), output);
  });
  rmSync(session.partsDir, { recursive: true, force: true });
}

/** Runs `task`; a failure is reported, never thrown: profiling must not change how the program ends (SPEC §9). */
function guard(what: string, task: () => void): void {
  try {
    task();
  } catch (error) {
    complain(`${what}: ${(error as Error).message}`);
  }
}
