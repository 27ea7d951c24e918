import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { transformIfMarked } from './load-transform.js';
import { moduleFormatOf, needsTsx } from './module-kind.js';
import type { ModuleFormat, TransformOptions } from './transform-inputs.js';
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

type RegisterHooks = (hooks: Partial<SyncHooks>) => unknown;

let tsxHooks: SyncHooks | undefined;

/**
 * tsx's in-thread hooks, created on the first TypeScript file (issue #12): its ESM API's
 * `register()` is run with `module.registerHooks` intercepted, so that its hooks are
 * only called by ours, for the files that need tsx. Its `require` side is installed
 * first: tsx's hooks leave `require` to it. Our resolve hook, which hands TypeScript
 * specifiers and parents to tsx, is registered then too: until a process loads
 * TypeScript, resolution is Node's alone, and so are its errors (no hook frames).
 * @param jsx `.jsx` goes through tsx too.
 */
function tsxSyncHooks(jsx: boolean): SyncHooks {
  if (tsxHooks) return tsxHooks;
  tsxRequireHandler();
  const holder = Module as unknown as { registerHooks: RegisterHooks };
  const registerHooks = holder.registerHooks;
  let captured: SyncHooks | undefined;
  holder.registerHooks = (hooks) => {
    captured = hooks as SyncHooks;
    return { deregister: () => undefined };
  };
  try {
    (createRequire(import.meta.url)('tsx/esm/api') as { register(): unknown }).register();
  } finally {
    holder.registerHooks = registerHooks;
  }
  // A Node whose hooks tsx does not trust took tsx's `module.register` path: tsx's own thread compiles.
  const hooks = captured ?? { resolve: (specifier, context, next) => next(specifier, context), load: (url, context, next) => next(url, context) };
  tsxHooks = hooks;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (needsTsx(context.parentURL, jsx) || needsTsx(specifier, jsx)) return hooks.resolve(specifier, context, nextResolve);
      return nextResolve(specifier, context);
    },
  });
  return hooks;
}

/**
 * Registers the in-thread hooks with `module.registerHooks` (Node ≥ 22.15), for `import`
 * and `require`: TypeScript is resolved and compiled by tsx (loaded on the first such
 * file, or now if the entry is one), other modules by Node as without linecount; ES
 * modules with `// @profile` functions (or `-p` targets) are instrumented, TypeScript
 * ones compiled once, by the transform.
 * @param options The transform's options.
 * @param entry The process's entry script (`process.argv[1]`).
 */
export function installSyncHooks(options: TransformOptions, entry: string | undefined): void {
  const jsx = options.jsx === true;
  (Module as unknown as { registerHooks: RegisterHooks }).registerHooks({ load: createLoad(options) });
  if (needsTsx(entry, jsx)) tsxSyncHooks(jsx);
}

function createLoad(options: TransformOptions): LoadHookSync {
  const jsx = options.jsx === true;
  return (url, context, nextLoad) => {
    if (!url.startsWith('file:')) return nextLoad(url, context);
    const filename = fileURLToPath(url);
    const typescript = needsTsx(url, jsx);
    // tsx resolves the imports of TypeScript files, even of those compiled here.
    const tsx = typescript ? tsxSyncHooks(jsx) : undefined;
    const predicted = typescript ? moduleFormatOf(filename) : undefined;
    if (predicted === 'module') {
      const code = transformIfMarked(readFileSync(filename, 'utf8'), filename, 'module', options);
      if (code !== undefined) return { format: 'module', source: code, shortCircuit: true };
    }
    const loaded = tsx ? tsx.load(url, context, nextLoad) : nextLoad(url, context);
    const { format } = loaded;
    // JavaScript CommonJS is instrumented by the `require` hook (cjs-hook.ts): CommonJS source
    // returned here would run in the ESM loader's CommonJS shim, without `require.extensions`.
    // tsx's output is, unless it was an ES module checked above (tsx detects ES syntax too).
    const ours = typescript ? loaded.source != null && (format === 'commonjs' || predicted !== 'module') : format === 'module';
    if (!ours) return loaded;
    const code = transformIfMarked(readFileSync(filename, 'utf8'), filename, format as ModuleFormat, options);
    return code === undefined ? loaded : { format, source: code, shortCircuit: true };
  };
}
