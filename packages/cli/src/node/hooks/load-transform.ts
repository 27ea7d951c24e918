import { createRequire } from 'node:module';
import { PRAGMA_HINT } from '../../session/constants.js';
import { PACKAGE_DIR, bundlePath } from '../../bundle-paths.js';
import { isProfTarget } from '../../session/prof-target-set.js';
import { createTransformCache, entryKey, entryText, readEntry, type TransformCache } from './transform-cache.js';
import { transformInputs, type ModuleFormat, type TransformOptions } from './transform-inputs.js';
import type { transformForProfiling } from './transform.js';

type Transform = typeof transformForProfiling;

let transform: Transform | undefined;
let cache: (TransformCache & { build: string; dir: string }) | undefined;

function openCache(dir: string): TransformCache & { build: string } {
  if (cache?.dir !== dir) cache = { ...createTransformCache(dir, PACKAGE_DIR, bundlePath('transform')), dir };
  return cache;
}

/**
 * Whether {@link transformIfMarked} may instrument the file: it may have a pragma or is a
 * `-p` target, and is neither linecount's own (the bundles mention `@profile`) nor the
 * `-s` setup file.
 */
export function mayInstrument(source: string, filename: string, options: TransformOptions): boolean {
  if (filename.startsWith(PACKAGE_DIR) || filename === options.setup) return false;
  return PRAGMA_HINT.test(source) || isProfTarget(filename, options.targets);
}

/**
 * `transformForProfiling` from the bundled transform (lib/hooks/transform.cjs), loaded
 * on the first file that may have a pragma or is a `-p` target, so programs pay for Babel
 * only when used ({@link mayInstrument}). With the settings' `cacheDir`, the output comes from
 * the disk cache when it has it (no Babel, no esbuild) and goes into it otherwise (issue
 * #4), keyed by everything the transform reads (transform-inputs.ts).
 */
export function transformIfMarked(
  source: string,
  filename: string,
  format: ModuleFormat,
  options: TransformOptions,
): string | undefined {
  if (!mayInstrument(source, filename, options)) return undefined;
  const inputs = transformInputs(filename, format, options);
  const store = options.settings.cacheDir ? openCache(options.settings.cacheDir) : undefined;
  const parts = store && [store.build, JSON.stringify(inputs), source];
  if (store && parts) {
    const hit = readEntry(parts, store.get(entryKey(parts)));
    if (hit !== undefined) return hit ?? undefined;
  }
  transform ??= (createRequire(import.meta.url)(bundlePath('transform')) as { transformForProfiling: Transform }).transformForProfiling;
  const { code, cacheable } = transform(source, inputs);
  // A file that could not be instrumented is not cached: its warning comes again.
  if (store && parts && cacheable) store.set(entryKey(parts), entryText(parts, code));
  return code;
}
