import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { transformIfMarked } from './load-transform.js';
import { moduleFormatOf, needsTsx } from './module-kind.js';
import type { ModuleFormat, TransformOptions } from './transform.js';
import { tsxRequireHandler } from './tsx-require.js';

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | NodeJS.TypedArray | null;
  shortCircuit?: boolean;
}

interface ResolveContext {
  parentURL?: string;
}

interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}

/** `module.registerHooks`' load hook (Node ≥ 22.15; @types/node 20 lacks it). */
export type LoadHookSync = (url: string, context: object, nextLoad: (url: string, context?: object) => LoadResult) => LoadResult;

/** `module.registerHooks`' resolve hook. */
export type ResolveHookSync = (
  specifier: string,
  context: ResolveContext,
  nextResolve: (specifier: string, context?: ResolveContext) => ResolveResult,
) => ResolveResult;

/** The hooks `module.registerHooks` takes. */
export interface SyncHooks {
  resolve: ResolveHookSync;
  load: LoadHookSync;
}

type RegisterHooks = (hooks: SyncHooks) => unknown;

const require = createRequire(import.meta.url);
let tsxHooks: SyncHooks | undefined;

/**
 * tsx's in-thread hooks, created on the first TypeScript file (issue #12): its ESM API's
 * `register()` is run with `module.registerHooks` intercepted, so that its hooks are
 * only called by ours, for the files that need tsx. Its `require` side is installed
 * first: tsx's hooks leave `require` to it.
 */
function tsxSyncHooks(): SyncHooks {
  if (tsxHooks) return tsxHooks;
  tsxRequireHandler();
  const holder = Module as unknown as { registerHooks: RegisterHooks };
  const registerHooks = holder.registerHooks;
  let captured: SyncHooks | undefined;
  holder.registerHooks = (hooks) => {
    captured = hooks;
    return { deregister: () => undefined };
  };
  try {
    (require('tsx/esm/api') as { register(): unknown }).register();
  } finally {
    holder.registerHooks = registerHooks;
  }
  // A Node whose hooks tsx does not trust took tsx's `module.register` path: tsx's own thread compiles.
  tsxHooks = captured ?? { resolve: (specifier, context, next) => next(specifier, context), load: (url, context, next) => next(url, context) };
  return tsxHooks;
}

/**
 * The in-thread hooks for `module.registerHooks` (Node ≥ 22.15), for `import` and
 * `require`: TypeScript is resolved and compiled by tsx (loaded on the first such file),
 * other modules by Node as without linecount; ES modules with `// @profile` functions
 * (or `-p` targets) are instrumented, TypeScript ones compiled once, by the transform.
 */
export function createSyncHooks(options: TransformOptions): SyncHooks {
  const jsx = options.jsx === true;
  return {
    resolve(specifier, context, nextResolve) {
      if (needsTsx(context.parentURL, jsx) || needsTsx(specifier, jsx)) return tsxSyncHooks().resolve(specifier, context, nextResolve);
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (!url.startsWith('file:')) return nextLoad(url, context);
      const filename = fileURLToPath(url);
      const typescript = needsTsx(url, jsx);
      if (typescript && moduleFormatOf(filename) === 'module') {
        const code = transformIfMarked(readFileSync(filename, 'utf8'), filename, 'module', options);
        if (code !== undefined) return { format: 'module', source: code, shortCircuit: true };
      }
      const loaded = typescript ? tsxSyncHooks().load(url, context, nextLoad) : nextLoad(url, context);
      const { format } = loaded;
      // JavaScript CommonJS is instrumented by the `require` hook (cjs-hook.ts): CommonJS source
      // returned here would run in the ESM loader's CommonJS shim, without `require.extensions`.
      const ours = typescript ? format === 'commonjs' && loaded.source != null : format === 'module';
      if (!ours) return loaded;
      const code = transformIfMarked(readFileSync(filename, 'utf8'), filename, format as ModuleFormat, options);
      return code === undefined ? loaded : { format, source: code, shortCircuit: true };
    },
  };
}
