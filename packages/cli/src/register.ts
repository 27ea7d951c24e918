/**
 * `linecount/register`: `node --import linecount/register app.js` (this file) or
 * `node --require linecount/register app.js` (the same source bundled as
 * dist/register.cjs). Also what the CLI preloads, through NODE_OPTIONS, into every
 * process it profiles.
 *
 * With no session and `LINE_PROFILE` off it returns after reading two environment
 * variables: no transform, no hooks, no files, no output (SPEC §7). Otherwise it loads
 * the profiler (one bundled CommonJS file, so that `--require` works synchronously on
 * Node 20 too) and starts it before the program's first module is loaded.
 */
import { createRequire } from 'node:module';
import { detectProfiling } from './profiling-switch.js';
import type * as Profiler from './profiler/index.js';

const trigger = detectProfiling(process.env, process.argv);
if (trigger) {
  const profiler = createRequire(import.meta.url)('./profiler.cjs') as typeof Profiler;
  profiler.startProfiling(trigger);
}
