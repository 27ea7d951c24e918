import path from 'node:path';
import { transformSync, type Loader } from 'esbuild';
import { describeInstrumentFailure, instrument } from '@linecount/instrumenter';
import { isProfTarget, type ProfTargets } from '../prof-target-set.js';
import { writeAll } from '../write-all.js';
import { coverageTool } from './coverage-tool.js';
import { readInputMap, type InputSourceMap } from './input-map.js';
import { inlineMap } from './inline-map.js';
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

function warnUninstrumented(filename: string, error: unknown): void {
  writeAll(2, `linecount: warning: ${describeInstrumentFailure(filename, error)}; running it uninstrumented\n`);
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

/** Files whose last transform failed or noted something (read once by {@link transformForProfiling}). */
const failed = new Set<string>();

/**
 * The file's own source map: the file is reported in its original sources, whose texts
 * the map may be the only one to carry (a package that ships its maps, not its src/). A
 * note, like a warning, comes again on every run: the output is not cached.
 */
function originalMapOf(source: string, filename: string): InputSourceMap | undefined {
  const found = readInputMap(source, filename);
  if (!found || 'map' in found) return found?.map;
  writeAll(2, found.note);
  failed.add(filename);
  return undefined;
}

function compileForProfiling(source: string, filename: string, format: ModuleFormat, options: TransformOptions): string | undefined {
  let result;
  try {
    const all = isProfTarget(filename, options.profMod);
    const topLevel = options.profMod?.modules.includes(filename) ?? false;
    const inputSourceMap = originalMapOf(source, filename);
    // The profiled lines as loaded go into the results (`sources`): `linecount diff`
    // matches lines by what ran, not by what the file holds later (issue 17).
    result = instrument(source, {
      filename,
      awaitTime: options.awaitTime,
      all,
      topLevel,
      inputSourceMap,
      embedSource: true,
      coverage: coverageTool(),
    });
  } catch (error) {
    warnUninstrumented(filename, error);
    failed.add(filename);
    return undefined;
  }
  if (result.functions.length === 0) return undefined;
  const instrumented = result.code + (result.map ? inlineMap(result.map, result.code) : '');
  const loader = ESBUILD_LOADERS[path.extname(filename).toLowerCase()];
  if (!loader) return instrumented;
  // esbuild composes the inline map of its input (ours: probes moved the columns, issue
  // #12 item 9) with its own, so stacks point at the original positions.
  return transformSync(instrumented, {
    loader,
    format: format === 'commonjs' ? 'cjs' : 'esm',
    sourcefile: filename,
    sourcemap: 'inline',
    sourcesContent: false,
    tsconfigRaw: tsconfigFor(filename),
  }).code;
}
