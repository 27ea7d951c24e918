import path from 'node:path';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import { transformSync, type Loader } from 'esbuild';
import { composeMaps, describeInstrumentFailure, instrument, type InstrumentOptions, type InstrumentResult } from '@linecount/instrumenter';
import { isProfTarget, type ProfTargets } from '../prof-target-set.js';
import { writeAll } from '../write-all.js';
import { TSX_OPTIONS, compileThenInstrument, tsxWrapper, type ModuleFormat } from './compile-first.js';
import { coverageTool } from './coverage-tool.js';
import { readInputMap, type InputSourceMap } from './input-map.js';
import { inlineMap } from './inline-map.js';
import { tsconfigFor } from './tsconfig.js';

export type { ModuleFormat } from './compile-first.js';

/** Options of {@link transformForProfiling}. */
export interface TransformOptions {
  awaitTime: boolean;
  /** Sampled line times, 1 in K (SPEC §3 `--sample`); undefined: exact mode. */
  sample?: number | undefined;
  /** `-p` targets: every function of these files is profiled (SPEC §2). */
  profMod?: ProfTargets | undefined;
  /** Directory of the instrumented-output cache; none: no cache (`--no-cache`). */
  cacheDir?: string | undefined;
  /** The `-s` setup file (a real path): never instrumented, not even under `-p` or `@profile`. */
  setup?: string | undefined;
  /** `.jsx` files go through tsx in this process (module-kind.ts `wantsJsx`). */
  jsx?: boolean;
}

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
  const loader = ESBUILD_LOADERS[path.extname(filename).toLowerCase()];
  let result;
  try {
    const inputSourceMap = originalMapOf(source, filename);
    const instrumentOptions = optionsFor(filename, options, inputSourceMap, loader !== undefined);
    if (loader && !inputSourceMap && instrumentOptions.coverage === 'istanbul') {
      const first = compileThenInstrument(source, filename, format, loader, instrumentOptions);
      return first && first.code + inlineMap(first.map, first.code, true);
    }
    result = instrument(source, { ...instrumentOptions, detachTail: instrumentOptions.compiledAfter });
  } catch (error) {
    warnUninstrumented(filename, error);
    failed.add(filename);
    return undefined;
  }
  if (result.functions.length === 0) return undefined;
  if (!loader) return result.code + (result.map ? inlineMap(result.map, result.code) : '');
  return compileInstrumented(result, filename, format, loader);
}

/**
 * The instrumenter's options for `filename`. The profiled lines as loaded go into the
 * results (`sources`): `linecount diff` matches lines by what ran, not by what the file
 * holds later (issue 17).
 */
function optionsFor(filename: string, options: TransformOptions, inputSourceMap: InputSourceMap | undefined, compiledAfter: boolean): InstrumentOptions {
  return {
    filename,
    awaitTime: options.awaitTime,
    ...(options.sample !== undefined && { sample: options.sample }),
    all: isProfTarget(filename, options.profMod),
    topLevel: options.profMod?.modules.includes(filename) ?? false,
    inputSourceMap,
    embedSource: true,
    coverage: coverageTool(),
    compiledAfter,
  };
}

/**
 * Compiles instrumented TS/JSX as tsx compiles the original, with a map composed here,
 * not by esbuild from an inline map (see composeMaps): stacks point at the original
 * positions through it (issue #12, item 9), and coverage tools see what tsx shows them.
 * The preamble's function goes after what esbuild makes, on a line that maps nowhere
 * (see the instrumenter's `detachTail`): esbuild does not see it, so it names it with
 * no `__name` call of `keepNames` that c8 would count.
 */
function compileInstrumented({ code, map, tail }: InstrumentResult, filename: string, format: ModuleFormat, loader: Loader): string {
  const wrapper = tsxWrapper(filename, format);
  const footer = [tail, wrapper.footer].filter((part) => part !== undefined).join('\n');
  const compiled = transformSync(code, {
    ...TSX_OPTIONS,
    loader,
    ...wrapper,
    ...(footer && { footer }),
    sourcefile: filename,
    sourcemap: 'external',
    sourcesContent: false,
    tsconfigRaw: tsconfigFor(filename),
  });
  return compiled.code + inlineMap(map ? composeMaps(compiled.map, map as EncodedSourceMap) : (JSON.parse(compiled.map) as EncodedSourceMap), compiled.code, true);
}
