import Module, { createRequire } from 'node:module';

/** A `Module._extensions` handler. */
export type ExtensionHandler = (module: Module, filename: string) => void;

type Extensions = Record<string, ExtensionHandler>;


/** The `Module._extensions` entries that tsx's `register()` replaces or adds. */
const TSX_EXTENSION_KEYS = ['.js', '.mjs', '.ts', '.tsx', '.jsx'];

let tsxHandler: ExtensionHandler | undefined;
let resolverWrapped = false;

type ResolveFilename = (request: string, parent: Module | undefined, ...rest: unknown[]) => string;

/** `Module._extensions`, Node's table of `require` handlers by extension. */
export function requireExtensions(): Extensions {
  return (Module as unknown as { _extensions: Extensions })._extensions;
}

/**
 * tsx's `require` compiler, installed on first use (a process that loads no TypeScript
 * never loads tsx, issue #12). tsx's `register()` puts one handler on `.js`, `.mjs`,
 * `.ts`, `.tsx` and `.jsx`, which sends plain JavaScript with `import`/`export` text to
 * esbuild and so breaks other require hooks (tap's reporters, `@babel/register`): every
 * entry is put back as it was, and the handler is only called by linecount's own entries
 * for the files that need tsx (module-kind.ts `needsTsx`). tsx's resolver stays (it maps
 * `.js` to `.ts` and applies tsconfig `paths` for TypeScript parents).
 */
export function tsxRequireHandler(): ExtensionHandler {
  if (tsxHandler) return tsxHandler;
  const extensions = requireExtensions();
  const saved = TSX_EXTENSION_KEYS.map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(extensions, key);
    return [key, descriptor, descriptor?.set ? extensions[key] : undefined] as const;
  });
  (createRequire(import.meta.url)('tsx/cjs/api') as { register(): unknown }).register();
  tsxHandler = extensions['.ts']!;
  for (const [key, descriptor, current] of saved) {
    // Another tool's accessor (append-transform: nyc) keeps a stack of handlers that tsx's
    // assignment pushed onto: assigning back the handler it returned before pops it.
    if (current) extensions[key] = current;
    else if (descriptor) Object.defineProperty(extensions, key, descriptor);
    else delete extensions[key];
  }
  return tsxHandler;
}

/**
 * Makes tsx resolve what TypeScript files `require` (`./b.js` to `./b.ts`, extensionless,
 * tsconfig `paths`), loading tsx at the first such request that is not a builtin: a
 * profiled TypeScript file compiled by the transform, with no imports, never loads it.
 * @param isTypeScript Whether a parent's file goes through tsx (module-kind.ts `needsTsx`).
 */
export function resolveTypeScriptRequests(isTypeScript: (filename: string) => boolean): void {
  if (tsxHandler || resolverWrapped) return;
  resolverWrapped = true;
  const holder = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = holder._resolveFilename;
  holder._resolveFilename = function (this: unknown, request, parent, ...rest) {
    if (!tsxHandler && parent?.filename && isTypeScript(parent.filename) && !Module.isBuiltin(request)) {
      tsxRequireHandler();
      // tsx's resolver, which calls this one back (then with tsx loaded) for Node's resolution.
      return holder._resolveFilename(request, parent, ...rest);
    }
    return original.call(this, request, parent, ...rest);
  };
}
