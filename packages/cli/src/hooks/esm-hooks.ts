import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LoadHook } from 'node:module';
import { transformForProfiling, type TransformOptions } from './transform.js';

let options: TransformOptions = { awaitTime: true };

/** Receives the options from `module.register(…, { data })`. */
export function initialize(data: TransformOptions | undefined): void {
  if (data) options = data;
}

/**
 * Instruments ES modules with `// @profile` functions; CommonJS is left to the CJS hook,
 * everything else (and TS compilation of unmarked files) to tsx and Node.
 */
export const load: LoadHook = async (url, context, nextLoad) => {
  const loaded = await nextLoad(url, context);
  if (!url.startsWith('file:') || loaded.format !== 'module') return loaded;
  const filename = fileURLToPath(url);
  const source = await readFile(filename, 'utf8');
  const code = transformForProfiling(source, filename, 'module', options);
  return code === undefined ? loaded : { format: 'module', source: code, shortCircuit: true };
};
