import { isMainThread } from './thread.js';
import { complain } from '../../session/diagnostics.js';

/**
 * Under `bun test`, whose process ends with no `exit` event: after the last test (a
 * global `afterAll` registered by the preload). Elsewhere Bun refuses `afterAll`, and
 * Node has no `bun:test`.
 */
function endWithBunTests(finish: () => void): void {
  if (!process.versions.bun) return;
  try {
    (process.getBuiltinModule('bun:test') as unknown as { afterAll(hook: () => void): void }).afterAll(finish);
  } catch {
    // Not the test runner: the exit event comes.
  }
}

/**
 * Runs `finish` once, synchronously, however this thread ends (SPEC §4): normal end,
 * uncaught exception, `process.exit()`, unhandled rejection (all through `exit`), and in
 * the main thread SIGINT/SIGTERM (see {@link onSignals}).
 */
export function onThreadEnd(finish: () => void, beforeSignalExit?: () => Promise<void>): void {
  const once = onThreadExit(finish);
  if (isMainThread) onSignals(once, beforeSignalExit);
}

/**
 * Runs `finish` once when this thread exits (the `exit` event, or Bun's last test).
 * @returns What runs `finish` unless it ran: the handler to give {@link onSignals}.
 */
export function onThreadExit(finish: () => void): () => void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    finish();
  };
  process.on('exit', once);
  endWithBunTests(once);
  return once;
}

/**
 * In the main thread (signals are delivered to it only), runs `once` at SIGINT/SIGTERM.
 * A signal the program handles itself stays its business (its handler decides whether
 * to exit); alone, we keep Node's default: finish (after `beforeSignalExit`, which may
 * still use the event loop), then die of the same signal so the exit status stays 128 + n.
 */
export function onSignals(once: () => void, beforeSignalExit?: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      // From here a second signal gets Node's default: a user who insists is obeyed.
      process.off(signal, onSignal);
      const end = (): void => {
        once();
        process.kill(process.pid, signal);
      };
      if (!beforeSignalExit) return end();
      beforeSignalExit().then(end, (error: unknown) => {
        complain((error as Error).message);
        end();
      });
    };
    process.on(signal, onSignal);
  }
}
