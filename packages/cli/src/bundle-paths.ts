import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLES, type BundleName } from './entries.js';
import { LIB_DIR } from './lib-dir.js';

/** Absolute path of the bundle `name`. */
export function bundlePath(name: BundleName): string {
  return join(LIB_DIR, BUNDLES[name].lib);
}

const urls = new Map<BundleName, string>();

/**
 * File URL of the bundle `name`, made at its first call (lib/join.cjs parses no URL at its
 * start, issue #12) and kept: resolve hooks ask for it at each import.
 */
export function bundleUrl(name: BundleName): string {
  let url = urls.get(name);
  if (url === undefined) urls.set(name, (url = pathToFileURL(bundlePath(name)).href));
  return url;
}

/** The package's root directory (with a trailing separator): its files are never instrumented. */
export const PACKAGE_DIR = /* @__PURE__ */ join(LIB_DIR, '../');

/** The `linecount` command's file (package.json `bin`). */
export const BIN_PATH = /* @__PURE__ */ join(LIB_DIR, '../bin/linecount.js');

/** `@linecount/profiler/register` as CommonJS: what NODE_OPTIONS preloads into profiled processes. */
export const REGISTER_CJS_PATH = /* @__PURE__ */ bundlePath('register');

/** `@linecount/profiler/register` for `--import`/`--preload`: Deno's and Bun's preload (issue 19). */
export const REGISTER_MJS_PATH = /* @__PURE__ */ bundlePath('registerModule');
