import path from 'node:path';
import { transformSync, type Loader, type TsconfigRaw } from 'esbuild';
import { getTsconfig, type Cache } from 'get-tsconfig';
import { InstrumentError, instrument } from '@linecount/instrumenter';

/** Options of {@link transformForProfiling}. */
export interface TransformOptions {
  awaitTime: boolean;
}

/** Module format as Node's loader names it. */
export type ModuleFormat = 'module' | 'commonjs';

const ESBUILD_LOADERS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.jsx': 'jsx',
};

const tsconfigCache: Cache = new Map();

/** The compiler options of the nearest tsconfig.json (with `extends`), as tsx reads them. */
function tsconfigFor(filename: string): TsconfigRaw | undefined {
  const found = getTsconfig(path.dirname(filename), 'tsconfig.json', tsconfigCache);
  return found ? ({ compilerOptions: found.config.compilerOptions ?? {} } as TsconfigRaw) : undefined;
}

function inlineMap(map: object): string {
  return `\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
}

function warnUninstrumented(filename: string, error: InstrumentError): void {
  const where = error.line === undefined ? filename : `${filename}:${error.line}:${error.column}`;
  process.stderr.write(`linecount: warning: ${where}: ${error.message}; running it uninstrumented\n`);
}

/**
 * Instruments the marked functions of a file about to be loaded and compiles TS/JSX
 * with esbuild and the nearest tsconfig.json, as tsx does. Returns undefined when the file has nothing to profile
 * or cannot be instrumented (then it runs as is, with a warning: SPEC §9).
 */
export function transformForProfiling(
  source: string,
  filename: string,
  format: ModuleFormat,
  options: TransformOptions,
): string | undefined {
  let result;
  try {
    result = instrument(source, { filename, awaitTime: options.awaitTime });
  } catch (error) {
    if (error instanceof InstrumentError) {
      warnUninstrumented(filename, error);
      return undefined;
    }
    throw error;
  }
  if (result.functions.length === 0) return undefined;
  const loader = ESBUILD_LOADERS[path.extname(filename).toLowerCase()];
  if (!loader) return result.code + (result.map ? inlineMap(result.map) : '');
  // retainLines keeps the instrumented code on the original lines, so esbuild's map
  // (to the instrumented code) also points at the original lines.
  return transformSync(result.code, {
    loader,
    format: format === 'commonjs' ? 'cjs' : 'esm',
    sourcefile: filename,
    sourcemap: 'inline',
    sourcesContent: false,
    tsconfigRaw: tsconfigFor(filename),
  }).code;
}
