import { existsSync } from 'node:fs';
import { currentThread, isMainThread } from './thread.js';
import type { Runtime } from '@linecount/runtime';
import { markDone, markLive, writePart, type ThreadId } from '../../session/parts.js';
import type { Session } from '../../session/session.js';
import { warn } from '../../session/diagnostics.js';
import { installHooks } from './install-hooks.js';
import { installRuntimeOnFirstUse } from './lazy-runtime.js';
import { onSignals, onThreadExit } from './process-end.js';
import { collectThreadResults } from './thread-results.js';
import { flushBeforeTerminate, flushWorkersSync, saveOnRequest } from './worker-flush.js';

/** A thread that joins its session later than its start (join-on-demand.ts). */
export interface JoinOptions {
  /** The main thread started a worker already: it is flushed at the end without waiting for Node's `worker` event. */
  workerStarted?: boolean;
  /** When the thread would have joined (ms since the epoch), which names its part. */
  startedAt?: number;
}

/**
 * Profiles this thread as one part of `session` (any thread but the LINE_PROFILE
 * owner's main thread): instruments, and writes this thread's results to the parts
 * directory at every `-i` interval, when asked before a termination, and at its end.
 * The thread counts as live (the merger waits for it) from its first instrumented file
 * on: one that instruments nothing writes nothing (issue #12).
 * @param hooks Install the load hooks, unless the session says not to (see `Session.hooks`).
 * @param options A thread that joins late (see join-on-demand.ts).
 */
export function joinSession(session: Session, hooks: boolean, { workerStarted = false, startedAt }: JoinOptions = {}): void {
  const dir = session.partsDir;
  // The session is over (a process outliving the run that started it): run unprofiled.
  if (!existsSync(dir)) return;
  const thread = currentThread(startedAt);
  let end = (): void => undefined;
  let armed = false;
  const armSignals = (): void => {
    // `end` is set below, before a signal can be handled (between tasks).
    if (!armed && isMainThread) onSignals(() => end());
    armed = true;
  };
  const runtime = installRuntimeOnFirstUse(() => {
    attempt(() => markLive(dir, thread), 'not merged');
    armSignals();
  });
  if (hooks && session.hooks) installHooks(session);
  const save = createSaver(session, runtime, thread);
  // Workers of this process to flush at its end: none before its first (issue #12).
  let workers = false;
  const finish = (): void => {
    if (isMainThread && workers) flushWorkersSync(dir);
    if (!runtime()) return;
    save();
    markDone(dir, thread);
  };
  end = onThreadExit(finish);
  armSignalsWhenNeeded(() => {
    workers = true;
    armSignals();
  }, workerStarted);
  if (!isMainThread) saveOnRequest(finish);
  flushBeforeTerminate(dir, workerStarted);
  if (session.settings.outputInterval > 0) setInterval(save, session.settings.outputInterval * 1000).unref();
}

/**
 * Calls `arm` at the main thread's first worker, whose results it flushes at its end (and
 * at a signal, see joinSession: before that a signal finds nothing to save, and Node's
 * own handling, which ours ends with, is the same; not listening spares a process that
 * profiles nothing Node's signal setup, issue #12). Bun and Deno, or a worker started before joining: at once.
 */
function armSignalsWhenNeeded(arm: () => void, workerStarted: boolean): void {
  if (process.versions.bun || process.versions.deno || workerStarted) arm();
  else if (isMainThread) process.once('worker', arm);
}

/** Runs `task`; a failure is a warning, never thrown into the program (SPEC §9). */
function attempt(task: () => void, consequence: string): void {
  try {
    task();
  } catch (error) {
    warn(`results of process ${process.pid} ${consequence}: ${(error as Error).message}`);
  }
}

/** Writes this thread's part; a failure is reported once and never thrown (SPEC §9). */
function createSaver(session: Session, runtime: () => Runtime | undefined, thread: ThreadId): () => void {
  let warned = false;
  return () => {
    try {
      const installed = runtime();
      const results = installed && collectThreadResults(installed, session);
      if (results) writePart(session.partsDir, thread, results);
    } catch (error) {
      if (warned) return;
      warned = true;
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the profiling run already ended' : (error as Error).message;
      warn(`results of process ${thread.pid} thread ${thread.threadId} lost: ${reason}`);
    }
  };
}
