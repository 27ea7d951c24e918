import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { InitializeHook, LoadHook, ResolveHook } from 'node:module';
import { transformIfMarked } from './load-transform.js';
import { moduleFormatOf, needsTsx } from './module-kind.js';
import type { ModuleFormat, TransformOptions } from './transform-inputs.js';

/** tsx's loader (`tsx/esm`), as `module.register` would run it. */
interface TsxLoader {
  initialize: InitializeHook;
  resolve: ResolveHook;
  load: LoadHook;
}

/** tsx's loader module, imported by name: tsx declares no types for it. */
const TSX_LOADER = 'tsx/esm';

/** The options from `module.register(…, { data })`, which install-hooks.ts always gives. */
let options: TransformOptions;
let tsxLoader: Promise<TsxLoader> | undefined;

/** Receives the options from `module.register(…, { data })`. */
export function initialize(data: TransformOptions): void {
  options = data;
}

/** tsx's loader, imported into this hooks thread on the first TypeScript file (issue #12). */
function tsx(): Promise<TsxLoader> {
  tsxLoader ??= (import(TSX_LOADER) as Promise<TsxLoader>).then(async (loader) => {
    await loader.initialize({});
    return loader;
  });
  return tsxLoader;
}

/** TypeScript is resolved by tsx; everything else by Node, as without linecount. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const jsx = options.jsx === true;
  if (needsTsx(context.parentURL, jsx) || needsTsx(specifier, jsx)) return (await tsx()).resolve(specifier, context, nextResolve);
  return nextResolve(specifier, context);
};

/**
 * Instruments modules with `// @profile` functions (TypeScript ES modules compiled once,
 * by the transform); TypeScript is otherwise compiled by tsx, and other modules reach
 * Node as they are. CommonJS that Node will load itself (no source) is left to the
 * `require` hook (cjs-hook.ts).
 */
export const load: LoadHook = async (url, context, nextLoad) => {
  if (!url.startsWith('file:')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const typescript = needsTsx(url, options.jsx === true);
  const predicted = typescript ? moduleFormatOf(filename) : undefined;
  if (predicted === 'module') {
    const code = transformIfMarked(await readFile(filename, 'utf8'), filename, 'module', options);
    if (code !== undefined) return { format: 'module', source: code, shortCircuit: true };
  }
  const loaded = typescript ? await (await tsx()).load(url, context, nextLoad) : await nextLoad(url, context);
  const { format } = loaded;
  // tsx's output is instrumented here unless it was an ES module checked above (tsx detects ES syntax too).
  const ours = typescript ? loaded.source != null && (format === 'commonjs' || predicted !== 'module') : format === 'module' || (format === 'commonjs' && loaded.source != null);
  if (!ours) return loaded;
  const code = transformIfMarked(await readFile(filename, 'utf8'), filename, format as ModuleFormat, options);
  return code === undefined ? loaded : { format, source: code, shortCircuit: true };
};
