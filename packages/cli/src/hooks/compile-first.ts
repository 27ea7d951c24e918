import { TraceMap, originalPositionFor, type EncodedSourceMap } from '@jridgewell/trace-mapping';
import { transformSync, type Loader } from 'esbuild';
import { functionSpans, instrument, type FunctionSpan, type InstrumentOptions } from '@linecount/instrumenter';
import { tsconfigFor } from './tsconfig.js';

/** Module format as Node's loader names it. */
export type ModuleFormat = 'module' | 'commonjs';

/**
 * esbuild options of tsx's own transform (tsx 4; for CommonJS also its banner and
 * footer, {@link tsxWrapper}), so that a profiled TS file compiles to the code tsx makes
 * of it, and coverage tools see the same program (issue 12, item 4).
 */
export const TSX_OPTIONS = { target: `node${process.versions.node}`, keepNames: true, minifyWhitespace: true } as const;

/** The format, banner and footer of tsx's transform for a module of `format`. */
export function tsxWrapper(filename: string, format: ModuleFormat): { format: 'cjs' | 'esm'; banner?: string; footer?: string } {
  return format === 'commonjs' ? { format: 'cjs', banner: `__filename=${JSON.stringify(filename)};(()=>{`, footer: '})()' } : { format: 'esm' };
}

/** The instrumented code and its map to the original source. */
export interface CompiledFirst {
  code: string;
  map: EncodedSourceMap;
}

/** Name and listing line of the innermost span around a position (spans in source order), if it is profiled. */
function listedAt(spans: readonly FunctionSpan[], line: number, column: number): FunctionSpan['listed'] {
  const after = (a: FunctionSpan['start'], b: FunctionSpan['start']): boolean => a.line > b.line || (a.line === b.line && a.column >= b.column);
  const around = spans.filter((span) => after({ line, column }, span.start) && !after({ line, column }, span.end));
  return around.at(-1)?.listed;
}

/**
 * Under nyc, a TS/JSX file is compiled first, as tsx compiles it, and its JavaScript is
 * instrumented with esbuild's map as input map: the probes' istanbul hints are where
 * nyc reads them (esbuild drops the comments inside expressions it compiles), and the
 * rest is the code nyc sees with tsx. The marks are read in the original (the comments
 * are gone from the JavaScript), each function of the output profiled when the
 * innermost function around the original position of its start is. tsx's CommonJS
 * wrapper is added after instrumenting, as one line before the code: top-level code
 * stays top-level for `-p`. No result when nothing is profiled.
 */
export function compileThenInstrument(source: string, filename: string, format: ModuleFormat, loader: Loader, options: InstrumentOptions): CompiledFirst | undefined {
  const spans = functionSpans(source, filename, options.all ?? false);
  if (!options.topLevel && spans.every((span) => span.listed === undefined)) return undefined;
  const { banner, footer, ...wrapper } = tsxWrapper(filename, format);
  const compiled = transformSync(source, {
    ...TSX_OPTIONS,
    ...wrapper,
    loader,
    sourcefile: filename,
    sourcemap: 'external',
    sourcesContent: true,
    tsconfigRaw: tsconfigFor(filename),
  });
  const inputSourceMap = JSON.parse(compiled.map) as EncodedSourceMap;
  const trace = new TraceMap(inputSourceMap);
  const select = ({ line, column }: { line: number; column: number }): FunctionSpan['listed'] => {
    const original = originalPositionFor(trace, { line, column });
    return original.line === null ? undefined : listedAt(spans, original.line, original.column);
  };
  const result = instrument(compiled.code, { ...options, filename: `${filename}.${format === 'module' ? 'mjs' : 'cjs'}`, inputSourceMap, select });
  if (result.functions.length === 0 || !result.map) return undefined;
  const map = result.map as EncodedSourceMap;
  if (banner === undefined) return { code: result.code, map };
  const newline = result.code.endsWith('\n') ? '' : '\n';
  return { code: `${banner}\n${result.code}${newline}${footer}\n`, map: { ...map, mappings: `;${map.mappings}` } };
}
