/** Name of the global that holds the runtime in every profiled realm. */
export const GLOBAL_NAME = '__linecount__';

/** `format` field of a results file (SPEC §6). */
export const RESULTS_FORMAT = 'linecount';

/** Version of the results-file schema (SPEC §6). Bump on any incompatible change. */
export const RESULTS_VERSION = 1;

/** Unit of every time stored in a results file: nanoseconds (SPEC §3). */
export const RESULTS_UNIT = 1e-9;

/**
 * How line times treat recursion (SPEC §3): `once`, the default, charges time spent in a
 * nested activation of the same function to that activation's lines only; `inclusive`
 * (kernprof's view) also to the line of the enclosing activation that led to it.
 */
export const RECURSION_VIEWS = ['once', 'inclusive'] as const;

/** The recursion view of runs, plugins and LINE_PROFILE mode unless told otherwise. */
export const DEFAULT_RECURSION_VIEW = 'once';

/** The recursion view of a results file that does not record one (written before views existed). */
export const UNRECORDED_RECURSION_VIEW = 'inclusive';

/** Extension of results files. */
export const RESULTS_EXTENSION = '.lcprof';

/** Slot 0 of every file absorbs time that must not be charged to any line (suspensions). */
export const DISCARD_SLOT = 0;

/**
 * Number of a file's first function in the probe code and its per-function counters
 * (depth, total, open line): 0 is no function, as slot 0 is no line.
 */
export const FIRST_FUNCTION = 1;

/** Name reported for module top-level code (SPEC §5). */
export const MODULE_FUNCTION_NAME = '<module>';

/** Name reported for functions without a usable name (SPEC §5). */
export const ANONYMOUS_FUNCTION_NAME = '<anonymous>';

/**
 * Line terminators as ECMA-262 counts lines (LineTerminatorSequence, which Babel,
 * TypeScript and V8 use for line numbers): line N of a listing is the line probed as N.
 */
export const LINE_TERMINATOR = /\r\n|[\n\r\u2028\u2029]/;

/** Start of the directive that names a printed function's original text (see `SourceTexts`). */
export const SOURCE_KEY_PREFIX = '__linecount:';
