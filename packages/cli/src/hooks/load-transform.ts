import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PRAGMA_HINT } from '../constants.js';
import type { ModuleFormat, TransformOptions, transformForProfiling } from './transform.js';

type Transform = typeof transformForProfiling;

const require = createRequire(import.meta.url);
/** linecount's own files (the bundle mentions `@profile`) are never instrumented. */
const OWN_DIR = fileURLToPath(new URL('../../', import.meta.url));
let transform: Transform | undefined;

/**
 * `transformForProfiling` from the bundled transform (dist/hooks/transform.cjs), loaded
 * on the first file that may have a pragma, so programs pay for Babel only when used.
 */
export function transformIfMarked(
  source: string,
  filename: string,
  format: ModuleFormat,
  options: TransformOptions,
): string | undefined {
  if (!PRAGMA_HINT.test(source) || filename.startsWith(OWN_DIR)) return undefined;
  transform ??= (require('./transform.cjs') as { transformForProfiling: Transform }).transformForProfiling;
  return transform(source, filename, format, options);
}
