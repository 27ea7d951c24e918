/**
 * The runtime entry of code built with a linecount bundler plugin (SPEC §8), bundled as
 * one browser-safe ES module (lib/bundle-runtime.mjs): it references no Node module
 * statically. Every instrumented file imports, before anything else, a module that calls
 * {@link startBundleRuntime}; instrumented functions then run their probes only if the
 * runtime (`globalThis.__linecount__`) is installed when their file registers.
 *
 * - In Node, with profiling on (SPEC §7: `LINE_PROFILE`, `--line-profile`, or a session
 *   of the CLI or of a LINE_PROFILE owner), it loads lib/profiler.cjs and starts it
 *   without load hooks: the profiler installs the runtime, owns or joins the session and
 *   writes the SPEC §7 files however the program ends. Off, it only lets built code
 *   record its original texts (`keepOriginalTexts`).
 * - Elsewhere (a browser), it starts the browser runtime.
 */
import { GLOBAL_NAME, SOURCE_TEXTS_GLOBAL, registerSourceTexts, type Runtime } from '@linecount/runtime';
import { detectProfiling } from '../session/profiling-switch.js';
import { startBrowserProfiling, type BrowserProfilingOptions } from './browser-runtime.js';
import type * as Profiler from '../node/profiler/index.js';

/** Options of {@link startBundleRuntime}, written into the runtime module by the plugin. */
export interface BundleRuntimeOptions {
  /** lib/profiler.cjs, started in Node: an absolute path, or a path relative to `base`. */
  profiler: string;
  /** Absolute path or `file:` URL of the file that a relative `profiler` is relative to. */
  base?: string;
  /** Options of the browser runtime. @default {} */
  browser?: BrowserProfilingOptions;
}

/** The Node APIs used here, reached through `process.getBuiltinModule` (Node ≥ 20.16). */
interface NodeProcess {
  versions: { node?: string };
  env: NodeJS.ProcessEnv;
  argv: string[];
  stderr: { write(text: string): unknown };
  getBuiltinModule?: NodeJS.Process['getBuiltinModule'];
}

/**
 * Starts the runtime for built code, once per thread whatever the number of calls.
 * @param options Where the profiler is, and the browser runtime's options.
 */
export function startBundleRuntime(options: BundleRuntimeOptions): void {
  // `globalThis.process`, not `process`: bundlers replace or polyfill the bare name.
  const node = (globalThis as { process?: NodeProcess }).process;
  if (node?.versions?.node) startNodeProfiling(node, options);
  else startBrowserProfiling(options.browser ?? {});
  keepOriginalTexts();
}

/**
 * With profiling off (no runtime installed), built code still records its original texts,
 * through this global, so that `Function.prototype.toString()` of its profiled functions
 * answers them as without linecount (issue 13). Nothing else runs.
 */
function keepOriginalTexts(): void {
  const realm = globalThis as { [GLOBAL_NAME]?: Runtime; [SOURCE_TEXTS_GLOBAL]?: typeof registerSourceTexts };
  if (realm[GLOBAL_NAME] === undefined) realm[SOURCE_TEXTS_GLOBAL] ??= registerSourceTexts;
}

function startNodeProfiling(node: NodeProcess, { profiler, base = profiler }: BundleRuntimeOptions): void {
  const trigger = detectProfiling(node.env, node.argv);
  if (!trigger) return;
  const warn = (reason: string): unknown => node.stderr.write(`linecount: warning: profiling disabled: ${reason}\n`);
  if (!node.getBuiltinModule) {
    warn('built code needs Node 20.16 or later (process.getBuiltinModule)');
    return;
  }
  let loaded: typeof Profiler;
  try {
    loaded = node.getBuiltinModule('node:module').createRequire(base)(profiler) as typeof Profiler;
  } catch (error) {
    // A bundle run where its build's linecount is not (the path is the build machine's): SPEC §9.
    warn(`cannot load ${profiler}: ${(error as Error).message.split('\n')[0]}`);
    return;
  }
  loaded.startProfiling(trigger, { hooks: false });
  // The profiler lives in Node's realm; built code may run in a `node:vm` context (Jest's
  // test files), whose global must hold the same runtime for its files to register.
  const realm = globalThis as { [GLOBAL_NAME]?: Runtime };
  realm[GLOBAL_NAME] ??= loaded.profilingRuntime();
}
