import { createRequire } from 'node:module';
import { PRAGMA_HINT } from '../constants.js';
import { PACKAGE_DIR, TRANSFORM_BUNDLE_PATH } from '../paths.js';
import { isProfTarget } from '../prof-target-set.js';
import { coverageTool } from './coverage-tool.js';
import { createTransformCache, entryKey, entryText, readEntry, type TransformCache } from './transform-cache.js';
import { tsconfigKey } from './tsconfig.js';
import type { ModuleFormat, TransformOptions, transformForProfiling } from './transform.js';

type Transform = typeof transformForProfiling;

let transform: Transform | undefined;
let cache: (TransformCache & { build: string; dir: string }) | undefined;

function openCache(dir: string): TransformCache & { build: string } {
  if (cache?.dir !== dir) cache = { ...createTransformCache(dir, PACKAGE_DIR, TRANSFORM_BUNDLE_PATH), dir };
  return cache;
}

/** Everything the transform's output depends on besides linecount's build (issue #4's cache key). */
function keyParts(source: string, filename: string, format: ModuleFormat, options: TransformOptions): string[] {
  const all = isProfTarget(filename, options.profMod);
  const topLevel = options.profMod?.modules.includes(filename) ?? false;
  const tsconfig = /\.[cm]?tsx?$|\.jsx$/.test(filename) ? tsconfigKey(filename) : '';
  return [String(options.awaitTime), String(options.sample), String(all), String(topLevel), String(coverageTool()), format, filename, tsconfig, source];
}

/**
 * Whether {@link transformIfMarked} may instrument the file: it may have a pragma or is a
 * `-p` target, and is neither linecount's own (the bundles mention `@profile`) nor the
 * `-s` setup file.
 */
export function mayInstrument(source: string, filename: string, options: TransformOptions): boolean {
  if (filename.startsWith(PACKAGE_DIR) || filename === options.setup) return false;
  return PRAGMA_HINT.test(source) || isProfTarget(filename, options.profMod);
}

/**
 * `transformForProfiling` from the bundled transform (lib/hooks/transform.cjs), loaded
 * on the first file that may have a pragma or is a `-p` target, so programs pay for Babel
 * only when used ({@link mayInstrument}). With `options.cacheDir`, the output comes from the disk cache when it
 * has it (no Babel, no esbuild) and goes into it otherwise (issue #4).
 */
export function transformIfMarked(
  source: string,
  filename: string,
  format: ModuleFormat,
  options: TransformOptions,
): string | undefined {
  if (!mayInstrument(source, filename, options)) return undefined;
  const store = options.cacheDir ? openCache(options.cacheDir) : undefined;
  const parts = store && [store.build, ...keyParts(source, filename, format, options)];
  if (store && parts) {
    const hit = readEntry(parts, store.get(entryKey(parts)));
    if (hit !== undefined) return hit ?? undefined;
  }
  transform ??= (createRequire(import.meta.url)(TRANSFORM_BUNDLE_PATH) as { transformForProfiling: Transform }).transformForProfiling;
  const { code, cacheable } = transform(source, filename, format, options);
  // A file that could not be instrumented is not cached: its warning comes again.
  if (store && parts && cacheable) store.set(entryKey(parts), entryText(parts, code));
  return code;
}
