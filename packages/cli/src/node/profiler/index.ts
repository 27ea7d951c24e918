import { isMainThread } from './thread.js';
import { getRuntime, type Runtime } from '@linecount/runtime';
import type { ProfilingTrigger } from '../../session/profiling-switch.js';
import { readSession } from '../../session/session.js';
import { joinSession } from './join-session.js';
import { startOwnSession } from './own-session.js';
import { startOnce } from './start-once.js';
import { addPluginToVitest } from './vitest-hook.js';

/** Options of {@link startProfiling}. */
export interface StartOptions {
  /**
   * Install the instrumenting load hooks. False for code built with a linecount bundler
   * plugin (SPEC §8), which is instrumented already; a session started that way carries
   * it to the processes that join it. @default true
   */
  hooks?: boolean;
}

/**
 * Starts profiling this thread (bundled as lib/profiler.cjs, called by
 * `@linecount/profiler/register`): joins the session of the environment, or, for `LINE_PROFILE`
 * in a main thread, starts one that this process owns. A failure to start is a warning,
 * and the program runs unprofiled (SPEC §9). Only the first call in a thread starts
 * anything (`@linecount/profiler/register` and a bundle's runtime may both call it).
 * @param trigger What `detectProfiling` found.
 * @param [options.hooks=true] Install the load hooks (see {@link StartOptions}).
 */
export function startProfiling(trigger: ProfilingTrigger, options: StartOptions = {}): void {
  startOnce(() => {
    const session = trigger === 'session' ? readSession() : undefined;
    const hooks = options.hooks ?? true;
    if (session) joinSession(session, hooks);
    // A worker started with LINE_PROFILE but outside any session has no owner to report to.
    else if (isMainThread) startOwnSession(hooks);
    if (hooks) addPluginToVitest();
  });
}

/**
 * The runtime that profiling installed in this module's realm, if any: code running in
 * another realm of the thread (a `node:vm` context: Jest's test files, Vitest's vm pools)
 * shares it (see browser/bundle-runtime.ts).
 */
export function profilingRuntime(): Runtime | undefined {
  return getRuntime();
}
