import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { SCRIPT_EXTENSIONS } from '../constants.js';
import { transformIfMarked } from './load-transform.js';
import type { TransformOptions } from './transform.js';

type ExtensionHandler = (module: Module, filename: string) => void;
type CompilableModule = Module & { _compile(code: string, filename: string): unknown };

/**
 * Wraps `Module._extensions` so that `require()`d files with `// @profile` functions are
 * instrumented; other files go to the previous handler (tsx's for TypeScript).
 * Call after tsx has registered.
 */
export function installCjsHook(options: TransformOptions): void {
  const extensions = (Module as unknown as { _extensions: Record<string, ExtensionHandler> })._extensions;
  for (const ext of SCRIPT_EXTENSIONS) {
    if (ext === '.mjs' || ext === '.mts') continue;
    const previous = extensions[ext] ?? extensions['.js']!;
    extensions[ext] = (module, filename) => {
      const source = readFileSync(filename, 'utf8');
      const code = transformIfMarked(source, path.resolve(filename), 'commonjs', options);
      if (code === undefined) previous(module, filename);
      else (module as CompilableModule)._compile(code, filename);
    };
  }
}
