/**
 * `@linecount/profiler/register`: `node --import @linecount/profiler/register app.js` (this file) or
 * `node --require @linecount/profiler/register app.js` (the same source bundled as
 * lib/register.cjs). Also what the CLI preloads, through NODE_OPTIONS, into every
 * process it profiles.
 *
 * With no session and `LINE_PROFILE` off it returns after reading two environment
 * variables: no transform, no hooks, no files, no output (SPEC §7). Otherwise it loads
 * the profiler (one bundled CommonJS file, so that `--require` works synchronously on
 * Node 20 too: lib/join.cjs in a process of a session, compiled with V8's code cache,
 * lib/profiler.cjs for the LINE_PROFILE owner) and starts it before the program's first
 * module is loaded.
 */
import { runBundle } from './bundle-code-cache.js';
import { SESSION_ENV } from '../session/constants.js';
import { joinOnDemand } from './join-on-demand.js';
import { BUNDLES } from '../entries.js';
import { bundlePath, moduleClass, requireHere } from './own-bundles.js';
import { detectProfiling } from '../session/profiling-switch.js';
import type * as Profiler from './profiler/index.js';
import type * as Join from './profiler/join-entry.js';
import type { JoinOptions } from './profiler/join-session.js';
import type { Session } from '../session/session.js';

const trigger = detectProfiling(process.env, process.argv);
if (trigger) {
  // A process of a session only joins it (lib/join.cjs, the smaller bundle, issue #12).
  if (trigger === 'session') {
    const session = JSON.parse(process.env[SESSION_ENV]!) as Session;
    const join = (options: JoinOptions): void =>
      runBundle<typeof Join>(requireHere, moduleClass, bundlePath(BUNDLES.join.lib), session.settings.cacheDir, (bundle) => bundle.joinProfiling(options));
    // A process with no script may never load a module: then it joins nothing (issue #12).
    if (!joinOnDemand(moduleClass, session, join)) join({});
  } else (requireHere(bundlePath(BUNDLES.profiler.lib)) as typeof Profiler).startProfiling(trigger);
}
