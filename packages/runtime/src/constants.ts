/** Name of the global that holds the runtime in every profiled realm. */
export const GLOBAL_NAME = '__linecount__';

/** `format` field of a results file (SPEC §6). */
export const RESULTS_FORMAT = 'linecount';

/** Version of the results-file schema (SPEC §6). Bump on any incompatible change. */
export const RESULTS_VERSION = 2;

/** Versions of the results-file schema that `parseResults` still reads: 1 has no sampled rows. */
export const READABLE_RESULTS_VERSIONS = [1, 2] as const;

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

/**
 * Global through which switchable code (build plugins) records its original texts when
 * profiling is off and no runtime is installed, so that `toString()` still answers them:
 * the plugins' runtime entry installs it in that case (see `SourceTexts`).
 */
export const SOURCE_TEXTS_GLOBAL = '__linecount_texts__';
/**
 * Sampled mode (`--sample`, SPEC §3): every execution of a line is timed while its hit
 * count is at most this, so rarely run lines and short programs are timed exactly. The
 * instrumenter writes it into the probe code as a literal. Chosen by measurement, see
 * docs/accuracy.md.
 */
export const SAMPLE_EXACT_HITS = 32;

/** Sampled mode's default mean rate: 1 in this many executions after the first hits (see docs/accuracy.md). */
export const DEFAULT_SAMPLE_RATE = 128;

/**
 * Sampled mode's countdown chains (see sampled-probe.ts): activations take them in turn,
 * so that nested activations never share one. A power of 2.
 */
export const SAMPLED_CHAINS = 1024;

/**
 * Sampled mode: slots a sampled file has after its lines' (and one function index after
 * its functions'), for the warm-up of its S (sampled-warm.ts); never reported.
 */
export const SAMPLED_WARM_SLOTS = 2;

/** Index in the realm-wide array of sampled mode (G) of the first countdown chain. */
export const SAMPLED_CHAINS_START = 8;

/**
 * Elements of the realm-wide array of sampled mode (G): count of the probes of ended
 * activations, the last chain taken, count of calls of the step functions, the clock time
 * read by the last one, the due count it computed, and from {@link SAMPLED_CHAINS_START}
 * the probes left before the next sampled execution on each chain.
 */
export const SAMPLED_REALM_SLOTS = SAMPLED_CHAINS_START + SAMPLED_CHAINS;

/**
 * Sampled mode: a sampled window longer than this many times its line's usual window so
 * far (and than {@link SAMPLE_OUTLIER_FLOOR_MS}) counts as a usual one, and the rest is
 * charged once instead of scaled by the rate: on a shared machine one 5–10 ms
 * pause (the OS, a compilation, a garbage collection) in a window of a 100 ns line
 * otherwise adds K times that to it. Lines whose cost really varies more than this
 * (rarely) are underestimated; docs/accuracy.md.
 */
export const SAMPLE_OUTLIER_FACTOR = 200;

/** Sampled mode: windows up to this long (clock units, ms) are never capped (see {@link SAMPLE_OUTLIER_FACTOR}). */
export const SAMPLE_OUTLIER_FLOOR_MS = 0.01;

/**
 * Sampled mode: a line whose windows take this long on average (clock units, ms; at least
 * {@link SAMPLE_OUTLIER_FLOOR_MS}, so that only windows over the floor check it), once its
 * first hits are timed, is timed at every later execution: a window costs 0.05–0.2 µs, 2 %
 * of such a line at most, and sampling it would only add variance (and scale a pause of the
 * process in one of its windows by the rate). docs/accuracy.md.
 */
export const SAMPLE_ALWAYS_TIMED_MS = 0.01;

/**
 * Sampled mode: taken off the hit counter of a line timed at every execution (see
 * {@link SAMPLE_ALWAYS_TIMED_MS}), so that the probe's `H[slot] <= M` stays true; results
 * add it back. Float64 counters stay exact far beyond it.
 */
export const SAMPLE_HITS_SHIFT = 2 ** 40;
