import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LoadHook } from 'node:module';
import { transformIfMarked } from './load-transform.js';
import type { TransformOptions } from './transform.js';

let options: TransformOptions = { awaitTime: true };

/** Receives the options from `module.register(…, { data })`. */
export function initialize(data: TransformOptions | undefined): void {
  if (data) options = data;
}

/**
 * Instruments modules with `// @profile` functions. CommonJS that Node will load itself
 * (no source from tsx) is left to the CJS hook; everything else, and the compilation of
 * unmarked files, to tsx and Node.
 */
export const load: LoadHook = async (url, context, nextLoad) => {
  const loaded = await nextLoad(url, context);
  const { format } = loaded;
  const ours = format === 'module' || (format === 'commonjs' && loaded.source != null);
  if (!url.startsWith('file:') || !ours) return loaded;
  const filename = fileURLToPath(url);
  const code = transformIfMarked(await readFile(filename, 'utf8'), filename, format, options);
  return code === undefined ? loaded : { format, source: code, shortCircuit: true };
};
