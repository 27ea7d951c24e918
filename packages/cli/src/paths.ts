import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Files of the built package, located from this module. It sits at the root of dist/ (tsc) and lib/ (bundled),
 * as do the bundles that inline it (lib/profiler.cjs), so the same relative URLs hold
 * in the ESM build and in the bundles. Paths are joined to this module's directory:
 * parsing a URL for each cost every process of a session (lib/join.cjs) about 0.2 ms
 * (issue #12); unused ones are dropped from the bundles (`@__PURE__`).
 */

/** This module's directory, with a trailing separator. */
const HERE = /* @__PURE__ */ fileURLToPath(/* @__PURE__ */ new URL('./', import.meta.url));

/** The package's root directory (with a trailing separator): its files are never instrumented. */
export const PACKAGE_DIR = /* @__PURE__ */ join(HERE, '../');

/** The `linecount` command's file (package.json `bin`). */
export const BIN_PATH = /* @__PURE__ */ join(HERE, '../bin/linecount.js');

/** `@linecount/profiler/register` as CommonJS: what NODE_OPTIONS preloads into profiled processes. */
export const REGISTER_CJS_PATH = /* @__PURE__ */ join(HERE, './register.cjs');

/** `@linecount/profiler/register` for `--import`/`--preload`: Deno's and Bun's preload (issue 19). */
export const REGISTER_MJS_PATH = /* @__PURE__ */ join(HERE, './register.mjs');

/** What the script's process preloads with `--import` to run the `-s` setup file first. */
export const SETUP_PRELOAD_URL = /* @__PURE__ */ new URL('./setup-preload.js', import.meta.url);

/** The `module.register` loader hooks (Node < 22.15). */
export const ESM_HOOKS_URL = /* @__PURE__ */ new URL('./hooks/esm-hooks.js', import.meta.url);

/** The bundled transform (instrumenter + Babel), loaded on the first file with a pragma. */
export const TRANSFORM_BUNDLE_PATH = /* @__PURE__ */ join(HERE, './hooks/transform.cjs');

/** The profiler that `@linecount/profiler/register` starts; built code's runtime starts it too (SPEC §8). */
export const PROFILER_CJS_PATH = /* @__PURE__ */ join(HERE, './profiler.cjs');

/** lib/join.cjs: what a process of a session loads (see scripts/bundle.mjs). */
export const JOIN_CJS_PATH = /* @__PURE__ */ join(HERE, './join.cjs');

/** The runtime entry of built code (plugins/bundle-runtime.ts bundled as one browser-safe ES module). */
export const BUNDLE_RUNTIME_PATH = /* @__PURE__ */ join(HERE, './bundle-runtime.mjs');

/** The `vite` module that Vitest's own files import under `linecount --` (vitest/vite-wrapper.ts). */
export const VITE_WRAPPER_URL = /* @__PURE__ */ new URL('./vitest/vite-wrapper.js', import.meta.url);

/** The `module.register` resolve hook that sends Vitest's `vite` imports to the wrapper (Node < 22.15). */
export const VITEST_HOOKS_URL = /* @__PURE__ */ new URL('./vitest/resolve-hooks.js', import.meta.url);

/** The HTML report's page script (report/html-client.ts bundled for browsers), which html-report.ts inlines. */
export const HTML_PAGE_SCRIPT_PATH = /* @__PURE__ */ join(HERE, './html-page-script.js');

/** Babel's parser and code frames (syntax.ts), for the CLI's syntax check and `--prof-imports`. */
export const PARSE_BUNDLE_PATH = /* @__PURE__ */ join(HERE, './parse.cjs');
