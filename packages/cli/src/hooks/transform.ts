import path from 'node:path';
import { transformSync, type Loader } from 'esbuild';
import { InstrumentError, instrument } from '@linecount/instrumenter';
import { isProfTarget, type ProfTargets } from '../prof-target-set.js';
import { tsconfigFor } from './tsconfig.js';

/** Options of {@link transformForProfiling}. */
export interface TransformOptions {
  awaitTime: boolean;
  /** `-p` targets: every function of these files is profiled (SPEC §2). */
  profMod?: ProfTargets | undefined;
  /** Directory of the instrumented-output cache; none: no cache (`--no-cache`). */
  cacheDir?: string | undefined;
  /** The `-s` setup file (a real path): never instrumented, not even under `-p` or `@profile`. */
  setup?: string | undefined;
  /** `.jsx` files go through tsx in this process (module-kind.ts `wantsJsx`). */
  jsx?: boolean;
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

function inlineMap(map: object): string {
  return `\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
}

function warnUninstrumented(filename: string, error: InstrumentError): void {
  const where = error.line === undefined ? filename : `${filename}:${error.line}:${error.column}`;
  process.stderr.write(`linecount: warning: ${where}: ${error.message}; running it uninstrumented\n`);
}

/** What {@link transformForProfiling} made of a file. */
export interface TransformOutput {
  /** The code to run; undefined: run the file as it is. */
  code: string | undefined;
  /** False when the file could not be instrumented (its warning must come again). */
  cacheable: boolean;
}

/**
 * Instruments the marked functions of a file about to be loaded and compiles TS/JSX
 * with esbuild and the nearest tsconfig.json, as tsx does. No code when the file has
 * nothing to profile or cannot be instrumented (then it runs as is, with a warning:
 * SPEC §9).
 */
export function transformForProfiling(
  source: string,
  filename: string,
  format: ModuleFormat,
  options: TransformOptions,
): TransformOutput {
  return { code: compileForProfiling(source, filename, format, options), cacheable: !failed.delete(filename) };
}

/** Files whose last transform failed (read once by {@link transformForProfiling}). */
const failed = new Set<string>();

function compileForProfiling(source: string, filename: string, format: ModuleFormat, options: TransformOptions): string | undefined {
  let result;
  try {
    const all = isProfTarget(filename, options.profMod);
    const topLevel = options.profMod?.modules.includes(filename) ?? false;
    result = instrument(source, { filename, awaitTime: options.awaitTime, all, topLevel });
  } catch (error) {
    if (error instanceof InstrumentError) {
      warnUninstrumented(filename, error);
      failed.add(filename);
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
