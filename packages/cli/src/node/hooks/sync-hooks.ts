import { readFileSync, realpathSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { mayInstrument, transformIfMarked } from './load-transform.js';
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
let resolveRegistered = false;

/**
 * tsx's in-thread hooks, created when a file first needs them (issue #12): its ESM API's
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
    captured = hooks as SyncHooks;
    return { deregister: () => undefined };
  };
  try {
    (createRequire(import.meta.url)('tsx/esm/api') as { register(): unknown }).register();
  } finally {
    holder.registerHooks = registerHooks;
  }
  // A Node whose hooks tsx does not trust took tsx's `module.register` path: tsx's own thread compiles.
  tsxHooks = captured ?? { resolve: (specifier, context, next) => next(specifier, context), load: (url, context, next) => next(url, context) };
  return tsxHooks;
}

/**
 * Registers our resolve hook, which hands TypeScript specifiers and the imports of
 * TypeScript parents to tsx, with the first TypeScript file (or now if the entry is
 * one): until a process loads TypeScript, resolution is Node's alone, and so are its
 * errors (no hook frames). tsx itself is loaded at the first resolution it has to make
 * (issue #12): a profiled TypeScript entry that the transform compiles and that imports
 * only builtins never loads it. The entry's own path, which Node has resolved already
 * (the transform compiles it), goes to tsx only once tsx is loaded.
 * @param jsx `.jsx` goes through tsx too.
 * @param entry The process's entry script (`process.argv[1]`).
 */
function registerTypeScriptResolve(jsx: boolean, entry: string | undefined): void {
  if (resolveRegistered) return;
  resolveRegistered = true;
  (Module as unknown as { registerHooks: RegisterHooks }).registerHooks({
    resolve(specifier, context, nextResolve) {
      const typescript = needsTsx(context.parentURL, jsx) || needsTsx(specifier, jsx);
      if (!typescript || Module.isBuiltin(specifier)) return nextResolve(specifier, context);
      if (!tsxHooks && context.parentURL === undefined && isEntry(specifier, entry)) return nextResolve(specifier, context);
      return tsxSyncHooks().resolve(specifier, context, nextResolve);
    },
  });
}

/** Whether `specifier`, resolved with no parent, is the entry script (its path or `file:` URL, maybe its real path). */
function isEntry(specifier: string, entry: string | undefined): boolean {
  if (entry === undefined) return false;
  const file = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier;
  if (file === entry) return true;
  try {
    return file === realpathSync(entry);
  } catch {
    return false;
  }
}

/**
 * Registers the in-thread hooks with `module.registerHooks` (Node ≥ 22.15), for `import`
 * and `require`: TypeScript is resolved and compiled by tsx (loaded when a file first
 * needs it), other modules by Node as without linecount; ES modules with `// @profile`
 * functions (or `-p` targets) are instrumented, TypeScript ones compiled once, by the
 * transform.
 * @param options The transform's options.
 * @param entry The process's entry script (`process.argv[1]`).
 */
export function installSyncHooks(options: TransformOptions, entry: string | undefined): void {
  const jsx = options.jsx === true;
  (Module as unknown as { registerHooks: RegisterHooks }).registerHooks({ load: createLoad(options, entry) });
  if (!needsTsx(entry, jsx)) return;
  registerTypeScriptResolve(jsx, entry);
  // An entry that tsx compiles is resolved by tsx too, as under `tsx`.
  if (!mayInstrumentEntry(entry!, options)) tsxSyncHooks();
}

/** Whether the transform may compile the entry script: if not, tsx does. */
function mayInstrumentEntry(entry: string, options: TransformOptions): boolean {
  try {
    return mayInstrument(readFileSync(entry, 'utf8'), entry, options);
  } catch {
    return false;
  }
}

function createLoad(options: TransformOptions, entry: string | undefined): LoadHookSync {
  const jsx = options.jsx === true;
  return (url, context, nextLoad) => {
    if (!url.startsWith('file:')) return nextLoad(url, context);
    const filename = fileURLToPath(url);
    const typescript = needsTsx(url, jsx);
    // tsx resolves the imports of TypeScript files, even of those compiled here.
    if (typescript) registerTypeScriptResolve(jsx, entry);
    const predicted = typescript ? moduleFormatOf(filename) : undefined;
    if (predicted === 'module') {
      const code = transformIfMarked(readFileSync(filename, 'utf8'), filename, 'module', options);
      if (code !== undefined) return { format: 'module', source: code, shortCircuit: true };
    }
    const tsx = typescript ? tsxSyncHooks() : undefined;
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
