import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformIfMarked } from './load-transform.js';
import type { TransformOptions } from './transform.js';

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | NodeJS.TypedArray;
  shortCircuit?: boolean;
}

/** `module.registerHooks`' load hook (Node ≥ 22.15; @types/node 20 lacks it). */
export type LoadHookSync = (url: string, context: object, nextLoad: (url: string, context?: object) => LoadResult) => LoadResult;

/**
 * The in-thread load hook for `module.registerHooks` (Node ≥ 22.15): one hook for
 * `import` and `require`, run before tsx's, which compiles every file we leave alone.
 */
export function createSyncLoad(options: TransformOptions): LoadHookSync {
  return (url, context, nextLoad) => {
    const loaded = nextLoad(url, context);
    const { format } = loaded;
    if (!url.startsWith('file:') || (format !== 'module' && format !== 'commonjs')) return loaded;
    const filename = fileURLToPath(url);
    const code = transformIfMarked(readFileSync(filename, 'utf8'), filename, format, options);
    return code === undefined ? loaded : { format, source: code, shortCircuit: true };
  };
}
