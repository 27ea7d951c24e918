import { fileURLToPath } from 'node:url';

/**
 * The directory of the built package's files (bundle-paths.ts), with a trailing separator:
 * this module's own. It sits at the root of src/, dist/ (tsc) and lib/ (bundled), as do
 * the bundles that inline it (scripts/bundle.mjs fails the build if one does not), so the
 * same relative paths hold in each. lib/join.cjs has its own, from `__dirname`, with no
 * URL to parse (scripts/join-bundles.mjs).
 */
export const LIB_DIR = /* @__PURE__ */ fileURLToPath(/* @__PURE__ */ new URL('./', import.meta.url));
