import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TraceMap, originalPositionFor, type EncodedSourceMap } from '@jridgewell/trace-mapping';
import { transformSync, type TransformOptions as EsbuildOptions } from 'esbuild';
import { functionSpans, instrument, type FunctionSpan, type InstrumentOptions } from '@linecount/instrumenter';
import type { TransformInputs } from './transform-inputs.js';
import { tsconfigFor } from './tsconfig.js';

/**
 * `import.meta` of an ES module that runs as CommonJS (a `.mts` entry on Node 20, which
 * loads it with `require`), as tsx defines it: its URL, and its file name and directory
 * where Node has them (≥ 20.11). Unused, the definition changes nothing in the output.
 */
function importMeta(filename: string): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const paths = major > 20 || (major === 20 && minor >= 11) ? { dirname: path.dirname(filename), filename } : {};
  return JSON.stringify({ ...paths, url: pathToFileURL(filename).href });
}

/**
 * esbuild's options of tsx's own transform (tsx 4) for a file: for CommonJS also its
 * banner, footer and platform (esbuild then ends an ES module compiled to CommonJS with
 * the `0&&(module.exports={…})` that tells Node's cjs-module-lexer its exports), so that
 * a profiled TS file compiles to the code tsx makes of it, and coverage tools see the
 * same program (issue 12, item 4).
 */
export function tsxOptions(inputs: TransformInputs): EsbuildOptions & { banner?: string; footer?: string } {
  const common: EsbuildOptions = {
    target: inputs.target ?? undefined,
    keepNames: true,
    minifyWhitespace: true,
    loader: inputs.loader ?? undefined,
    sourcefile: inputs.filename,
    tsconfigRaw: inputs.loader ? tsconfigFor(inputs.filename) : undefined,
  };
  if (inputs.format === 'module') return { ...common, format: 'esm' };
  const cjs = { ...common, format: 'cjs', banner: `__filename=${JSON.stringify(inputs.filename)};(()=>{`, footer: '})()', platform: 'node' } as const;
  return /\.c[jt]s$/.test(inputs.filename) ? cjs : { ...cjs, define: { 'import.meta': importMeta(inputs.filename) } };
}

/** The instrumented code and its map to the original source. */
export interface CompiledFirst {
  code: string;
  map: EncodedSourceMap;
}

/** The innermost span around a position (spans in source order). */
function spanAt(spans: readonly FunctionSpan[], line: number, column: number): FunctionSpan | undefined {
  const after = (a: FunctionSpan['start'], b: FunctionSpan['start']): boolean => a.line > b.line || (a.line === b.line && a.column >= b.column);
  return spans.filter((span) => after({ line, column }, span.start) && !after({ line, column }, span.end)).at(-1);
}

/**
 * Name and listing line of the profiled function whose compiled form starts at a
 * position: the innermost original function around the position its start maps to, the
 * first function of the output to map there (an outer one comes first; one esbuild makes
 * inside it, such as an `enum`'s, is not that function).
 */
function selector(map: EncodedSourceMap, spans: readonly FunctionSpan[]): NonNullable<InstrumentOptions['select']> {
  const trace = new TraceMap(map);
  const claimed = new Set<FunctionSpan>();
  return ({ line, column }) => {
    const original = originalPositionFor(trace, { line, column });
    const span = original.line === null ? undefined : spanAt(spans, original.line, original.column);
    if (!span || claimed.has(span)) return undefined;
    claimed.add(span);
    return span.listed;
  };
}

/**
 * Under nyc, a TS/JSX file is compiled first, as tsx compiles it, and its JavaScript is
 * instrumented with esbuild's map as input map: the probes' istanbul hints are where
 * nyc reads them (esbuild drops the comments inside expressions it compiles), and the
 * rest is the code nyc sees with tsx. The marks are read in the original (the comments
 * are gone from the JavaScript): see {@link selector}. tsx's CommonJS wrapper is added
 * after instrumenting, as one line before the code: top-level code stays top-level for
 * `-p`. No result when nothing is profiled.
 */
export function compileThenInstrument(source: string, inputs: TransformInputs, options: InstrumentOptions): CompiledFirst | undefined {
  const spans = functionSpans(source, inputs.filename, inputs.all);
  if (!inputs.topLevel && spans.every((span) => span.listed === undefined)) return undefined;
  const { banner, footer, ...esbuildOptions } = tsxOptions(inputs);
  const compiled = transformSync(source, { ...esbuildOptions, sourcemap: 'external', sourcesContent: true });
  const inputSourceMap = JSON.parse(compiled.map) as EncodedSourceMap;
  const select = selector(inputSourceMap, spans);
  const result = instrument(compiled.code, { ...options, filename: `${inputs.filename}.${inputs.format === 'module' ? 'mjs' : 'cjs'}`, inputSourceMap, select });
  if (result.functions.length === 0 || !result.map) return undefined;
  const map = result.map as EncodedSourceMap;
  if (banner === undefined) return { code: result.code, map };
  const newline = result.code.endsWith('\n') ? '' : '\n';
  return { code: `${banner}\n${result.code}${newline}${footer}\n`, map: { ...map, mappings: `;${map.mappings}` } };
}
