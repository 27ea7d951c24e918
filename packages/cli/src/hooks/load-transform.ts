import { createRequire } from 'node:module';
import { PRAGMA_HINT } from '../constants.js';
import { PACKAGE_DIR, TRANSFORM_BUNDLE_PATH } from '../paths.js';
import type { ModuleFormat, TransformOptions, transformForProfiling } from './transform.js';

type Transform = typeof transformForProfiling;

const require = createRequire(import.meta.url);
let transform: Transform | undefined;

/**
 * `transformForProfiling` from the bundled transform (dist/hooks/transform.cjs), loaded
 * on the first file that may have a pragma, so programs pay for Babel only when used.
 * linecount's own files (the bundle mentions `@profile`) are never instrumented.
 */
export function transformIfMarked(
  source: string,
  filename: string,
  format: ModuleFormat,
  options: TransformOptions,
): string | undefined {
  if (!PRAGMA_HINT.test(source) || filename.startsWith(PACKAGE_DIR)) return undefined;
  transform ??= (require(TRANSFORM_BUNDLE_PATH) as { transformForProfiling: Transform }).transformForProfiling;
  return transform(source, filename, format, options);
}
