/** Environment variable carrying the profiling options from the CLI to the profiled process. */
export const CHILD_OPTIONS_ENV = 'LINECOUNT_CHILD_OPTIONS';

/** Environment variable naming the pid of the process that owns (writes) the results. */
export const OWNER_PID_ENV = 'LINECOUNT_OWNER_PID';

/** Quick test before parsing: a file without this text has no `@profile` pragma. */
export const PRAGMA_HINT = /@profile\b/;

/** Extensions the profiler loads and instruments. */
export const SCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx'];

/** Display name of `-e` code in reports. */
export const EVAL_NAME = '[eval]';

/** Printed when nothing was profiled (SPEC §2). */
export const NO_FUNCTIONS_MESSAGE = 'no functions were profiled (add // @profile or use -p)';
