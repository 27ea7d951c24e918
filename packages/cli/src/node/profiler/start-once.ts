import { warn } from '../../session/diagnostics.js';

/** Set once profiling started in this thread: both register entries may run in one process. */
const STARTED = Symbol.for('linecount.profiling');

/**
 * Runs `start` if profiling has not started in this thread yet (`@linecount/profiler/register` and
 * a bundle's runtime may both start it). A failure to start is a warning, and the
 * program runs unprofiled (SPEC §9).
 */
export function startOnce(start: () => void): void {
  const holder = globalThis as { [STARTED]?: boolean };
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  try {
    start();
  } catch (error) {
    warn(`profiling disabled: ${(error as Error).message}`);
  }
}
