import type { ResolveHookSync } from './hooks/sync-hooks.js';
import type { JoinOptions } from './profiler/join-session.js';
import { isNodeWorkerThread } from './profiler/node-worker.js';
import type { Session } from '../session/session.js';

/** What of Node's `Module` class {@link joinOnDemand} uses. */
export interface ModuleWithHooks {
  registerHooks?: (hooks: { resolve: ResolveHookSync }) => unknown;
  isBuiltin(id: string): boolean;
}

/**
 * In a process of a session with no script to run (`node -e`, `node -p`, a REPL: what
 * tools spawn by the dozen, issue #12), defers joining the session until something needs
 * it: the first module that is not a builtin, which Node resolves before loading it
 * (`require`, `import`, a preload after ours), or the first worker. A process that loads
 * none joins nothing and loads nothing more than `@linecount/profiler/register`. The
 * resolve hook returns what Node resolves; the module then loads under the hooks that
 * joining installed. Elsewhere (a script, whose resolution comes first; a worker thread;
 * a Node without `module.registerHooks`; Bun, Deno; a session that saves at intervals or
 * installs no hooks) it returns false: the caller joins at once.
 * @param Module Node's `Module` class.
 * @param session The session of the environment.
 * @param join Joins the session (see `JoinOptions`).
 * @returns Whether joining was deferred.
 */
export function joinOnDemand(Module: ModuleWithHooks, session: Session, join: (options: JoinOptions) => void): boolean {
  const { registerHooks } = Module;
  if (process.argv[1] !== undefined || typeof registerHooks !== 'function' || process.versions.bun || process.versions.deno) return false;
  if (isNodeWorkerThread() || !session.hooks || session.settings.outputInterval > 0) return false;
  let joined = false;
  // The thread is named by when it joined: now, as if it had (its parts sort by it).
  const startedAt = Date.now();
  const joinOnce = (workerStarted: boolean): void => {
    if (joined) return;
    joined = true;
    process.off('worker', onWorker);
    join({ workerStarted, startedAt });
  };
  const onWorker = (): void => joinOnce(true);
  // Stays registered once joined, passing everything through: deregistering it while
  // Node runs the chain of resolve hooks it belongs to is not safe.
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (!joined && !Module.isBuiltin(specifier)) joinOnce(false);
      return nextResolve(specifier, context);
    },
  });
  process.once('worker', onWorker);
  return true;
}
