import { readSession } from '../session.js';
import { joinSession } from './join-session.js';
import { startOnce } from './start-once.js';
import { addPluginToVitest } from './vitest-hook.js';

/**
 * Joins the session of the environment (bundled as lib/join.cjs, what
 * `@linecount/profiler/register` loads in every process of a session): only what a joining thread
 * needs, so that a process that profiles nothing starts fast (issue #12). The LINE_PROFILE
 * owner and built code load lib/profiler.cjs instead.
 */
export function joinProfiling(): void {
  startOnce(() => {
    const session = readSession();
    if (!session) return;
    joinSession(session, true);
    addPluginToVitest();
  });
}
