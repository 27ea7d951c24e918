import { isMainThread } from 'node:worker_threads';
import type { ProfilingTrigger } from '../profiling-switch.js';
import { readSession } from '../session.js';
import { joinSession } from './join-session.js';
import { startOwnSession } from './own-session.js';

/** Set once profiling started in this thread: both register entries may run in one process. */
const STARTED = Symbol.for('linecount.profiling');

/**
 * Starts profiling this thread (bundled as dist/profiler.cjs, called by
 * `linecount/register`): joins the session of the environment, or, for `LINE_PROFILE`
 * in a main thread, starts one that this process owns. A failure to start is a warning,
 * and the program runs unprofiled (SPEC §9).
 * @param trigger What `detectProfiling` found.
 */
export function startProfiling(trigger: ProfilingTrigger): void {
  const holder = globalThis as { [STARTED]?: boolean };
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  try {
    const session = trigger === 'session' ? readSession() : undefined;
    if (session) joinSession(session);
    // A worker started with LINE_PROFILE but outside any session has no owner to report to.
    else if (isMainThread) startOwnSession();
  } catch (error) {
    process.stderr.write(`linecount: warning: profiling disabled: ${(error as Error).message}\n`);
  }
}
