/** `// @profile` or `/* @profile *\/` marks a function (SPEC §2); inside JSDoc, on any line as a tag. */
export const PROFILE_PRAGMA = /^[\s*]*@profile\b/m;

/** `// linecount-ignore-next` before a function excludes it, and the functions in it (SPEC §2). */
export const IGNORE_NEXT_PRAGMA = /^[\s*]*linecount-ignore-next\b/;

/** Quick test before looking for {@link IGNORE_NEXT_PRAGMA} around every function. */
export const IGNORE_NEXT_TEXT = 'linecount-ignore-next';

/** `// linecount-ignore-file` anywhere in a file excludes the whole file (SPEC §2). */
export const IGNORE_FILE_PRAGMA = /^[\s*]*linecount-ignore-file\b/;

/**
 * Leading comment of the preamble, for a reader of the output. Instrumenting again is a
 * no-op because of the preamble's `register` call (program.ts `isInstrumented`), not of
 * this comment: most bundlers drop comments.
 */
export const INSTRUMENTED_MARKER = 'linecount:instrumented';

/** Prefix of every identifier the instrumenter adds; a digit is appended while the source uses it. */
export const IDENTIFIER_PREFIX = '__lc';

/** File extensions that are parsed with the TypeScript plugin. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'];

/** File extensions that may contain JSX. */
export const JSX_EXTENSIONS = ['.js', '.jsx', '.tsx', '.mjs', '.cjs'];

/** Text of the comment that makes nyc/istanbul skip the probe code after it (issue 12). */
export const COVERAGE_IGNORE_HINT = ' istanbul ignore next ';

/**
 * The hint as esbuild keeps it (a legal comment, before a statement) when it compiles
 * our output again, as tsx compiles TypeScript; istanbul reads the words after it too.
 */
export const PRESERVED_COVERAGE_IGNORE_HINT = ' istanbul ignore next @preserve ';
