import { createRequire } from 'node:module';
import { bundlePath } from '../bundle-paths.js';
import type * as Profiler from '../node/profiler/index.js';

/**
 * In Vitest's main process (SPEC §8 "the Vite plugin in vitest.config.ts profiles code
 * under test"): starts a LINE_PROFILE session that this process owns, without load
 * hooks (the plugin instruments what Vitest loads). Test workers, threads or child
 * processes, join it through the environment when the runtime module of an
 * instrumented file starts them; each saves its results at its end, and at its exit
 * this process adds them up, prints the summary and writes the files of SPEC §7. Loads
 * the profiler only here: a plain `vite build` never does.
 */
export function startVitestProfiling(): void {
  const profiler = createRequire(import.meta.url)(bundlePath('profiler')) as typeof Profiler;
  profiler.startProfiling('line-profile', { hooks: false });
}
