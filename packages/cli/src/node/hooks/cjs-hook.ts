import { readFileSync } from 'node:fs';
import type Module from 'node:module';
import path from 'node:path';
import { TYPESCRIPT_EXTENSIONS } from '../../session/constants.js';
import { reserveHookFrames } from './hook-frames.js';
import { transformIfMarked } from './load-transform.js';
import type { TransformOptions } from './transform-inputs.js';
import { needsTsx } from './module-kind.js';
import { requireExtensions, resolveTypeScriptRequests, tsxRequireHandler, type ExtensionHandler } from './tsx-require.js';

type Compile = (code: string, filename: string, ...rest: unknown[]) => unknown;
type CompilableModule = Module & { _compile: Compile };

/** A dynamic `import(` in a file's text: it may load ES modules (or TypeScript) through Node's ES module loader. */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** Extensions Node's resolver tries for an extensionless `require` once they are handled, as with tsx. */
const RESOLVED_EXTENSIONS = ['.ts', '.tsx', '.jsx'];

/**
 * Makes the module's next `_compile` compile `code` in place of the text it is given, so
 * that the hook before ours (Node's `Module._extensions..js`) loads the instrumented
 * code: the module's top-level code runs under the same frames as without linecount,
 * and stacks only lose linecount's own frames (original-stacks.ts); what Node checks
 * before compiling a file still applies. Returns what undoes it if it was not called.
 */
function substituteCode(module: CompilableModule, code: string): () => void {
  const own = Object.hasOwn(module, '_compile');
  const compile = module._compile;
  const restore = (): void => {
    if (own) module._compile = compile;
    else delete (module as Partial<CompilableModule>)._compile;
  };
  module._compile = function compileInstrumented(this: CompilableModule, _source, name, ...rest) {
    restore();
    return compile.call(this, code, name, ...rest);
  };
  return restore;
}

/**
 * Wraps `Module._extensions` so that `require()`d files with `// @profile` functions (or
 * `-p` targets) are instrumented; other JavaScript goes to the previous handler (Node's,
 * or another tool's hook) as it is, TypeScript (and `.jsx` when `options.jsx`) to tsx,
 * loaded on the first such file (issue #12). Extensions Node does not know are added
 * non-enumerable, except those tsx adds (`.ts`, `.tsx`, `.jsx` when wanted), so that
 * Node's resolver does not try `.cjs` or `.cts` for extensionless requests.
 * @param options The transform's options.
 * @param onDynamicImport Called before a file with an `import(` runs (Node 20 starts the
 *   ES module hooks then, see install-hooks.ts).
 */
export function installCjsHook(options: TransformOptions, onDynamicImport?: () => void): void {
  const extensions = requireExtensions();
  const javascript = extensions['.js']!;
  const typescript: ExtensionHandler = (module, filename) => tsxRequireHandler()(module, filename);
  for (const ext of ['.js', '.cjs', ...TYPESCRIPT_EXTENSIONS, ...(options.jsx ? ['.jsx'] : [])]) {
    const tsx = ext !== '.js' && ext !== '.cjs';
    // Called as a method of an object holding it under `ext`, as Node calls it: stack traces
    // name Node's frame as without linecount (`Object..js`).
    const previous: Record<string, ExtensionHandler> = { [ext]: tsx ? typescript : (extensions[ext] ?? javascript) };
    const handler: ExtensionHandler = (module, filename) => {
      // tsx's resolver maps the file's own imports (`./b.js` to `./b.ts`, tsconfig `paths`).
      if (tsx) resolveTypeScriptRequests((parent) => needsTsx(parent, options.jsx === true));
      const source = readFileSync(filename, 'utf8');
      if (onDynamicImport && DYNAMIC_IMPORT.test(source)) onDynamicImport();
      const code = transformIfMarked(source, path.resolve(filename), 'commonjs', options);
      // The module's top-level code runs under this frame and `compileInstrumented`'s or
      // `typescript`'s, if called (no helper function in between: its frame would count).
      const substituted = code !== undefined && !tsx;
      const release = reserveHookFrames(substituted || (tsx && code === undefined) ? 2 : 1);
      const restore = substituted ? substituteCode(module as CompilableModule, code) : undefined;
      try {
        if (code === undefined || substituted) previous[ext]!(module, filename);
        else (module as CompilableModule)._compile(code, filename);
      } finally {
        restore?.();
        release();
      }
    };
    const descriptor = Object.getOwnPropertyDescriptor(extensions, ext);
    // An accessor is another tool's (append-transform: nyc), which wraps what is assigned
    // to run its transform last: assigned, not replaced, so it still sees our output.
    if (descriptor?.set) {
      extensions[ext] = handler;
      continue;
    }
    const enumerable = descriptor?.enumerable ?? RESOLVED_EXTENSIONS.includes(ext);
    Object.defineProperty(extensions, ext, { value: handler, writable: true, configurable: true, enumerable });
  }
}
