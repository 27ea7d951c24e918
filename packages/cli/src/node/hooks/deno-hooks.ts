import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { fileURLToPath } from 'node:url';
import { transformIfMarked } from './load-transform.js';
import { moduleFormatOf } from './module-kind.js';
import type { TransformOptions } from './transform-inputs.js';

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}
type LoadHook = (url: string, context: object, nextLoad: (url: string, context: object) => LoadResult) => LoadResult;

/** JavaScript that Deno's `module.registerHooks` load hook is called for (not TypeScript: Deno compiles it first). */
const JAVASCRIPT_URL = /^file:.*\.[cm]?js$/;

/** Whether this process is Deno. */
export function isDeno(): boolean {
  return typeof (globalThis as { Deno?: unknown }).Deno === 'object';
}

/**
 * Instruments under Deno (issue 19): Deno calls `module.registerHooks`' load hook for
 * the JavaScript files it loads (reporting no `format`), so marked files and `-p`
 * targets are given back instrumented, everything else as Deno loaded it.
 */
export function installDenoHooks(options: TransformOptions): void {
  const load: LoadHook = (url, context, nextLoad) => {
    const loaded = nextLoad(url, context);
    if (!JAVASCRIPT_URL.test(url)) return loaded;
    const filename = fileURLToPath(url);
    const format = moduleFormatOf(filename);
    // Deno gives the text it read; anything else is read again.
    const source = typeof loaded.source === 'string' ? loaded.source : readFileSync(filename, 'utf8');
    const code = transformIfMarked(source, filename, format, options);
    return code === undefined ? loaded : { format, source: code, shortCircuit: true };
  };
  (Module as unknown as { registerHooks(hooks: { load: LoadHook }): void }).registerHooks({ load });
}
