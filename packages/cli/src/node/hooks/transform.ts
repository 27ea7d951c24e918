import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import { transformSync } from 'esbuild';
import { composeMaps, describeInstrumentFailure, instrument, type InstrumentOptions, type InstrumentResult } from '@linecount/instrumenter';
import { note, warn } from '../../session/diagnostics.js';
import { instrumentOptions } from '../../session/settings.js';
import { compileThenInstrument, tsxOptions } from './compile-first.js';
import { readInputMap, type InputSourceMap } from './input-map.js';
import { inlineMap } from './inline-map.js';
import type { TransformInputs } from './transform-inputs.js';

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
 * SPEC §9); such a file, or one with a note about its source map, is not cacheable: its
 * message comes again on every run.
 * @param inputs Every setting the output depends on (the cache key hashes them all).
 */
export function transformForProfiling(source: string, inputs: TransformInputs): TransformOutput {
  let noted: boolean;
  let instrumented: Instrumented | undefined;
  try {
    const found = readInputMap(source, inputs.filename);
    noted = found !== undefined && !('map' in found);
    if (found && !('map' in found)) note(found.note);
    instrumented = instrumentFile(source, inputs, found && 'map' in found ? found.map : undefined);
  } catch (error) {
    warn(`${describeInstrumentFailure(inputs.filename, error)}; running it uninstrumented`);
    return { code: undefined, cacheable: false };
  }
  if (typeof instrumented !== 'object') return { code: instrumented, cacheable: !noted };
  return { code: compileInstrumented(instrumented, inputs), cacheable: !noted };
}

/** Instrumented TS/JSX that esbuild compiles next; a string is the final code. */
type Instrumented = string | InstrumentResult;

/** The file's instrumented code (undefined: nothing to profile); throws what the instrumenter throws. */
function instrumentFile(source: string, inputs: TransformInputs, inputSourceMap: InputSourceMap | undefined): Instrumented | undefined {
  const instrumentOptions = optionsFor(inputs, inputSourceMap);
  if (inputs.loader && !inputSourceMap && inputs.coverage === 'istanbul') {
    const first = compileThenInstrument(source, inputs, instrumentOptions);
    return first && first.code + inlineMap(first.map, first.code, true);
  }
  const result = instrument(source, { ...instrumentOptions, detachTail: instrumentOptions.compiledAfter });
  if (result.functions.length === 0) return undefined;
  if (!inputs.loader) return result.code + (result.map ? inlineMap(result.map, result.code) : '');
  return result;
}

/**
 * The instrumenter's options for a file. The profiled lines as loaded go into the
 * results (`sources`): `linecount diff` matches lines by what ran, not by what the file
 * holds later (issue 17).
 */
function optionsFor(inputs: TransformInputs, inputSourceMap: InputSourceMap | undefined): InstrumentOptions {
  return {
    filename: inputs.filename,
    ...instrumentOptions(inputs.settings),
    all: inputs.all,
    topLevel: inputs.topLevel,
    inputSourceMap,
    embedSource: true,
    coverage: inputs.coverage ?? undefined,
    compiledAfter: inputs.loader !== null,
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
function compileInstrumented({ code, map, tail }: InstrumentResult, inputs: TransformInputs): string {
  const { footer: wrapperFooter, ...esbuildOptions } = tsxOptions(inputs);
  const footer = [tail, wrapperFooter].filter((part) => part !== undefined).join('\n');
  const compiled = transformSync(code, { ...esbuildOptions, ...(footer && { footer }), sourcemap: 'external', sourcesContent: false });
  return compiled.code + inlineMap(map ? composeMaps(compiled.map, map as EncodedSourceMap) : (JSON.parse(compiled.map) as EncodedSourceMap), compiled.code, true);
}
