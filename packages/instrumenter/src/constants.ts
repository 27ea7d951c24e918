/** `// @profile` or `/* @profile *\/` marks a function (SPEC §2); inside JSDoc, on any line as a tag. */
export const PROFILE_PRAGMA = /^[\s*]*@profile\b/m;

/** Leading comment of the preamble; its presence makes instrumenting again a no-op. */
export const INSTRUMENTED_MARKER = 'linecount:instrumented';

/** Prefix of every identifier the instrumenter adds; a digit is appended while the source uses it. */
export const IDENTIFIER_PREFIX = '__lc';

/** File extensions that are parsed with the TypeScript plugin. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'];

/** File extensions that may contain JSX. */
export const JSX_EXTENSIONS = ['.js', '.jsx', '.tsx', '.mjs', '.cjs'];
