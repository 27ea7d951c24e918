import { readSession } from '../../session/session.js';
import { joinSession, type JoinOptions } from './join-session.js';
import { startOnce } from './start-once.js';
import { addPluginToVitest } from './vitest-hook.js';

/**
 * Joins the session of the environment (bundled as lib/join.cjs, what
 * `@linecount/profiler/register` loads in every process of a session): only what a joining thread
 * needs, so that a process that profiles nothing starts fast (issue #12). The LINE_PROFILE
 * owner and built code load lib/profiler.cjs instead.
 * @param options How late it joins (register.ts, join-on-demand.ts).
 */
export function joinProfiling(options: JoinOptions = {}): void {
  startOnce(() => {
    const session = readSession();
    if (!session) return;
    joinSession(session, true, options);
    addPluginToVitest();
  });
}
