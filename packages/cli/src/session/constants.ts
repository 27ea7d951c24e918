/**
 * Names and defaults shared by the CLI and the profiled processes, each defined once.
 * Kept free of imports: the `@linecount/profiler/register` entry loads this file even when
 * profiling is off (SPEC §7 "does nothing at all").
 */

/**
 * Environment variable carrying the profiling session (JSON `Session`) to every
 * profiled process and thread: set by the CLI, or by the owner in LINE_PROFILE mode.
 */
export const SESSION_ENV = 'LINECOUNT_SESSION';

/** Environment variable that turns LINE_PROFILE mode on (SPEC §7). */
export const LINE_PROFILE_ENV = 'LINE_PROFILE';

/** Program argument that also turns LINE_PROFILE mode on; removed from `process.argv`. */
export const LINE_PROFILE_FLAG = '--line-profile';

/** `LINE_PROFILE` values that mean off, compared trimmed and lower-cased (SPEC §7). */
export const LINE_PROFILE_OFF_VALUES: readonly string[] = ['', '0', 'off', 'false', 'no', 'n', 'f'];

/** Node's environment variable of extra command-line options, inherited by child processes. */
export const NODE_OPTIONS_ENV = 'NODE_OPTIONS';

/** Bun's NODE_OPTIONS: options every `bun` process reads, children included (issue 19). */
export const BUN_OPTIONS_ENV = 'BUN_OPTIONS';

/** The files Bun processes of a session instrument, found by the first (bun-targets.ts). */
export const BUN_FILES_ENV = 'LINECOUNT_BUN_FILES';

/** Environment variable nyc sets in every process it runs: istanbul instruments what linecount's hooks return (issue 12). */
export const NYC_CONFIG_ENV = 'NYC_CONFIG';

/** Environment variable of the directory where V8 writes coverage (c8 sets it; issue 12). */
export const V8_COVERAGE_ENV = 'NODE_V8_COVERAGE';

/** Environment variable naming a configuration file, like `--config` (SPEC §7). */
export const CONFIG_ENV = 'LINECOUNT_CONFIG';

/** Environment variable setting LINE_PROFILE mode's `outputInterval` (seconds), over the configuration. */
export const OUTPUT_INTERVAL_ENV = 'LINECOUNT_OUTPUT_INTERVAL';

/** Configuration file looked for from the cwd up (SPEC §7). */
export const CONFIG_FILE_NAME = 'linecount.config.json';

/** The package's npm name (issue #16; `linecount` on npm is another package). */
export const PACKAGE_NAME = '@linecount/profiler';

/** Key of package.json that holds the configuration (SPEC §7). */
export const PACKAGE_JSON_KEY = 'linecount';

/** Prefix of the files LINE_PROFILE mode writes (`profile_output.txt`, …), SPEC §7. */
export const DEFAULT_OUTPUT_PREFIX = 'profile_output';

/** Results file of `linecount -- <command>` when `-o` is not given. */
export const DEFAULT_COMMAND_OUTFILE = 'linecount.lcprof';

/** Seconds between intermediate writes for a bare `-i` (no number after it). */
export const DEFAULT_OUTPUT_INTERVAL = 1;

/** Prefix of a session's parts directory, created in the OS temporary directory. */
export const PARTS_DIR_PREFIX = 'linecount-parts-';

/**
 * How long the merging process (owner or CLI) waits, at its end, for profiled processes
 * that are still alive to write their results.
 */
export const PART_GRACE_MS = 2000;

/** How long a worker thread gets to save its results before it is terminated or torn down. */
export const WORKER_FLUSH_TIMEOUT_MS = 500;

/** BroadcastChannel on which a thread asks the worker threads of its process to save their results. */
export const FLUSH_CHANNEL = 'linecount:flush';

/** Environment variable that makes `main()` print the stack of an internal error. */
export const DEBUG_ENV = 'LINECOUNT_DEBUG';

/**
 * Quick test before parsing: a file without this text has no `@profile` pragma (the
 * instrumenter's `PROFILE_PRAGMA` is the exact test, in the transform bundle that this
 * test spares a file's load; the plugins' `code` filter uses it too).
 */
export const PRAGMA_HINT = /@profile\b/;

/** A `//# sourceMappingURL=` comment line (also the old `//@` form): the last one is the file's map (issue #12, item 7). */
export const SOURCE_MAPPING_URL = /^[ \t]*\/\/[#@][ \t]*sourceMappingURL=(\S+)[ \t]*$/gm;

/** Extensions the profiler loads and instruments. */
export const SCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx'];

/**
 * The loader of each file extension that is compiled before it runs (TypeScript, JSX),
 * as esbuild and Bun name them; other files are JavaScript.
 */
export const COMPILED_LOADERS: Readonly<Record<string, 'ts' | 'tsx' | 'jsx'>> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.jsx': 'jsx',
};

/** Extensions of the files that go through tsx (TypeScript loading, issue #12). */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'];

/**
 * `.jsx` goes through tsx only when the process's entry script asks for JSX (is `.jsx`
 * or `.tsx`): elsewhere `.jsx` files belong to whatever compiler the program registers
 * (`@babel/register`, import-jsx), as without linecount (issue #12).
 */
export const JSX_ENTRY_EXTENSIONS = ['.jsx', '.tsx'];

/** Environment variable naming the directory of the instrumented-output cache (issue #4). */
export const CACHE_DIR_ENV = 'LINECOUNT_CACHE_DIR';

/** The cache's directory under the cwd's `node_modules` (babel-loader's convention); else under the OS temporary directory. */
export const CACHE_SUBDIR = ['.cache', 'linecount'] as const;

/**
 * How long a probe cost measured on this machine is reused by later runs (issue #12): a
 * day, so that a machine whose speed changed (another CPU governor, a VM moved) measures
 * again soon; a new Node, CPU or linecount build measures at once.
 */
export const PROBE_COST_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Extension of the cache entries holding V8's code cache of lib/join.cjs, which every
 * process of a session compiles (issue #12, bundle-code-cache.ts).
 */
export const CODE_CACHE_EXTENSION = '.code-cache';

/** Display name of `-e` code in reports. */
export const EVAL_NAME = '[eval]';

/** Printed when nothing was profiled (SPEC §2). */
export const NO_FUNCTIONS_MESSAGE = 'no functions were profiled (add // @profile or use -p)';

/**
 * Module that every file a bundler plugin instruments imports first (SPEC §8): it starts
 * the runtime before the file registers its functions. The plugin resolves it to a
 * virtual module; not `virtual:…`, which webpack takes for a URL scheme.
 */
export const RUNTIME_MODULE_ID = 'linecount/virtual-runtime';

/** What the Babel plugin's output imports first, to the same end: the package's `./runtime` export. */
export const RUNTIME_PACKAGE_ID = '@linecount/profiler/runtime';

/** Path on the Vite dev server where pages post their results when hidden (SPEC §8). */
export const DEV_RESULTS_ENDPOINT = '/__linecount/results';

/**
 * First and longest pause (ms) before writing again to a full non-blocking pipe (EAGAIN):
 * the wait doubles from the first to the longest, as sonic-boom's synchronous mode sleeps
 * instead of spinning (issue #12, item 5).
 */
export const WRITE_RETRY_MS = { first: 1, longest: 64 } as const;

/**
 * `linecount diff` (issue 17): the share of the probe cost that one hit's compensated
 * time may be off by. Calibrations of one machine differ by ±0.5 ns between runs and
 * `isPrime`'s compensated total moved by ~3 ns per clock read over five runs
 * (README, What the numbers mean): about a tenth of a ~35 ns probe.
 */
export const NOISE_PROBE_SHARE = 0.1;

/** Shares of a function's time from which a listed line counts as hot or warm (`--rich`, the HTML report). */
export const HOT_SHARE = 0.2;
export const WARM_SHARE = 0.05;

/** Sampled results (`--sample`): a line estimated from fewer timed executions after its exact ones is marked in `-vv`. */
export const SAMPLE_MIN_WINDOWS = 30;
